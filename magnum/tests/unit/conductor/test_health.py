"""Tests for polling a cluster's health through its API."""

import os

import requests
from requests_mock.contrib import fixture as rm_fixture

from magnum.common import cert_manager
from magnum.common import context
from magnum.conductor import certificates
from magnum.conductor import health
from magnum import objects
from magnum.tests.unit.common.x509 import helpers
from magnum.tests.unit.db import utils as db_utils

API = 'https://172.24.4.10:6443'
HEALTHY = 'HEALTHY'
UNHEALTHY = 'UNHEALTHY'
UNKNOWN = 'UNKNOWN'


def nodes(*states):
    return {'items': [
        {'metadata': {'name': 'node-%d' % i},
         'status': {'conditions': [
             {'type': 'MemoryPressure', 'status': 'False'},
             {'type': 'Ready', 'status': state}]}}
        for i, state in enumerate(states)]}


class TestPollHealth(db_utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.config(group='x509', rsa_key_size=helpers.TEST_KEY_SIZE)
        self.config(group='certificates', cert_manager_type='x509keypair')
        self.config(group='cluster', temp_cache_dir='/nonexistent/cache')
        cert_manager.reset()
        self.addCleanup(cert_manager.reset)
        self.context = context.make_context(
            project_id=db_utils.PROJECT_ID, user_id=db_utils.USER_ID)
        db_utils.create_test_cluster_template()
        db_utils.create_test_cluster(api_address=API, ca_cert_ref=None,
                                     magnum_cert_ref=None,
                                     master_lb_enabled=False)
        self.cluster = objects.Cluster.get_by_uuid(self.context,
                                                   db_utils.CLUSTER_UUID)
        certificates.generate_certificates_for_cluster(self.context,
                                                       self.cluster)
        self.mocker = self.useFixture(rm_fixture.Fixture())

    def _answer(self, healthz='ok', node_list=None, status=200):
        self.mocker.get(API + '/healthz', text=healthz, status_code=status)
        self.mocker.get(API + '/api/v1/nodes',
                        json=node_list or nodes('True', 'True'))

    def _poll(self):
        return health.poll_health(self.context, self.cluster)

    def test_healthy(self):
        self._answer()
        self.assertEqual((HEALTHY, {'api': 'ok', 'node-0.Ready': True,
                                    'node-1.Ready': True}), self._poll())

    def test_uses_client_certificate_and_timeouts(self):
        self._answer()
        self._poll()
        for request in self.mocker.request_history:
            self.assertEqual(health.TIMEOUT, request.timeout)
            ca_file = request.verify
            cert_file, key_file = request.cert
            self.assertEqual('ca.crt', os.path.basename(ca_file))
            self.assertEqual('client.crt', os.path.basename(cert_file))
            self.assertEqual('client.key', os.path.basename(key_file))
        # The temporary files are gone once the poll is over.
        self.assertFalse(os.path.exists(key_file))

    def test_node_not_ready(self):
        self._answer(node_list=nodes('True', 'False'))
        status, reason = self._poll()
        self.assertEqual(UNHEALTHY, status)
        self.assertFalse(reason['node-1.Ready'])
        self.assertEqual('ok', reason['api'])

    def test_node_without_ready_condition(self):
        self._answer(node_list={'items': [{'metadata': {'name': 'n'},
                                           'status': {}}]})
        self.assertEqual((UNHEALTHY, {'api': 'ok', 'n.Ready': False}),
                         self._poll())

    def test_api_not_ok(self):
        self._answer(healthz='[-]etcd failed', status=500)
        self.assertEqual((UNHEALTHY, {'api': '[-]etcd failed'}),
                         self._poll())

    def test_unreachable(self):
        self.mocker.get(API + '/healthz',
                        exc=requests.exceptions.ConnectTimeout)
        status, reason = self._poll()
        self.assertEqual(UNKNOWN, status)
        self.assertIn('not reachable', reason['api'])

    def test_no_floating_ip(self):
        self.cluster.floating_ip_enabled = False
        status, reason = self._poll()
        self.assertEqual(UNKNOWN, status)
        self.assertIn('not accessible', reason['api'])
        self.assertEqual([], self.mocker.request_history)

    def test_master_lb_without_floating_ip(self):
        self.cluster.master_lb_enabled = True
        self.cluster.labels = {'master_lb_floating_ip_enabled': 'false'}
        self.assertEqual(UNKNOWN, self._poll()[0])

    def test_master_lb_with_floating_ip(self):
        self._answer()
        self.cluster.master_lb_enabled = True
        self.cluster.floating_ip_enabled = False
        self.cluster.labels = {'master_lb_floating_ip_enabled': 'true'}
        self.assertEqual(HEALTHY, self._poll()[0])

    def test_no_api_address(self):
        self.cluster.api_address = None
        self.assertEqual(UNKNOWN, self._poll()[0])

    def test_skipped_with_auto_healer(self):
        self.cluster.labels = {'auto_healing_enabled': 'true',
                               'auto_healing_controller':
                                   'magnum-auto-healer'}
        self.assertEqual((None, None), self._poll())
        self.assertEqual([], self.mocker.request_history)

    def test_other_auto_healer_is_polled(self):
        self._answer()
        self.cluster.labels = {'auto_healing_enabled': 'true',
                               'auto_healing_controller': 'draino'}
        self.assertEqual(HEALTHY, self._poll()[0])

    def test_missing_certificate(self):
        self._answer()
        self.cluster.magnum_cert_ref = None
        status, reason = self._poll()
        self.assertEqual(UNKNOWN, status)
        self.assertIn('magnum_cert_ref', reason['api'])

    def test_tls_disabled(self):
        self.cluster.api_address = 'http://172.24.4.10:8080'
        self.cluster.cluster_template.tls_disabled = True
        self.mocker.get('http://172.24.4.10:8080/healthz', text='ok')
        self.mocker.get('http://172.24.4.10:8080/api/v1/nodes',
                        json=nodes('True'))
        self.assertEqual(HEALTHY, self._poll()[0])
        self.assertIsNone(self.mocker.request_history[0].cert)

    def test_reason_fits_the_object_field(self):
        self._answer(node_list=nodes('True', 'False'))
        status, reason = self._poll()
        self.cluster.health_status = status
        self.cluster.health_status_reason = reason
        self.cluster.save()
        stored = objects.Cluster.get_by_uuid(self.context,
                                             db_utils.CLUSTER_UUID)
        self.assertEqual('False', stored.health_status_reason['node-1.Ready'])
