"""Apache Mesos with Marathon on Ubuntu virtual machines."""
