"""Tests of the Cluster object."""

from oslo_utils import uuidutils
import sqlalchemy as sa

from magnum.common import context
from magnum.common import exception
from magnum import objects
from magnum.objects import fields
from magnum.tests.unit.db import utils


def _ctx(project_id=utils.PROJECT_ID):
    return context.make_context(project_id=project_id, user_id='u')


class ClusterObjectTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.context = _ctx()
        utils.create_test_cluster_template()
        self.row = utils.create_test_cluster(
            master_count=1, node_count=3, master_addresses=['10.0.0.1'],
            node_addresses=['10.0.0.2', '10.0.0.3', '10.0.0.4'])

    def test_get_dispatch(self):
        for ident in (self.row.id, str(self.row.id), self.row.uuid,
                      self.row.name):
            cluster = objects.Cluster.get(self.context, ident)
            self.assertEqual(self.row.uuid, cluster.uuid)
            self.assertEqual({}, cluster.obj_get_changes())
            self.assertIs(self.context, cluster._context)

    def test_get_ambiguous_name(self):
        utils.create_test_cluster(uuid=uuidutils.generate_uuid())
        self.assertRaises(exception.Conflicts, objects.Cluster.get,
                          self.context, self.row.name)

    def test_other_project_not_found(self):
        self.assertRaises(exception.ClusterNotFound, objects.Cluster.get,
                          _ctx('other'), self.row.uuid)
        admin = context.make_admin_context(all_tenants=True)
        self.assertEqual(self.row.uuid,
                         objects.Cluster.get(admin, self.row.uuid).uuid)

    def test_computed_from_nodegroups(self):
        cluster = objects.Cluster.get_by_uuid(self.context, self.row.uuid)
        self.assertEqual(3, cluster.node_count)
        self.assertEqual(1, cluster.master_count)
        self.assertEqual(['10.0.0.1'], cluster.master_addresses)
        self.assertEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4'],
                         cluster.node_addresses)
        self.assertEqual('default-worker', cluster.default_ng_worker.name)
        self.assertEqual('default-master', cluster.default_ng_master.name)

    def test_extra_worker_group_counts(self):
        utils.create_test_nodegroup(name='extra', node_count=2,
                                    node_addresses=['10.0.1.1'])
        cluster = objects.Cluster.get_by_uuid(self.context, self.row.uuid)
        self.assertEqual(5, cluster.node_count)
        self.assertIn('10.0.1.1', cluster.node_addresses)

    def test_list_with_nodegroups_uses_two_queries(self):
        for _i in range(4):
            utils.create_test_cluster(uuid=uuidutils.generate_uuid(),
                                      master_count=1, node_count=2)
        statements = []

        def count(conn, cursor, statement, *args):
            statements.append(statement)

        sa.event.listen(self.database.engine, 'before_cursor_execute',
                        count)
        self.addCleanup(sa.event.remove, self.database.engine,
                        'before_cursor_execute', count)
        clusters = objects.Cluster.list(self.context, with_nodegroups=True)
        counts = [(c.node_count, c.master_count) for c in clusters]
        self.assertEqual([(3, 1)] + [(2, 1)] * 4, counts)
        self.assertEqual(2, len(statements))

    def test_list_pagination_and_filters(self):
        second = utils.create_test_cluster(uuid=uuidutils.generate_uuid(),
                                           name='second',
                                           status='CREATE_FAILED')
        page = objects.Cluster.list(self.context, limit=1,
                                    marker=self.row.uuid)
        self.assertEqual([second.uuid], [c.uuid for c in page])
        failed = objects.Cluster.list(
            self.context, filters={'status': ['CREATE_FAILED']})
        self.assertEqual(['second'], [c.name for c in failed])
        self.assertRaises(exception.InvalidParameterValue,
                          objects.Cluster.list, self.context,
                          sort_key='foo')
        self.assertEqual(2, objects.Cluster.get_count_all(self.context))

    def test_create(self):
        values = utils.get_test_cluster(name='new')
        del values['uuid']
        cluster = objects.Cluster(self.context, **values)
        cluster.create()
        self.assertTrue(uuidutils.is_uuid_like(cluster.uuid))
        self.assertIsNotNone(cluster.id)
        self.assertEqual({}, cluster.obj_get_changes())
        self.assertEqual('new', objects.Cluster.get(self.context,
                                                    cluster.uuid).name)

    def test_save_writes_only_changes(self):
        cluster = objects.Cluster.get(self.context, self.row.uuid)
        stale = objects.Cluster.get(self.context, self.row.uuid)
        cluster.api_address = '192.168.0.1'
        cluster.save()
        stale.discovery_url = 'https://elsewhere'
        stale.save()
        fresh = objects.Cluster.get(self.context, self.row.uuid)
        self.assertEqual('192.168.0.1', fresh.api_address)
        self.assertEqual('https://elsewhere', fresh.discovery_url)
        self.assertEqual({}, stale.obj_get_changes())

    def test_update_status_conflict(self):
        first = objects.Cluster.get(self.context, self.row.uuid)
        second = objects.Cluster.get(self.context, self.row.uuid)
        expected = [fields.ClusterStatus.CREATE_COMPLETE]
        first.update_status(expected,
                            status=fields.ClusterStatus.UPDATE_IN_PROGRESS)
        self.assertEqual('UPDATE_IN_PROGRESS', first.status)
        self.assertEqual({}, first.obj_get_changes())
        second.status_reason = 'deleting'
        exc = self.assertRaises(
            exception.ClusterStatusConflict, second.update_status, expected,
            status=fields.ClusterStatus.DELETE_IN_PROGRESS)
        self.assertEqual(409, exc.code)
        fresh = objects.Cluster.get(self.context, self.row.uuid)
        self.assertEqual('UPDATE_IN_PROGRESS', fresh.status)
        self.assertEqual('Completed successfully', fresh.status_reason)

    def test_update_status_includes_pending_changes(self):
        cluster = objects.Cluster.get(self.context, self.row.uuid)
        cluster.status_reason = 'scaling'
        cluster.update_status(['CREATE_COMPLETE'],
                              status='UPDATE_IN_PROGRESS')
        fresh = objects.Cluster.get(self.context, self.row.uuid)
        self.assertEqual('scaling', fresh.status_reason)

    def test_refresh(self):
        cluster = objects.Cluster.get(self.context, self.row.uuid)
        self.assertEqual(3, cluster.node_count)
        other = objects.Cluster.get(self.context, self.row.uuid)
        other.name = 'renamed'
        other.save()
        worker = objects.NodeGroup.get(self.context, self.row.uuid,
                                       'default-worker')
        worker.node_count = 5
        worker.save()
        cluster.refresh()
        self.assertEqual('renamed', cluster.name)
        self.assertEqual(5, cluster.node_count)

    def test_destroy(self):
        cluster = objects.Cluster.get(self.context, self.row.uuid)
        cluster.destroy()
        self.assertRaises(exception.ClusterNotFound, objects.Cluster.get,
                          self.context, self.row.uuid)
        self.assertEqual([], objects.NodeGroup.list(self.context,
                                                    self.row.uuid))

    def test_cluster_template_loaded_on_demand(self):
        cluster = objects.Cluster.get(self.context, self.row.uuid)
        self.assertFalse(cluster.obj_attr_is_set('cluster_template'))
        self.assertEqual(utils.TEMPLATE_UUID, cluster.cluster_template.uuid)
        self.assertEqual({}, cluster.obj_get_changes())

    def test_as_dict_and_dict_access(self):
        cluster = objects.Cluster.get(self.context, self.row.uuid)
        as_dict = cluster.as_dict()
        self.assertEqual(self.row.uuid, as_dict['uuid'])
        self.assertNotIn('cluster_template', as_dict)
        self.assertEqual(cluster.name, cluster['name'])
