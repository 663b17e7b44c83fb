"""Tests of the Mesos driver, most of them the ones every Heat driver
passes (:mod:`magnum.tests.unit.drivers.heat_driver_tests`).
"""

import base64
import os

import yaml

from magnum.common import exception
from magnum.drivers.heat import labels as heat_labels
from magnum.drivers.heat import observe
from magnum.drivers.mesos import definition
from magnum.drivers.mesos import driver
from magnum.drivers.mesos import labels
from magnum.tests import base
from magnum.tests.unit.drivers import heat_driver_tests
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx

GOLDEN = os.path.join(os.path.dirname(__file__), 'golden')
DEFINITION = definition.MesosDefinition()


def _template(**kw):
    return fx.template(**{'coe': 'mesos', 'cluster_distro': 'ubuntu',
                          'network_driver': 'docker', **kw})


def _case(ct_kw=None, **kw):
    return fx.rendered_cluster(DEFINITION, _template(**(ct_kw or {})), **kw)


CASES = {
    'private_network': lambda: _case(
        ct_kw={'labels': {'mesos_slave_isolation':
                          'cgroups/cpu,cgroups/mem,docker/runtime',
                          'mesos_slave_image_providers': 'docker'}}),
    'fixed_network_lb_three_masters': lambda: _case(
        ct_kw={'master_lb_enabled': True}, masters=3,
        cluster_kw={'fixed_network': 'net', 'fixed_subnet': 'subnet'},
        inputs_kw={'fixed_network_id': fx.FIXED_NETWORK,
                   'fixed_subnet_id': fx.FIXED_SUBNET,
                   'fixed_subnet_cidr': '192.168.7.0/24'}),
    'rexray_volumes_no_floating_ip': lambda: _case(
        ct_kw={'volume_driver': 'rexray', 'docker_volume_size': 10,
               'floating_ip_enabled': False},
        inputs_kw={'docker_volume_type': 'fast'}),
}


class TestGolden(heat_driver_tests.GoldenTests,
                 heat_driver_tests.CaseTemplateTests, base.TestCase):

    CASES = CASES
    GOLDEN = GOLDEN
    definition = definition

    def decode_script(self, value):
        return base64.b64decode(value).decode()


class TestFiles(heat_driver_tests.NodeTemplateTests, base.TestCase):

    definition = definition
    NODE_GROUPS = ('masters', 'slaves')
    NOT_HEAT = ('cloud-init.yaml',)

    def test_cloud_init_parses(self):
        with open(os.path.join(definition.TEMPLATE_DIR,
                               'cloud-init.yaml')) as stream:
            self.assertTrue(stream.readline().startswith('#cloud-config'))
            doc = yaml.safe_load(stream)
        self.assertEqual(5, len(doc['write_files']))


class TestLabels(heat_driver_tests.LabelTests, base.TestCase):

    labels = labels
    definition = definition

    def test_bad_values_are_400s(self):
        for bad in ({'mesos_slave_isolation': 'posix/cpu,gpu/nvidia'},
                    {'mesos_slave_image_providers': 'oci'},
                    {'mesos_slave_work_dir': 'relative/dir'}):
            with self.subTest(labels=bad):
                error = self.assertRaises(
                    exception.InvalidParameterValue,
                    heat_labels.check_labels, labels.SCHEMA, bad)
                self.assertIn(list(bad)[0], str(error))


class TestDriver(heat_driver_tests.FixedShapeDriverTests, base.TestCase):

    DRIVER = driver.Driver
    TEMPLATE = staticmethod(_template)
    REFUSED = (({'network_driver': 'flannel'}, 'docker'),
               ({'volume_driver': 'cinder'}, 'rexray'))

    def test_observe_maps_mesos_outputs(self):
        cluster, views = fx.one_stack(
            {'api_address': '172.24.4.9',
             'mesos_master': '172.24.4.9',
             'mesos_masters': ['172.24.4.9'],
             'mesos_masters_private': ['10.0.0.3'],
             'mesos_slaves': ['172.24.4.7', '172.24.4.8'],
             'mesos_slaves_private': ['10.0.0.4', '10.0.0.5']})
        for tls_disabled in (False, True):
            got = observe.observe(cluster, views, tls_disabled, True,
                                  coe=self.driver.coe_outputs)
            self.assertEqual('http://172.24.4.9:5050', got.api_address)
        self.assertEqual(['172.24.4.9'], got.master_addresses)
        self.assertEqual(['172.24.4.7', '172.24.4.8'], got.node_addresses)
        self.assertEqual(2, got.nodegroups['ng-default-worker'].node_count)
