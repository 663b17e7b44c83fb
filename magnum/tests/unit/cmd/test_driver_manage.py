"""Tests for magnum-driver-manage."""

import io
import os
import subprocess
import sys

import fixtures

from magnum.cmd import driver_manage
from magnum.common import config
from magnum.tests.unit.drivers import test_registry


class TestListDrivers(test_registry.RegistryTestCase):

    def setUp(self):
        super().setUp()
        self.use_drivers(fcos=test_registry.K8S_FCOS,
                         multi=test_registry.K8S_MULTI)
        self.parse_args = self.useFixture(fixtures.MockPatchObject(
            config, 'parse_args', autospec=True)).mock

    def run_command(self, *args):
        stdout = io.StringIO()
        stderr = io.StringIO()
        app = driver_manage.DriverManager(stdout=stdout, stderr=stderr)
        status = app.run(list(args))
        return status, stdout.getvalue(), stderr.getvalue()

    def _csv(self, *args):
        status, out, err = self.run_command('list-drivers', '-f', 'csv',
                                            *args)
        self.assertEqual(0, status, err)
        return [line.split(',') for line in out.strip().splitlines()]

    def test_names_only(self):
        self.assertEqual([['"Name"'], ['"fcos"'], ['"multi"']], self._csv())

    def test_details_one_row_per_cluster_type(self):
        rows = self._csv('--details')
        self.assertEqual(['"Name"', '"Server_Type"', '"OS"', '"COE"'],
                         rows[0])
        self.assertEqual(
            [['"fcos"', '"vm"', '"fedora-coreos"', '"kubernetes"'],
             ['"multi"', '"vm"', '"ubuntu"', '"kubernetes"'],
             ['"multi"', '"vm"', '"flatcar"', '"kubernetes"']],
            rows[1:])

    def test_paths(self):
        rows = self._csv('-p')
        self.assertEqual(['"Name"', '"Template Path"'], rows[0])
        self.assertEqual([['"fcos"', '"/templates/fcos"'],
                          ['"multi"', '"n/a"']], rows[1:])

    def test_details_and_paths(self):
        rows = self._csv('-d', '-p')
        self.assertEqual(5, len(rows[0]))
        self.assertEqual('"/templates/fcos"', rows[1][4])

    def test_table_output(self):
        status, out, _err = self.run_command('list-drivers')
        self.assertEqual(0, status)
        self.assertIn('| Name  |', out)
        self.assertIn('| fcos  |', out)

    def test_config_files_are_passed_to_parse_args(self):
        self.run_command('--config-file', '/etc/a.conf', '--config-dir',
                         '/etc/d', 'list-drivers')
        self.parse_args.assert_called_once_with(
            ['magnum-driver-manage', '--config-file', '/etc/a.conf',
             '--config-dir', '/etc/d'])

    def test_load_error_is_reported(self):
        self.use_drivers(a=test_registry.K8S_FCOS,
                         b=test_registry._driver_class(
                             test_registry.K8S_FCOS.provides))
        status, _out, err = self.run_command('list-drivers')
        self.assertEqual(1, status)
        self.assertIn('Drivers a and b both provide', err)


class TestCommandLine(test_registry.RegistryTestCase):

    def test_installed_script_reads_config(self):
        tempdir = self.useFixture(fixtures.TempDir()).path
        conf = os.path.join(tempdir, 'magnum.conf')
        with open(conf, 'w') as f:
            f.write('[drivers]\ndisabled_drivers = fake,k8s_coreos_v1,'
                    'k8s_ironic_v1,mesos_v1,swarm_mode_v1\n')
        script = os.path.join(os.path.dirname(sys.executable),
                              'magnum-driver-manage')
        enabled = subprocess.run(
            [script, 'list-drivers', '-f', 'value', '-d'],
            capture_output=True, text=True, timeout=120, check=False)
        self.assertEqual(0, enabled.returncode, enabled.stderr)
        self.assertIn('fake vm fake kubernetes', enabled.stdout)
        disabled = subprocess.run(
            [script, '--config-file', conf, 'list-drivers', '-f', 'value'],
            capture_output=True, text=True, timeout=120, check=False)
        self.assertEqual(0, disabled.returncode, disabled.stderr)
        self.assertEqual('', disabled.stdout.strip())
