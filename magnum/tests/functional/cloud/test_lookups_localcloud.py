"""The cloud look-ups against a real local cloud (``tools/localcloud``).

The cloud is described by ``cloud.json``: the file (or directory holding
it) named by ``MAGNUM_LOCALCLOUD``, else the repository's
``.localcloud/cloud.json``. Without the file, or when Keystone does not
answer, the tests skip (or fail under ``MAGNUM_TEST_REQUIRE_SERVICES=1``).
"""

import json
import os
from urllib import parse

from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session

from magnum.common.cloud import lookups
from magnum.common.cloud import session
from magnum.common.cloud import validation
from magnum.common import context
from magnum.common import exception
from magnum.tests import base
from magnum.tests import services

ENV = 'MAGNUM_LOCALCLOUD'
_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))))
DEFAULT_PATH = os.path.join(_REPO, '.localcloud', 'cloud.json')


def cloud_json_path():
    """Return where cloud.json should be."""
    path = os.environ.get(ENV) or DEFAULT_PATH
    if os.path.isdir(path):
        path = os.path.join(path, 'cloud.json')
    return path


def load_cloud(testcase):
    """Return cloud.json's contents, or skip ``testcase`` without a cloud.
    """
    path = cloud_json_path()
    if not os.path.exists(path):
        services.skip_or_fail(testcase, 'no local cloud: %s does not exist '
                              '(run tools/localcloud up)' % path)
    with open(path) as cloud_file:
        cloud = json.load(cloud_file)
    url = parse.urlsplit(cloud['auth_url'])
    port = url.port or (443 if url.scheme == 'https' else 80)
    services.require_port(testcase, 'Keystone', url.hostname, port)
    return cloud


def demo_context(cloud):
    """Log the demo user in; return a context as the API would build it."""
    demo = cloud['demo']
    auth = v3.Password(auth_url=demo['auth_url'],
                       username=demo['username'],
                       password=demo['password'],
                       project_name=demo['project_name'],
                       user_domain_name=demo['user_domain_name'],
                       project_domain_name=demo['project_domain_name'])
    auth_ref = auth.get_access(ks_session.Session())
    # What keystonemiddleware leaves in keystone.token_info.
    return context.RequestContext(auth_token=auth_ref.auth_token,
                                  auth_token_info=auth_ref._data,
                                  project_id=auth_ref.project_id)


class LocalCloudLookupsTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.cloud = load_cloud(self)
        sess = session.session_for_context(demo_context(self.cloud))
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
