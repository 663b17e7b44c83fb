"""Tests for the checks the API runs on templates and clusters."""

from requests_mock.contrib import fixture as rm_fixture

from magnum.common.cloud import exceptions as cloud_exc
from magnum.common.cloud import validation
from magnum.common import exception
from magnum.tests import base
from magnum.tests.unit.common.cloud import fakes

FLAVOR = {'id': '2', 'name': 'm1.small', 'vcpus': 1, 'ram': 2048,
          'disk': 20}
NODISK = {'id': '9', 'name': 'm1.nodisk', 'vcpus': 1, 'ram': 2048,
          'disk': 0}
TYPES = {'volume_types': [{'id': 'id-ssd', 'name': 'ssd'},
                          {'id': 'id-hdd', 'name': 'hdd'}]}


class CloudValidationTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.requests = self.useFixture(rm_fixture.Fixture())
        self.lookups = fakes.make_lookups()


class ImageTest(CloudValidationTestCase):

    def test_with_os_distro(self):
        self.requests.get(fakes.GLANCE + '/v2/images',
                          json={'images': [{'id': fakes.IMAGE_ID,
                                            'os_distro': 'fedora-coreos'}]})
        image, os_distro = validation.validate_image(self.lookups, 'fcos')
        self.assertEqual(fakes.IMAGE_ID, image['id'])
        self.assertEqual('fedora-coreos', os_distro)

    def test_without_os_distro_is_not_an_error_here(self):
        self.requests.get(fakes.GLANCE + '/v2/images',
                          json={'images': [{'id': fakes.IMAGE_ID,
                                            'os_distro': ''}]})
        _image, os_distro = validation.validate_image(self.lookups, 'fcos')
        self.assertIsNone(os_distro)

    def test_missing(self):
        self.requests.get(fakes.GLANCE + '/v2/images', json={'images': []})
        self.assertRaises(exception.ImageNotFound,
                          validation.validate_image, self.lookups, 'fcos')


class BootVolumeSizeTest(base.TestCase):

    def test_default_from_config(self):
        self.assertEqual(0, validation.boot_volume_size(None))
        self.config(group='cinder', default_boot_volume_size=10)
        self.assertEqual(10, validation.boot_volume_size(''))

    def test_label(self):
        self.assertEqual(5, validation.boot_volume_size('5'))
        self.assertEqual(5, validation.boot_volume_size(5))

    def test_not_integer(self):
        for value in ('five', '1.5', True):
            error = self.assertRaises(exception.InvalidParameterValue,
                                      validation.boot_volume_size, value)
            self.assertEqual(400, error.code)
            self.assertIn('must be an integer number of GB', str(error))

    def test_negative(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.boot_volume_size, '-1')
        self.assertEqual('The label boot_volume_size must be 0 or more, '
                         'not -1.', str(error))


class FlavorTest(CloudValidationTestCase):

    def setUp(self):
        super().setUp()
        self.requests.get(fakes.NOVA + '/flavors/2', json={'flavor': FLAVOR})
        self.requests.get(fakes.NOVA + '/flavors/9', json={'flavor': NODISK})

    def test_flavor_with_disk(self):
        flavor = validation.validate_flavor(self.lookups, '2', None)
        self.assertEqual('m1.small', flavor['name'])

    def test_none_skips(self):
        self.assertIsNone(validation.validate_flavor(self.lookups, None))
        self.assertEqual(0, self.requests.call_count)

    def test_zero_disk_without_boot_volume(self):
        error = self.assertRaises(
            exception.FlavorZeroRootVolumeNotSupported,
            validation.validate_flavor, self.lookups, '9', None)
        self.assertEqual(400, error.code)
        self.assertIn('Flavor 9 has a root disk of size 0', str(error))

    def test_zero_disk_with_boot_volume_label(self):
        flavor = validation.validate_flavor(self.lookups, '9', '10')
        self.assertEqual('m1.nodisk', flavor['name'])

    def test_zero_disk_with_default_boot_volume(self):
        self.config(group='cinder', default_boot_volume_size=10)
        validation.validate_flavor(self.lookups, '9')

    def test_bad_label_before_any_lookup(self):
        self.assertRaises(exception.InvalidParameterValue,
                          validation.validate_flavor, self.lookups, '9', 'x')
        self.assertEqual(0, self.requests.call_count)

    def test_not_found(self):
        self.requests.get(fakes.NOVA + '/flavors/huge', status_code=404)
        self.requests.get(fakes.NOVA + '/flavors/detail',
                          json={'flavors': [FLAVOR]})
        self.assertRaises(exception.FlavorNotFound,
                          validation.validate_flavor, self.lookups, 'huge')

    def test_flavor_and_master_flavor_asked_once(self):
        validation.validate_flavor(self.lookups, '2')
        validation.validate_flavor(self.lookups, '2', '0')
        self.assertEqual(1, self.requests.call_count)


