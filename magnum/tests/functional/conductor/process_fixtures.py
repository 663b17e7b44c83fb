"""Real magnum processes over the machine's RabbitMQ and MariaDB.

:class:`ServicesTestCase` gives each test

* a throw-away MariaDB database at the head revision (dropped after);
* a RabbitMQ virtual host of its own (``rabbitmqctl add_vhost``, deleted
  after), so that nothing meets the local cloud's vhost on the same
  broker; without a local ``rabbitmqctl`` (a remote broker) the test
  falls back to the URL's vhost and a topic of its own;
* helpers that start ``magnum-conductor`` and ``magnum-api`` as
  subprocesses with the fake driver, commit clusters the way the API
  does, and wait for statuses.

Tests that use the broker hold :class:`BrokerLock` shared; the test that
restarts the broker holds it exclusively, so a restart never hits
another test of this package running in a parallel worker.

Skipped when MariaDB or RabbitMQ is not reachable (failed under
``MAGNUM_TEST_REQUIRE_SERVICES=1``).
"""

import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

import fixtures
import oslo_messaging as messaging
from oslo_utils import uuidutils
import sqlalchemy as sa
import testtools.content

from magnum.common import context as magnum_context
from magnum.common import rpc
from magnum.conductor import notifications
from magnum.conductor import rpcapi
from magnum.conductor import states
from magnum.db import api as dbapi
from magnum.db.api import common as db_common
from magnum.db import engine as db_engine
from magnum.db import migration
from magnum.db import models
from magnum.drivers.fake import driver as fake_driver
from magnum import objects
from magnum.tests import base
from magnum.tests.functional.db import test_migrations_mysql_pg as dbtests
from magnum.tests import services
from magnum.tests.unit.db import utils

BIN = os.path.dirname(sys.executable)
CONDUCTOR = os.path.join(BIN, 'magnum-conductor')
API = os.path.join(BIN, 'magnum-api')
TIMEOUT = 30
LOCAL_HOSTS = ('127.0.0.1', 'localhost', '::1')
BROKER_LOCK_PATH = os.path.join(tempfile.gettempdir(),
                                'magnum-functional-broker.lock')


def rabbitmqctl():
    """Return the path of rabbitmqctl, or None when it is not installed.
    """
    return shutil.which('rabbitmqctl') or next(
        (p for p in ('/usr/sbin/rabbitmqctl', '/usr/lib/rabbitmq/bin/'
                     'rabbitmqctl') if os.path.exists(p)), None)


def run_rabbitmqctl(*args, timeout=60):
    """Run ``rabbitmqctl -q *args``; raise on failure."""
    return subprocess.run([rabbitmqctl(), '-q'] + list(args), check=True,
                          capture_output=True, text=True, timeout=timeout)


