"""The bare-metal Kubernetes driver: golden renderings, labels and the
validation that refuses what bare metal cannot do.

Set MAGNUM_REGENERATE_GOLDEN=1 to rewrite the golden files after an
intended change, then review the diff.
"""

import os

import jsonschema

from magnum.common import exception
from magnum.drivers.heat import render
from magnum.drivers.k8s_ironic import definition
from magnum.drivers.k8s_ironic import driver
from magnum.drivers.k8s_ironic import labels
from magnum.tests import base
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx
from magnum.tests.unit.drivers.swarm_mode import (
    test_driver as swarm_tests)

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
    ct = _template(**(ct_kw or {}))
    cluster = fx.cluster(ct, nodegroups=[
        fx.nodegroup('default-master', 'master', masters),
        fx.nodegroup('default-worker', 'worker', 2)])
    found = dict(FIXED, **(inputs_kw or {}))
    return render.render_cluster(DEFINITION, cluster, ct, cluster.nodegroups,
                                 fx.resolved(**found))


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


class TestGolden(base.TestCase):

    def test_every_case(self):
        for name in sorted(CASES):
            with self.subTest(case=name):
                swarm_tests.golden(self, GOLDEN, name, CASES[name](),
                                   definition.TEMPLATE_DIR)

    def test_no_stale_golden_files(self):
        self.assertEqual(set(CASES), {f[:-len('.json')]
                                      for f in os.listdir(GOLDEN)})

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


class TestLabels(base.TestCase):

    def test_schema_and_table_agree(self):
        self.assertEqual(set(labels.SCHEMA['properties']),
                         set(labels.TARGETS))
        jsonschema.Draft7Validator.check_schema(labels.SCHEMA)

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
