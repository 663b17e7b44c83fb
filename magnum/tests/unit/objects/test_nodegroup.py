"""Tests of the NodeGroup object."""

from oslo_utils import uuidutils

from magnum.common import context
from magnum.common import exception
from magnum import objects
from magnum.tests.unit.db import utils


class NodeGroupObjectTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.context = context.make_context(project_id=utils.PROJECT_ID)
        self.cluster = utils.create_test_cluster(master_count=1,
                                                 node_count=2)

    def _new(self, **kw):
        values = utils.get_test_nodegroup(**kw)
        del values['uuid']
        ng = objects.NodeGroup(self.context, **values)
        ng.create()
        return ng

    def test_create_and_get_dispatch(self):
        ng = self._new(name='extra', labels={'a': 'b'})
        for ident in (ng.id, ng.uuid, 'extra'):
            found = objects.NodeGroup.get(self.context, self.cluster.uuid,
                                          ident)
            self.assertEqual(ng.uuid, found.uuid)
            self.assertEqual({'a': 'b'}, found.labels)
        self.assertFalse(found.is_master)

    def test_duplicate_name(self):
        self._new(name='extra')
        self.assertRaises(exception.NodeGroupAlreadyExists, self._new,
                          name='extra')

    def test_list_and_list_for_clusters(self):
        other = utils.create_test_cluster(uuid=uuidutils.generate_uuid(),
                                          master_count=1, node_count=1)
        masters = objects.NodeGroup.list(self.context, self.cluster.uuid,
                                         filters={'role': 'master'})
        self.assertEqual(['default-master'], [ng.name for ng in masters])
        self.assertTrue(masters[0].is_master)
        grouped = objects.NodeGroup.list_for_clusters(
            self.context, [self.cluster.uuid, other.uuid])
        self.assertEqual({self.cluster.uuid, other.uuid}, set(grouped))
        self.assertIsInstance(grouped[other.uuid][0], objects.NodeGroup)

    def test_save_and_update_status(self):
        ng = objects.NodeGroup.get(self.context, self.cluster.uuid,
                                   'default-worker')
        ng.node_count = 4
        ng.save()
        ng.update_status(['CREATE_COMPLETE'], status='UPDATE_IN_PROGRESS')
        fresh = objects.NodeGroup.get(self.context, self.cluster.uuid,
                                      ng.uuid)
        self.assertEqual((4, 'UPDATE_IN_PROGRESS'),
                         (fresh.node_count, fresh.status))
        self.assertRaises(exception.ClusterStatusConflict,
                          fresh.update_status, ['CREATE_COMPLETE'],
                          status='DELETE_IN_PROGRESS')

    def test_destroy(self):
        ng = self._new(name='extra')
        ng.destroy()
        self.assertRaises(exception.NodeGroupNotFound, objects.NodeGroup.get,
                          self.context, self.cluster.uuid, ng.uuid)
