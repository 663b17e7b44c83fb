"""The bare-metal Kubernetes driver: golden renderings, labels and the
validation that refuses what bare metal cannot do (see
:mod:`magnum.tests.unit.drivers.golden` to regenerate the golden files).
"""

import os

from magnum.common import exception
from magnum.drivers.heat import render
from magnum.drivers.k8s_coreos import definition as k8s_definition
from magnum.drivers.k8s_ironic import definition
from magnum.drivers.k8s_ironic import driver
from magnum.drivers.k8s_ironic import labels
from magnum.tests import base
from magnum.tests.unit.drivers import heat_driver_tests
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx

GOLDEN = os.path.join(os.path.dirname(__file__), 'golden')
DEFINITION = definition.BareMetalDefinition()
FIXED = {'fixed_network_id': fx.FIXED_NETWORK,
         'fixed_subnet_id': fx.FIXED_SUBNET, 'fixed_network_name': 'bm',
         'fixed_subnet_cidr': '192.168.9.0/24'}


def _template(**kw):
    values = dict(server_type='bm', flavor_id='baremetal',
                  master_flavor_id='baremetal', fixed_network='bm',
                  floating_ip_enabled=False, labels={})
    values.update(kw)
    return fx.template(**values)


def _case(ct_kw=None, masters=1, inputs_kw=None):
    return fx.rendered_cluster(DEFINITION, _template(**(ct_kw or {})),
                               masters=masters,
                               inputs_kw=dict(FIXED, **(inputs_kw or {})))


CASES = {
    'fixed_network': lambda: _case(),
    'flatcar_calico_floating_ip': lambda: _case(
        ct_kw={'cluster_distro': 'flatcar', 'network_driver': 'calico',
               'floating_ip_enabled': True}),
    'lb_three_masters': lambda: _case(
        ct_kw={'master_lb_enabled': True}, masters=3,
        inputs_kw={'octavia_enabled': True}),
    'nodegroup': lambda: render.render_nodegroup(
        DEFINITION, fx.cluster(_template()), _template(),
        fx.nodegroup('gpu', 'worker', 3, is_default=False,
                     flavor_id='baremetal-gpu'),
        fx.resolved(**FIXED),
        {'api_private_address': '192.168.9.5',
         'network_id': fx.FIXED_NETWORK, 'subnet_id': fx.FIXED_SUBNET,
         'worker_security_group': 'sg-1'}),
}


class TestGolden(heat_driver_tests.GoldenTests, base.TestCase):

    CASES = CASES
    GOLDEN = GOLDEN
    # Bare metal renders the templates and script of the VM driver.
    definition = k8s_definition

    def test_strict_policy_whatever_the_configuration(self):
        params = _case(inputs_kw={'affinity_policy':
                                  'soft-anti-affinity'}).parameters
        self.assertEqual('anti-affinity', params['nodes_affinity_policy'])

    def test_no_volumes_no_private_network(self):
        envs = [os.path.basename(p)
                for p in CASES['fixed_network']().environment_files]
        self.assertIn('no_private_network.yaml', envs)
        self.assertIn('no_docker_volume.yaml', envs)
        self.assertIn('no_etcd_volume.yaml', envs)
        self.assertIn('disable_floating_ip.yaml', envs)


class TestLabels(heat_driver_tests.LabelTests, base.TestCase):

    labels = labels
    definition = k8s_definition

    def test_no_volume_labels(self):
        for name in labels.VOLUME_LABELS:
            self.assertNotIn(name, labels.SCHEMA['properties'])

    def test_soft_policy_is_a_400(self):
        cluster = fx.cluster(_template(),
                             labels={'server_group_policy':
                                     'soft-anti-affinity'})
        error = self.assertRaises(
            exception.InvalidParameterValue,
            driver.Driver().validate_cluster, None, cluster, _template())
        self.assertIn('server_group_policy', str(error))


class TestValidation(base.TestCase):

    def setUp(self):
        super().setUp()
        self.driver = driver.Driver()

    def _cluster_error(self, ct, **kw):
        cluster = fx.cluster(ct, **kw)
        cluster.master_count = kw.pop('master_count', 1)
        return self.assertRaises(exception.InvalidParameterValue,
                                 self.driver.validate_cluster, None,
                                 cluster, ct)

    def test_volumes_are_400s_on_the_template(self):
        for kw, name in (({'docker_volume_size': 5}, 'docker_volume_size'),
                         ({'labels': {'etcd_volume_size': '2'}},
                          'etcd_volume_size'),
                         ({'labels': {'boot_volume_size': '20'}},
                          'boot_volume_size'),
                         ({'volume_driver': 'cinder'}, 'volume_driver')):
            with self.subTest(name=name):
                error = self.assertRaises(
                    exception.InvalidParameterValue,
                    self.driver.validate_cluster_template, None,
                    _template(**kw))
                self.assertEqual(400, error.code)
                self.assertIn(name, str(error))

    def test_volumes_are_400s_on_the_cluster(self):
        error = self._cluster_error(_template(), docker_volume_size=3)
        self.assertIn('docker_volume_size', str(error))
        error = self._cluster_error(_template(),
                                    labels={'etcd_volume_size': '1'})
        self.assertIn('etcd_volume_size', str(error))

    def test_fixed_network_required(self):
        error = self._cluster_error(_template(fixed_network=None))
        self.assertIn('fixed_network', str(error))

    def test_valid_cluster(self):
        ct = _template()
        cluster = fx.cluster(ct)
        cluster.master_count = 1
        self.driver.validate_cluster(None, cluster, ct)

    def test_provides_do_not_collide_with_the_vm_driver(self):
        from magnum.drivers.k8s_coreos import driver as vm_driver
        key = lambda p: (p['server_type'], p['os'], p['coe'])
        self.assertFalse({key(p) for p in driver.Driver.provides} &
                         {key(p) for p in vm_driver.Driver.provides})
