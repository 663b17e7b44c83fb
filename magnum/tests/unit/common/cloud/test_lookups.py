"""Tests for the memoised cloud look-ups."""

from requests_mock.contrib import fixture as rm_fixture

from magnum.common.cloud import exceptions as cloud_exc
from magnum.common import exception
from magnum.tests import base
from magnum.tests.unit.common.cloud import fakes

IMAGE = {'id': fakes.IMAGE_ID, 'name': 'fcos', 'os_distro': 'fedora-coreos',
         'visibility': 'public', 'min_disk': 0, 'status': 'active'}
FLAVOR = {'id': '2', 'name': 'm1.small', 'vcpus': 1, 'ram': 2048,
          'disk': 20, 'links': []}
NETWORK = {'id': fakes.NETWORK_ID, 'name': 'public',
           'router:external': True}
SUBNET = {'id': fakes.SUBNET_ID, 'name': 'private-subnet'}


class LookupsTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.requests = self.useFixture(rm_fixture.Fixture())
        self.lookups = fakes.make_lookups()

    def calls(self, url_start):
        return [r for r in self.requests.request_history
                if r.url.startswith(url_start)]


class ImageTest(LookupsTestCase):

    def test_by_id(self):
        self.requests.get(fakes.GLANCE + '/v2/images/' + fakes.IMAGE_ID,
                          json=IMAGE)
        image = self.lookups.image(fakes.IMAGE_ID)
        self.assertEqual('fedora-coreos', image['os_distro'])
        self.assertEqual('fcos', image['name'])
        self.assertEqual(fakes.TOKEN,
                         self.requests.last_request.headers['X-Auth-Token'])

    def test_by_name(self):
        self.requests.get(fakes.GLANCE + '/v2/images?name=fcos',
                          json={'images': [IMAGE]})
        self.assertEqual(fakes.IMAGE_ID, self.lookups.image('fcos')['id'])
        self.assertEqual({'name': ['fcos']}, self.requests.last_request.qs)

    def test_os_distro_missing_is_none(self):
        image = dict(IMAGE)
        del image['os_distro']
        self.requests.get(fakes.GLANCE + '/v2/images', json={'images':
                                                             [image]})
        self.assertIsNone(self.lookups.image('fcos')['os_distro'])

    def test_uuid_like_name_falls_back_to_name(self):
        self.requests.get(fakes.GLANCE + '/v2/images/' + fakes.IMAGE_ID,
                          status_code=404)
        self.requests.get(fakes.GLANCE + '/v2/images',
                          json={'images': [dict(IMAGE, id='other')]})
        self.assertEqual('other', self.lookups.image(fakes.IMAGE_ID)['id'])

    def test_not_found(self):
        self.requests.get(fakes.GLANCE + '/v2/images', json={'images': []})
        error = self.assertRaises(exception.ImageNotFound,
                                  self.lookups.image, 'nope')
        self.assertEqual(400, error.code)
        self.assertEqual('Image nope could not be found.', str(error))

    def test_ambiguous(self):
        self.requests.get(fakes.GLANCE + '/v2/images',
                          json={'images': [IMAGE, dict(IMAGE, id='x')]})
        error = self.assertRaises(exception.Conflicts,
                                  self.lookups.image, 'fcos')
        self.assertEqual(409, error.code)
        self.assertIn('Multiple image exist', str(error))

    def test_forbidden(self):
        self.requests.get(fakes.GLANCE + '/v2/images/' + fakes.IMAGE_ID,
                          status_code=403)
        error = self.assertRaises(exception.ImageNotAuthorized,
                                  self.lookups.image, fakes.IMAGE_ID)
        self.assertEqual(403, error.code)

    def test_server_error(self):
        self.requests.get(fakes.GLANCE + '/v2/images', status_code=502)
        error = self.assertRaises(cloud_exc.CloudServiceUnavailable,
                                  self.lookups.image, 'fcos')
        self.assertEqual(503, error.code)
        self.assertIn('image service (glance)', str(error))
        self.assertIn('Retry', str(error))

    def test_service_missing(self):
        lookups = fakes.make_lookups({'compute': fakes.NOVA})
        error = self.assertRaises(cloud_exc.ServiceNotInCatalog,
                                  lookups.image, 'fcos')
        self.assertEqual(400, error.code)
        self.assertIn('no image service (glance) in its catalog', str(error))

    def test_once_per_request(self):
        self.requests.get(fakes.GLANCE + '/v2/images?name=fcos',
                          json={'images': [IMAGE]})
        first = self.lookups.image('fcos')
        first['os_distro'] = 'changed'
        self.assertEqual('fedora-coreos',
                         self.lookups.image('fcos')['os_distro'])
        # Found by name, it is known by its id too.
        self.assertEqual('fcos', self.lookups.image(fakes.IMAGE_ID)['name'])
        self.assertEqual(1, self.requests.call_count)


