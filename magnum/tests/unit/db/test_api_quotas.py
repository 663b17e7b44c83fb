"""Tests of the quota functions of the database API."""

from magnum.common import context
from magnum.common import exception
from magnum.db import api as dbapi
from magnum.tests.unit.db import utils


class QuotaTest(utils.DbTestCase):

    def test_create_and_get(self):
        row = utils.create_test_quota(hard_limit=4)
        found = dbapi.get_quota_by_project_id_resource(utils.PROJECT_ID,
                                                       'Cluster')
        self.assertEqual(row.id, found.id)
        self.assertEqual(4, found.hard_limit)
        self.assertEqual([row.id], [q.id for q in
                                    dbapi.quota_get_all_by_project_id(
                                        utils.PROJECT_ID)])

    def test_duplicate(self):
        utils.create_test_quota()
        exc = self.assertRaises(exception.QuotaAlreadyExists,
                                utils.create_test_quota)
        self.assertEqual(409, exc.code)

    def test_missing(self):
        exc = self.assertRaises(exception.QuotaNotFound,
                                dbapi.get_quota_by_project_id_resource,
                                'nobody', 'Cluster')
        self.assertEqual(404, exc.code)
        self.assertIn('nobody', str(exc))

    def test_get_by_id_is_scoped(self):
        row = utils.create_test_quota(project_id='other')
        mine = context.make_context(project_id=utils.PROJECT_ID)
        self.assertRaises(exception.QuotaNotFound, dbapi.get_quota_by_id,
                          mine, row.id)
        admin = context.make_admin_context(all_tenants=True)
        self.assertEqual(row.id, dbapi.get_quota_by_id(admin, row.id).id)

    def test_list_scope_and_integer_marker(self):
        rows = [utils.create_test_quota(project_id='p%d' % i)
                for i in range(4)]
        admin = context.make_admin_context(all_tenants=True)
        page = dbapi.get_quota_list(admin, limit=2, marker=rows[0].id)
        self.assertEqual([r.id for r in rows[1:3]], [q.id for q in page])
        desc = dbapi.get_quota_list(admin, sort_key='project_id',
                                    sort_dir='desc')
        self.assertEqual(['p3', 'p2', 'p1', 'p0'],
                         [q.project_id for q in desc])
        user = context.make_context(project_id='p2')
        self.assertEqual(['p2'], [q.project_id
                                  for q in dbapi.get_quota_list(user)])
        self.assertRaises(exception.InvalidParameterValue,
                          dbapi.get_quota_list, admin, marker=999)

    def test_update_and_delete(self):
        utils.create_test_quota(hard_limit=1)
        updated = dbapi.update_quota(utils.PROJECT_ID,
                                     {'resource': 'Cluster',
                                      'hard_limit': 9})
        self.assertEqual(9, updated.hard_limit)
        self.assertRaises(exception.QuotaNotFound, dbapi.update_quota,
                          'nobody', {'resource': 'Cluster', 'hard_limit': 1})
        dbapi.delete_quota(utils.PROJECT_ID, 'Cluster')
        self.assertRaises(exception.QuotaNotFound,
                          dbapi.get_quota_by_project_id_resource,
                          utils.PROJECT_ID, 'Cluster')
        self.assertRaises(exception.QuotaNotFound, dbapi.delete_quota,
                          utils.PROJECT_ID, 'Cluster')
