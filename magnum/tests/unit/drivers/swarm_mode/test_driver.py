"""The Swarm mode driver: golden renderings, templates, labels,
validation and observation.

Set MAGNUM_REGENERATE_GOLDEN=1 to rewrite the golden files after an
intended change, then review the diff.
"""

import glob
import json
import os
import re
from urllib import parse

import jsonschema
import yaml

from magnum.common import exception
from magnum.drivers.heat import labels as heat_labels
from magnum.drivers.heat import observe
from magnum.drivers.heat import render
from magnum.drivers.heat import stack
from magnum.drivers.swarm_mode import definition
from magnum.drivers.swarm_mode import driver
from magnum.drivers.swarm_mode import labels
from magnum.tests import base
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx

GOLDEN = os.path.join(os.path.dirname(__file__), 'golden')
REGENERATE = os.environ.get('MAGNUM_REGENERATE_GOLDEN') == '1'
DEFINITION = definition.SwarmDefinition()
TEMPLATES = definition.TEMPLATE_DIR


def _template(**kw):
    values = dict(coe='swarm-mode', network_driver='docker', labels={})
    values.update(kw)
    return fx.template(**values)


def _case(ct_kw=None, cluster_kw=None, inputs_kw=None, masters=1):
    ct = _template(**(ct_kw or {}))
    cluster = fx.cluster(ct, nodegroups=[
        fx.nodegroup('default-master', 'master', masters),
        fx.nodegroup('default-worker', 'worker', 2)], **(cluster_kw or {}))
    return render.render_cluster(DEFINITION, cluster, ct, cluster.nodegroups,
                                 fx.resolved(**(inputs_kw or {})))


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


def golden(test, directory, name, rendered, root):
    """Compare a rendering with <directory>/<name>.json (script elided)."""
    params = dict(rendered.parameters)
    params['bootstrap_script'] = '<fragments/bootstrap.sh, encoded>'
    got = render.to_json(render.Rendered(rendered.template_path, params,
                                         rendered.environment_files),
                         root) + '\n'
    path = os.path.join(directory, name + '.json')
    if REGENERATE:
        with open(path, 'w') as stream:
            stream.write(got)
    with open(path) as stream:
        test.assertEqual(stream.read(), got)


def _load(path):
    with open(path) as stream:
        return yaml.safe_load(stream)


class TestGolden(base.TestCase):

    def test_every_case(self):
        for name in sorted(CASES):
            with self.subTest(case=name):
                rendered = CASES[name]()
                self.assertEqual(definition.bootstrap_script(),
                                 parse.unquote(
                                     rendered.parameters['bootstrap_script']))
                golden(self, GOLDEN, name, rendered, TEMPLATES)

    def test_no_stale_golden_files(self):
        self.assertEqual(set(CASES), {f[:-len('.json')]
                                      for f in os.listdir(GOLDEN)})

    def test_rendered_parameters_are_declared(self):
        declared = set(_load(os.path.join(TEMPLATES,
                                          'cluster.yaml'))['parameters'])
        for name, case in CASES.items():
            with self.subTest(case=name):
                self.assertLessEqual(set(case().parameters), declared)

    def test_environment_files_exist(self):
        for name, case in CASES.items():
            for path in case().environment_files:
                self.assertTrue(os.path.exists(path), path)


class TestFiles(base.TestCase):

    def test_templates_parse(self):
        paths = glob.glob(os.path.join(TEMPLATES, '*.yaml'))
        self.assertEqual(2, len(paths))
        for path in paths:
            self.assertIn('heat_template_version', _load(path))

    def test_ignition_parses(self):
        with open(os.path.join(TEMPLATES, 'ignition.json')) as stream:
            doc = json.load(stream)
        self.assertEqual('3.3.0', doc['ignition']['version'])

    def test_node_parameters_match_what_the_cluster_passes(self):
        node = set(_load(os.path.join(TEMPLATES, 'node.yaml'))['parameters'])
        cluster = _load(os.path.join(TEMPLATES, 'cluster.yaml'))
        for group in ('managers', 'workers'):
            passed = cluster['resources'][group]['properties'][
                'resource_def']['properties']
            self.assertEqual(node, set(passed), group)


class TestLabels(base.TestCase):

    def test_schema_and_table_agree(self):
        self.assertEqual(set(labels.SCHEMA['properties']),
                         set(labels.TARGETS))
        jsonschema.Draft7Validator.check_schema(labels.SCHEMA)

    def test_targets_exist(self):
        params = set(_load(os.path.join(TEMPLATES,
                                        'cluster.yaml'))['parameters'])
        script = definition.bootstrap_script()
        for label, target in labels.TARGETS.items():
            with self.subTest(label=label):
                if target.kind == 'node':
                    self.assertTrue(re.search(r'\$\{?%s\b' % target.name,
                                              script))
                elif target.kind != 'environment':
                    self.assertIn(target.name, params)

    def test_unknown_strategy_is_a_400(self):
        error = self.assertRaises(
            exception.InvalidParameterValue, heat_labels.check_labels,
            labels.SCHEMA, {'swarm_strategy': 'fill'})
        self.assertIn('spread, binpack, random', str(error))


class TestDriver(base.TestCase):

    def setUp(self):
        super().setUp()
        self.driver = driver.Driver()

    def test_network_and_volume_drivers(self):
        for kw, allowed in (({'network_driver': 'calico'}, 'docker, flannel'),
                            ({'volume_driver': 'manila'}, 'cinder, rexray')):
            error = self.assertRaises(
                exception.InvalidParameterValue,
                self.driver.validate_cluster_template, None, _template(**kw))
            self.assertIn(allowed, str(error))

    def test_even_manager_count(self):
        self.assertRaises(exception.MasterNGSizeInvalid,
                          self.driver.validate_master_size, 2)

    def test_nodegroups_and_upgrade_not_supported(self):
        self.assertRaises(exception.NotSupported,
                          self.driver.create_nodegroup, None, None, None)
        self.assertRaises(exception.NotSupported,
                          self.driver.upgrade_cluster, None, None, None, 1,
                          None)

    def test_observe_maps_swarm_outputs(self):
        ngs = [fx.nodegroup('default-master', 'master', 1, stack_id='sid'),
               fx.nodegroup('default-worker', 'worker', 2, stack_id='sid')]
        cluster = fx.cluster(nodegroups=ngs, stack_id='sid')
        view = stack.StackView(
            id='sid', status='CREATE_COMPLETE', status_reason='',
            outputs={'api_address': '172.24.4.9',
                     'swarm_masters': ['172.24.4.9'],
                     'swarm_masters_private': ['10.0.0.3'],
                     'swarm_nodes': ['172.24.4.7', '172.24.4.8'],
                     'swarm_nodes_private': ['10.0.0.4', '10.0.0.5']},
            parameters={'number_of_masters': '1', 'number_of_minions': '2'})
        got = observe.observe(cluster, {'sid': view}, False, True,
                              coe=self.driver.coe_outputs)
        self.assertEqual('tcp://172.24.4.9:2376', got.api_address)
        self.assertEqual(['172.24.4.9'], got.master_addresses)
        self.assertEqual(['172.24.4.7', '172.24.4.8'], got.node_addresses)
        got = observe.observe(cluster, {'sid': view}, True, False,
                              coe=self.driver.coe_outputs)
        self.assertEqual('tcp://172.24.4.9:2375', got.api_address)
        self.assertEqual(['10.0.0.4', '10.0.0.5'], got.node_addresses)
