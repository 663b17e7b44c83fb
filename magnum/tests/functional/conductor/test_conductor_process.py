"""A real magnum-conductor process over RabbitMQ and MariaDB.

Each test gets a throw-away MariaDB database at the head revision and a
topic of its own, starts ``magnum-conductor`` as a subprocess with the
fake driver, and drives clusters through it the way the API does:
commit the row and its operation, then cast. Skipped when MariaDB or
RabbitMQ is not reachable (failed under MAGNUM_TEST_REQUIRE_SERVICES=1).
"""

import os
import signal
import subprocess
import sys
import time
import uuid

import fixtures
import oslo_messaging as messaging
from oslo_utils import uuidutils
import sqlalchemy as sa
import testtools.content

from magnum.common import context as magnum_context
from magnum.common import rpc
from magnum.conductor import rpcapi
from magnum.db import api as dbapi
from magnum.db import engine as db_engine
from magnum.db import migration
from magnum import objects
from magnum.tests import base
from magnum.tests.functional.db import test_migrations_mysql_pg as dbtests
from magnum.tests import services
from magnum.tests.unit.db import utils

CONDUCTOR = os.path.join(os.path.dirname(sys.executable), 'magnum-conductor')
TIMEOUT = 30


class ConductorProcessTest(base.TestCase):

    def setUp(self):
        super().setUp()
        url = sa.engine.make_url(services.MYSQL_URL)
        services.require_port(self, 'MariaDB', url.host or '127.0.0.1',
                              url.port or 3306)
        rabbit = sa.engine.make_url(
            services.RABBITMQ_URL.replace('rabbit://', 'mysql://'))
        services.require_port(self, 'RabbitMQ', rabbit.host, rabbit.port)
        database = self.useFixture(dbtests.ThrowAwayDatabase(
            url, dbtests.MySQLMigrationsTest.create_sql,
            dbtests.MySQLMigrationsTest.drop_sql))
        migration.upgrade(engine=database.engine)
        self.db_url = database.url.render_as_string(hide_password=False)
        self.config(group='database', connection=self.db_url)
        self.addCleanup(db_engine.context_manager.patch_engine(
            database.engine))
        self.topic = 'magnum-conductor-test-%s' % uuid.uuid4().hex[:8]
        # Creating a transport registers [DEFAULT] transport_url.
        messaging.get_rpc_transport(self.conf,
                                    url=services.RABBITMQ_URL).cleanup()
        self.config(transport_url=services.RABBITMQ_URL)
        self.config(group='conductor', topic=self.topic)
        rpc.cleanup()
        self.addCleanup(rpc.cleanup)
        self.rpcapi = rpcapi.ConductorAPI(topic=self.topic)
        self.context = magnum_context.make_context(
            user_id=utils.USER_ID, project_id=utils.PROJECT_ID)
        self.admin = magnum_context.make_admin_context(all_tenants=True)
        utils.create_test_cluster_template(cluster_distro='fake',
                                           labels={})
        self.processes = []

    # -- processes --------------------------------------------------------

    def start_conductor(self, host):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'magnum.conf')
        with open(path, 'w') as f:
            f.write('[DEFAULT]\n'
                    'transport_url = %s\n'
                    'host = %s\n'
                    'service_down_time = 6\n'
                    '[database]\nconnection = %s\n'
                    '[conductor]\ntopic = %s\nworkers = 1\n'
                    'status_sync_interval = 1\n'
                    'operation_lease_seconds = 3\n'
                    '[certificates]\ncert_manager_type = x509keypair\n'
                    % (services.RABBITMQ_URL, host, self.db_url,
                       self.topic))
        log = open(path + '.log', 'w')
        self.addCleanup(log.close)
        self.addOnException(lambda exc_info: self.addDetail(
            '%s.log' % host, testtools.content.text_content(
                open(path + '.log').read())))
        process = subprocess.Popen(
            [CONDUCTOR, '--config-file', path], stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        self.addCleanup(self._stop, process)
        return process

    @staticmethod
    def _stop(process):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)

    def kill(self, process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    # -- the API's side ---------------------------------------------------

    def commit_cluster(self, labels=None):
        cluster_uuid = uuidutils.generate_uuid()
        values = utils.get_test_cluster(
            uuid=cluster_uuid, status='CREATE_IN_PROGRESS', stack_id=None,
            status_reason=None, api_address=None, ca_cert_ref=None,
            magnum_cert_ref=None, labels=labels or {})
        groups = []
        for name, role in (('default-master', 'master'),
                           ('default-worker', 'worker')):
            groups.append(utils.get_test_nodegroup(
                uuid=uuidutils.generate_uuid(), name=name, role=role,
                node_count=1, is_default=True, cluster_id=cluster_uuid,
                status='CREATE_IN_PROGRESS', stack_id=None,
                labels=labels or {}))
        _c, _g, op = dbapi.create_cluster_with_operation(
            values, groups,
            {'name': 'create_cluster', 'params': {},
             'project_id': utils.PROJECT_ID, 'user_id': utils.USER_ID})
        return cluster_uuid, op.uuid

    def wait_for_status(self, cluster_uuid, wanted, timeout=TIMEOUT):
        deadline = time.time() + timeout
        status = None
        while time.time() < deadline:
            status = objects.Cluster.get_by_uuid(self.admin,
                                                 cluster_uuid).status
            if status in wanted:
                return status
            time.sleep(0.5)
        self.fail('cluster %s is %s after %ss, wanted %s'
                  % (cluster_uuid, status, timeout, wanted))

    # -- tests ------------------------------------------------------------

    def test_create_completes_and_heartbeat_is_up(self):
        self.start_conductor('conductor-a')
        cluster_uuid, op_uuid = self.commit_cluster()
        self.rpcapi.create_cluster(self.context, cluster_uuid, op_uuid)
        self.wait_for_status(cluster_uuid, ['CREATE_COMPLETE'])
        cluster = objects.Cluster.get_by_uuid(self.admin, cluster_uuid)
        self.assertTrue(cluster.ca_cert_ref)
        self.assertEqual('https://192.0.2.1:6443', cluster.api_address)
        service = objects.MagnumService.get_by_host_and_binary(
            self.admin, 'conductor-a', 'magnum-conductor')
        self.assertEqual('up', service.state())
        self.assertEqual(['True'], [str(self.rpcapi.ping_conductor(
            self.context))])

    def test_cast_with_no_conductor_running_completes_later(self):
        cluster_uuid, op_uuid = self.commit_cluster()
        self.rpcapi.create_cluster(self.context, cluster_uuid, op_uuid)
        time.sleep(1)
        self.start_conductor('conductor-b')
        self.wait_for_status(cluster_uuid, ['CREATE_COMPLETE'])

    def test_conductor_killed_holding_the_lease_is_taken_over(self):
        cluster_uuid, op_uuid = self.commit_cluster()
        # What a conductor SIGKILLed inside the driver call leaves: a
        # running operation under a lease nobody renews.
        self.assertIsNotNone(dbapi.claim_operation(op_uuid, 'dead:1:x', 2))
        self.start_conductor('conductor-c')
        self.wait_for_status(cluster_uuid, ['CREATE_COMPLETE'])
        op = objects.Operation.get_by_uuid(self.admin, op_uuid)
        self.assertEqual(2, op.attempts)
        self.assertEqual('succeeded', op.state)

    def test_sigkill_mid_create_ends_with_a_final_status(self):
        first = self.start_conductor('conductor-d')
        cluster_uuid, op_uuid = self.commit_cluster(
            labels={'fake_steps': '100000'})
        self.rpcapi.create_cluster(self.context, cluster_uuid, op_uuid)
        deadline = time.time() + TIMEOUT
        while objects.Operation.get_by_uuid(
                self.admin, op_uuid).state != 'succeeded':
            self.assertLess(time.time(), deadline)
            time.sleep(0.2)
        self.kill(first)
        self.start_conductor('conductor-e')
        # The fake backend lived in the killed process: the new conductor
        # must not leave the cluster stuck, and must say why it failed.
        self.wait_for_status(cluster_uuid, ['CREATE_FAILED'])
        cluster = objects.Cluster.get_by_uuid(self.admin, cluster_uuid)
        self.assertIn('no record', cluster.status_reason)
