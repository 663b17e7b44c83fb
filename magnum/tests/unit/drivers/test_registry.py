"""Tests for driver discovery and look-up."""

from unittest import mock

from stevedore import extension

from magnum.common import exception
from magnum.drivers.fake import driver as fake_driver
from magnum.drivers import registry
from magnum.tests import base
from magnum.tests.unit.drivers import test_base


def _driver_class(provides, beta=False, template_path=None):
    return type('TestDriver', (test_base.MinimalDriver,),
                {'provides': provides, 'beta': beta,
                 'template_path': template_path})


def _triple(server_type, os_distro, coe):
    return {'server_type': server_type, 'os': os_distro, 'coe': coe}


K8S_FCOS = _driver_class([_triple('vm', 'fedora-coreos', 'kubernetes')],
                         template_path='/templates/fcos')
K8S_MULTI = _driver_class([_triple('vm', 'ubuntu', 'kubernetes'),
                           _triple('vm', 'flatcar', 'kubernetes')])
SWARM = _driver_class([_triple('vm', 'fedora-coreos', 'swarm-mode')])
BETA = _driver_class([_triple('bm', 'ubuntu', 'kubernetes')], beta=True)


class RegistryTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        registry.reset()
        self.addCleanup(registry.reset)

    def use_drivers(self, **drivers):
        exts = [extension.Extension(name, None, plugin, None)
                for name, plugin in drivers.items()]
        manager = extension.ExtensionManager.make_test_instance(
            exts, namespace=registry.NAMESPACE)
        if not hasattr(self, 'make_manager'):
            patcher = mock.patch.object(registry, '_make_manager',
                                        autospec=True)
            self.make_manager = patcher.start()
            self.addCleanup(patcher.stop)
        self.make_manager.return_value = manager
        registry.reset()


class TestLoad(RegistryTestCase):

    def test_loads_installed_fake_driver(self):
        driver = registry.get_driver('vm', 'fake', 'kubernetes')
        self.assertIsInstance(driver, fake_driver.FakeDriver)
        self.assertEqual('fake', driver.name)

    def test_load_is_cached_until_reset(self):
        self.use_drivers(fcos=K8S_FCOS)
        first = registry.load_drivers()
        self.assertIs(first, registry.load_drivers())
        registry.reset()
        self.assertIsNot(first, registry.load_drivers())
        self.assertEqual(2, registry._make_manager.call_count)

    def test_duplicate_triple_is_a_load_error(self):
        self.use_drivers(a_fcos=K8S_FCOS,
                         b_fcos=_driver_class(K8S_FCOS.provides))
        exc = self.assertRaises(exception.DuplicateDriverTuple,
                                registry.load_drivers)
        self.assertIn('a_fcos and b_fcos', str(exc))
        self.assertIn('(vm, fedora-coreos, kubernetes)', str(exc))

    def test_default_driver_settles_a_duplicate(self):
        self.config(group='drivers', default_driver='b_fcos')
        self.use_drivers(a_fcos=K8S_FCOS,
                         b_fcos=_driver_class(K8S_FCOS.provides))
        driver = registry.get_driver('vm', 'fedora-coreos', 'kubernetes')
        self.assertEqual('b_fcos', driver.name)
        named = registry.get_driver('vm', 'fedora-coreos', 'kubernetes',
                                    driver_name='a_fcos')
        self.assertEqual('a_fcos', named.name)

    def test_disabled_driver_is_skipped(self):
        self.config(group='drivers', disabled_drivers=['fcos'])
        self.use_drivers(fcos=K8S_FCOS, swarm=SWARM)
        self.assertEqual(['swarm'], sorted(registry.load_drivers().by_name))
        self.assertRaises(exception.ClusterTypeNotSupported,
                          registry.get_driver,
                          'vm', 'fedora-coreos', 'kubernetes')

    def test_disabled_duplicate_is_not_an_error(self):
        self.config(group='drivers', disabled_drivers=['b_fcos'])
        self.use_drivers(a_fcos=K8S_FCOS,
                         b_fcos=_driver_class(K8S_FCOS.provides))
        self.assertEqual(['a_fcos'], sorted(registry.load_drivers().by_name))

    def test_beta_driver_needs_enabling(self):
        self.use_drivers(beta=BETA)
        self.assertEqual({}, registry.load_drivers().by_name)

    def test_enabled_beta_driver_loads(self):
        self.config(group='drivers', enabled_beta_drivers=['beta'])
        self.use_drivers(beta=BETA)
        driver = registry.get_driver('bm', 'ubuntu', 'kubernetes')
        self.assertEqual('beta', driver.name)

    def test_plugin_that_is_not_a_driver(self):
        self.use_drivers(odd=object)
        exc = self.assertRaises(exception.DriverLoadError,
                                registry.load_drivers)
        self.assertIn('odd', str(exc))
        self.assertIn('not a subclass', str(exc))

    def test_driver_without_provides(self):
        self.use_drivers(empty=_driver_class([]))
        exc = self.assertRaises(exception.DriverLoadError,
                                registry.load_drivers)
        self.assertIn('empty', str(exc))
        self.assertIn('provides no cluster type', str(exc))

    def test_malformed_provides(self):
        self.use_drivers(bad=_driver_class([{'os': 'x'}]))
        exc = self.assertRaises(exception.DriverLoadError,
                                registry.load_drivers)
        self.assertIn('server_type, os and coe', str(exc))


