"""Crash safety: takeover of lost and abandoned operations, and races."""

import datetime
import threading

import fixtures
from oslo_utils import timeutils

from magnum.conductor import operations
from magnum.conductor import periodic
from magnum.db import api as dbapi
from magnum.drivers.fake import driver as fake_driver
from magnum import objects
from magnum.tests.unit.conductor import base


class TakeoverTest(base.ConductorTestCase):

    def submitted(self, now=None):
        runs = []
        periodic.take_over_operations(
            lambda ctx, uuid: runs.append(self.manager.submit(ctx, uuid)),
            now=now)
        return [f.result(30) for f in runs]

    def test_fresh_pending_operation_is_left_to_its_cast(self):
        self.create_cluster()
        self.assertEqual([], self.submitted())

    def test_lost_cast_is_taken_over(self):
        cluster_uuid, op_uuid = self.create_cluster()
        later = timeutils.utcnow() + datetime.timedelta(
            seconds=periodic.PENDING_GRACE_SECONDS + 1)
        self.assertEqual(['succeeded'], self.submitted(now=later))
        self.sync()
        self.assertEqual('CREATE_COMPLETE',
                         self.cluster(cluster_uuid).status)

    def test_expired_lease_is_taken_over_without_repeating_work(self):
        cluster_uuid, op_uuid = self.create_cluster()
        # A conductor claimed it, started the backend, set stack_id and
        # died before recording the outcome.
        dbapi.claim_operation(op_uuid, 'dead:1:x', 60)
        cluster = self.cluster(cluster_uuid)
        fake_driver.FakeDriver().create_cluster(None, cluster, 60)
        dbapi.update_cluster(cluster_uuid, {'stack_id': 'stack-1'})
        self.assertEqual([], self.submitted())
        timeutils.set_time_override(
            timeutils.utcnow() + datetime.timedelta(seconds=61))
        self.addCleanup(timeutils.clear_time_override)
        self.assertEqual(['succeeded'], self.submitted())
        op = self.operation(op_uuid)
        self.assertEqual(2, op.attempts)
        self.assertEqual(['create'], fake_driver.FakeDriver.get_record(
            cluster_uuid).calls)
        self.assertEqual({'stack-1'}, {ng.stack_id for ng in
                                       self.cluster(cluster_uuid).nodegroups})
        self.sync()
        self.assertEqual('CREATE_COMPLETE',
                         self.cluster(cluster_uuid).status)


class RaceTest(base.ConductorTestCase):

    def test_two_runners_one_operation_exactly_one_runs(self):
        cluster_uuid, op_uuid = self.create_cluster()
        # The test database is one sqlite connection, which threads may
        # not use at once: serialise the claims. MariaDB settles real
        # races with the same conditional UPDATE.
        lock = threading.Lock()
        real_claim = objects.Operation.claim

        def claim(context, uuid, owner, lease_seconds):
            with lock:
                return real_claim(context, uuid, owner, lease_seconds)

        self.useFixture(fixtures.MockPatchObject(
            objects.Operation, 'claim', side_effect=claim))
        barrier = threading.Barrier(2)
        results = {}

        def runner(owner):
            barrier.wait()
            results[owner] = operations.run(self.context, op_uuid, owner)

        threads = [threading.Thread(target=runner, args=(name,))
                   for name in ('c1:1:a', 'c2:1:b')]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        self.assertEqual(['succeeded'],
                         [r for r in results.values() if r is not None])
        self.assertEqual(1, list(results.values()).count(None))
        self.assertEqual(['create'], fake_driver.FakeDriver.get_record(
            cluster_uuid).calls)


class LeaseKeeperTest(base.ConductorTestCase):

    def test_lease_is_renewed_while_the_driver_works(self):
        self.config(group='conductor', operation_lease_seconds=1)
        cluster_uuid, op_uuid = self.create_cluster()
        seen = []
        real = fake_driver.FakeDriver.create_cluster

        def slow_create(driver, context, cluster, timeout):
            before = self.operation(op_uuid).lease_expires_at
            threading.Event().wait(1.2)
            seen.append((before, self.operation(op_uuid).lease_expires_at))
            return real(driver, context, cluster, timeout)

        self.patch_autospec(fake_driver.FakeDriver, 'create_cluster'
                            ).side_effect = slow_create
        self.assertEqual('succeeded', self.run_op(op_uuid))
        before, after = seen[0]
        self.assertGreater(after, before)
