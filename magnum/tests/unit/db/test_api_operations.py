"""Tests of the durable operation functions of the database API."""

import datetime

from oslo_utils import timeutils
from oslo_utils import uuidutils

from magnum.common import exception
from magnum.db import api as dbapi
from magnum.tests.unit.db import utils

START = datetime.datetime(2025, 6, 1, 12, 0, 0)


class OperationTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        timeutils.set_time_override(START)
        self.addCleanup(timeutils.clear_time_override)
        self.op = utils.create_test_operation()

    def test_create_defaults(self):
        values = utils.get_test_operation(uuid=uuidutils.generate_uuid())
        del values['state']
        del values['attempts']
        row = dbapi.create_operation(values)
        self.assertEqual('pending', row.state)
        self.assertEqual(0, row.attempts)
        self.assertEqual({'create_timeout': 60},
                         dbapi.get_operation_by_uuid(row.uuid).params)

    def test_create_duplicate(self):
        self.assertRaises(exception.OperationAlreadyExists,
                          utils.create_test_operation)

    def test_get_missing(self):
        self.assertRaises(exception.OperationNotFound,
                          dbapi.get_operation_by_uuid,
                          uuidutils.generate_uuid())

    def test_claim_pending(self):
        row = dbapi.claim_operation(self.op.uuid, 'c1', 60)
        self.assertEqual('running', row.state)
        self.assertEqual('c1', row.owner)
        self.assertEqual(1, row.attempts)
        self.assertEqual(START + datetime.timedelta(seconds=60),
                         row.lease_expires_at)

    def test_second_claimer_waits_for_lease_expiry(self):
        self.assertIsNotNone(dbapi.claim_operation(self.op.uuid, 'c1', 60))
        self.assertIsNone(dbapi.claim_operation(self.op.uuid, 'c2', 60))
        timeutils.advance_time_seconds(59)
        self.assertIsNone(dbapi.claim_operation(self.op.uuid, 'c2', 60))
        timeutils.advance_time_seconds(2)
        row = dbapi.claim_operation(self.op.uuid, 'c2', 60)
        self.assertEqual('c2', row.owner)
        self.assertEqual(2, row.attempts)

    def test_renew_keeps_the_lease(self):
        dbapi.claim_operation(self.op.uuid, 'c1', 60)
        timeutils.advance_time_seconds(50)
        self.assertIsNotNone(dbapi.renew_operation_lease(self.op.uuid, 'c1',
                                                         60))
        timeutils.advance_time_seconds(50)
        self.assertIsNone(dbapi.claim_operation(self.op.uuid, 'c2', 60))
        self.assertIsNone(dbapi.renew_operation_lease(self.op.uuid, 'c2',
                                                      60))

    def test_lost_owner_cannot_renew_or_finish(self):
        dbapi.claim_operation(self.op.uuid, 'c1', 60)
        timeutils.advance_time_seconds(61)
        dbapi.claim_operation(self.op.uuid, 'c2', 60)
        self.assertIsNone(dbapi.renew_operation_lease(self.op.uuid, 'c1',
                                                      60))
        self.assertIsNone(dbapi.finish_operation(self.op.uuid, 'c1',
                                                 'succeeded'))
        self.assertEqual('running',
                         dbapi.get_operation_by_uuid(self.op.uuid).state)

    def test_finish(self):
        dbapi.claim_operation(self.op.uuid, 'c1', 60)
        row = dbapi.finish_operation(self.op.uuid, 'c1', 'failed', 'boom')
        self.assertEqual('failed', row.state)
        self.assertEqual('boom', row.result_reason)
        self.assertIsNone(row.lease_expires_at)
        timeutils.advance_time_seconds(3600)
        self.assertIsNone(dbapi.claim_operation(self.op.uuid, 'c2', 60))

    def test_finish_bad_state(self):
        dbapi.claim_operation(self.op.uuid, 'c1', 60)
        self.assertRaises(exception.InvalidParameterValue,
                          dbapi.finish_operation, self.op.uuid, 'c1',
                          'running')

    def test_claim_missing(self):
        self.assertRaises(exception.OperationNotFound,
                          dbapi.claim_operation, uuidutils.generate_uuid(),
                          'c1', 60)

    def test_list_claimable(self):
        running = utils.create_test_operation(uuid=uuidutils.generate_uuid())
        done = utils.create_test_operation(uuid=uuidutils.generate_uuid())
        dbapi.claim_operation(running.uuid, 'c1', 60)
        dbapi.claim_operation(done.uuid, 'c1', 60)
        dbapi.finish_operation(done.uuid, 'c1', 'succeeded')
        self.assertEqual([self.op.uuid], [
            o.uuid for o in dbapi.list_claimable_operations()])
        later = START + datetime.timedelta(seconds=120)
        self.assertEqual([self.op.uuid, running.uuid], [
            o.uuid for o in dbapi.list_claimable_operations(later)])
        self.assertEqual(1, len(dbapi.list_claimable_operations(later,
                                                                limit=1)))

    def test_list_operations(self):
        other = utils.create_test_operation(uuid=uuidutils.generate_uuid(),
                                            cluster_id='elsewhere')
        second = utils.create_test_operation(uuid=uuidutils.generate_uuid())
        dbapi.claim_operation(second.uuid, 'c1', 60)
        self.assertEqual([self.op.uuid, second.uuid], [
            o.uuid for o in dbapi.list_operations(utils.CLUSTER_UUID)])
        self.assertEqual([second.uuid], [
            o.uuid for o in dbapi.list_operations(utils.CLUSTER_UUID,
                                                  states=['running'])])
        self.assertEqual([other.uuid], [
            o.uuid for o in dbapi.list_operations('elsewhere')])