class TestImportFailure(RegistryTestCase):

    def _manager(self, namespace, names, on_load_failure_callback,
                 **kwargs):
        entry_point = mock.Mock()
        entry_point.name = 'broken'
        on_load_failure_callback(None, entry_point,
                                 ImportError('No module named heatclient'))
        return extension.ExtensionManager.make_test_instance([])

    def test_import_error_names_driver_and_reason(self):
        with mock.patch.object(registry, 'entry_point_names',
                               autospec=True, return_value=['broken']), \
                mock.patch.object(registry.named, 'NamedExtensionManager',
                                  side_effect=self._manager) as nem:
            exc = self.assertRaises(exception.DriverLoadError,
                                    registry.load_drivers)
        self.assertEqual(['broken'], nem.call_args.kwargs['names'])
        self.assertIn('broken', str(exc))
        self.assertIn('No module named heatclient', str(exc))
        self.assertIn('disabled_drivers', str(exc))

    def test_disabled_driver_is_not_imported(self):
        self.config(group='drivers', disabled_drivers=['broken'])
        with mock.patch.object(registry, 'entry_point_names',
                               autospec=True,
                               return_value=['broken', 'fake']), \
                mock.patch.object(
                    registry.named, 'NamedExtensionManager',
                    return_value=extension.ExtensionManager
                    .make_test_instance([])) as nem:
            registry.load_drivers()
        self.assertEqual(['fake'], nem.call_args.kwargs['names'])


class TestGetDriver(RegistryTestCase):

    def setUp(self):
        super().setUp()
        self.use_drivers(fcos=K8S_FCOS, multi=K8S_MULTI, swarm=SWARM)

    def test_lookup_by_triple(self):
        self.assertEqual(
            'multi', registry.get_driver('vm', 'flatcar', 'kubernetes').name)
        self.assertEqual(
            'swarm',
            registry.get_driver('vm', 'fedora-coreos', 'swarm-mode').name)

    def test_image_without_os_distro(self):
        exc = self.assertRaises(exception.ClusterTypeNotSupported,
                                registry.get_driver,
                                'vm', None, 'kubernetes')
        self.assertEqual(400, exc.code)
        message = str(exc)
        self.assertTrue(message.startswith(
            'Cluster type (vm, None, kubernetes) not supported. '))
        self.assertIn('openstack image set --property os_distro=<distro> '
                      '<image>', message)
        self.assertIn('one of: fedora-coreos, flatcar, ubuntu.', message)

    def test_unknown_distro_lists_supported_ones(self):
        exc = self.assertRaises(exception.ClusterTypeNotSupported,
                                registry.get_driver,
                                'vm', 'Fedora-CoreOS', 'kubernetes')
        message = str(exc)
        self.assertTrue(message.startswith(
            'Cluster type (vm, Fedora-CoreOS, kubernetes) not supported.'))
        self.assertIn('case-sensitive', message)
        self.assertIn('fedora-coreos, flatcar, ubuntu', message)

    def test_unknown_coe_lists_cluster_types(self):
        exc = self.assertRaises(exception.ClusterTypeNotSupported,
                                registry.get_driver, 'bm', None, 'mesos')
        self.assertIn('No enabled driver provides COE mesos on server type '
                      'bm', str(exc))
        self.assertIn('(vm, fedora-coreos, kubernetes)', str(exc))

    def test_named_driver(self):
        driver = registry.get_driver('vm', 'ubuntu', 'kubernetes',
                                     driver_name='multi')
        self.assertEqual('multi', driver.name)

    def test_unknown_driver_name(self):
        exc = self.assertRaises(exception.ClusterDriverNotSupported,
                                registry.get_driver,
                                'vm', 'ubuntu', 'kubernetes', 'nope')
        self.assertIn('Cluster driver (nope) not supported.', str(exc))
        self.assertIn('fcos, multi, swarm', str(exc))

    def test_named_driver_must_provide_the_triple(self):
        exc = self.assertRaises(exception.ClusterTypeNotSupported,
                                registry.get_driver,
                                'vm', 'ubuntu', 'swarm-mode', 'fcos')
        self.assertIn('Driver fcos provides: '
                      '(vm, fedora-coreos, kubernetes).', str(exc))

    def test_for_cluster_template_and_cluster(self):
        template = mock.Mock(server_type='vm', cluster_distro='ubuntu',
                             coe='kubernetes', driver=None)
        self.assertEqual(
            'multi', registry.get_driver_for_cluster_template(template).name)
        cluster = mock.Mock(cluster_template=template)
        self.assertEqual('multi',
                         registry.get_driver_for_cluster(cluster).name)

    def test_list_drivers(self):
        infos = registry.list_drivers()
        self.assertEqual(['fcos', 'multi', 'swarm'],
                         [i.name for i in infos])
        self.assertEqual('/templates/fcos', infos[0].template_path)
        self.assertEqual((('vm', 'ubuntu', 'kubernetes'),
                          ('vm', 'flatcar', 'kubernetes')),
                         infos[1].provides)
        self.assertIsNone(infos[2].template_path)
