"""An in-memory cloud for API tests, with CloudLookups' interface."""

from oslo_utils import uuidutils

from magnum.common import exception

FCOS_IMAGE = {'id': '2b1e0b0a-5d55-4b8a-9d4c-0c8f6b2b9a01',
              'name': 'fedora-coreos-latest', 'os_distro': 'fake'}
NO_DISTRO_IMAGE = {'id': '7c1a9d62-9f50-4b39-8d3e-5b0d7a3c8e02',
                   'name': 'no-os-distro-image', 'os_distro': None}


class FakeCloud:
    """What a small cloud would answer; counts the look-ups made."""

    def __init__(self):
        self.images = [dict(FCOS_IMAGE), dict(NO_DISTRO_IMAGE)]
        self.flavors = [
            {'id': '1', 'name': 'm1.small', 'disk': 20, 'vcpus': 1,
             'ram': 2048},
            {'id': '2', 'name': 'm1.medium', 'disk': 40, 'vcpus': 2,
             'ram': 4096},
            {'id': '9', 'name': 'm1.nodisk', 'disk': 0, 'vcpus': 1,
             'ram': 1024}]
        self.keypairs = ['demo-key']
        self.external_networks = [{'id': uuidutils.generate_uuid(),
                                   'name': 'public'}]
        self.networks = [{'id': uuidutils.generate_uuid(),
                          'name': 'private'}]
        self.subnets = [{'id': uuidutils.generate_uuid(),
                         'name': 'private-subnet', 'cidr': '10.0.0.0/24'}]
        self.volume_type_list = [{'id': uuidutils.generate_uuid(),
                                  'name': '__DEFAULT__'},
                                 {'id': uuidutils.generate_uuid(),
                                  'name': 'ssd'}]
        self.calls = []

    def _find(self, items, ident, not_found, resource):
        self.calls.append((resource, ident))
        found = [i for i in items if ident in (i['id'], i['name'])]
        if not found:
            raise not_found
        if len(found) > 1:
            raise exception.Conflicts(resource=resource)
        return dict(found[0])

    def image(self, ident):
        return self._find(self.images, ident,
                          exception.ImageNotFound(image_id=ident), 'images')

    def flavor(self, ident):
        return self._find(self.flavors, ident,
                          exception.FlavorNotFound(flavor=ident), 'flavors')

    def keypair(self, name):
        self.calls.append(('keypairs', name))
        if name not in self.keypairs:
            raise exception.KeyPairNotFound(keypair=name)
        return {'name': name}

    def external_network(self, ident):
        return self._find(self.external_networks, ident,
                          exception.ExternalNetworkNotFound(network=ident),
                          'external networks')

    def fixed_network(self, ident):
        return self._find(self.networks, ident,
                          exception.FixedNetworkNotFound(network=ident),
                          'networks')

    def fixed_subnet(self, ident):
        return self._find(self.subnets, ident,
                          exception.FixedSubnetNotFound(subnet=ident),
                          'subnets')

    def volume_types(self):
        return [dict(t) for t in self.volume_type_list]

    def volume_type(self, ident):
        return self._find(self.volume_type_list, ident,
                          exception.VolumeTypeNotFound(volume_type=ident),
                          'volume types')

    def default_volume_type(self):
        return dict(self.volume_type_list[0])
