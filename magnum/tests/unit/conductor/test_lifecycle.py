"""The lifecycle engine end to end: manager -> runner -> fake driver ->
status sync, on sqlite.
"""

from magnum.common import exception
from magnum.conductor.handlers import credentials
from magnum.conductor import operations
from magnum.conductor import states
from magnum.db import api as dbapi
from magnum.drivers import base as driver_base
from magnum.drivers.fake import driver as fake_driver
from magnum.drivers import registry
from magnum import objects
from magnum.tests.unit.conductor import base


class CreateTest(base.ConductorTestCase):

    def test_create_then_sync_completes(self):
        cluster_uuid, op_uuid = self.create_cluster()
        self.manager.create_cluster(self.context, cluster_uuid, op_uuid)
        self.manager.stop(wait=True)
        op = self.operation(op_uuid)
        self.assertEqual('succeeded', op.state)
        self.assertEqual(1, op.attempts)
        self.assertEqual('CREATE_IN_PROGRESS',
                         self.cluster(cluster_uuid).status)
        self.create_credentials.assert_called_once()

        counts = self.sync()
        self.assertEqual({'in_progress': 1, 'observed': 1, 'changed': 1},
                         counts)
        cluster = self.cluster(cluster_uuid)
        self.assertEqual('CREATE_COMPLETE', cluster.status)
        self.assertEqual('https://192.0.2.1:6443', cluster.api_address)
        self.assertEqual(['192.0.2.1'], cluster.master_addresses)
        self.assertEqual(['198.51.100.1', '198.51.100.2'],
                         cluster.node_addresses)
        self.assertEqual({'CREATE_COMPLETE'},
                         {ng.status for ng in cluster.nodegroups})
        self.assertEqual([('create', 'pending'), ('create', 'success')],
                         self.outcomes())

    def test_steps_keep_the_cluster_in_progress(self):
        cluster_uuid, op_uuid = self.create_cluster(
            labels={'fake_steps': '2'})
        self.run_op(op_uuid)
        self.sync()
        self.sync()
        self.assertEqual('CREATE_IN_PROGRESS',
                         self.cluster(cluster_uuid).status)
        self.sync()
        self.assertEqual('CREATE_COMPLETE',
                         self.cluster(cluster_uuid).status)

    def test_backend_failure_is_recorded_with_reason(self):
        cluster_uuid, op_uuid = self.create_cluster(
            labels={'fake_fail': 'create'})
        self.assertEqual('succeeded', self.run_op(op_uuid))
        self.sync()
        cluster = self.cluster(cluster_uuid)
        self.assertEqual('CREATE_FAILED', cluster.status)
        self.assertIn('fake_fail', cluster.status_reason)
        self.assertEqual(('create', 'failure'), self.outcomes()[-1])

    def test_driver_refusal_fails_operation_and_cluster(self):
        cluster_uuid, op_uuid = self.create_cluster()
        self.patch_autospec(fake_driver.FakeDriver, 'create_cluster'
                            ).side_effect = exception.InvalidParameterValue(
            err='no network "private"; create it first')
        self.assertEqual('failed', self.run_op(op_uuid))
        cluster = self.cluster(cluster_uuid)
        self.assertEqual('CREATE_FAILED', cluster.status)
        self.assertEqual('create_cluster failed: no network "private"; '
                         'create it first', cluster.status_reason)
        op = self.operation(op_uuid)
        self.assertEqual('failed', op.state)
        self.assertEqual(cluster.status_reason, op.result_reason)
        self.assertEqual([('create', 'pending'), ('create', 'failure')],
                         self.outcomes())

    def test_credentials_failure_fails_the_create(self):
        cluster_uuid, op_uuid = self.create_cluster()
        self.create_credentials.side_effect = RuntimeError('CA store down')
        self.assertEqual('failed', self.run_op(op_uuid))
        cluster = self.cluster(cluster_uuid)
        self.assertEqual('CREATE_FAILED', cluster.status)
        self.assertIn('CA store down', cluster.status_reason)
        self.assertIsNone(fake_driver.FakeDriver.get_record(cluster_uuid))

    def test_a_cast_for_a_finished_operation_does_nothing(self):
        cluster_uuid, op_uuid = self.create_cluster()
        self.run_op(op_uuid)
        self.assertIsNone(self.run_op(op_uuid))
        self.assertEqual(['create'], fake_driver.FakeDriver.get_record(
            cluster_uuid).calls)


