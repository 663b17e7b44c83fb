"""Cloud look-ups answered without a cloud (``[api] cloud_lookups =
offline``).

With noauth there is no token to ask Glance, Nova or Neutron with, and the
all-in-one development mode has no cloud at all. These look-ups accept
every name, and give every image the ``os_distro`` of the fake driver, so
templates and clusters validate and the fake driver builds them.
"""

OS_DISTRO = 'fake'
VOLUME_TYPE = 'offline-volume-type'


class OfflineLookups:
    """The interface of :class:`magnum.common.cloud.lookups.CloudLookups`,
    answered without a cloud.
    """

    def image(self, ident):
        """Return an image named ``ident`` with the fake os_distro."""
        return {'id': ident, 'name': ident, 'os_distro': OS_DISTRO}

    def flavor(self, ident):
        """Return a flavor named ``ident`` (2 vCPUs, 4 GiB, 20 GB)."""
        return {'id': ident, 'name': ident, 'vcpus': 2, 'ram': 4096,
                'disk': 20}

    def keypair(self, name):
        """Return a keypair named ``name``."""
        return {'name': name}

    def external_network(self, ident):
        """Return an external network named ``ident``."""
        return {'id': ident, 'name': ident, 'router:external': True}

    def fixed_network(self, ident):
        """Return a network named ``ident``."""
        return {'id': ident, 'name': ident}

    def fixed_subnet(self, ident):
        """Return a subnet named ``ident``."""
        return {'id': ident, 'name': ident}

    def volume_types(self):
        """Return the one volume type there is."""
        return [{'id': VOLUME_TYPE, 'name': VOLUME_TYPE}]

    def volume_type(self, ident):
        """Return a volume type named ``ident``."""
        return {'id': ident, 'name': ident}

    def default_volume_type(self):
        """Return the one volume type there is."""
        return self.volume_types()[0]
