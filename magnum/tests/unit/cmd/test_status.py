"""Tests for magnum-status upgrade check."""

import json
import os
import subprocess
import sys
from unittest import mock

import fixtures
from oslo_db import exception as db_exc
from oslo_upgradecheck import upgradecheck

from magnum.cmd import status
from magnum.db import migration
from magnum.drivers import registry
from magnum.tests import base
from magnum.tests.unit.drivers import test_registry

Code = upgradecheck.Code


class TestDatabaseCheck(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.checks = status.Checks()

    def test_at_head(self):
        migration.stamp('head')
        self.assertEqual(Code.SUCCESS,
                         self.checks._check_database_schema().code)

    def test_no_schema(self):
        result = self.checks._check_database_schema()
        self.assertEqual(Code.FAILURE, result.code)
        self.assertIn('magnum-db-manage upgrade', result.details)

    def test_behind_head(self):
        migration.stamp('head')
        with mock.patch.object(migration, 'head_revision', autospec=True,
                               return_value='0099_future'):
            result = self.checks._check_database_schema()
        self.assertEqual(Code.FAILURE, result.code)
        self.assertIn('0099_future', result.details)
        self.assertIn('magnum-db-manage upgrade', result.details)

    def test_unreachable(self):
        error = db_exc.DBConnectionError(
            Exception("Can't connect to MySQL server on 'db' (111)"))
        with mock.patch.object(migration, 'version', autospec=True,
                               side_effect=error):
            result = self.checks._check_database_schema()
        self.assertEqual(Code.FAILURE, result.code)
        self.assertIn("Can't connect to MySQL server", result.details)
        self.assertIn('[database] connection', result.details)


class TestDriversCheck(test_registry.RegistryTestCase):

    def setUp(self):
        super().setUp()
        self.checks = status.Checks()

    def test_installed_drivers_load(self):
        self.assertEqual(Code.SUCCESS, self.checks._check_drivers().code)

    def test_duplicate(self):
        self.use_drivers(a=test_registry.K8S_FCOS,
                         b=test_registry._driver_class(
                             test_registry.K8S_FCOS.provides))
        result = self.checks._check_drivers()
        self.assertEqual(Code.FAILURE, result.code)
        self.assertIn('disabled_drivers', result.details)

    def test_import_failure(self):
        with mock.patch.object(
                registry, 'load_drivers', autospec=True,
                side_effect=registry.exception.DriverLoadError(
                    name='k8s_x', reason='No module named heatclient')):
            result = self.checks._check_drivers()
        self.assertEqual(Code.FAILURE, result.code)
        self.assertIn('k8s_x', result.details)

    def test_no_enabled_driver_warns(self):
        self.config(group='drivers',
                    disabled_drivers=['fake', 'k8s_coreos_v1',
                                      'k8s_ironic_v1', 'mesos_v1',
                                      'swarm_mode_v1'])
        result = self.checks._check_drivers()
        self.assertEqual(Code.WARNING, result.code)
        self.assertIn('No cluster driver is enabled', result.details)

    def test_misspelt_driver_name_warns(self):
        self.config(group='drivers', enabled_beta_drivers=['faek'])
        result = self.checks._check_drivers()
        self.assertEqual(Code.WARNING, result.code)
        self.assertIn('faek', result.details)

    def test_unknown_default_driver(self):
        self.config(group='drivers', default_driver='nope')
        result = self.checks._check_drivers()
        self.assertEqual(Code.FAILURE, result.code)
        self.assertIn('default_driver = nope', result.details)


class TestPolicyFileCheck(base.TestCase):

    def setUp(self):
        super().setUp()
        self.checks = status.Checks()
        self.tempdir = self.useFixture(fixtures.TempDir()).path
        # Registers [oslo_policy] so the test can override it.
        self.checks._check_policy_file()

    def _policy_file(self, name, text):
        path = os.path.join(self.tempdir, name)
        with open(path, 'w') as f:
            f.write(text)
        self.config(group='oslo_policy', policy_file=path)

    def test_yaml_file_passes(self):
        self._policy_file('policy.yaml', '"cluster:get": "role:admin"\n')
        self.assertEqual(Code.SUCCESS, self.checks._check_policy_file().code)

    def test_no_file_passes(self):
        self.config(group='oslo_policy',
                    policy_file=os.path.join(self.tempdir, 'none.yaml'))
        self.assertEqual(Code.SUCCESS, self.checks._check_policy_file().code)

    def test_json_file_fails(self):
        self._policy_file('policy.json', '{"cluster:get": "role:admin"}')
        result = self.checks._check_policy_file()
        self.assertEqual(Code.FAILURE, result.code)
        self.assertIn('oslopolicy-convert-json-to-yaml', result.details)


class TestTrusteeDomainCheck(base.TestCase):

    def setUp(self):
        super().setUp()
        self.checks = status.Checks()
        self.config(group='trust', trustee_domain_name='magnum',
                    trustee_domain_admin_name='magnum_domain_admin',
                    trustee_domain_admin_password='secret')

    def test_configured(self):
        self.assertEqual(Code.SUCCESS,
                         self.checks._check_trustee_domain().code)

    def test_ids_are_enough(self):
        self.config(group='trust', trustee_domain_name=None,
                    trustee_domain_id='d1', trustee_domain_admin_name=None,
                    trustee_domain_admin_id='u1')
        self.assertEqual(Code.SUCCESS,
                         self.checks._check_trustee_domain().code)

    def test_no_domain(self):
        self.config(group='trust', trustee_domain_name=None)
        result = self.checks._check_trustee_domain()
        self.assertEqual(Code.FAILURE, result.code)
        self.assertIn('trustee_domain_id or trustee_domain_name',
                      result.details)

    def test_no_admin_credentials(self):
        self.config(group='trust', trustee_domain_admin_name=None,
                    trustee_domain_admin_password=None)
        result = self.checks._check_trustee_domain()
        self.assertEqual(Code.FAILURE, result.code)
        self.assertIn('trustee_domain_admin_id or trustee_domain_admin_name',
                      result.details)
        self.assertIn('trustee_domain_admin_password', result.details)


class TestCommandLine(base.TestCase):
    """The installed magnum-status runs every check and exits non-zero."""

    def test_fresh_deployment_fails_with_advice(self):
        tempdir = self.useFixture(fixtures.TempDir()).path
        config = os.path.join(tempdir, 'magnum.conf')
        with open(config, 'w') as f:
            f.write('[database]\nconnection = sqlite:///%s\n'
                    % os.path.join(tempdir, 'magnum.sqlite'))
        script = os.path.join(os.path.dirname(sys.executable),
                              'magnum-status')
        result = subprocess.run(
            [script, '--config-file', config, 'upgrade', 'check', '--json'],
            capture_output=True, text=True, timeout=120, check=False)
        self.assertEqual(int(Code.FAILURE), result.returncode,
                         result.stdout + result.stderr)
        checks = {c['check']: c for c in json.loads(result.stdout)['checks']}
        self.assertEqual(
            {'Database schema at head', 'Cluster drivers load',
             'Policy file format', 'Trustee domain configured'},
            set(checks))
        self.assertEqual(Code.FAILURE,
                         checks['Database schema at head']['result'])
        self.assertEqual(Code.SUCCESS,
                         checks['Cluster drivers load']['result'])
        self.assertEqual(Code.FAILURE,
                         checks['Trustee domain configured']['result'])
