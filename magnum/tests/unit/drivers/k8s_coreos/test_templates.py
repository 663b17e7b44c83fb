"""Every template, environment file and Ignition file parses, and the
labels schema, the parameter table and the templates agree.
"""

import glob
import json
import os
import re
from urllib import parse

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


#: Parameters holding secrets that Heat must not show.
SECRETS = definition.CA_KEY_PARAMETERS + (
    'service_account_private_key', 'trustee_password', 'trust_id')


def _heat(node, params, conditions):
    """Evaluate the few intrinsic functions the node's user data uses.

    Attributes and resources stand for themselves: no server exists.
    """
    if isinstance(node, list):
        return [_heat(item, params, conditions) for item in node]
    if not isinstance(node, dict):
        return node
    if len(node) == 1:
        (name, arg), = node.items()
        if name == 'get_param':
            return params[arg]
        if name in ('get_attr', 'get_resource'):
            return '<%s>' % (arg if isinstance(arg, str) else arg[0])
        if name == 'get_file':
            with open(os.path.join(TEMPLATES, arg)) as stream:
                return stream.read()
        if name == 'if':
            condition, then, otherwise = arg
            return _heat(then if conditions[condition] else otherwise,
                         params, conditions)
        if name == 'list_join':
            return arg[0].join(str(item) for item in
                               _heat(arg[1], params, conditions))
        if name == 'str_replace':
            text = _heat(arg['template'], params, conditions)
            mapping = _heat(arg['params'], params, conditions)
            # Heat replaces the longest placeholders first.
            for key in sorted(mapping, key=len, reverse=True):
                text = text.replace(key, str(mapping[key]))
            return text
    return {key: _heat(value, params, conditions)
            for key, value in node.items()}


def _node_properties(rendered, group):
    """What cluster.yaml's ``group`` passes node.yaml, evaluated."""
    cluster = _load(os.path.join(TEMPLATES, 'cluster.yaml'))
    params = {name: spec.get('default')
              for name, spec in cluster['parameters'].items()}
    params.update(rendered.parameters)
    resource_def = cluster['resources'][group]['properties']['resource_def']
    conditions = {
        'lb': _true(params['master_lb_enabled']),
        'tls': not _true(params['tls_disabled']),
        'floating': _true(params['floating_ip_enabled']),
    }
    return _heat(resource_def['properties'], params, conditions)


def _true(value):
    return str(value).lower() == 'true'


def _ignition_files(properties):
    """Render node.yaml's user data; return {path: (mode, contents)}."""
    node = _load(os.path.join(TEMPLATES, 'node.yaml'))
    conditions = {
        'is_master': properties['role'] == 'master',
        'ignition_v2': properties['ignition_version'] == '2.2.0',
        'wait': properties['wait_for_nodes'],
        'docker_volume': str(properties['docker_volume_size']) != '0',
        'etcd_volume': (properties['role'] == 'master'
                        and str(properties['etcd_volume_size']) != '0'),
    }
    params = {name: spec.get('default')
              for name, spec in node['parameters'].items()}
    params.update(properties)
    user_data = _heat(node['resources']['user_data']['properties']['value'],
                      params, conditions)
    files = json.loads(user_data)['storage']['files']
    return {f['path']: (f['mode'], parse.unquote(
        f['contents']['source'][len('data:,'):])) for f in files}


PKI = {
    '/etc/kubernetes/pki/ca.crt': (0o644, 'ca_cert'),
    '/etc/kubernetes/pki/ca.key': (0o600, 'ca_key'),
    '/etc/kubernetes/pki/etcd/ca.crt': (0o644, 'etcd_ca_cert'),
    '/etc/kubernetes/pki/etcd/ca.key': (0o600, 'etcd_ca_key'),
    '/etc/kubernetes/pki/front-proxy-ca.crt': (0o644, 'front_proxy_ca_cert'),
    '/etc/kubernetes/pki/front-proxy-ca.key': (0o600, 'front_proxy_ca_key'),
}


