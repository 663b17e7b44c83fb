"""The cloud look-ups against a real local cloud (``tools/localcloud``).

The cloud comes from :mod:`magnum.tests.functional.localcloud`.
"""

from magnum.common.cloud import lookups
from magnum.common.cloud import session
from magnum.common.cloud import validation
from magnum.common import exception
from magnum.tests import base
from magnum.tests.functional import localcloud


class LocalCloudLookupsTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.cloud = localcloud.load_cloud(self)
        sess = session.session_for_context(
            localcloud.demo_context(self.cloud))
        self.lookups = lookups.CloudLookups(
            sess, region_name=self.cloud.get('region_name'))

    def test_image_with_os_distro(self):
        name = self.cloud.get('image_with_os_distro', 'fedora-coreos-latest')
        image, os_distro = validation.validate_image(self.lookups, name)
        self.assertEqual('fedora-coreos', os_distro)
        # The same image by id comes from the request's memory.
        self.assertEqual(name, self.lookups.image(image['id'])['name'])

    def test_image_without_os_distro(self):
        name = self.cloud.get('image_without_os_distro',
                              'no-os-distro-image')
        _image, os_distro = validation.validate_image(self.lookups, name)
        self.assertIsNone(os_distro)

    def test_unknown_image(self):
        self.assertRaises(exception.ImageNotFound,
                          validation.validate_image, self.lookups,
                          'no-such-image-magnum-test')

    def test_flavor(self):
        name = self.cloud.get('flavor', 'm1.small')
        flavor = validation.validate_flavor(self.lookups, name)
        self.assertEqual(name, flavor['name'])
        self.assertGreater(flavor['disk'], 0)
        self.assertEqual(flavor['id'],
                         self.lookups.flavor(flavor['id'])['id'])

    def test_flavor_without_disk_needs_boot_volume(self):
        name = self.cloud.get('flavor_without_disk', 'm1.nodisk')
        self.assertRaises(exception.FlavorZeroRootVolumeNotSupported,
                          validation.validate_flavor, self.lookups, name,
                          '0')
        validation.validate_flavor(self.lookups, name, '10')

    def test_unknown_flavor(self):
        self.assertRaises(exception.FlavorNotFound,
                          validation.validate_flavor, self.lookups,
                          'no-such-flavor-magnum-test')

    def test_keypair(self):
        keypair = self.cloud.get('keypair')
        if not keypair:
            self.skipTest('cloud.json names no keypair')
        self.assertEqual(keypair,
                         validation.validate_keypair(self.lookups, keypair))
        self.assertRaises(exception.KeyPairNotFound,
                          validation.validate_keypair, self.lookups,
                          'no-such-keypair-magnum-test')

    def test_external_network(self):
        name = self.cloud.get('external_network', 'public')
        network_id = validation.validate_external_network(self.lookups,
                                                          name)
        expected = self.cloud.get('external_network_id')
        if expected:
            self.assertEqual(expected, network_id)
        self.assertEqual(network_id, validation.validate_external_network(
            self.lookups, network_id))

    def test_unknown_external_network(self):
        self.assertRaises(exception.ExternalNetworkNotFound,
                          validation.validate_external_network,
                          self.lookups, 'no-such-network-magnum-test')