class FlavorTest(LookupsTestCase):

    def test_by_id(self):
        self.requests.get(fakes.NOVA + '/flavors/2', json={'flavor': FLAVOR})
        flavor = self.lookups.flavor('2')
        self.assertEqual(20, flavor['disk'])
        self.assertNotIn('links', flavor)

    def test_by_name(self):
        self.requests.get(fakes.NOVA + '/flavors/m1.small', status_code=404)
        self.requests.get(fakes.NOVA + '/flavors/detail',
                          json={'flavors': [dict(FLAVOR, id='1',
                                                 name='m1.tiny'), FLAVOR]})
        self.assertEqual('2', self.lookups.flavor('m1.small')['id'])
        self.assertEqual({'is_public': ['none']},
                         self.requests.last_request.qs)

    def test_not_found(self):
        self.requests.get(fakes.NOVA + '/flavors/huge', status_code=404)
        self.requests.get(fakes.NOVA + '/flavors/detail',
                          json={'flavors': [FLAVOR]})
        error = self.assertRaises(exception.FlavorNotFound,
                                  self.lookups.flavor, 'huge')
        self.assertEqual(400, error.code)
        self.assertEqual('Unable to find flavor huge.', str(error))

    def test_bad_request_on_id_falls_back(self):
        self.requests.get(fakes.NOVA + '/flavors/a%20b', status_code=400)
        self.requests.get(fakes.NOVA + '/flavors/detail',
                          json={'flavors': [dict(FLAVOR, name='a b')]})
        self.assertEqual('2', self.lookups.flavor('a b')['id'])

    def test_empty_ident(self):
        self.assertRaises(exception.FlavorNotFound, self.lookups.flavor, '')
        self.assertEqual(0, self.requests.call_count)

    def test_forbidden(self):
        self.requests.get(fakes.NOVA + '/flavors/2', status_code=403)
        error = self.assertRaises(exception.AuthorizationFailure,
                                  self.lookups.flavor, '2')
        self.assertEqual(403, error.code)
        self.assertIn('Nova', str(error))

    def test_server_error(self):
        self.requests.get(fakes.NOVA + '/flavors/2', status_code=500)
        self.assertRaises(cloud_exc.CloudServiceUnavailable,
                          self.lookups.flavor, '2')

    def test_service_missing(self):
        lookups = fakes.make_lookups({'image': fakes.GLANCE})
        error = self.assertRaises(cloud_exc.ServiceNotInCatalog,
                                  lookups.flavor, '2')
        self.assertIn('compute service (nova)', str(error))

    def test_once_per_request(self):
        self.requests.get(fakes.NOVA + '/flavors/m1.small', status_code=404)
        self.requests.get(fakes.NOVA + '/flavors/detail',
                          json={'flavors': [FLAVOR]})
        for _attempt in range(3):
            self.lookups.flavor('m1.small')
        self.lookups.flavor('2')
        self.assertEqual(2, self.requests.call_count)


class KeypairTest(LookupsTestCase):

    def test_found(self):
        self.requests.get(fakes.NOVA + '/os-keypairs/mykey',
                          json={'keypair': {'name': 'mykey'}})
        self.assertEqual('mykey', self.lookups.keypair('mykey')['name'])

    def test_not_found(self):
        self.requests.get(fakes.NOVA + '/os-keypairs/nokey', status_code=404)
        error = self.assertRaises(exception.KeyPairNotFound,
                                  self.lookups.keypair, 'nokey')
        self.assertEqual(404, error.code)
        self.assertEqual('Unable to find keypair nokey.', str(error))

    def test_name_is_quoted(self):
        self.requests.get(fakes.NOVA + '/os-keypairs/a%2Fb',
                          json={'keypair': {'name': 'a/b'}})
        self.assertEqual('a/b', self.lookups.keypair('a/b')['name'])

    def test_server_error(self):
        self.requests.get(fakes.NOVA + '/os-keypairs/k', status_code=503)
        self.assertRaises(cloud_exc.CloudServiceUnavailable,
                          self.lookups.keypair, 'k')

    def test_once_per_request(self):
        self.requests.get(fakes.NOVA + '/os-keypairs/mykey',
                          json={'keypair': {'name': 'mykey'}})
        self.lookups.keypair('mykey')
        self.lookups.keypair('mykey')
        self.assertEqual(1, self.requests.call_count)


