"""``/v1/mservices`` through the whole WSGI pipeline."""

import datetime

from oslo_utils import timeutils

from magnum.db import api as dbapi
from magnum.tests.unit.api import base
from magnum.tests.unit.api import test_certificates
from magnum.tests.unit.db import utils as db_utils


class MagnumServicesTest(test_certificates.StrictAPITestCase):

    def setUp(self):
        super().setUp()
        now = timeutils.utcnow()
        self.config(service_down_time=60)
        db_utils.create_test_magnum_service(host='alive', last_seen_up=now,
                                            report_count=5)
        db_utils.create_test_magnum_service(
            host='stale', last_seen_up=now - datetime.timedelta(minutes=5))
        db_utils.create_test_magnum_service(host='forced', last_seen_up=now,
                                            forced_down=True)
        db_utils.create_test_magnum_service(
            host='disabled', last_seen_up=now, disabled=True,
            disabled_reason='maintenance')

    def test_list(self):
        services = self.get_json('/v1/mservices')['mservices']
        self.assertEqual(['alive', 'stale', 'forced', 'disabled'],
                         [s['host'] for s in services])
        self.assertEqual(['up', 'down', 'down', 'up'],
                         [s['state'] for s in services])
        first = services[0]
        self.assertEqual({'id', 'host', 'binary', 'state', 'disabled',
                          'disabled_reason', 'report_count', 'created_at',
                          'updated_at'}, set(first))
        self.assertEqual('magnum-conductor', first['binary'])
        self.assertEqual(5, first['report_count'])
        self.assertFalse(first['disabled'])
        self.assertIsNotNone(first['created_at'])
        self.assertEqual('maintenance', services[3]['disabled_reason'])
        self.assertTrue(services[3]['disabled'])

    def test_down_time_comes_from_config(self):
        self.config(service_down_time=3600)
        services = self.get_json('/v1/mservices')['mservices']
        self.assertEqual(['up', 'up', 'down', 'up'],
                         [s['state'] for s in services])

    def test_empty(self):
        for service in dbapi.get_magnum_service_list():
            dbapi.destroy_magnum_service(service.id)
        self.assertEqual({'mservices': []},
                         self.get_json('/v1/mservices'))

    def test_rbac(self):
        for headers in (base.MEMBER, base.READER, base.OTHER_MEMBER):
            response = self.request('get', '/v1/mservices', headers=headers,
                                    status=403)
            self.assertEqual("Policy doesn't allow magnum-service:get_all "
                             "to be performed.",
                             response.json['errors'][0]['detail'])

    def test_every_version(self):
        for version in ('1.1', 'latest'):
            self.request('get', '/v1/mservices', status=200,
                         version=version)
