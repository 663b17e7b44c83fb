"""A RabbitMQ restart in the middle of a run loses no cluster.

With a conductor running, some clusters in progress, some creates cast
just before the broker stops (their messages may die with the broker's
queues) and some committed while it is down (their cast cannot be sent),
the test restarts the broker application (``rabbitmqctl stop_app`` /
``start_app``). Every cluster must still end CREATE_COMPLETE: the
operation table is durable and the conductor's takeover pass runs what
lost its cast. Afterwards the conductor answers RPC again.

The restart touches every vhost of the broker, so the test holds the
broker lock exclusively (no other test of this package runs meanwhile);
the local cloud's services reconnect on their own. Skipped (failed under
``MAGNUM_TEST_REQUIRE_SERVICES=1``) without a local ``rabbitmqctl``.
"""

import time

import oslo_messaging as messaging

from magnum.conductor import rpcapi
from magnum.tests.functional.conductor import process_fixtures
from magnum.tests import services

TIMEOUT = 60


class RabbitRestartTest(process_fixtures.ServicesTestCase):

    exclusive_broker = True

    def setUp(self):
        super().setUp()
        if self.vhost.name is None:
            services.skip_or_fail(
                self, 'rabbitmqctl is not available for a local broker; '
                'cannot restart RabbitMQ')

    def start_app(self):
        process_fixtures.run_rabbitmqctl('start_app', timeout=120)
        if not process_fixtures.wait_for_port(self.rabbit_host,
                                              self.rabbit_port, timeout=60):
            self.fail('RabbitMQ does not listen on %s:%s after start_app'
                      % (self.rabbit_host, self.rabbit_port))

    def stop_app(self):
        # Whatever happens next, the broker comes back (start_app on a
        # running broker is a no-op).
        self.addCleanup(self.start_app)
        process_fixtures.run_rabbitmqctl('stop_app', timeout=120)

    def ping(self, timeout=TIMEOUT):
        """Wait until a conductor answers an RPC call."""
        client = rpcapi.ConductorAPI(topic=self.topic, timeout=5)
        deadline = time.time() + timeout
        while True:
            try:
                return client.ping_conductor(self.context)
            except (messaging.MessagingTimeout,
                    messaging.MessageDeliveryFailure) as error:
                if time.time() > deadline:
                    self.fail('no conductor answered after the restart: '
                              '%s' % error)

    def test_broker_restart_loses_nothing(self):
        self.start_conductor('conductor')
        self.wait_for_conductor('conductor')
        # In progress across the restart: the sync observes them over
        # several passes.
        in_progress = self.create_clusters(4, labels={'fake_steps': '6'})
        deadline = time.time() + TIMEOUT
        while any(op['state'] != 'succeeded' for op in self.operations()):
            self.assertLess(time.time(), deadline, self.operations())
            time.sleep(0.2)
        # Cast just before the broker goes: maybe delivered, maybe lost.
        just_cast = self.create_clusters(2, labels={'fake_steps': '2'})

        self.stop_app()
        self.assertFalse(services.port_open(self.rabbit_host,
                                            self.rabbit_port))
        # Committed while the broker is down: the cast can't be sent, as
        # when an API loses it; the takeover pass must find them.
        lost = dict(self.commit_cluster() for _ in range(2))
        time.sleep(2)
        self.start_app()

        clusters = in_progress + just_cast + list(lost)
        self.wait_for_all(clusters, ['CREATE_COMPLETE'], timeout=TIMEOUT)
        self.assertIsNone(self.processes['conductor'].poll())
        for op in self.operations():
            self.assertEqual('succeeded', op['state'], op)
            self.assertEqual(1, op['attempts'], op)
        log = self.log_text('conductor')
        for op_uuid in lost.values():
            self.assertIn('Taking over create_cluster operation %s'
                          % op_uuid, log)

        # The conductor consumes its topic again: a call gets an answer
        # and a cast is run.
        self.assertTrue(self.ping())
        cluster_uuid = clusters[0]
        op_uuid = self.commit_resize(cluster_uuid, 3)
        self.rpcapi.resize_cluster(self.context, cluster_uuid, op_uuid)
        self.wait_for_status(cluster_uuid, ['UPDATE_COMPLETE'])
        self.assertEqual(3, self.cluster(cluster_uuid).node_count)