class NetworkTest(LookupsTestCase):

    url = fakes.NEUTRON + '/v2.0/networks'

    def test_external_by_name(self):
        self.requests.get(self.url, json={'networks': [NETWORK]})
        self.assertEqual(fakes.NETWORK_ID,
                         self.lookups.external_network('public')['id'])
        self.assertEqual({'router:external': ['true'], 'name': ['public']},
                         self.requests.last_request.qs)

    def test_external_by_id(self):
        self.requests.get(self.url, json={'networks': [NETWORK]})
        self.lookups.external_network(fakes.NETWORK_ID)
        self.assertEqual({'router:external': ['true'],
                          'id': [fakes.NETWORK_ID]},
                         self.requests.last_request.qs)
        self.assertEqual(1, self.requests.call_count)

    def test_external_not_found(self):
        self.requests.get(self.url, json={'networks': []})
        error = self.assertRaises(exception.ExternalNetworkNotFound,
                                  self.lookups.external_network,
                                  fakes.NETWORK_ID)
        self.assertEqual(400, error.code)
        self.assertEqual('Unable to find external network %s.'
                         % fakes.NETWORK_ID, str(error))
        # by id, then by name
        self.assertEqual(2, self.requests.call_count)

    def test_external_ambiguous(self):
        self.requests.get(self.url, json={'networks': [NETWORK, NETWORK]})
        error = self.assertRaises(exception.Conflicts,
                                  self.lookups.external_network, 'public')
        self.assertEqual(409, error.code)
        self.assertIn('Multiple external network exist', str(error))

    def test_fixed_network(self):
        self.requests.get(self.url, json={'networks': [NETWORK]})
        self.assertEqual(fakes.NETWORK_ID,
                         self.lookups.fixed_network('private')['id'])
        self.assertEqual({'name': ['private']},
                         self.requests.last_request.qs)

    def test_fixed_network_not_found(self):
        self.requests.get(self.url, json={'networks': []})
        error = self.assertRaises(exception.FixedNetworkNotFound,
                                  self.lookups.fixed_network, 'private')
        self.assertEqual(400, error.code)

    def test_fixed_network_ambiguous(self):
        self.requests.get(self.url, json={'networks': [NETWORK, NETWORK]})
        self.assertRaises(exception.Conflicts,
                          self.lookups.fixed_network, 'private')

    def test_fixed_subnet(self):
        self.requests.get(fakes.NEUTRON + '/v2.0/subnets',
                          json={'subnets': [SUBNET]})
        self.assertEqual(fakes.SUBNET_ID,
                         self.lookups.fixed_subnet('private-subnet')['id'])

    def test_fixed_subnet_not_found(self):
        self.requests.get(fakes.NEUTRON + '/v2.0/subnets',
                          json={'subnets': []})
        error = self.assertRaises(exception.FixedSubnetNotFound,
                                  self.lookups.fixed_subnet, 'x')
        self.assertEqual('Unable to find fixed subnet x.', str(error))

    def test_fixed_subnet_ambiguous(self):
        self.requests.get(fakes.NEUTRON + '/v2.0/subnets',
                          json={'subnets': [SUBNET, SUBNET]})
        error = self.assertRaises(exception.Conflicts,
                                  self.lookups.fixed_subnet, 'x')
        self.assertIn('Multiple subnet exist', str(error))

    def test_server_error(self):
        self.requests.get(self.url, status_code=500)
        self.assertRaises(cloud_exc.CloudServiceUnavailable,
                          self.lookups.external_network, 'public')

    def test_service_missing(self):
        lookups = fakes.make_lookups({'image': fakes.GLANCE})
        error = self.assertRaises(cloud_exc.ServiceNotInCatalog,
                                  lookups.fixed_subnet, 'x')
        self.assertIn('network service (neutron)', str(error))

    def test_once_per_request(self):
        self.requests.get(self.url, json={'networks': [NETWORK]})
        self.lookups.external_network('public')
        self.lookups.external_network('public')
        self.lookups.fixed_network('public')
        self.lookups.fixed_network('public')
        self.assertEqual(2, self.requests.call_count)


