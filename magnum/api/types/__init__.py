"""wsme types of the REST API; they live here only."""
