"""Validation of API requests beyond the shape of their bodies."""
