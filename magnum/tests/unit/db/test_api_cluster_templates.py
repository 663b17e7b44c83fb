"""Tests of the cluster template functions of the database API."""

from oslo_utils import uuidutils

from magnum.common import context
from magnum.common import exception
from magnum.db import api as dbapi
from magnum.tests.unit.db import utils


def _ctx(project_id=utils.PROJECT_ID, is_admin=False, all_tenants=False):
    if is_admin:
        return context.make_admin_context(all_tenants=all_tenants,
                                          project_id=project_id)
    return context.make_context(project_id=project_id, user_id='u')


def _new_template(**kw):
    kw.setdefault('uuid', uuidutils.generate_uuid())
    return utils.create_test_cluster_template(**kw)


class ClusterTemplateCrudTest(utils.DbTestCase):

    def test_create_and_get(self):
        row = utils.create_test_cluster_template()
        ctx = _ctx()
        for found in (
                dbapi.get_cluster_template_by_uuid(ctx, row.uuid),
                dbapi.get_cluster_template_by_id(ctx, row.id),
                dbapi.get_cluster_template_by_name(ctx, row.name)):
            self.assertEqual(row.uuid, found.uuid)
            self.assertEqual({'key1': 'val1', 'key2': 'val2'}, found.labels)
            self.assertFalse(found.public)

    def test_create_generates_uuid(self):
        values = utils.get_test_cluster_template()
        del values['uuid']
        row = dbapi.create_cluster_template(values)
        self.assertTrue(uuidutils.is_uuid_like(row.uuid))

    def test_create_duplicate_uuid(self):
        utils.create_test_cluster_template()
        self.assertRaises(exception.ClusterTemplateAlreadyExists,
                          utils.create_test_cluster_template)

    def test_get_by_name_ambiguous(self):
        _new_template(name='dup')
        _new_template(name='dup')
        exc = self.assertRaises(exception.Conflicts,
                                dbapi.get_cluster_template_by_name, _ctx(),
                                'dup')
        self.assertIn('Multiple ClusterTemplates exist with same name',
                      str(exc))

    def test_update(self):
        row = utils.create_test_cluster_template()
        updated = dbapi.update_cluster_template(row.uuid, {'name': 'new'})
        self.assertEqual('new', updated.name)
        self.assertIsNotNone(updated.updated_at)

    def test_update_refuses_uuid(self):
        row = utils.create_test_cluster_template()
        self.assertRaises(exception.InvalidParameterValue,
                          dbapi.update_cluster_template, row.uuid,
                          {'uuid': uuidutils.generate_uuid()})

    def test_update_missing(self):
        self.assertRaises(exception.ClusterTemplateNotFound,
                          dbapi.update_cluster_template,
                          uuidutils.generate_uuid(), {'name': 'x'})

    def test_destroy(self):
        row = utils.create_test_cluster_template()
        dbapi.destroy_cluster_template(row.uuid)
        self.assertRaises(exception.ClusterTemplateNotFound,
                          dbapi.get_cluster_template_by_uuid, _ctx(),
                          row.uuid)
        self.assertRaises(exception.ClusterTemplateNotFound,
                          dbapi.destroy_cluster_template, row.uuid)

    def test_destroy_referenced(self):
        row = utils.create_test_cluster_template()
        self.assertFalse(dbapi.is_cluster_template_referenced(row.uuid))
        utils.create_test_cluster(cluster_template_id=row.uuid)
        self.assertTrue(dbapi.is_cluster_template_referenced(row.uuid))
        exc = self.assertRaises(exception.ClusterTemplateReferenced,
                                dbapi.destroy_cluster_template, row.uuid)
        self.assertEqual(400, exc.code)
        self.assertEqual(row.uuid, dbapi.get_cluster_template_by_uuid(
            _ctx(), row.uuid).uuid)


class ClusterTemplateVisibilityTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.mine = _new_template(name='mine')
        self.private = _new_template(name='private', project_id='other')
        self.public = _new_template(name='public', project_id='other',
                                    public=True)
        self.hidden = _new_template(name='hidden', project_id='other',
                                    public=True, hidden=True)

    def _names(self, ctx, **kw):
        return sorted(t.name for t in
                      dbapi.get_cluster_template_list(ctx, **kw))

    def test_user_lists_own_and_public_not_hidden(self):
        self.assertEqual(['mine', 'public'], self._names(_ctx()))

    def test_admin_lists_own_and_public_including_hidden(self):
        self.assertEqual(['hidden', 'mine', 'public'],
                         self._names(_ctx(is_admin=True)))

    def test_admin_all_tenants_lists_everything(self):
        self.assertEqual(['hidden', 'mine', 'private', 'public'],
                         self._names(_ctx(is_admin=True, all_tenants=True)))

    def test_user_gets_public_and_hidden_public_but_not_private(self):
        ctx = _ctx()
        self.assertEqual('public', dbapi.get_cluster_template_by_uuid(
            ctx, self.public.uuid).name)
        self.assertEqual('hidden', dbapi.get_cluster_template_by_name(
            ctx, 'hidden').name)
        self.assertRaises(exception.ClusterTemplateNotFound,
                          dbapi.get_cluster_template_by_uuid, ctx,
                          self.private.uuid)
        self.assertRaises(exception.ClusterTemplateNotFound,
                          dbapi.get_cluster_template_by_id, ctx,
                          self.private.id)

    def test_filters(self):
        admin = _ctx(is_admin=True, all_tenants=True)
        self.assertEqual(['hidden', 'public'],
                         self._names(admin, filters={'public': True}))
        self.assertEqual(['hidden'],
                         self._names(admin, filters={'hidden': True}))
        self.assertEqual(['mine'],
                         self._names(admin, filters={'name': 'mine'}))
        self.assertEqual(['hidden', 'mine', 'private', 'public'],
                         self._names(admin, filters={'coe': 'kubernetes'}))

    def test_pagination(self):
        admin = _ctx(is_admin=True, all_tenants=True)
        page = dbapi.get_cluster_template_list(admin, limit=2,
                                               sort_key='name',
                                               sort_dir='desc')
        self.assertEqual(['public', 'private'], [t.name for t in page])
        page = dbapi.get_cluster_template_list(admin, limit=2,
                                               sort_key='name',
                                               sort_dir='desc',
                                               marker=page[-1].uuid)
        self.assertEqual(['mine', 'hidden'], [t.name for t in page])
