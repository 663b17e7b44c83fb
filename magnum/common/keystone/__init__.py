"""Keystone for the conductor: sessions, trustee users and trusts.

``auth`` builds keystoneauth sessions (service user, trustee domain admin,
the caller, a cluster's trustee), ``identity`` makes the few Identity API
calls magnum needs, ``trusts`` gives each cluster its trustee and trust.
"""
