"""``openstack coe quotas ...`` and ``coe service list`` as the admin."""

from magnum.tests.functional.cli import base


class TestAdminCommands(base.CoeCliTestCase):
    """``coe quotas ...`` and ``coe service list`` as the admin."""

    def quota(self):
        """Return the demo project's Cluster quota, or None.

        Without a quota row the API shows the default limit, with no id.
        """
        result = self.admin.run('coe', 'quotas', 'show', '--project-id',
                                self.project_id, '--resource', 'Cluster',
                                check=False)
        if result.code != 0:
            if result.http_status() == 404:
                return None
            raise AssertionError(str(result))
        quota = base.table_dict(result.stdout)
        return None if quota['id'] in ('-', '') else quota

    def restore_quota(self, before):
        self.admin.run('coe', 'quotas', 'delete', '--project-id',
                       self.project_id, '--resource', 'Cluster',
                       check=False)
        if before is not None:
            self.admin.run('coe', 'quotas', 'create', '--project-id',
                           self.project_id, '--resource', 'Cluster',
                           '--hard-limit', before['hard_limit'])

    def test_quotas_create_list_show_update_delete(self):
        before = self.quota()
        self.addCleanup(self.restore_quota, before)
        if before is not None:
            self.admin.run('coe', 'quotas', 'delete', '--project-id',
                           self.project_id, '--resource', 'Cluster')
        # Limits far above what the other suites create in the project.
        with self.step('coe quotas create'):
            result = self.admin.run(
                'coe', 'quotas', 'create', '--project-id', self.project_id,
                '--resource', 'Cluster', '--hard-limit', '50')
            # The command prints a failure and still exits 0.
            self.assertNotIn('failed', result.output)
            created = base.table_dict(result.stdout)
            self.assertEqual(self.project_id, created['project_id'])
            self.assertEqual('Cluster', created['resource'])
            self.assertEqual('50', created['hard_limit'])

        with self.step('coe quotas show'):
            shown = self.quota()
            self.assertIsNotNone(shown)
            self.assertEqual('50', shown['hard_limit'])
            self.assertEqual(created['id'], shown['id'])

        with self.step('coe quotas list'):
            result = self.admin.run('coe', 'quotas', 'list',
                                    '--all-tenants')
            rows = base.parse_table(result.stdout)
            self.assertIn({'project_id': self.project_id,
                           'resource': 'Cluster', 'hard_limit': '50'}, rows)

        with self.step('coe quotas update'):
            result = self.admin.run(
                'coe', 'quotas', 'update', '--project-id', self.project_id,
                '--resource', 'Cluster', '--hard-limit', '60')
            self.assertNotIn('failed', result.output)
            self.assertEqual(
                '60', base.table_dict(result.stdout)['hard_limit'])
            self.assertEqual('60', self.quota()['hard_limit'])

        with self.step('coe quotas delete'):
            result = self.admin.run(
                'coe', 'quotas', 'delete', '--project-id', self.project_id,
                '--resource', 'Cluster')
            self.assertIn('Request to delete quota for project id %s and '
                          'resource Cluster has been accepted.'
                          % self.project_id, result.output)
            self.assertIsNone(self.quota())

    def test_quotas_are_for_admins(self):
        result = self.demo.run(
            'coe', 'quotas', 'create', '--project-id', self.project_id,
            '--resource', 'Cluster', '--hard-limit', '1')
        # magnumclient swallows the error: the 403 is in the output.
        self.assertIn('failed', result.output)
        self.assertEqual(403, result.http_status(), result)

    def test_service_list(self):
        services_ = self.admin.json('coe', 'service', 'list')
        conductors = [s for s in services_
                      if s['binary'] == 'magnum-conductor']
        self.assertTrue(conductors, services_)
        self.assertIn('up', [s['state'] for s in conductors])
        for service in conductors:
            self.assertIn(service['state'], ('up', 'down'))
            self.assertFalse(service['disabled'])
            self.assertTrue(service['host'])
