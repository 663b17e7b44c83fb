"""Kubernetes on Fedora CoreOS, Flatcar and CoreOS VMs, built by Heat."""
