"""Every template, environment file and Ignition file parses, and the
labels schema, the parameter table and the templates agree.
"""

import glob
import json
import os

from magnum.common import exception
from magnum.drivers.heat import labels as heat_labels
from magnum.drivers.heat import render
from magnum.drivers.k8s_coreos import definition
from magnum.drivers.k8s_coreos import driver
from magnum.drivers.k8s_coreos import labels
from magnum.tests import base
from magnum.tests.unit.drivers import heat_driver_tests
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx

TEMPLATES = definition.TEMPLATE_DIR
ENVIRONMENTS = definition.ENVIRONMENT_DIR
_load = heat_driver_tests.load_yaml


def _parameters(name):
    return heat_driver_tests.template_parameters(TEMPLATES, name)


class TestFiles(base.TestCase):

    def test_templates_parse(self):
        paths = glob.glob(os.path.join(TEMPLATES, '*.yaml'))
        self.assertGreaterEqual(len(paths), 7)
        for path in paths:
            with self.subTest(path=path):
                self.assertIn('heat_template_version', _load(path))

    def test_environments_parse_and_point_at_files(self):
        paths = glob.glob(os.path.join(ENVIRONMENTS, '*.yaml'))
        self.assertGreaterEqual(len(paths), 13)
        for path in paths:
            with self.subTest(path=path):
                env = _load(path)
                self.assertTrue(set(env) <= {'resource_registry',
                                             'parameter_defaults'})
                for target in (env.get('resource_registry') or {}).values():
                    if target.endswith('.yaml'):
                        self.assertTrue(os.path.exists(
                            os.path.join(ENVIRONMENTS, target)), target)

    def test_ignition_files_parse(self):
        paths = glob.glob(os.path.join(TEMPLATES, 'ignition-*.json'))
        self.assertEqual(2, len(paths))
        for path in paths:
            with open(path) as stream:
                doc = json.load(stream)
            self.assertIn('version', doc['ignition'])
            self.assertTrue(doc['storage']['files'])

    def test_rendered_parameters_are_declared(self):
        ct = fx.template(labels={'etcd_volume_size': '1',
                                 'availability_zone': 'az'})
        cluster = fx.cluster(ct)
        defn = definition.KubernetesDefinition()
        rendered = render.render_cluster(defn, cluster, ct,
                                         cluster.nodegroups, fx.resolved())
        self.assertLessEqual(set(rendered.parameters),
                             _parameters('cluster.yaml'))
        ng = fx.nodegroup('extra', 'worker', 1, is_default=False)
        rendered = render.render_nodegroup(defn, cluster, ct, ng,
                                           fx.resolved(), {})
        self.assertLessEqual(set(rendered.parameters),
                             _parameters('nodegroup.yaml'))


class TestLabels(heat_driver_tests.LabelTests, base.TestCase):

    labels = labels
    definition = definition

    def test_unknown_value_is_a_400_naming_allowed_values(self):
        error = self.assertRaises(
            exception.InvalidParameterValue, heat_labels.check_labels,
            labels.SCHEMA, {'flannel_backend': 'ipip'})
        self.assertEqual(400, error.code)
        self.assertIn('flannel_backend', str(error))
        self.assertIn('vxlan, host-gw, udp', str(error))

    def test_unknown_labels_are_accepted(self):
        heat_labels.check_labels(labels.SCHEMA, {'heat_container_agent_tag':
                                                 'x', 'kube_tag': 'v1.2.3'})


class TestValidation(base.TestCase):

    def setUp(self):
        super().setUp()
        self.driver = driver.Driver()

    def test_two_masters_need_a_load_balancer(self):
        ct = fx.template()
        cluster = fx.cluster(ct, nodegroups=[
            fx.nodegroup('m', 'master', 3), fx.nodegroup('w', 'worker', 1)])
        cluster.master_count = 3
        error = self.assertRaises(exception.InvalidParameterValue,
                                  self.driver.validate_cluster, None,
                                  cluster, ct)
        self.assertIn('master_lb_enabled', str(error))

    def test_network_driver(self):
        error = self.assertRaises(
            exception.InvalidParameterValue,
            self.driver.validate_cluster_template, None,
            fx.template(network_driver='weave'))
        self.assertIn('flannel, calico', str(error))

    def test_devicemapper_needs_volume(self):
        self.assertRaises(
            exception.InvalidParameterValue,
            self.driver.validate_cluster_template, None,
            fx.template(docker_storage_driver='devicemapper',
                        docker_volume_size=1))

    def test_bad_label_on_cluster(self):
        ct = fx.template()
        cluster = fx.cluster(ct, labels={'kube_tag': 'latest'})
        cluster.master_count = 1
        error = self.assertRaises(exception.InvalidParameterValue,
                                  self.driver.validate_cluster, None,
                                  cluster, ct)
        self.assertIn('kube_tag', str(error))
