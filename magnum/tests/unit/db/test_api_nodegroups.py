"""Tests of the nodegroup functions of the database API."""

from oslo_utils import uuidutils

from magnum.common import context
from magnum.common import exception
from magnum.db import api as dbapi
from magnum.tests.unit.db import utils


def _ctx(project_id=utils.PROJECT_ID):
    return context.make_context(project_id=project_id, user_id='u')


class NodeGroupTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.context = _ctx()
        self.cluster = utils.create_test_cluster(master_count=1,
                                                 node_count=2)

    def _new(self, **kw):
        kw.setdefault('uuid', uuidutils.generate_uuid())
        kw.setdefault('cluster_id', self.cluster.uuid)
        return utils.create_test_nodegroup(**kw)

    def test_create_and_get(self):
        ng = self._new(name='extra', node_taints=[
            {'key': 'k', 'value': 'v', 'effect': 'NoSchedule'}])
        cid = self.cluster.uuid
        for found in (
                dbapi.get_nodegroup_by_uuid(self.context, cid, ng.uuid),
                dbapi.get_nodegroup_by_id(self.context, cid, ng.id),
                dbapi.get_nodegroup_by_name(self.context, cid, 'extra')):
            self.assertEqual(ng.uuid, found.uuid)
            self.assertEqual('NoSchedule', found.node_taints[0]['effect'])

    def test_create_duplicate_name_in_cluster(self):
        exc = self.assertRaises(exception.NodeGroupAlreadyExists, self._new,
                                name='default-worker')
        self.assertEqual(409, exc.code)

    def test_same_name_in_other_cluster(self):
        other = utils.create_test_cluster(uuid=uuidutils.generate_uuid())
        ng = self._new(name='default-worker', cluster_id=other.uuid)
        self.assertEqual(other.uuid, ng.cluster_id)

    def test_get_from_other_cluster_is_not_found(self):
        ng = self._new(name='extra')
        self.assertRaises(exception.NodeGroupNotFound,
                          dbapi.get_nodegroup_by_uuid, self.context,
                          uuidutils.generate_uuid(), ng.uuid)

    def test_get_from_other_project_is_not_found(self):
        ng = self._new(name='extra')
        self.assertRaises(exception.NodeGroupNotFound,
                          dbapi.get_nodegroup_by_uuid, _ctx('other'),
                          self.cluster.uuid, ng.uuid)

    def test_list_filters_and_pagination(self):
        self._new(name='extra')
        names = [ng.name for ng in dbapi.list_cluster_nodegroups(
            self.context, self.cluster.uuid)]
        self.assertEqual(['default-master', 'default-worker', 'extra'],
                         names)
        workers = dbapi.list_cluster_nodegroups(
            self.context, self.cluster.uuid, filters={'role': 'worker'})
        self.assertEqual(['default-worker', 'extra'],
                         [ng.name for ng in workers])
        defaults = dbapi.list_cluster_nodegroups(
            self.context, self.cluster.uuid, filters={'is_default': True})
        self.assertEqual(2, len(defaults))
        page = dbapi.list_cluster_nodegroups(
            self.context, self.cluster.uuid, limit=1, sort_key='name',
            sort_dir='desc', marker=workers[1].uuid)
        self.assertEqual(['default-worker'], [ng.name for ng in page])

    def test_nodegroups_for_clusters(self):
        other = utils.create_test_cluster(uuid=uuidutils.generate_uuid(),
                                          master_count=3, node_count=1)
        empty = uuidutils.generate_uuid()
        result = dbapi.get_nodegroups_for_clusters(
            self.context, [self.cluster.uuid, other.uuid, empty])
        self.assertEqual([self.cluster.uuid, other.uuid, empty],
                         list(result))
        self.assertEqual(['default-master', 'default-worker'],
                         [ng.name for ng in result[other.uuid]])
        self.assertEqual(3, result[other.uuid][0].node_count)
        self.assertEqual([], result[empty])
        self.assertEqual({}, dict(dbapi.get_nodegroups_for_clusters(
            self.context, [])))

    def test_update(self):
        ng = self._new(name='extra')
        updated = dbapi.update_nodegroup(self.cluster.uuid, ng.uuid,
                                         {'node_count': 7})
        self.assertEqual(7, updated.node_count)

    def test_update_rename_to_taken_name(self):
        ng = self._new(name='extra')
        self.assertRaises(exception.NodeGroupAlreadyExists,
                          dbapi.update_nodegroup, self.cluster.uuid,
                          ng.uuid, {'name': 'default-worker'})

    def test_update_status_test_and_set(self):
        ng = self._new(name='extra', status='CREATE_COMPLETE')
        done = dbapi.update_nodegroup_status(
            self.cluster.uuid, ng.uuid, ['CREATE_COMPLETE'],
            {'status': 'UPDATE_IN_PROGRESS'})
        self.assertEqual('UPDATE_IN_PROGRESS', done.status)
        exc = self.assertRaises(
            exception.ClusterStatusConflict, dbapi.update_nodegroup_status,
            self.cluster.uuid, ng.uuid, ['CREATE_COMPLETE'],
            {'status': 'DELETE_IN_PROGRESS'})
        self.assertIn('Nodegroup extra', str(exc))
        self.assertIn('UPDATE_IN_PROGRESS', str(exc))

    def test_update_status_missing(self):
        self.assertRaises(exception.NodeGroupNotFound,
                          dbapi.update_nodegroup_status, self.cluster.uuid,
                          uuidutils.generate_uuid(), ['CREATE_COMPLETE'],
                          {'status': 'UPDATE_IN_PROGRESS'})

    def test_destroy(self):
        ng = self._new(name='extra')
        dbapi.destroy_nodegroup(self.cluster.uuid, ng.uuid)
        self.assertEqual(2, dbapi.count_nodegroups(self.cluster.uuid))
        self.assertRaises(exception.NodeGroupNotFound,
                          dbapi.destroy_nodegroup, self.cluster.uuid,
                          ng.uuid)