class ClusterOperationsTest(base.ConductorTestCase):

    def setUp(self):
        super().setUp()
        self.uuid, op_uuid = self.create_cluster()
        self.run_op(op_uuid)
        self.sync()
        self.notify.reset_mock()

    def nodegroup(self, name):
        for ng in self.cluster(self.uuid).nodegroups:
            if ng.name == name:
                return ng
        return None

    def test_update_node_count(self):
        op = self.start(self.uuid, states.UPDATE_CLUSTER, {'node_count': 4})
        self.assertEqual('succeeded', self.run_op(op))
        self.assertEqual('UPDATE_IN_PROGRESS', self.cluster(self.uuid).status)
        self.sync()
        cluster = self.cluster(self.uuid)
        self.assertEqual('UPDATE_COMPLETE', cluster.status)
        self.assertEqual(4, cluster.node_count)
        self.assertEqual(4, len(cluster.node_addresses))
        self.assertEqual([('update', 'success')], self.outcomes())

    def test_resize_removes_named_nodes(self):
        worker = self.nodegroup('default-worker')
        op = self.start(self.uuid, states.RESIZE_CLUSTER,
                        {'node_count': 1, 'nodes_to_remove': ['n-2']},
                        nodegroup_uuid=worker.uuid,
                        nodegroup_values={'status': 'UPDATE_IN_PROGRESS'})
        self.assertEqual('succeeded', self.run_op(op))
        record = fake_driver.FakeDriver.get_record(self.uuid)
        self.assertEqual(['n-2'], record.nodes_removed)
        self.sync()
        cluster = self.cluster(self.uuid)
        self.assertEqual('UPDATE_COMPLETE', cluster.status)
        self.assertEqual(1, cluster.node_count)

    def test_resize_refused_restores_the_count(self):
        worker = self.nodegroup('default-worker')
        self.patch_autospec(fake_driver.FakeDriver, 'resize_cluster'
                            ).side_effect = RuntimeError('boom')
        op = self.start(self.uuid, states.RESIZE_CLUSTER, {'node_count': 5},
                        nodegroup_uuid=worker.uuid,
                        nodegroup_values={'status': 'UPDATE_IN_PROGRESS'})
        self.assertEqual('failed', self.run_op(op))
        self.assertEqual('UPDATE_FAILED', self.cluster(self.uuid).status)
        worker = self.nodegroup('default-worker')
        self.assertEqual(2, worker.node_count)
        self.assertEqual('UPDATE_FAILED', worker.status)
        self.assertEqual('resize_cluster failed: RuntimeError: boom',
                         worker.status_reason)

    def test_upgrade(self):
        new = self.template.uuid
        op = self.start(self.uuid, states.UPGRADE_CLUSTER,
                        {'cluster_template_id': new, 'max_batch_size': 1})
        self.assertEqual('succeeded', self.run_op(op))
        self.sync()
        self.assertEqual('UPDATE_COMPLETE', self.cluster(self.uuid).status)

    def test_unsupported_operation_restores_previous_status(self):
        self.patch_autospec(fake_driver.FakeDriver, 'rotate_credential'
                            ).side_effect = (
            exception.CredentialRotationNotSupported())
        op = self.start(self.uuid, states.ROTATE_CREDENTIAL,
                        {'previous_status': 'CREATE_COMPLETE'})
        self.assertEqual('failed', self.run_op(op))
        cluster = self.cluster(self.uuid)
        self.assertEqual('CREATE_COMPLETE', cluster.status)
        self.assertIn('not supported', cluster.status_reason)

    def test_rotate_credential_new_pushed_then_old_retired(self):
        order = []
        rotate = self.patch_autospec(credentials, 'rotate_trust')
        rotate.side_effect = lambda ctx, c: order.append('rotate') or 'old'
        retire = self.patch_autospec(credentials, 'retire_trust')
        retire.side_effect = lambda ctx, c, old: order.append(
            ('retire', old))
        push = self.patch_autospec(fake_driver.FakeDriver,
                                   'rotate_credential')
        push.side_effect = lambda drv, ctx, c: order.append('push')
        op = self.start(self.uuid, states.ROTATE_CREDENTIAL)
        self.assertEqual('succeeded', self.run_op(op))
        self.assertEqual(['rotate', 'push', ('retire', 'old')], order)

    def test_rotate_credential_push_refused_puts_the_old_back(self):
        self.patch_autospec(credentials, 'rotate_trust').return_value = 'old'
        retire = self.patch_autospec(credentials, 'retire_trust')
        undo = self.patch_autospec(credentials, 'undo_trust_rotation')
        self.patch_autospec(fake_driver.FakeDriver, 'rotate_credential'
                            ).side_effect = RuntimeError('heat down')
        op = self.start(self.uuid, states.ROTATE_CREDENTIAL)
        self.assertEqual('failed', self.run_op(op))
        self.assertEqual('old', undo.call_args[0][2])
        retire.assert_not_called()
        self.assertEqual('UPDATE_FAILED', self.cluster(self.uuid).status)

    def test_rotate_credential_unsupported_changes_no_trust(self):
        rotate = self.patch_autospec(credentials, 'rotate_trust')

        class NoRotation(fake_driver.FakeDriver):
            rotate_credential = driver_base.Driver.rotate_credential

        self.patch_autospec(registry, 'get_driver_for_cluster'
                            ).return_value = NoRotation()
        op = self.start(self.uuid, states.ROTATE_CREDENTIAL,
                        {'previous_status': 'CREATE_COMPLETE'})
        self.assertEqual('failed', self.run_op(op))
        rotate.assert_not_called()
        self.assertEqual('CREATE_COMPLETE', self.cluster(self.uuid).status)

    def test_without_token_the_driver_acts_through_the_trust(self):
        dbapi.update_cluster(self.uuid, {
            'trust_id': 'trust-1', 'trustee_user_id': 'trustee-1',
            'trustee_password': 'secret'})
        seen = []
        self.patch_autospec(fake_driver.FakeDriver, 'update_cluster'
                            ).side_effect = (
            lambda drv, ctx, c, rollback=False: seen.append(ctx))
        op = self.start(self.uuid, states.UPDATE_CLUSTER)
        self.context = operations.context_for_takeover(self.operation(op))
        self.assertIsNone(self.context.auth_token)
        self.assertEqual('succeeded', self.run_op(op))
        self.assertEqual(('trust-1', 'trustee-1', 'secret', False),
                         (seen[0].trust_id, seen[0].user_id,
                          seen[0].password, seen[0].is_admin))

    def test_with_token_the_driver_gets_the_callers_context(self):
        dbapi.update_cluster(self.uuid, {
            'trust_id': 'trust-1', 'trustee_user_id': 'trustee-1',
            'trustee_password': 'secret'})
        seen = []
        self.patch_autospec(fake_driver.FakeDriver, 'update_cluster'
                            ).side_effect = (
            lambda drv, ctx, c, rollback=False: seen.append(ctx))
        self.run_op(self.start(self.uuid, states.UPDATE_CLUSTER))
        self.assertIs(self.context, seen[0])

    def test_nodegroup_create_and_delete(self):
        ng_values = {'name': 'extra', 'role': 'worker', 'node_count': 2,
                     'project_id': 'fake_project', 'is_default': False,
                     'status': 'CREATE_IN_PROGRESS', 'labels': {}}
        op = self.start(self.uuid, states.CREATE_NODEGROUP,
                        new_nodegroup=ng_values)
        self.assertEqual('succeeded', self.run_op(op))
        self.sync()
        cluster = self.cluster(self.uuid)
        self.assertEqual('UPDATE_COMPLETE', cluster.status)
        extra = self.nodegroup('extra')
        self.assertEqual('CREATE_COMPLETE', extra.status)
        self.assertEqual(4, cluster.node_count)

        op = self.start(self.uuid, states.DELETE_NODEGROUP,
                        nodegroup_uuid=extra.uuid,
                        nodegroup_values={'status': 'DELETE_IN_PROGRESS'})
        self.assertEqual('succeeded', self.run_op(op))
        self.sync()
        self.assertIsNone(self.nodegroup('extra'))
        self.assertEqual('UPDATE_COMPLETE', self.cluster(self.uuid).status)

    def test_nodegroup_failure_fails_the_cluster(self):
        ng_values = {'name': 'bad', 'role': 'worker', 'node_count': 1,
                     'project_id': 'fake_project', 'is_default': False,
                     'status': 'CREATE_IN_PROGRESS',
                     'labels': {'fake_fail': 'create_nodegroup'}}
        op = self.start(self.uuid, states.CREATE_NODEGROUP,
                        new_nodegroup=ng_values)
        self.run_op(op)
        self.sync()
        cluster = self.cluster(self.uuid)
        self.assertEqual('UPDATE_FAILED', cluster.status)
        self.assertEqual('CREATE_FAILED', self.nodegroup('bad').status)
        self.assertEqual(('update', 'failure'), self.outcomes()[-1])

    def test_delete_removes_the_row_and_credentials(self):
        op = self.start(self.uuid, states.DELETE_CLUSTER)
        self.assertEqual('succeeded', self.run_op(op))
        self.assertTrue(fake_driver.FakeDriver.get_record(
            self.uuid).pre_deleted)
        self.sync()
        self.assertRaises(exception.ClusterNotFound, self.cluster, self.uuid)
        self.assertEqual([], objects.NodeGroup.list_for_clusters(
            self.admin, [self.uuid])[self.uuid])
        self.delete_credentials.assert_called_once()
        self.assertEqual([('delete', 'pending'), ('delete', 'success')],
                         self.outcomes())

    def test_delete_refused_marks_delete_failed(self):
        self.patch_autospec(fake_driver.FakeDriver, 'pre_delete_cluster'
                            ).side_effect = exception.PreDeletionFailed(
            cluster_uuid=self.uuid, msg='load balancer stuck')
        op = self.start(self.uuid, states.DELETE_CLUSTER)
        self.assertEqual('failed', self.run_op(op))
        cluster = self.cluster(self.uuid)
        self.assertEqual('DELETE_FAILED', cluster.status)
        self.assertIn('load balancer stuck', cluster.status_reason)

    def test_superseded_operation_is_not_run(self):
        op = self.start(self.uuid, states.UPDATE_CLUSTER, {'node_count': 3})
        self.start(self.uuid, states.DELETE_CLUSTER,
                   expected=['UPDATE_IN_PROGRESS'])
        self.assertEqual('failed', self.run_op(op))
        self.assertIn('superseded', self.operation(op).result_reason)
        self.assertEqual('DELETE_IN_PROGRESS',
                         self.cluster(self.uuid).status)

    def test_sync_skips_clusters_with_unfinished_operations(self):
        self.start(self.uuid, states.UPDATE_CLUSTER, {'node_count': 3})
        counts = self.sync()
        self.assertEqual(0, counts['observed'])
        self.assertEqual('UPDATE_IN_PROGRESS',
                         self.cluster(self.uuid).status)
