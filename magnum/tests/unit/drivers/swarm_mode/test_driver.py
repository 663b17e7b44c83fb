"""The Swarm mode driver passes the tests of every Heat driver
(:mod:`magnum.tests.unit.drivers.heat_driver_tests`) and its own.
"""

import json
import os

from magnum.common import exception
from magnum.drivers.heat import labels as heat_labels
from magnum.drivers.heat import observe
from magnum.drivers.swarm_mode import definition
from magnum.drivers.swarm_mode import driver
from magnum.drivers.swarm_mode import labels
from magnum.tests import base
from magnum.tests.unit.drivers import heat_driver_tests
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx

GOLDEN = os.path.join(os.path.dirname(__file__), 'golden')
DEFINITION = definition.SwarmDefinition()


def _template(**kw):
    kw.setdefault('network_driver', 'docker')
    return fx.template(coe='swarm-mode', **kw)


def _case(ct_kw=None, **kw):
    return fx.rendered_cluster(DEFINITION, _template(**(ct_kw or {})), **kw)


CASES = {
    'private_network': lambda: _case(),
    'fixed_network': lambda: _case(
        cluster_kw={'fixed_network': 'net', 'fixed_subnet': 'subnet'},
        inputs_kw={'fixed_network_id': fx.FIXED_NETWORK,
                   'fixed_subnet_id': fx.FIXED_SUBNET,
                   'fixed_subnet_cidr': '192.168.7.0/24'}),
    'lb_three_managers': lambda: _case(
        ct_kw={'master_lb_enabled': True}, masters=3),
    'flannel_no_tls_no_floating_ip': lambda: _case(
        ct_kw={'network_driver': 'flannel', 'tls_disabled': True,
               'floating_ip_enabled': False,
               'labels': {'swarm_strategy': 'binpack'}}),
    'rexray_volumes': lambda: _case(
        ct_kw={'volume_driver': 'rexray', 'docker_volume_size': 10,
               'labels': {'rexray_preempt': 'true'}},
        inputs_kw={'docker_volume_type': 'fast'}),
}


class TestGolden(heat_driver_tests.GoldenTests,
                 heat_driver_tests.CaseTemplateTests, base.TestCase):

    CASES = CASES
    GOLDEN = GOLDEN
    definition = definition


class TestFiles(heat_driver_tests.NodeTemplateTests, base.TestCase):

    definition = definition
    NODE_GROUPS = ('managers', 'workers')

    def test_ignition_parses(self):
        with open(os.path.join(definition.TEMPLATE_DIR,
                               'ignition.json')) as stream:
            doc = json.load(stream)
        self.assertEqual('3.3.0', doc['ignition']['version'])


class TestLabels(heat_driver_tests.LabelTests, base.TestCase):

    labels = labels
    definition = definition

    def test_unknown_strategy_is_a_400(self):
        error = self.assertRaises(
            exception.InvalidParameterValue, heat_labels.check_labels,
            labels.SCHEMA, {'swarm_strategy': 'fill'})
        self.assertIn('spread, binpack, random', str(error))


class TestDriver(heat_driver_tests.FixedShapeDriverTests, base.TestCase):

    DRIVER = driver.Driver
    TEMPLATE = staticmethod(_template)
    REFUSED = (({'network_driver': 'calico'}, 'docker, flannel'),
               ({'volume_driver': 'manila'}, 'cinder, rexray'))

    def test_observe_maps_swarm_outputs(self):
        cluster, views = fx.one_stack(
            {'api_address': '172.24.4.9',
             'swarm_masters': ['172.24.4.9'],
             'swarm_masters_private': ['10.0.0.3'],
             'swarm_nodes': ['172.24.4.7', '172.24.4.8'],
             'swarm_nodes_private': ['10.0.0.4', '10.0.0.5']})
        got = observe.observe(cluster, views, False, True,
                              coe=self.driver.coe_outputs)
        self.assertEqual('tcp://172.24.4.9:2376', got.api_address)
        self.assertEqual(['172.24.4.9'], got.master_addresses)
        self.assertEqual(['172.24.4.7', '172.24.4.8'], got.node_addresses)
        got = observe.observe(cluster, views, True, False,
                              coe=self.driver.coe_outputs)
        self.assertEqual('tcp://172.24.4.9:2375', got.api_address)
        self.assertEqual(['10.0.0.4', '10.0.0.5'], got.node_addresses)
