"""Tests of the Operation object."""

import datetime

from oslo_utils import timeutils

from magnum.common import context
from magnum import objects
from magnum.objects import fields
from magnum.tests.unit.db import utils

START = datetime.datetime(2025, 6, 1, 12, 0, 0)


class OperationObjectTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.context = context.make_admin_context()
        timeutils.set_time_override(START)
        self.addCleanup(timeutils.clear_time_override)
        values = utils.get_test_operation(
            params={'node_count': 2, 'nodes_to_remove': ['n1']})
        del values['uuid']
        self.op = objects.Operation(self.context, **values)
        self.op.create()

    def test_create(self):
        fresh = objects.Operation.get_by_uuid(self.context, self.op.uuid)
        self.assertEqual(fields.OperationState.PENDING, fresh.state)
        self.assertEqual(['n1'], fresh.params['nodes_to_remove'])

    def test_claim_renew_finish(self):
        mine = objects.Operation.claim(self.context, self.op.uuid, 'c1', 60)
        self.assertEqual('running', mine.state)
        self.assertIsNone(objects.Operation.claim(self.context,
                                                  self.op.uuid, 'c2', 60))
        timeutils.advance_time_seconds(50)
        self.assertTrue(mine.renew(60))
        timeutils.advance_time_seconds(50)
        self.assertIsNone(objects.Operation.claim(self.context,
                                                  self.op.uuid, 'c2', 60))
        self.assertTrue(mine.finish(fields.OperationState.SUCCEEDED, 'ok'))
        self.assertEqual('succeeded', mine.state)
        self.assertEqual([], objects.Operation.list_claimable(self.context))

    def test_takeover_after_expiry(self):
        first = objects.Operation.claim(self.context, self.op.uuid, 'c1', 60)
        timeutils.advance_time_seconds(61)
        self.assertEqual([self.op.uuid], [
            o.uuid for o in objects.Operation.list_claimable(self.context)])
        second = objects.Operation.claim(self.context, self.op.uuid, 'c2',
                                         60)
        self.assertEqual(('c2', 2), (second.owner, second.attempts))
        self.assertFalse(first.renew(60))
        self.assertFalse(first.finish('failed', 'late'))
        history = objects.Operation.list_for_cluster(self.context,
                                                     utils.CLUSTER_UUID)
        self.assertEqual(['running'], [o.state for o in history])