class TestClusterCas(base.TestCase):
    """Masters get magnum's CAs and their keys, where kubeadm reads them;
    workers get only the pin they join with.
    """

    def setUp(self):
        super().setUp()
        ct = fx.template()
        self.cluster = fx.cluster(ct)
        self.defn = definition.KubernetesDefinition()
        self.rendered = render.render_cluster(
            self.defn, self.cluster, ct, self.cluster.nodegroups,
            fx.resolved())
        self.nodegroup = render.render_nodegroup(
            self.defn, self.cluster, ct,
            fx.nodegroup('extra', 'worker', 1, is_default=False),
            fx.resolved(), {})

    def test_cluster_stack_carries_the_cas_and_keys(self):
        for name, value in fx.CAS.items():
            self.assertEqual(value,
                             parse.unquote(self.rendered.parameters[name]))

    def test_nodegroup_stack_carries_no_ca_key(self):
        params = self.nodegroup.parameters
        self.assertEqual(set(), set(params) & set(
            definition.MASTER_CA_PARAMETERS))
        self.assertEqual(fx.CAS['ca_cert_hash'],
                         parse.unquote(params['ca_cert_hash']))
        self.assertEqual(set(), _parameters('nodegroup.yaml') & set(
            definition.MASTER_CA_PARAMETERS))

    def test_masters_get_the_cas_and_workers_empty_strings(self):
        masters = _node_properties(self.rendered, 'masters')
        workers = _node_properties(self.rendered, 'workers')
        for name in definition.MASTER_CA_PARAMETERS:
            self.assertEqual(self.rendered.parameters[name], masters[name])
            self.assertEqual('', workers[name], name)
        for name in ('ca_cert', 'ca_cert_hash'):
            self.assertEqual(masters[name], workers[name])
        nodegroup = _load(os.path.join(TEMPLATES, 'nodegroup.yaml'))
        passed = nodegroup['resources']['workers']['properties'][
            'resource_def']['properties']
        for name in definition.MASTER_CA_PARAMETERS:
            self.assertEqual('', passed[name], name)

    def test_secret_parameters_are_hidden_everywhere(self):
        declaring = set()
        for path in glob.glob(os.path.join(TEMPLATES, '*.yaml')):
            parameters = _load(path).get('parameters') or {}
            for name in SECRETS:
                if name in parameters:
                    with self.subTest(template=path, parameter=name):
                        self.assertIs(True, parameters[name].get('hidden'))
                    if name in definition.CA_KEY_PARAMETERS:
                        declaring.add(os.path.basename(path))
        self.assertEqual({'cluster.yaml', 'node.yaml'}, declaring)

    def test_master_user_data_writes_the_cas_for_kubeadm(self):
        for version in ('3.3.0', '2.2.0'):
            with self.subTest(ignition=version):
                properties = _node_properties(self.rendered, 'masters')
                properties['ignition_version'] = version
                files = _ignition_files(properties)
                for path, (mode, name) in PKI.items():
                    self.assertEqual((mode, fx.CAS[name]), files[path])
                self.assertEqual(fx.CAS['ca_cert'],
                                 files['/etc/magnum/ca.crt'][1])
                self.assertIn('CA_CERT_HASH=%s\n' % fx.CAS['ca_cert_hash'],
                              files['/etc/magnum/cluster.env'][1])

    def test_worker_user_data_has_the_pin_and_no_ca_material(self):
        files = _ignition_files(_node_properties(self.rendered, 'workers'))
        for path in PKI:
            self.assertEqual('', files[path][1], path)
        self.assertEqual('', files['/etc/magnum/service-account.key'][1])
        self.assertEqual(fx.CAS['ca_cert'], files['/etc/magnum/ca.crt'][1])
        self.assertIn('CA_CERT_HASH=%s\n' % fx.CAS['ca_cert_hash'],
                      files['/etc/magnum/cluster.env'][1])

    def test_every_placeholder_is_replaced(self):
        node = _load(os.path.join(TEMPLATES, 'node.yaml'))
        replaced = set(node['resources']['user_data']['properties'][
            'value']['str_replace']['params'])
        for name in ('ignition-v2.json', 'ignition-v3.json'):
            with open(os.path.join(TEMPLATES, name)) as stream:
                found = set(re.findall(r'__[A-Z0-9_]+?__', stream.read()))
            # Spec 2 files name their version themselves.
            self.assertEqual(replaced - {'__IGNITION_VERSION__'},
                             found - {'__IGNITION_VERSION__'}, name)


class TestApiAddresses(base.TestCase):
    """Where masters find the control plane and which addresses the API
    certificate must name.
    """

    def _properties(self, lb):
        ct = fx.template(master_lb_enabled=lb)
        cluster = fx.cluster(ct)
        rendered = render.render_cluster(
            definition.KubernetesDefinition(), cluster, ct,
            cluster.nodegroups, fx.resolved())
        return (_node_properties(rendered, 'masters'),
                _node_properties(rendered, 'workers'))

    def test_masters_behind_a_load_balancer_know_its_addresses(self):
        masters, workers = self._properties(lb=True)
        self.assertEqual('<api_lb>', masters['api_address'])
        self.assertEqual('<api_lb>', masters['api_public_address'])
        self.assertEqual('<api_private_address>', workers['api_address'])

    def test_a_single_master_creates_the_control_plane_alone(self):
        masters, _ = self._properties(lb=False)
        self.assertEqual('', masters['api_address'])
        self.assertEqual('', masters['api_public_address'])

    def test_node_env_names_addresses_and_volumes(self):
        masters, _ = self._properties(lb=True)
        env = _ignition_files(masters)['/etc/magnum/cluster.env'][1]
        for line in ('API_ADDRESS=<api_lb>\n',
                     'API_PUBLIC_ADDRESS=<api_lb>\n',
                     'NODE_PUBLIC_ADDRESS=<floating_ip>\n'):
            self.assertIn(line, env)
        self.assertIn('ETCD_VOLUME_ID=', env)
        self.assertIn('DOCKER_VOLUME_ID=', env)


class TestBootstrapJoin(base.TestCase):

    def setUp(self):
        super().setUp()
        self.script = definition.bootstrap_script()

    def test_workers_join_with_the_pin(self):
        self.assertIn('--discovery-token-ca-cert-hash "$CA_CERT_HASH"',
                      self.script)
        self.assertNotIn('unsafe-skip', self.script)

    def test_empty_ca_files_go_before_kubeadm_runs(self):
        main = self.script[self.script.index('\nmain() {'):]
        self.assertLess(main.index('drop_empty_pki_files'),
                        main.index('start_master'))