class KeypairAndNetworkTest(CloudValidationTestCase):

    def test_keypair(self):
        self.requests.get(fakes.NOVA + '/os-keypairs/k',
                          json={'keypair': {'name': 'k'}})
        self.assertEqual('k', validation.validate_keypair(self.lookups, 'k'))
        self.assertIsNone(validation.validate_keypair(self.lookups, None))

    def test_keypair_missing(self):
        self.requests.get(fakes.NOVA + '/os-keypairs/k', status_code=404)
        error = self.assertRaises(exception.KeyPairNotFound,
                                  validation.validate_keypair,
                                  self.lookups, 'k')
        self.assertEqual(404, error.code)

    def test_networks_resolve_to_ids(self):
        self.requests.get(fakes.NEUTRON + '/v2.0/networks',
                          json={'networks': [{'id': fakes.NETWORK_ID}]})
        self.requests.get(fakes.NEUTRON + '/v2.0/subnets',
                          json={'subnets': [{'id': fakes.SUBNET_ID}]})
        self.assertEqual(fakes.NETWORK_ID,
                         validation.validate_external_network(self.lookups,
                                                              'public'))
        self.assertEqual(fakes.NETWORK_ID,
                         validation.validate_fixed_network(self.lookups,
                                                           'private'))
        self.assertEqual(fakes.SUBNET_ID,
                         validation.validate_fixed_subnet(self.lookups,
                                                          'private-subnet'))

    def test_networks_none(self):
        self.assertIsNone(validation.validate_external_network(self.lookups,
                                                               None))
        self.assertIsNone(validation.validate_fixed_network(self.lookups,
                                                            None))
        self.assertIsNone(validation.validate_fixed_subnet(self.lookups,
                                                           None))
        self.assertEqual(0, self.requests.call_count)

    def test_network_errors(self):
        self.requests.get(fakes.NEUTRON + '/v2.0/networks',
                          json={'networks': []})
        self.requests.get(fakes.NEUTRON + '/v2.0/subnets',
                          json={'subnets': [{'id': 'a'}, {'id': 'b'}]})
        self.assertRaises(exception.ExternalNetworkNotFound,
                          validation.validate_external_network,
                          self.lookups, 'public')
        self.assertRaises(exception.FixedNetworkNotFound,
                          validation.validate_fixed_network,
                          self.lookups, 'private')
        self.assertRaises(exception.Conflicts,
                          validation.validate_fixed_subnet,
                          self.lookups, 'sub')


