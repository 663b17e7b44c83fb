"""A real magnum-conductor process over RabbitMQ and MariaDB.

Each test gets a throw-away MariaDB database at the head revision and a
RabbitMQ vhost of its own (see :mod:`process_fixtures`), starts
``magnum-conductor`` as a subprocess with the fake driver, and drives
clusters through it the way the API does: commit the row and its
operation, then cast. Skipped when MariaDB or RabbitMQ is not reachable
(failed under MAGNUM_TEST_REQUIRE_SERVICES=1).
"""

import time

from magnum.db import api as dbapi
from magnum import objects
from magnum.tests.functional.conductor import process_fixtures

TIMEOUT = process_fixtures.TIMEOUT


class ConductorProcessTest(process_fixtures.ServicesTestCase):

    def test_create_completes_and_heartbeat_is_up(self):
        self.start_conductor('conductor-a')
        # Cast once it consumes the topic, or the cast is dropped and only
        # the takeover pass (10 s later) would build the cluster.
        self.wait_for_conductor('conductor-a')
        cluster_uuid, op_uuid = self.commit_cluster()
        self.rpcapi.create_cluster(self.context, cluster_uuid, op_uuid)
        self.wait_for_status(cluster_uuid, ['CREATE_COMPLETE'])
        cluster = objects.Cluster.get_by_uuid(self.admin, cluster_uuid)
        self.assertTrue(cluster.ca_cert_ref)
        self.assertEqual('https://192.0.2.1:6443', cluster.api_address)
        service = objects.MagnumService.get_by_host_and_binary(
            self.admin, self.host_name('conductor-a'), 'magnum-conductor')
        self.assertEqual('up', service.state())
        self.assertEqual(['True'], [str(self.rpcapi.ping_conductor(
            self.context))])

    def test_cast_with_no_conductor_running_completes_later(self):
        cluster_uuid, op_uuid = self.commit_cluster()
        self.rpcapi.create_cluster(self.context, cluster_uuid, op_uuid)
        time.sleep(1)
        self.start_conductor('conductor-b')
        self.wait_for_status(cluster_uuid, ['CREATE_COMPLETE'])

    def test_conductor_killed_holding_the_lease_is_taken_over(self):
        cluster_uuid, op_uuid = self.commit_cluster()
        # What a conductor SIGKILLed inside the driver call leaves: a
        # running operation under a lease nobody renews.
        self.assertIsNotNone(dbapi.claim_operation(op_uuid, 'dead:1:x', 2))
        self.start_conductor('conductor-c')
        self.wait_for_status(cluster_uuid, ['CREATE_COMPLETE'])
        op = objects.Operation.get_by_uuid(self.admin, op_uuid)
        self.assertEqual(2, op.attempts)
        self.assertEqual('succeeded', op.state)

    def _kill_mid_create(self, name, fake_steps, shared_fake=False):
        """Start a create on conductor ``name`` and SIGKILL it once the
        driver has accepted the work; return the cluster's uuid.
        """
        first = self.start_conductor(name, shared_fake=shared_fake)
        self.wait_for_conductor(name)
        cluster_uuid, op_uuid = self.commit_cluster(
            labels={'fake_steps': str(fake_steps)})
        self.rpcapi.create_cluster(self.context, cluster_uuid, op_uuid)
        deadline = time.time() + TIMEOUT
        while objects.Operation.get_by_uuid(
                self.admin, op_uuid).state != 'succeeded':
            self.assertLess(time.time(), deadline)
            time.sleep(0.2)
        self.kill(first)
        return cluster_uuid

    def test_sigkill_mid_create_ends_with_a_final_status(self):
        cluster_uuid = self._kill_mid_create('conductor-d', 100000)
        self.start_conductor('conductor-e')
        # The fake backend lived in the killed process: the new conductor
        # must not leave the cluster stuck, and must say why it failed.
        self.wait_for_status(cluster_uuid, ['CREATE_FAILED'])
        cluster = objects.Cluster.get_by_uuid(self.admin, cluster_uuid)
        self.assertIn('no record', cluster.status_reason)

    def test_sigkill_mid_create_then_restart_completes(self):
        # The fake backend in a file both conductors share outlives the
        # killed process, as a Heat stack outlives a conductor.
        cluster_uuid = self._kill_mid_create('conductor-f', 8,
                                             shared_fake=True)
        cluster = objects.Cluster.get_by_uuid(self.admin, cluster_uuid)
        self.assertEqual('CREATE_IN_PROGRESS', cluster.status)
        self.start_conductor('conductor-g', shared_fake=True)
        self.wait_for_status(cluster_uuid, ['CREATE_COMPLETE'])
        cluster = objects.Cluster.get_by_uuid(self.admin, cluster_uuid)
        self.assertEqual('https://192.0.2.1:6443', cluster.api_address)
