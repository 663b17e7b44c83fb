"""The Swarm mode, Mesos and bare-metal Kubernetes stacks against the
local cloud's real Heat: every main combination is validated by Heat with
the demo user's token. Cinder and Octavia types are mapped to
OS::Heat::None by ``localcloud_env.yaml``. Skips without the local cloud
(fails under ``MAGNUM_TEST_REQUIRE_SERVICES=1``).
"""

from magnum.drivers.heat import render
from magnum.drivers.k8s_ironic import definition as bm_definition
from magnum.drivers.mesos import definition as mesos_definition
from magnum.drivers.swarm_mode import definition as swarm_definition
from magnum.tests.functional.drivers import test_k8s_coreos_heat as k8s
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx


class TestValidate(k8s.HeatTestCase):
    """Heat validates every rendered combination of the other drivers."""

    def _validate(self, definition, ct, masters=1, fixed=None, **inputs):
        cluster = self._cluster(ct, nodegroups=[
            fx.nodegroup('default-master', 'master', masters),
            fx.nodegroup('default-worker', 'worker', 2)])
        found = self._inputs(cluster, ct, **dict(fixed or {}, **inputs))
        rendered = render.render_cluster(definition, cluster, ct,
                                         cluster.nodegroups, found)
        answer = self.stacks.validate(rendered)
        self.assertIn('number_of_minions', answer['Parameters'])

    def _existing_network(self):
        subnet = self.cloud['external_subnet']
        return {'fixed_network_id': self.cloud['external_network_id'],
                'fixed_subnet_id': subnet['subnet_id'],
                'fixed_subnet_cidr': subnet['cidr']}

    def test_swarm_mode(self):
        definition = swarm_definition.SwarmDefinition()
        for name, kw, masters in (
                ('private', {}, 1),
                ('lb', {'master_lb_enabled': True}, 3),
                ('flannel no tls no fip',
                 {'network_driver': 'flannel', 'tls_disabled': True,
                  'floating_ip_enabled': False}, 1),
                ('rexray volume', {'volume_driver': 'rexray',
                                   'docker_volume_size': 5}, 1)):
            with self.subTest(combination=name):
                ct = self._template(**dict({'coe': 'swarm-mode',
                                            'network_driver': 'docker'},
                                           **kw))
                self._validate(definition, ct, masters,
                               docker_volume_type='any')
        with self.subTest(combination='fixed network'):
            self._validate(definition, self._template(coe='swarm-mode',
                                                      network_driver=None),
                           fixed=self._existing_network())

    def test_mesos(self):
        definition = mesos_definition.MesosDefinition()
        for name, kw, masters in (
                ('private', {}, 1),
                ('lb', {'master_lb_enabled': True}, 3),
                ('no fip, volume', {'floating_ip_enabled': False,
                                    'docker_volume_size': 5}, 1)):
            with self.subTest(combination=name):
                ct = self._template(coe='mesos', cluster_distro='ubuntu',
                                    network_driver='docker', **kw)
                self._validate(definition, ct, masters,
                               docker_volume_type='any')
        with self.subTest(combination='fixed network'):
            self._validate(definition, self._template(coe='mesos'),
                           fixed=self._existing_network())

    def test_kubernetes_bare_metal(self):
        definition = bm_definition.BareMetalDefinition()
        for name, kw, masters in (
                ('fedora-coreos', {}, 1),
                ('flatcar calico fip', {'cluster_distro': 'flatcar',
                                        'network_driver': 'calico',
                                        'floating_ip_enabled': True}, 1),
                ('lb', {'master_lb_enabled': True}, 3)):
            with self.subTest(combination=name):
                ct = self._template(**dict(
                    {'server_type': 'bm', 'floating_ip_enabled': False,
                     'fixed_network': self.cloud['external_network']},
                    **kw))
                self._validate(definition, ct, masters,
                               fixed=self._existing_network())
