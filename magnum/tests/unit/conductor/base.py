"""Shared set-up of the conductor tests: sqlite, the fake driver, and
recording fakes for credentials and notifications.
"""

from unittest import mock

from oslo_utils import uuidutils

from magnum.common import context as magnum_context
from magnum.conductor.handlers import credentials
from magnum.conductor import manager
from magnum.conductor import notifications
from magnum.conductor import periodic
from magnum.db import api as dbapi
from magnum.db.api import lifecycle
from magnum.drivers.fake import driver as fake_driver
from magnum.drivers import registry
from magnum import objects
from magnum.tests.unit.db import utils

HOST = 'conductor-1'


class ConductorTestCase(utils.DbTestCase):
    """A conductor on sqlite with the fake driver and a worker pool."""

    def setUp(self):
        super().setUp()
        self.config(host=HOST)
        registry.reset()
        self.addCleanup(registry.reset)
        fake_driver.FakeDriver.reset()
        self.addCleanup(fake_driver.FakeDriver.reset)
        self.template = utils.create_test_cluster_template(
            cluster_distro='fake', labels={})
        self.context = magnum_context.make_context(
            user_id=utils.USER_ID, project_id=utils.PROJECT_ID,
            auth_token='secret-token')
        self.admin = magnum_context.make_admin_context(all_tenants=True)
        self.notify = self.patch_autospec(notifications, 'notify')
        self.create_credentials = self.patch_autospec(
            credentials, 'create_for_cluster')
        self.delete_credentials = self.patch_autospec(
            credentials, 'delete_for_cluster')
        self.manager = manager.ConductorManager(HOST, max_workers=2)
        self.addCleanup(self.manager.stop)

    def patch_autospec(self, target, name):
        patcher = mock.patch.object(target, name, autospec=True)
        fake = patcher.start()
        self.addCleanup(patcher.stop)
        return fake

    # -- helpers ----------------------------------------------------------

    def create_cluster(self, labels=None, node_count=2, master_count=1):
        """Commit a cluster in CREATE_IN_PROGRESS with its operation, as
        the API does; return (cluster uuid, operation uuid).
        """
        cluster_uuid = uuidutils.generate_uuid()
        values = utils.get_test_cluster(
            uuid=cluster_uuid, status='CREATE_IN_PROGRESS',
            status_reason=None, stack_id=None, api_address=None,
            ca_cert_ref=None, magnum_cert_ref=None, labels=labels or {})
        values.pop('id', None)
        groups = []
        for name, role, count in (('default-master', 'master', master_count),
                                  ('default-worker', 'worker', node_count)):
            ng = utils.get_test_nodegroup(
                uuid=uuidutils.generate_uuid(), name=name, role=role,
                node_count=count, is_default=True, cluster_id=cluster_uuid,
                status='CREATE_IN_PROGRESS', stack_id=None,
                labels=labels or {})
            ng.pop('id', None)
            groups.append(ng)
        _cluster, _groups, op = dbapi.create_cluster_with_operation(
            values, groups, self.op_values('create_cluster',
                                           {'create_timeout': 30}))
        return cluster_uuid, op.uuid

    @staticmethod
    def op_values(name, params=None):
        return {'name': name, 'params': params or {},
                'project_id': utils.PROJECT_ID, 'user_id': utils.USER_ID}

    def start(self, cluster_uuid, name, params=None, expected=None,
              nodegroup_uuid=None, nodegroup_values=None,
              new_nodegroup=None):
        """Start an operation as the API does; return its uuid."""
        from magnum.conductor import states
        _c, op = lifecycle.start_cluster_operation(
            cluster_uuid, expected or states.ALLOWED_FROM[name],
            {'status': states.IN_PROGRESS_STATUS[name]},
            self.op_values(name, params), nodegroup_uuid=nodegroup_uuid,
            nodegroup_values=nodegroup_values, new_nodegroup=new_nodegroup)
        return op.uuid

    def run_op(self, operation_uuid):
        """Run an operation through the manager's pool; return its state.
        """
        return self.manager.submit(self.context, operation_uuid).result(30)

    def sync(self):
        return periodic.sync_cluster_status(HOST, members=[HOST])

    def cluster(self, uuid):
        return objects.Cluster.get_by_uuid(self.admin, uuid)

    def operation(self, uuid):
        return objects.Operation.get_by_uuid(self.admin, uuid)

    def outcomes(self):
        """Return [(action, outcome)] of the notifications so far."""
        return [(c.args[1], c.args[2]) for c in self.notify.call_args_list]
