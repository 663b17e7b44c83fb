"""Deleting the load balancers Kubernetes made, with a fake Octavia."""

from magnum.common import exception
from magnum.drivers.heat import predelete
from magnum.tests import base
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx

UUID = fx.CLUSTER_UUID


class FakeOctavia:
    """Load balancers that go away after ``steps`` polls once deleted."""

    def __init__(self, lbs, fips=(), available=True, steps=1, busy=0,
                 end='DELETED'):
        self.lbs = {lb['id']: dict(lb, provisioning_status='ACTIVE')
                    for lb in lbs}
        self.fips = list(fips)
        self.available = available
        self.steps = steps
        self.busy = busy
        self.end = end
        self.deleted_fips = []
        self.delete_calls = []

    def has_load_balancers(self):
        return self.available

    def load_balancers(self, project_id):
        return list(self.lbs.values())

    def load_balancer(self, lb_id):
        lb = self.lbs.get(lb_id)
        if lb and lb['provisioning_status'] == 'PENDING_DELETE':
            lb['polls'] = lb.get('polls', 0) + 1
            if lb['polls'] >= self.steps:
                if self.end == 'DELETED':
                    del self.lbs[lb_id]
                    return None
                lb['provisioning_status'] = self.end
        return lb

    def delete_load_balancer(self, lb_id):
        self.delete_calls.append(lb_id)
        if self.busy:
            self.busy -= 1
            return False
        self.lbs[lb_id]['provisioning_status'] = 'PENDING_DELETE'
        return True

    def floating_ips(self, port_id):
        return [f for f in self.fips if f['port_id'] == port_id]

    def delete_floating_ip(self, fip_id):
        self.deleted_fips.append(fip_id)


def _lb(lb_id, cluster=UUID, port='port-' + 'x'):
    return {'id': lb_id, 'vip_port_id': 'port-' + lb_id,
            'description': 'Kubernetes external service default/web from '
                           'cluster %s' % cluster}


class Clock:

    def __init__(self):
        self.now = 0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


class TestPreDelete(base.TestCase):

    def _run(self, cloud, timeout=60):
        clock = Clock()
        predelete.delete_load_balancers(cloud, fx.cluster(), timeout,
                                        clock=clock, sleep=clock.sleep)

    def test_matches_description(self):
        self.assertTrue(predelete.owned_by(
            'Kubernetes Ingress ns/ing from cluster %s' % UUID, UUID))
        self.assertFalse(predelete.owned_by(
            'Kubernetes external service a/b from cluster other', UUID))
        self.assertFalse(predelete.owned_by(None, UUID))

    def test_deletes_only_the_clusters_balancers_and_fips(self):
        cloud = FakeOctavia(
            [_lb('a'), _lb('b', cluster='someone-else')],
            fips=[{'id': 'fip-a', 'port_id': 'port-a',
                   'description': 'Floating IP for Kubernetes external '
                                  'service default/web from cluster %s'
                                  % UUID},
                  {'id': 'fip-user', 'port_id': 'port-a',
                   'description': 'mine'}],
            steps=3)
        self._run(cloud)
        self.assertEqual(['a'], cloud.delete_calls)
        self.assertEqual(['fip-a'], cloud.deleted_fips)
        self.assertEqual(['b'], list(cloud.lbs))

    def test_busy_balancer_is_retried(self):
        cloud = FakeOctavia([_lb('a')], busy=2)
        self._run(cloud)
        self.assertEqual(['a', 'a', 'a'], cloud.delete_calls)
        self.assertEqual({}, cloud.lbs)

    def test_timeout_is_a_clear_failure(self):
        cloud = FakeOctavia([_lb('a')], steps=1000)
        error = self.assertRaises(exception.PreDeletionFailed, self._run,
                                  cloud, 10)
        self.assertIn('pre_delete_lb_timeout', str(error))
        self.assertIn(' a ', str(error) + ' ')

    def test_error_state_fails(self):
        cloud = FakeOctavia([_lb('a')], end='ERROR')
        error = self.assertRaises(exception.PreDeletionFailed, self._run,
                                  cloud)
        self.assertIn('openstack loadbalancer delete --cascade a',
                      str(error))

    def test_skipped_without_octavia(self):
        cloud = FakeOctavia([_lb('a')], available=False)
        self._run(cloud)
        self.assertEqual([], cloud.delete_calls)