class VolumeTypeTest(CloudValidationTestCase):

    types_url = fakes.CINDER + '/types'

    def test_label_names_existing_type(self):
        self.requests.get(self.types_url, json=TYPES)
        self.assertEqual('ssd',
                         validation.validate_volume_type(self.lookups, 'ssd'))
        self.assertEqual('hdd', validation.validate_volume_type(
            self.lookups, 'id-hdd'))

    def test_label_names_unknown_type(self):
        self.requests.get(self.types_url, json=TYPES)
        error = self.assertRaises(exception.VolumeTypeNotFound,
                                  validation.validate_volume_type,
                                  self.lookups, 'fast')
        self.assertEqual(400, error.code)
        self.assertIn('Available volume types: hdd, ssd.', str(error))

    def test_config_default_must_exist(self):
        self.config(group='cinder', default_docker_volume_type='fast')
        self.requests.get(self.types_url, json=TYPES)
        self.assertRaises(exception.VolumeTypeNotFound,
                          validation.validate_volume_type,
                          self.lookups, None)

    def test_label_wins_over_config(self):
        self.config(group='cinder', default_docker_volume_type='fast')
        self.requests.get(self.types_url, json=TYPES)
        self.assertEqual('ssd',
                         validation.validate_volume_type(self.lookups, 'ssd'))

    def test_kind_picks_config_option(self):
        self.config(group='cinder', default_etcd_volume_type='hdd')
        self.requests.get(self.types_url, json=TYPES)
        self.assertEqual('hdd', validation.validate_volume_type(
            self.lookups, None, kind='etcd'))
        self.assertRaises(ValueError, validation.validate_volume_type,
                          self.lookups, None, kind='swap')

    def test_nothing_named_uses_cloud_default(self):
        self.requests.get(self.types_url + '/default',
                          json={'volume_type': {'id': 'd', 'name': 'lvm'}})
        self.assertEqual('lvm',
                         validation.validate_volume_type(self.lookups, ''))

    def test_no_cloud_default_uses_first_type(self):
        self.requests.get(self.types_url + '/default', status_code=404)
        self.requests.get(self.types_url, json=TYPES)
        self.assertEqual('ssd',
                         validation.validate_volume_type(self.lookups, None))

    def test_no_types_at_all(self):
        self.requests.get(self.types_url + '/default', status_code=404)
        self.requests.get(self.types_url, json={'volume_types': []})
        error = self.assertRaises(exception.VolumeTypeNotFound,
                                  validation.validate_volume_type,
                                  self.lookups, None)
        self.assertNotIn('()', str(error))
        self.assertIn('This cloud has no volume types', str(error))

    def test_no_cinder(self):
        lookups = fakes.make_lookups({'image': fakes.GLANCE})
        for label in ('ssd', None):
            error = self.assertRaises(cloud_exc.ServiceNotInCatalog,
                                      validation.validate_volume_type,
                                      lookups, label)
            self.assertEqual(400, error.code)
            self.assertIn('volume service (cinder)', str(error))


