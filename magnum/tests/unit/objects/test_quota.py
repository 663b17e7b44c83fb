"""Tests of the Quota object."""

from magnum.common import context
from magnum.common import exception
from magnum import objects
from magnum.tests.unit.db import utils


class QuotaObjectTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.context = context.make_admin_context(all_tenants=True)

    def test_crud(self):
        quota = objects.Quota(self.context, **utils.get_test_quota())
        quota.create()
        found = objects.Quota.get_quota_by_project_id_resource(
            self.context, utils.PROJECT_ID, 'Cluster')
        self.assertEqual(10, found.hard_limit)
        self.assertEqual(quota.id, objects.Quota.get_by_id(
            self.context, quota.id).id)
        found.hard_limit = 3
        found.save()
        quota.refresh()
        self.assertEqual(3, quota.hard_limit)
        self.assertEqual([quota.id], [q.id for q in objects.Quota.list(
            self.context)])
        self.assertEqual(1, len(objects.Quota.get_all_by_project_id(
            self.context, utils.PROJECT_ID)))
        self.assertRaises(exception.QuotaAlreadyExists, objects.Quota(
            self.context, **utils.get_test_quota()).create)
        quota.delete()
        self.assertRaises(exception.QuotaNotFound,
                          objects.Quota.get_quota_by_project_id_resource,
                          self.context, utils.PROJECT_ID, 'Cluster')