def free_port():
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def wait_for_port(host, port, timeout=TIMEOUT):
    """Return True once host:port accepts connections, else False."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if services.port_open(host, port, timeout=0.5):
            return True
        time.sleep(0.2)
    return False


class BrokerLock(fixtures.Fixture):
    """A lock on the broker among the tests of this package.

    :param exclusive: True for a test that restarts the broker.
    """

    def __init__(self, exclusive=False):
        super().__init__()
        self.exclusive = exclusive

    def _setUp(self):
        handle = open(BROKER_LOCK_PATH, 'a')
        self.addCleanup(handle.close)
        fcntl.flock(handle, fcntl.LOCK_EX if self.exclusive
                    else fcntl.LOCK_SH)
        self.addCleanup(fcntl.flock, handle, fcntl.LOCK_UN)


class RabbitVhost(fixtures.Fixture):
    """A fresh RabbitMQ vhost for ``base_url``'s user, deleted after.

    :ivar url: the transport URL of the vhost.
    :ivar name: the vhost's name, or None when rabbitmqctl is not
        available and the URL's own vhost is used.
    """

    def __init__(self, base_url):
        super().__init__()
        self.base_url = base_url

    def _setUp(self):
        parsed = urllib.parse.urlsplit(self.base_url)
        self.name = None
        self.url = self.base_url
        if not rabbitmqctl() or parsed.hostname not in LOCAL_HOSTS:
            return
        self.name = 'magnum-test-%s' % uuid.uuid4().hex[:12]
        run_rabbitmqctl('add_vhost', self.name)
        self.addCleanup(run_rabbitmqctl, 'delete_vhost', self.name)
        run_rabbitmqctl('set_permissions', '-p', self.name,
                        parsed.username or 'guest', '.*', '.*', '.*')
        self.url = urllib.parse.urlunsplit(
            (parsed.scheme, parsed.netloc, '/' + self.name, '', ''))


class ServicesTestCase(base.TestCase):
    """A database, a vhost, and magnum processes on them."""

    # Restarting the broker needs it to ourselves.
    exclusive_broker = False

    def setUp(self):
        super().setUp()
        url = sa.engine.make_url(services.MYSQL_URL)
        services.require_port(self, 'MariaDB', url.host or '127.0.0.1',
                              url.port or 3306)
        rabbit = urllib.parse.urlsplit(services.RABBITMQ_URL)
        self.rabbit_host = rabbit.hostname
        self.rabbit_port = rabbit.port or 5672
        services.require_port(self, 'RabbitMQ', self.rabbit_host,
                              self.rabbit_port)
        self.useFixture(BrokerLock(exclusive=self.exclusive_broker))
        # The broker lock may have waited for a restart: be sure it is up.
        if not wait_for_port(self.rabbit_host, self.rabbit_port):
            services.skip_or_fail(self, 'RabbitMQ did not come back')
        database = self.useFixture(dbtests.ThrowAwayDatabase(
            url, dbtests.MySQLMigrationsTest.create_sql,
            dbtests.MySQLMigrationsTest.drop_sql))
        migration.upgrade(engine=database.engine)
        self.db_url = database.url.render_as_string(hide_password=False)
        self.config(group='database', connection=self.db_url)
        self.addCleanup(db_engine.context_manager.patch_engine(
            database.engine))
        self.vhost = self.useFixture(RabbitVhost(services.RABBITMQ_URL))
        self.transport_url = self.vhost.url
        self.topic = 'magnum-conductor-test-%s' % uuid.uuid4().hex[:8]
        # Creating a transport registers [DEFAULT] transport_url.
        messaging.get_rpc_transport(self.conf,
                                    url=self.transport_url).cleanup()
        self.config(transport_url=self.transport_url)
        self.config(group='conductor', topic=self.topic)
        rpc.cleanup()
        notifications.reset()
        self.addCleanup(rpc.cleanup)
        self.addCleanup(notifications.reset)
        self.rpcapi = rpcapi.ConductorAPI(topic=self.topic)
        self.context = magnum_context.make_context(
            user_id=utils.USER_ID, project_id=utils.PROJECT_ID)
        self.admin = magnum_context.make_admin_context(all_tenants=True)
        self.template = utils.create_test_cluster_template(
            cluster_distro='fake', labels={})
        self.processes = {}
        self.logs = {}
        # Host names are unique per test: the status-sync lock of a
        # conductor is a file named after its host.
        self.suffix = uuid.uuid4().hex[:6]

    # -- processes --------------------------------------------------------

    def host_name(self, name):
        return '%s-%s' % (name, self.suffix)

    def _write_config(self, name, text):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            '%s.conf' % name)
        with open(path, 'w') as f:
            f.write(text)
        return path

    def _common_config(self, host):
        # Debug logging: the secrets tests grep the logs at their most
        # talkative.
        return ('[DEFAULT]\n'
                'debug = true\n'
                'transport_url = %s\n'
                'host = %s\n'
                'service_down_time = 6\n'
                '[database]\nconnection = %s\n'
                '[oslo_messaging_notifications]\ndriver = messagingv2\n'
                '[certificates]\ncert_manager_type = x509keypair\n'
                % (self.transport_url, host, self.db_url))

    def _spawn(self, name, argv, env=None):
        path = argv[-1] + '.log'
        log = open(path, 'w')
        self.addCleanup(log.close)
        self.addOnException(lambda exc_info: self.addDetail(
            '%s.log' % name, testtools.content.text_content(
                self.log_text(name))))
        process = subprocess.Popen(
            argv, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, env=dict(os.environ, **(env or {})))
        self.processes[name] = process
        self.logs[name] = path
        self.addCleanup(self._stop, process)
        return process

    def start_conductor(self, name, shared_fake=False, lease_seconds=3):
        """Start magnum-conductor as ``[DEFAULT] host`` ``name``.

        :param shared_fake: the fake driver keeps its records in a file
            this test's conductors share (``MAGNUM_FAKE_DRIVER_STATE``),
            as real conductors share one Heat.
        """
        host = self.host_name(name)
        path = self._write_config(host, self._common_config(host) + (
            '[conductor]\ntopic = %s\nworkers = 1\n'
            'status_sync_interval = 1\n'
            'operation_lease_seconds = %d\n' % (self.topic, lease_seconds)))
        env = {}
        if shared_fake:
            env[fake_driver.STATE_ENV] = self.fake_state_path()
        return self._spawn(name, [CONDUCTOR, '--config-file', path], env)

    def fake_state_path(self):
        if not hasattr(self, '_fake_state'):
            self._fake_state = os.path.join(
                self.useFixture(fixtures.TempDir()).path, 'fake.json')
        return self._fake_state

    def start_api(self, name='api'):
        """Start magnum-api with noauth on a free port; return its URL.

        Its cloud look-ups are ``offline`` (noauth has no token to make
        them with): every image has the fake driver's os_distro.
        """
        host = self.host_name(name)
        port = free_port()
        path = self._write_config(host, self._common_config(host) + (
            '[conductor]\ntopic = %s\n'
            '[api]\nhost = 127.0.0.1\nport = %d\nworkers = 1\n'
            'auth_strategy = noauth\ncloud_lookups = offline\n'
            % (self.topic, port)))
        process = self._spawn(name, [API, '--config-file', path])
        if not wait_for_port('127.0.0.1', port):
            self.fail('magnum-api did not listen on %d (exit %s)'
                      % (port, process.poll()))
        return 'http://127.0.0.1:%d' % port

    @staticmethod
    def _stop(process):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)

    def kill(self, process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def log_text(self, name):
        try:
            with open(self.logs[name]) as f:
                return f.read()
        except (KeyError, OSError):
            return ''

    # -- the API's side ---------------------------------------------------

    def commit_cluster(self, labels=None, node_count=1, **extra):
        """Store a new cluster and its create operation; return both
        uuids (the cast is the caller's).

        :param extra: more column values of the cluster row.
        """
        cluster_uuid = uuidutils.generate_uuid()
        values = utils.get_test_cluster(
            uuid=cluster_uuid, name='c-%s' % cluster_uuid[:8],
            status='CREATE_IN_PROGRESS', stack_id=None,
            status_reason=None, api_address=None, ca_cert_ref=None,
            magnum_cert_ref=None, labels=labels or {},
            cluster_template_id=self.template.uuid, **extra)
        groups = []
        for name, role, count in (('default-master', 'master', 1),
                                  ('default-worker', 'worker', node_count)):
            groups.append(utils.get_test_nodegroup(
                uuid=uuidutils.generate_uuid(), name=name, role=role,
                node_count=count, is_default=True, cluster_id=cluster_uuid,
                status='CREATE_IN_PROGRESS', stack_id=None,
                labels=labels or {}))
        _c, _g, op = dbapi.create_cluster_with_operation(
            values, groups,
            {'name': 'create_cluster', 'params': {},
             'project_id': utils.PROJECT_ID, 'user_id': utils.USER_ID})
        return cluster_uuid, op.uuid

    def commit_resize(self, cluster_uuid, node_count):
        """Store a resize of the default worker group the way the API
        does (status and operation in one transaction); return the
        operation's uuid.
        """
        cluster = self.cluster(cluster_uuid)
        worker = next(ng for ng in cluster.nodegroups
                      if ng.role == 'worker' and ng.is_default)
        name = states.RESIZE_CLUSTER
        _row, op = dbapi.start_cluster_operation(
            cluster_uuid, states.ALLOWED_FROM[name],
            {'status': states.IN_PROGRESS_STATUS[name]},
            {'name': name,
             'params': {'nodegroup_id': worker.uuid,
                        'node_count': node_count, 'nodes_to_remove': [],
                        'previous_node_count': worker.node_count,
                        'previous_nodegroup_status': worker.status,
                        'previous_status': cluster.status},
             'project_id': utils.PROJECT_ID, 'user_id': utils.USER_ID},
            nodegroup_uuid=worker.uuid,
            nodegroup_values={
                'status': states.NODEGROUP_IN_PROGRESS_STATUS[name]})
        return op.uuid

    def create_clusters(self, count, labels=None):
        """Commit and cast ``count`` cluster creates; return the uuids."""
        uuids = []
        for _ in range(count):
            cluster_uuid, op_uuid = self.commit_cluster(labels=labels)
            self.rpcapi.create_cluster(self.context, cluster_uuid, op_uuid)
            uuids.append(cluster_uuid)
        return uuids

    def wait_for_log(self, name, text, timeout=TIMEOUT):
        """Wait until process ``name`` logged ``text``."""
        deadline = time.time() + timeout
        while text not in self.log_text(name):
            if self.processes[name].poll() is not None:
                self.fail('%s exited with %s'
                          % (name, self.processes[name].returncode))
            if time.time() > deadline:
                self.fail('%s did not log %r in %ss' % (name, text, timeout))
            time.sleep(0.2)

    def wait_for_conductor(self, name):
        """Wait until conductor ``name`` consumes its topic."""
        self.wait_for_log(name, 'serving topic %s' % self.topic)

    def cluster(self, cluster_uuid):
        return objects.Cluster.get_by_uuid(self.admin, cluster_uuid)

    def wait_for_status(self, cluster_uuid, wanted, timeout=TIMEOUT):
        deadline = time.time() + timeout
        status = None
        while time.time() < deadline:
            status = self.cluster(cluster_uuid).status
            if status in wanted:
                return status
            time.sleep(0.5)
        self.fail('cluster %s is %s after %ss, wanted %s'
                  % (cluster_uuid, status, timeout, wanted))

    def wait_for_all(self, cluster_uuids, wanted, timeout=TIMEOUT):
        """Wait until every cluster is in ``wanted``; return the statuses.
        """
        deadline = time.time() + timeout
        while True:
            statuses = {u: self.cluster(u).status for u in cluster_uuids}
            if all(s in wanted for s in statuses.values()):
                return statuses
            failed = {u: self.cluster(u).status_reason
                      for u, s in statuses.items()
                      if s.endswith('_FAILED') and s not in wanted}
            if failed:
                self.fail('wanted %s; failed: %s' % (wanted, failed))
            if time.time() > deadline:
                self.fail('after %ss, wanted %s: %s'
                          % (timeout, wanted, statuses))
            time.sleep(0.5)

    def operations(self, cluster_uuid=None):
        """Return the operation rows (of one cluster, or all)."""
        with db_common.reading() as session:
            stmt = sa.select(models.Operation).order_by(models.Operation.id)
            if cluster_uuid:
                stmt = stmt.where(models.Operation.cluster_id == cluster_uuid)
            rows = session.execute(stmt).scalars().all()
            return [{c.name: getattr(row, c.name)
                     for c in models.Operation.__table__.columns}
                    for row in rows]