class VolumeTypeTest(LookupsTestCase):

    types_url = fakes.CINDER + '/types'
    types = {'volume_types': [{'id': 'id-ssd', 'name': 'ssd'},
                              {'id': 'id-hdd', 'name': 'hdd'}]}

    def test_by_name_and_id(self):
        self.requests.get(self.types_url, json=self.types)
        self.assertEqual('id-ssd', self.lookups.volume_type('ssd')['id'])
        self.assertEqual('hdd', self.lookups.volume_type('id-hdd')['name'])
        self.assertEqual(1, self.requests.call_count)

    def test_unknown_lists_available(self):
        self.requests.get(self.types_url, json=self.types)
        error = self.assertRaises(exception.VolumeTypeNotFound,
                                  self.lookups.volume_type, 'fast')
        self.assertEqual(400, error.code)
        self.assertEqual('Volume type fast does not exist in this cloud. '
                         'Available volume types: hdd, ssd.', str(error))

    def test_unknown_without_types(self):
        self.requests.get(self.types_url, json={'volume_types': []})
        error = self.assertRaises(exception.VolumeTypeNotFound,
                                  self.lookups.volume_type, 'fast')
        self.assertIn('Available volume types: none.', str(error))

    def test_default(self):
        self.requests.get(self.types_url + '/default',
                          json={'volume_type': {'id': 'd', 'name': 'lvm'}})
        self.assertEqual('lvm', self.lookups.default_volume_type()['name'])
        self.lookups.default_volume_type()
        self.assertEqual(1, self.requests.call_count)

    def test_no_default(self):
        self.requests.get(self.types_url + '/default', status_code=404)
        self.assertIsNone(self.lookups.default_volume_type())

    def test_uses_block_storage_alias_and_interface(self):
        self.config(group='cinder_client', endpoint_type='internalURL')
        self.requests.get(fakes.CINDER + '/internal/types',
                          json=self.types)
        self.lookups.volume_types()
        self.assertEqual(1, self.requests.call_count)

    def test_service_missing(self):
        lookups = fakes.make_lookups({'image': fakes.GLANCE})
        error = self.assertRaises(exception.InvalidParameterValue,
                                  lookups.volume_type, 'ssd')
        self.assertEqual(400, error.code)
        self.assertIn('This cloud has no volume service (cinder) in its '
                      'catalog', str(error))
        self.assertIn('remove docker_volume_size and the volume type '
                      'labels, or ask your operator', str(error))

    def test_server_error(self):
        self.requests.get(self.types_url + '/default', status_code=500)
        self.assertRaises(cloud_exc.CloudServiceUnavailable,
                          self.lookups.default_volume_type)


class TemplateAndClusterTest(LookupsTestCase):
    """A template and a cluster validated in one request share answers."""

    def test_each_thing_asked_once(self):
        self.requests.get(fakes.GLANCE + '/v2/images/' + fakes.IMAGE_ID,
                          json=IMAGE)
        self.requests.get(fakes.NOVA + '/flavors/2', json={'flavor': FLAVOR})
        self.requests.get(fakes.NEUTRON + '/v2.0/networks',
                          json={'networks': [NETWORK]})
        for _validation in ('template', 'cluster', 'nodegroup'):
            self.lookups.image(fakes.IMAGE_ID)
            self.lookups.flavor('2')  # flavor_id
            self.lookups.flavor('2')  # master_flavor_id
            self.lookups.external_network('public')
        self.assertEqual(1, len(self.calls(fakes.GLANCE)))
        self.assertEqual(1, len(self.calls(fakes.NOVA)))
        self.assertEqual(1, len(self.calls(fakes.NEUTRON)))

    def test_new_request_asks_again(self):
        self.requests.get(fakes.NOVA + '/flavors/2', json={'flavor': FLAVOR})
        self.lookups.flavor('2')
        fakes.make_lookups().flavor('2')
        self.assertEqual(2, self.requests.call_count)
