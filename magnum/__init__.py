"""magnum: container infrastructure management for OpenStack."""
