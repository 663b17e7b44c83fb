"""Tests of the magnum service functions of the database API."""

import datetime

from oslo_utils import timeutils

from magnum.common import exception
from magnum.db import api as dbapi
from magnum.tests.unit.db import utils


class MagnumServiceTest(utils.DbTestCase):

    def test_create_and_get(self):
        row = utils.create_test_magnum_service()
        found = dbapi.get_magnum_service_by_host_and_binary(
            'fakehost', 'magnum-conductor')
        self.assertEqual(row.id, found.id)
        self.assertIsNone(dbapi.get_magnum_service_by_host_and_binary(
            'elsewhere', 'magnum-conductor'))

    def test_create_duplicate(self):
        utils.create_test_magnum_service()
        self.assertRaises(exception.MagnumServiceAlreadyExists,
                          utils.create_test_magnum_service)

    def test_list_update_destroy(self):
        first = utils.create_test_magnum_service(host='a')
        second = utils.create_test_magnum_service(host='b', disabled=True)
        self.assertEqual(['a', 'b'],
                         [s.host for s in dbapi.get_magnum_service_list()])
        self.assertEqual(['b'], [s.host for s in
                                 dbapi.get_magnum_service_list(disabled=True)])
        self.assertEqual(['b'], [s.host for s in dbapi.get_magnum_service_list(
            marker=first.id)])
        updated = dbapi.update_magnum_service(second.id, {'disabled': False})
        self.assertFalse(updated.disabled)
        dbapi.destroy_magnum_service(first.id)
        self.assertEqual(['b'],
                         [s.host for s in dbapi.get_magnum_service_list()])
        self.assertRaises(exception.MagnumServiceNotFound,
                          dbapi.destroy_magnum_service, first.id)

    def test_report_state_up_creates_then_bumps(self):
        start = datetime.datetime(2025, 1, 2, 3, 4, 5)
        timeutils.set_time_override(start)
        self.addCleanup(timeutils.clear_time_override)
        row = dbapi.report_state_up('host1', 'magnum-conductor')
        self.assertEqual(1, row.report_count)
        self.assertEqual(start, row.last_seen_up)
        timeutils.advance_time_seconds(30)
        row = dbapi.report_state_up('host1', 'magnum-conductor')
        self.assertEqual(2, row.report_count)
        self.assertEqual(start + datetime.timedelta(seconds=30),
                         row.last_seen_up)
        self.assertEqual(1, len(dbapi.get_magnum_service_list()))
