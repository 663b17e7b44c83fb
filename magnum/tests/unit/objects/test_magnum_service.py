"""Tests of the MagnumService object."""

import datetime

from oslo_utils import timeutils

from magnum.common import context
from magnum import objects
from magnum.tests.unit.db import utils

START = datetime.datetime(2025, 3, 1, 8, 0, 0)


class MagnumServiceObjectTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.context = context.make_admin_context()
        timeutils.set_time_override(START)
        self.addCleanup(timeutils.clear_time_override)

    def test_report_state_up_and_is_up(self):
        service = objects.MagnumService.report_state_up(
            self.context, 'host1', 'magnum-conductor')
        self.assertEqual(1, service.report_count)
        self.assertTrue(service.is_up(service_down_time=180))
        self.assertEqual('up', service.state(180))
        timeutils.advance_time_seconds(181)
        self.assertFalse(service.is_up(service_down_time=180))
        self.assertEqual('down', service.state(180))
        service = objects.MagnumService.report_state_up(
            self.context, 'host1', 'magnum-conductor')
        self.assertEqual(2, service.report_count)
        self.assertTrue(service.is_up(service_down_time=180))

    def test_forced_down(self):
        service = objects.MagnumService.report_state_up(
            self.context, 'host1', 'magnum-conductor')
        service.forced_down = True
        service.save()
        fresh = objects.MagnumService.get_by_host_and_binary(
            self.context, 'host1', 'magnum-conductor')
        self.assertFalse(fresh.is_up(service_down_time=180))

    def test_never_reported_falls_back_to_created_at(self):
        utils.create_test_magnum_service()
        service = objects.MagnumService.get_by_host_and_binary(
            self.context, 'fakehost', 'magnum-conductor')
        self.assertIsNone(service.last_seen_up)
        self.assertTrue(service.is_up(service_down_time=180))

    def test_crud(self):
        self.assertIsNone(objects.MagnumService.get_by_host_and_binary(
            self.context, 'h', 'magnum-conductor'))
        service = objects.MagnumService(self.context, host='h',
                                        binary='magnum-conductor')
        service.create()
        self.assertEqual(['h'], [s.host for s in
                                 objects.MagnumService.list(self.context)])
        service.disabled = True
        service.save()
        service.refresh()
        self.assertTrue(service.disabled)
        service.destroy()
        self.assertEqual([], objects.MagnumService.list(self.context))
