"""Docker Swarm mode on Fedora CoreOS virtual machines."""
