"""Kubernetes on bare metal: Ironic nodes through Nova."""
