"""The Kubernetes-on-CoreOS stacks against the local cloud's real Heat.

Every rendered combination is validated by Heat; one small cluster is
created, scaled down with a named node, upgraded and deleted. Cinder and
Octavia types are mapped to OS::Heat::None by ``localcloud_env.yaml``
(the local cloud has neither), which also turns the nodes' boot wait
conditions off: fake-compute servers never boot. Skips without the local
cloud (fails under ``MAGNUM_TEST_REQUIRE_SERVICES=1``).
"""

import dataclasses
import os
import time
from urllib import parse

from magnum.drivers.heat import inputs
from magnum.drivers.heat import render
from magnum.drivers.heat import stack
from magnum.drivers.k8s_coreos import definition
from magnum.tests import base
from magnum.tests.functional import localcloud
from magnum.tests import services
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx

ENVIRONMENT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           'localcloud_env.yaml')
DEFINITION = definition.KubernetesDefinition()
POLL = 3
STACK_TIMEOUT = 600


class HeatTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.cloud = localcloud.load_cloud(self)
        orchestration = self.cloud.get('endpoints', {}).get('orchestration')
        if not orchestration:
            services.skip_or_fail(self, 'the local cloud has no Heat')
        url = parse.urlsplit(orchestration)
        services.require_port(self, 'Heat', url.hostname, url.port or 80)
        self.config(group='cluster_heat',
                    extra_environment_files=[ENVIRONMENT])
        self.context = localcloud.demo_context(self.cloud)
        self.stacks = stack.StackClient(self.context)

    def _template(self, **kw):
        values = dict(
            image_id=self.cloud.get('image_with_os_distro',
                                    'fedora-coreos-latest'),
            flavor_id=self.cloud.get('flavor', 'm1.small'),
            master_flavor_id=self.cloud.get('master_flavor', 'm1.small'),
            external_network_id=self.cloud.get('external_network',
                                               'public'),
            keypair_id=self.cloud.get('keypair'))
        values.update(kw)
        return fx.template(**values)

    def _cluster(self, ct, **kw):
        ngs = kw.pop('nodegroups', None)
        return fx.cluster(ct, nodegroups=ngs, keypair=ct.keypair_id,
                          name='functional', **kw)

    def _inputs(self, cluster, ct, **overrides):
        # The local cloud has no Cinder: volume types come from overrides.
        plain = fx.template(**dict(vars(ct), docker_volume_size=None,
                                   labels={}))
        resolved = inputs.resolve(self.context, cluster, plain, [],
                                  new_keys=True)
        return dataclasses.replace(resolved, **overrides)

    def _wait(self, stack_id, wanted):
        deadline = time.monotonic() + STACK_TIMEOUT
        while time.monotonic() < deadline:
            view = self.stacks.get(stack_id)
            if view is None or not view.status.endswith('IN_PROGRESS'):
                break
            time.sleep(POLL)
        got = view.status if view else 'DELETE_COMPLETE'
        self.assertEqual(wanted, got,
                         view.status_reason if view else 'stack gone')
        return view


class TestValidate(HeatTestCase):
    """Heat validates every rendered combination."""

    def _combinations(self):
        net = self.cloud.get('demo_network')
        yield 'private', self._template(), {}
        yield 'lb', self._template(master_lb_enabled=True), {}
        yield 'no floating ip', self._template(floating_ip_enabled=False), {}
        yield ('volumes', self._template(docker_volume_size=5,
                                         labels={'etcd_volume_size': '2'}),
               {'docker_volume_type': 'any', 'etcd_volume_type': 'any'})
        yield 'flatcar', self._template(cluster_distro='flatcar'), {}
        yield 'coreos', self._template(cluster_distro='coreos'), {}
        yield ('calico no tls', self._template(network_driver='calico',
                                               tls_disabled=True), {})
        if net:
            yield 'fixed network', self._template(fixed_network=net), {}

    def test_every_combination_validates(self):
        for name, ct, overrides in self._combinations():
            with self.subTest(combination=name):
                cluster = self._cluster(ct, nodegroups=[
                    fx.nodegroup('default-master', 'master',
                                 3 if ct.master_lb_enabled else 1),
                    fx.nodegroup('default-worker', 'worker', 2)])
                found = self._inputs(cluster, ct, **overrides)
                rendered = render.render_cluster(
                    DEFINITION, cluster, ct, cluster.nodegroups, found)
                answer = self.stacks.validate(rendered)
                self.assertIn('number_of_minions', answer['Parameters'])

    def test_nodegroup_validates(self):
        ct = self._template()
        cluster = self._cluster(ct)
        found = self._inputs(cluster, ct)
        rendered = render.render_nodegroup(
            DEFINITION, cluster, ct,
            fx.nodegroup('extra', 'worker', 2, is_default=False), found,
            {'api_private_address': '10.0.0.5',
             'network_id': found.external_network_id,
             'subnet_id': self.cloud['external_subnet']['subnet_id'],
             'worker_security_group': 'default'})
        self.assertIn('Parameters', self.stacks.validate(rendered))


class TestLifecycle(HeatTestCase):
    """Create, scale down with a named node, upgrade and delete."""

    def test_lifecycle(self):
        ct = self._template()
        cluster = self._cluster(ct)
        rendered = render.render_cluster(DEFINITION, cluster, ct,
                                         cluster.nodegroups,
                                         self._inputs(cluster, ct))
        stack_id = self.stacks.create(stack.stack_name(cluster.name),
                                      rendered, 15)
        self.addCleanup(self.stacks.delete, stack_id)
        view = self._wait(stack_id, 'CREATE_COMPLETE')
        self.assertEqual(2, len(view.outputs['kube_minions_private']))
        self.assertTrue(view.outputs['api_address'])

        self.stacks.update(stack_id, {'number_of_minions': 1,
                                      'minions_to_remove': ['0']})
        view = self._wait(stack_id, 'UPDATE_COMPLETE')
        self.assertEqual(1, len(view.outputs['kube_minions_private']))

        self.stacks.update(stack_id, {'minion_kube_tag': 'v1.31.1',
                                      'max_batch_size': 1})
        view = self._wait(stack_id, 'UPDATE_COMPLETE')
        self.assertEqual('v1.31.1', view.parameters['minion_kube_tag'])

        self.stacks.delete(stack_id)
        self._wait(stack_id, 'DELETE_COMPLETE')
