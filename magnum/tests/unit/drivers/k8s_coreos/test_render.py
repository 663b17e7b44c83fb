"""Golden-file tests of the Kubernetes-on-CoreOS renderings (see
:mod:`magnum.tests.unit.drivers.golden` to regenerate the golden files).
"""

import os

from magnum.common import exception
from magnum.drivers.heat import render
from magnum.drivers.k8s_coreos import definition
from magnum.tests import base
from magnum.tests.unit.drivers import heat_driver_tests
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx

GOLDEN = os.path.join(os.path.dirname(__file__), 'golden')
DEFINITION = definition.KubernetesDefinition()

FACTS = {'api_private_address': '10.0.0.5', 'network_id': fx.FIXED_NETWORK,
         'subnet_id': fx.FIXED_SUBNET, 'worker_security_group': 'sg-1'}


def _cluster_case(ct_kw=None, **kw):
    return fx.rendered_cluster(DEFINITION, fx.template(**(ct_kw or {})),
                               **kw)


CASES = {
    'private_network': lambda: _cluster_case(),
    'fixed_network': lambda: _cluster_case(
        cluster_kw={'fixed_network': 'net', 'fixed_subnet': 'subnet'},
        inputs_kw={'fixed_network_id': fx.FIXED_NETWORK,
                   'fixed_subnet_id': fx.FIXED_SUBNET,
                   'fixed_network_name': 'net',
                   'fixed_subnet_cidr': '192.168.7.0/24'}),
    'lb_three_masters': lambda: _cluster_case(
        ct_kw={'master_lb_enabled': True}, masters=3,
        inputs_kw={'octavia_enabled': True}),
    'lb_without_floating_ip': lambda: _cluster_case(
        ct_kw={'master_lb_enabled': True, 'floating_ip_enabled': False,
               'labels': {'master_lb_floating_ip_enabled': 'true'}}),
    'no_floating_ip': lambda: _cluster_case(
        ct_kw={'floating_ip_enabled': False}),
    'volumes': lambda: _cluster_case(
        ct_kw={'docker_volume_size': 10,
               'labels': {'etcd_volume_size': '4',
                          'instance_store_type': 'ceph',
                          'image_store_uuid': 'store-1'}},
        inputs_kw={'docker_volume_type': 'fast',
                   'etcd_volume_type': 'ssd'}),
    'calico_tls_disabled': lambda: _cluster_case(
        ct_kw={'network_driver': 'calico', 'tls_disabled': True,
               'registry_enabled': True,
               'labels': {'kube_tag': 'v1.29.8',
                          'flannel_backend': 'host-gw'}}),
    'flatcar': lambda: _cluster_case(ct_kw={'cluster_distro': 'flatcar'}),
    'coreos': lambda: _cluster_case(ct_kw={'cluster_distro': 'coreos'}),
    'nodegroup': lambda: render.render_nodegroup(
        DEFINITION, fx.cluster(), fx.template(),
        fx.nodegroup('gpu', 'worker', 3, is_default=False,
                     docker_volume_size=20, flavor_id='m1.medium'),
        fx.resolved(docker_volume_type='fast'), FACTS),
}


class TestGolden(heat_driver_tests.GoldenTests, base.TestCase):

    CASES = CASES
    GOLDEN = GOLDEN
    definition = definition


class TestRender(base.TestCase):

    def test_deterministic(self):
        self.assertEqual(CASES['volumes'](), CASES['volumes']())

    def test_environment_switches(self):
        envs = [os.path.basename(p)
                for p in CASES['fixed_network']().environment_files]
        self.assertIn('no_private_network.yaml', envs)
        envs = [os.path.basename(p)
                for p in CASES['lb_without_floating_ip']().environment_files]
        self.assertEqual(['with_private_network.yaml', 'with_master_lb.yaml',
                          'disable_floating_ip.yaml',
                          'enable_lb_floating_ip.yaml',
                          'no_docker_volume.yaml', 'no_etcd_volume.yaml'],
                         envs)

    def test_server_metadata_from_labels(self):
        params = CASES['volumes']().parameters
        self.assertEqual({'instance_store_type': 'ceph',
                          'image_store_uuid': 'store-1'},
                         params['server_metadata'])

    def test_ignition_version_per_distro(self):
        self.assertEqual('2.2.0', CASES['coreos']().parameters[
            'ignition_version'])
        self.assertEqual('3.3.0', CASES['flatcar']().parameters[
            'ignition_version'])

    def test_secrets_are_percent_encoded(self):
        params = CASES['private_network']().parameters
        self.assertEqual('p%40ss%20word', params['trustee_password'])
        self.assertNotIn('\n', params['ca_cert'])
        self.assertNotIn('"', params['bootstrap_script'])

    def test_master_nodegroup_stack_refused(self):
        self.assertRaises(
            exception.CreateMasterNodeGroup, render.render_nodegroup,
            DEFINITION, fx.cluster(), fx.template(),
            fx.nodegroup('m2', 'master', 1, is_default=False),
            fx.resolved(), FACTS)

    def test_missing_default_nodegroup(self):
        ct = fx.template()
        cluster = fx.cluster(ct)
        self.assertRaises(exception.InvalidParameterValue,
                          render.render_cluster, DEFINITION, cluster, ct,
                          cluster.nodegroups[:1], fx.resolved())

    def test_upgrade_parameters(self):
        ct = fx.template(image_id='new-image',
                         labels={'kube_tag': 'v1.31.0'})
        cluster = fx.cluster()
        params = DEFINITION.upgrade_parameters(cluster, ct,
                                               cluster.default_ng_worker)
        self.assertEqual({'minion_image': 'new-image',
                          'minion_kube_tag': 'v1.31.0'}, params)
