"""CADF notifications: shape, outcomes, and no secrets in them."""

from unittest import mock

import oslo_messaging as messaging
from oslo_serialization import jsonutils

from magnum.common import context as magnum_context
from magnum.conductor import notifications
from magnum.conductor import status
from magnum.drivers import base as driver_base
from magnum import objects
from magnum.tests.unit.db import utils

SECRETS = ('s3cret-password', 'trust-123', 'auth-token-xyz',
           'ca-ref-secret', 'cert-ref-secret')


class NotificationTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.config(host='node-1')
        notifications.reset()
        self.addCleanup(notifications.reset)
        utils.create_test_cluster(
            master_count=1, node_count=2, trustee_password=SECRETS[0],
            trust_id=SECRETS[1], ca_cert_ref=SECRETS[3],
            magnum_cert_ref=SECRETS[4])
        self.cluster = objects.Cluster.get_by_uuid(
            magnum_context.make_admin_context(all_tenants=True),
            utils.CLUSTER_UUID)
        self.context = magnum_context.make_context(
            user_id='u1', project_id='p1', auth_token=SECRETS[2],
            trust_id=SECRETS[1])

    def test_event_shape(self):
        event = notifications.build_event(self.context, 'create',
                                          notifications.PENDING,
                                          self.cluster)
        self.assertEqual('create', event['action'])
        self.assertEqual('pending', event['outcome'])
        self.assertEqual('service/magnum/cluster',
                         event['target']['typeURI'])
        self.assertEqual('u1', event['initiator']['id'])
        data = event['target']['attachments'][0]['content']
        self.assertEqual('CREATE_COMPLETE', data['status'])
        self.assertEqual(2, data['node_count'])

    def test_notify_sends_no_secret(self):
        notifier = mock.create_autospec(messaging.Notifier, instance=True)
        with mock.patch.object(notifications, '_get_notifier',
                               autospec=True, return_value=notifier):
            notifications.notify(self.context, 'update',
                                 notifications.FAILURE, self.cluster)
        notifier.error.assert_called_once()
        ctx, event_type, payload = notifier.error.call_args.args
        self.assertEqual('magnum.cluster.update', event_type)
        sent = jsonutils.dumps({'payload': payload,
                                'context': ctx.to_dict()})
        for secret in SECRETS:
            self.assertNotIn(secret, sent)

    def test_success_is_info(self):
        notifier = mock.create_autospec(messaging.Notifier, instance=True)
        with mock.patch.object(notifications, '_get_notifier',
                               autospec=True, return_value=notifier):
            notifications.notify(self.context, 'delete',
                                 notifications.SUCCESS, self.cluster)
        notifier.info.assert_called_once()
        notifier.error.assert_not_called()


class OutcomeInitiatorTest(utils.DbTestCase):
    """The status sync's outcome event names who started the operation."""

    def setUp(self):
        super().setUp()
        notifications.reset()
        self.addCleanup(notifications.reset)
        self.admin = magnum_context.make_admin_context(all_tenants=True)
        utils.create_test_cluster(status='CREATE_IN_PROGRESS')
        self.cluster = objects.Cluster.get_by_uuid(self.admin,
                                                   utils.CLUSTER_UUID)
        objects.Cluster.attach_nodegroups(self.admin, [self.cluster])
        self.notifier = mock.create_autospec(messaging.Notifier,
                                             instance=True)
        patcher = mock.patch.object(notifications, '_get_notifier',
                                    autospec=True,
                                    return_value=self.notifier)
        patcher.start()
        self.addCleanup(patcher.stop)

    def _operation(self, uuid, user_id):
        values = utils.get_test_operation(uuid=uuid, user_id=user_id,
                                          project_id='starter-project')
        objects.Operation(self.admin, **values).create()

    def _initiator_of_outcome(self):
        status.apply_observation(
            self.admin, self.cluster,
            driver_base.Observation(status='CREATE_COMPLETE'))
        _, event_type, payload = self.notifier.info.call_args.args
        self.assertEqual('magnum.cluster.create', event_type)
        self.assertEqual('success', payload['outcome'])
        return payload['initiator']

    def test_latest_operations_user(self):
        self._operation('9d7c0f7e-1b5d-4a55-9a0e-000000000001', 'first')
        self._operation('9d7c0f7e-1b5d-4a55-9a0e-000000000002', 'starter')
        initiator = self._initiator_of_outcome()
        self.assertEqual('starter', initiator['id'])
        self.assertEqual('starter-project', initiator['project_id'])

    def test_without_operations_the_sync_context(self):
        initiator = self._initiator_of_outcome()
        self.assertEqual('unknown', initiator['id'])