class NetworkDriverTest(base.TestCase):

    def test_kubernetes_supported(self):
        for driver in ('flannel', 'calico'):
            self.assertEqual(driver, validation.validate_network_driver(
                'kubernetes', driver))

    def test_default(self):
        self.assertEqual('flannel',
                         validation.default_network_driver('kubernetes'))
        self.assertEqual('flannel', validation.validate_network_driver(
            'kubernetes', None))
        self.assertEqual('docker', validation.validate_network_driver(
            'swarm-mode', ''))
        self.config(group='cluster_template',
                    kubernetes_default_network_driver='calico')
        self.assertEqual('calico', validation.validate_network_driver(
            'kubernetes', None))

    def test_not_supported_is_case_sensitive(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate_network_driver,
                                  'kubernetes', 'Flannel')
        self.assertEqual(400, error.code)
        self.assertEqual('Network driver type Flannel is not supported, '
                         'expecting a flannel/calico/unspecified network '
                         'driver.', str(error))

    def test_not_allowed(self):
        self.config(group='cluster_template',
                    kubernetes_allowed_network_drivers=['flannel'])
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate_network_driver,
                                  'kubernetes', 'calico')
        self.assertEqual('Network driver type calico is not allowed, '
                         'expecting a flannel/unspecified network driver.',
                         str(error))

    def test_allowed_default_message(self):
        self.config(group='cluster_template',
                    kubernetes_allowed_network_drivers=['flannel', 'calico'],
                    kubernetes_default_network_driver='docker')
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate_network_driver,
                                  'kubernetes', None)
        self.assertIn('docker is not supported', str(error))

    def test_all_is_wildcard(self):
        self.config(group='cluster_template',
                    kubernetes_allowed_network_drivers=['all'])
        self.assertEqual('calico', validation.validate_network_driver(
            'kubernetes', 'calico'))
        self.assertRaises(exception.InvalidParameterValue,
                          validation.validate_network_driver,
                          'kubernetes', 'docker')

    def test_swarm_and_mesos(self):
        for coe in ('swarm', 'swarm-mode'):
            validation.validate_network_driver(coe, 'docker')
            validation.validate_network_driver(coe, 'flannel')
        validation.validate_network_driver('mesos', 'docker')
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate_network_driver,
                                  'mesos', 'flannel')
        self.assertIn('expecting a docker/unspecified network driver',
                      str(error))
        self.config(group='cluster_template',
                    swarm_allowed_network_drivers=['docker'])
        self.assertRaises(exception.InvalidParameterValue,
                          validation.validate_network_driver,
                          'swarm-mode', 'flannel')

    def test_unknown_coe(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate_network_driver,
                                  'nomad', 'flannel')
        self.assertEqual('Requested COE type nomad is not supported.',
                         str(error))


class VolumeDriverTest(base.TestCase):

    def test_accepted(self):
        self.assertEqual('cinder', validation.validate_volume_driver(
            'kubernetes', 'cinder'))
        self.assertEqual('rexray', validation.validate_volume_driver(
            'swarm', 'rexray'))
        self.assertEqual('cinder', validation.validate_volume_driver(
            'swarm-mode', 'cinder'))
        self.assertEqual('rexray', validation.validate_volume_driver(
            'mesos', 'rexray'))
        self.assertIsNone(validation.validate_volume_driver('kubernetes',
                                                            None))

    def test_rejected(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate_volume_driver,
                                  'kubernetes', 'rexray')
        self.assertEqual(400, error.code)
        self.assertEqual('Volume driver type rexray is not supported, '
                         'expecting a cinder/unspecified volume driver.',
                         str(error))
        self.assertRaises(exception.InvalidParameterValue,
                          validation.validate_volume_driver,
                          'mesos', 'cinder')

    def test_unknown_coe(self):
        self.assertRaises(exception.InvalidParameterValue,
                          validation.validate_volume_driver, 'nomad', None)


class DockerStorageTest(base.TestCase):

    def test_devicemapper_needs_three_gb(self):
        validation.validate_docker_storage('devicemapper', 3)
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate_docker_storage,
                                  'devicemapper', 2)
        self.assertEqual(400, error.code)
        self.assertEqual('docker volume size 2 GB is not valid, expecting '
                         'minimum value 3GB for devicemapper storage '
                         'driver.', str(error))

    def test_devicemapper_without_size(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate_docker_storage,
                                  'devicemapper', None)
        self.assertIn('docker volume size None GB', str(error))

    def test_other_drivers(self):
        validation.validate_docker_storage('overlay2', None)
        validation.validate_docker_storage(None, 1)


class FlannelBackendTest(base.TestCase):

    def test_accepted(self):
        for backend in ('vxlan', 'host-gw', 'udp'):
            validation.validate_flannel_backend({'flannel_backend': backend})
        validation.validate_flannel_backend({})
        validation.validate_flannel_backend(None)

    def test_rejected(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate_flannel_backend,
                                  {'flannel_backend': 'VXLAN'})
        self.assertEqual(400, error.code)
        self.assertEqual('The label flannel_backend must be one of vxlan, '
                         'host-gw, udp, not VXLAN.', str(error))
