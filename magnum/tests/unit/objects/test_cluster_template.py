"""Tests of the ClusterTemplate object."""

from oslo_utils import uuidutils

from magnum.common import context
from magnum.common import exception
from magnum import objects
from magnum.tests.unit.db import utils


class ClusterTemplateObjectTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.context = context.make_context(project_id=utils.PROJECT_ID)
        self.row = utils.create_test_cluster_template()

    def test_get_dispatch(self):
        for ident in (self.row.id, self.row.uuid, self.row.name):
            template = objects.ClusterTemplate.get(self.context, ident)
            self.assertEqual(self.row.uuid, template.uuid)
            self.assertEqual('kubernetes', template.coe)

    def test_get_ambiguous_name(self):
        utils.create_test_cluster_template(uuid=uuidutils.generate_uuid())
        self.assertRaises(exception.Conflicts, objects.ClusterTemplate.get,
                          self.context, self.row.name)

    def test_create_save_refresh(self):
        values = utils.get_test_cluster_template(name='t2')
        del values['uuid']
        template = objects.ClusterTemplate(self.context, **values)
        template.create()
        self.assertTrue(uuidutils.is_uuid_like(template.uuid))
        copy = objects.ClusterTemplate.get(self.context, template.uuid)
        template.public = True
        template.save()
        self.assertFalse(copy.public)
        copy.refresh()
        self.assertTrue(copy.public)
        self.assertEqual({}, copy.obj_get_changes())

    def test_invalid_coe_rejected(self):
        template = objects.ClusterTemplate(self.context)
        self.assertRaises(ValueError, setattr, template, 'coe', 'nomad')
        template.coe = 'swarm-mode'
        self.assertEqual('swarm-mode', template.coe)

    def test_list(self):
        utils.create_test_cluster_template(uuid=uuidutils.generate_uuid(),
                                           name='b')
        names = [t.name for t in objects.ClusterTemplate.list(
            self.context, sort_key='name', sort_dir='desc')]
        self.assertEqual(['clustermodel1', 'b'], names)

    def test_destroy_referenced(self):
        template = objects.ClusterTemplate.get(self.context, self.row.uuid)
        self.assertFalse(template.is_referenced())
        utils.create_test_cluster()
        self.assertTrue(template.is_referenced())
        self.assertRaises(exception.ClusterTemplateReferenced,
                          template.destroy)
        dbapi_cluster = objects.Cluster.get(self.context, utils.CLUSTER_UUID)
        dbapi_cluster.destroy()
        template.destroy()
        self.assertRaises(exception.ClusterTemplateNotFound,
                          objects.ClusterTemplate.get, self.context,
                          self.row.uuid)
