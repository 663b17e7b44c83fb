"""A notification listener on RabbitMQ receives the CADF events of a
create.

A magnum-conductor process with ``[oslo_messaging_notifications] driver
= messagingv2`` builds a cluster; an oslo.messaging notification
listener on the test's vhost (topic ``notifications``, exchange
``magnum``) must receive ``magnum.cluster.create`` with the outcomes
``pending`` and then ``success``, as CADF events about the cluster, and
neither the payload nor the context sent along, nor the conductor's
debug log, may carry the cluster's trustee password, its trust, the
caller's token or a private key.
"""

import json
import threading
import time

import oslo_messaging as messaging
from oslo_utils import uuidutils

from magnum.common import context as magnum_context
from magnum.common import rpc
from magnum.tests.functional.conductor import process_fixtures
from magnum.tests.unit.db import utils

TIMEOUT = 30
CADF_EVENT = 'http://schemas.dmtf.org/cloud/audit/1.0/event'


class Collector:
    """A notification endpoint that keeps what it is sent."""

    def __init__(self):
        self.events = []
        self.lock = threading.Lock()

    def _keep(self, priority, ctxt, publisher_id, event_type, payload):
        with self.lock:
            self.events.append({'priority': priority, 'ctxt': ctxt,
                                'publisher_id': publisher_id,
                                'event_type': event_type,
                                'payload': payload})

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        self._keep('info', ctxt, publisher_id, event_type, payload)

    def error(self, ctxt, publisher_id, event_type, payload, metadata):
        self._keep('error', ctxt, publisher_id, event_type, payload)

    def of(self, cluster_uuid):
        with self.lock:
            return [e for e in self.events
                    if (e['payload'].get('target') or {}).get('id')
                    == cluster_uuid]


class NotificationsTest(process_fixtures.ServicesTestCase):

    def listen(self):
        transport = messaging.get_notification_transport(
            self.conf, url=self.transport_url)
        self.addCleanup(transport.cleanup)
        collector = Collector()
        listener = messaging.get_notification_listener(
            transport,
            [messaging.Target(topic='notifications',
                              exchange=rpc.CONTROL_EXCHANGE)],
            [collector], executor='threading')
        listener.start()
        self.addCleanup(listener.wait)
        self.addCleanup(listener.stop)
        return collector

    def test_create_sends_pending_then_success(self):
        collector = self.listen()
        self.start_conductor('conductor')
        self.wait_for_conductor('conductor')
        secrets = {
            'trustee_password': 'pw-%s' % uuidutils.generate_uuid(),
            'trust_id': 'trust-%s' % uuidutils.generate_uuid(),
            'token': 'token-%s' % uuidutils.generate_uuid(),
        }
        cluster_uuid, op_uuid = self.commit_cluster(
            trustee_username='trustee-%s' % uuidutils.generate_uuid(),
            trustee_user_id=uuidutils.generate_uuid(),
            trustee_password=secrets['trustee_password'],
            trust_id=secrets['trust_id'])
        caller = magnum_context.make_context(
            user_id=utils.USER_ID, project_id=utils.PROJECT_ID,
            auth_token=secrets['token'])
        self.rpcapi.create_cluster(caller, cluster_uuid, op_uuid)
        self.wait_for_status(cluster_uuid, ['CREATE_COMPLETE'])

        deadline = time.time() + TIMEOUT
        while len(collector.of(cluster_uuid)) < 2:
            self.assertLess(time.time(), deadline, collector.events)
            time.sleep(0.2)
        time.sleep(1)  # anything more would arrive now
        events = collector.of(cluster_uuid)
        self.assertEqual(
            [('magnum.cluster.create', 'pending'),
             ('magnum.cluster.create', 'success')],
            [(e['event_type'], e['payload']['outcome']) for e in events])
        for event in events:
            self.assertEqual('info', event['priority'])
            self.assertEqual('container-infra.%s'
                             % self.host_name('conductor'),
                             event['publisher_id'])
            payload = event['payload']
            self.assertEqual(CADF_EVENT, payload['typeURI'])
            self.assertEqual('activity', payload['eventType'])
            self.assertEqual('create', payload['action'])
            self.assertEqual('service/magnum/cluster',
                             payload['target']['typeURI'])
            self.assertEqual(cluster_uuid, payload['target']['id'])
            data = payload['target']['attachments'][0]['content']
            self.assertEqual(cluster_uuid, data['uuid'])
            text = json.dumps(event, default=str)
            for name, secret in secrets.items():
                self.assertNotIn(secret, text, name)
            for field in ('trustee_password', 'trust_id', 'auth_token'):
                self.assertNotIn(field, json.dumps(payload))
        # The caller started it and the status sync saw it finish; both
        # events name the caller (upstream's success names nobody).
        pending, success = (e['payload'] for e in events)
        for event in (pending, success):
            self.assertEqual(utils.USER_ID, event['initiator']['id'])
            self.assertEqual(utils.PROJECT_ID,
                             event['initiator']['project_id'])
        self.assertEqual('CREATE_COMPLETE', success[
            'target']['attachments'][0]['content']['status'])

        # Nor does any line of the conductor's log, at debug level, nor
        # any of the private keys it made for the cluster.
        log = self.log_text('conductor')
        self.assertIn(' DEBUG ', log)
        self.assertIn(cluster_uuid, log)
        for name, secret in secrets.items():
            self.assertNotIn(secret, log, name)
        self.assertNotIn('PRIVATE KEY', log)
