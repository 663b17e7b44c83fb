"""magnum-db-manage on a sqlite file, and on databases it cannot reach."""

import io
import os
import shutil
import socket
import subprocess
import sys

import fixtures
import sqlalchemy as sa

from magnum.cmd import db_manage
import magnum.conf
from magnum.db import engine as db_engine
from magnum.db import migration
from magnum.tests import base

CONF = magnum.conf.CONF
REPO_ROOT = os.path.abspath(
    os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))


def closed_port():
    """Return a local TCP port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class DbManageTestCase(base.TestCase):
    """Runs main() in-process against a private sqlite file."""

    def setUp(self):
        super().setUp()
        self.tempdir = self.useFixture(fixtures.TempDir()).path
        self.db_path = os.path.join(self.tempdir, 'magnum.sqlite')
        self.config_file = self.write_config(
            'connection = sqlite:///%s' % self.db_path)
        # main() configures the process-wide engine facade from the
        # command line; give each test a facade of its own.
        facade = db_engine.context_manager.make_new_manager()
        self.useFixture(fixtures.MockPatchObject(
            db_engine, 'context_manager', facade))
        self.addCleanup(facade.dispose_pool)
        self.addCleanup(self._forget_command_line)
        self.stdout = io.StringIO()
        self.stderr = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stdout', self.stdout))
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', self.stderr))

    def _forget_command_line(self):
        CONF.reset()
        CONF.unregister_opt(db_manage.command_opt)

    def write_config(self, *database_lines, name='magnum.conf'):
        path = os.path.join(self.tempdir, name)
        with open(path, 'w') as f:
            f.write('[database]\n%s\n' % '\n'.join(database_lines))
        return path

    def run_command(self, *args, config_file=None):
        """Run main(); return its exit status and what it printed."""
        self.stdout.seek(0)
        self.stdout.truncate()
        self.stderr.seek(0)
        self.stderr.truncate()
        CONF.reset()
        argv = ['magnum-db-manage', '--config-file',
                config_file or self.config_file] + list(args)
        try:
            db_manage.main(argv)
            status = 0
        except SystemExit as exit_:
            # The interpreter prints a message given to sys.exit() on
            # stderr and exits with status 1.
            if isinstance(exit_.code, str):
                self.stderr.write(exit_.code + '\n')
                status = 1
            else:
                status = exit_.code
        return status, self.stdout.getvalue(), self.stderr.getvalue()

    def tables(self):
        engine = sa.create_engine('sqlite:///%s' % self.db_path)
        self.addCleanup(engine.dispose)
        return set(sa.inspect(engine).get_table_names())


class CommandsTest(DbManageTestCase):

    def test_version_before_upgrade_prints_none(self):
        self.assertEqual((0, 'None\n', ''), self.run_command('version'))

    def test_upgrade_then_version_prints_head(self):
        status, out, err = self.run_command('upgrade')
        self.assertEqual((0, ''), (status, err))
        self.assertEqual('Upgraded the database from None to %s.\n'
                         % migration.head_revision(), out)

        self.assertEqual((0, migration.head_revision() + '\n', ''),
                         self.run_command('version'))
        self.assertIn('cluster', self.tables())

    def test_upgrade_twice_is_a_noop(self):
        self.run_command('upgrade')
        tables = self.tables()

        status, out, err = self.run_command('upgrade')

        self.assertEqual((0, ''), (status, err))
        self.assertEqual('The database is already at revision %s.\n'
                         % migration.head_revision(), out)
        self.assertEqual(tables, self.tables())

    def test_upgrade_to_an_explicit_revision(self):
        status, _, err = self.run_command('upgrade', '0001_initial')

        self.assertEqual((0, ''), (status, err))
        self.assertEqual((0, '0001_initial\n', ''),
                         self.run_command('version'))

    def test_stamp_records_revision_without_creating_tables(self):
        status, out, err = self.run_command('stamp', 'head')

        self.assertEqual((0, ''), (status, err))
        self.assertIn(migration.head_revision(), out)
        self.assertEqual({'alembic_version'}, self.tables())
        self.assertEqual((0, migration.head_revision() + '\n', ''),
                         self.run_command('version'))

    def test_stamp_unknown_revision_fails_with_one_line(self):
        status, out, err = self.run_command('stamp', 'nope')

        self.assertEqual(1, status)
        self.assertEqual('', out)
        self.assertEqual(
            "magnum-db-manage: Can't locate revision identified by 'nope'\n",
            err)

    def use_migrations_copy(self):
        copy = os.path.join(self.tempdir, 'migrations')
        shutil.copytree(migration.MIGRATIONS_DIR, copy,
                        ignore=shutil.ignore_patterns('__pycache__'))
        self.useFixture(fixtures.MonkeyPatch(
            'magnum.db.migration.MIGRATIONS_DIR', copy))
        return copy

    def test_revision_writes_a_script(self):
        copy = self.use_migrations_copy()

        status, _, err = self.run_command('revision', '-m', 'add things')

        self.assertEqual((0, ''), (status, err))
        self.assertTrue(os.path.exists(
            os.path.join(copy, 'versions', '0003_add_things.py')))
        self.assertFalse(os.path.exists(self.db_path))

    def test_autogenerate_needs_a_database_at_head(self):
        copy = self.use_migrations_copy()

        status, _, err = self.run_command('revision', '-m', 'auto',
                                          '--autogenerate')

        self.assertEqual(
            (1, 'magnum-db-manage: Target database is not up to date.\n'),
            (status, err))
        self.assertEqual(['0001_initial.py',
                          '0002_nodegroup_node_count_index.py',
                          '__init__.py'],
                         sorted(f for f in os.listdir(
                             os.path.join(copy, 'versions'))
                             if f.endswith('.py')))

    def test_revision_needs_a_message(self):
        status, _, err = self.run_command('revision')

        self.assertEqual(2, status)
        self.assertIn('--message', err)

    def test_database_retries_default_to_zero(self):
        self.run_command('version')

        self.assertEqual(0, CONF.database.max_retries)

    def test_configured_database_retries_are_kept(self):
        config_file = self.write_config(
            'connection = sqlite:///%s' % self.db_path, 'max_retries = 3',
            name='retries.conf')

        self.run_command('version', config_file=config_file)

        self.assertEqual(3, CONF.database.max_retries)


class FailuresTest(DbManageTestCase):

    def assertOneLineFailure(self, result, status=1):
        code, out, err = result
        self.assertEqual(status, code)
        self.assertEqual('', out)
        self.assertEqual(1, len(err.splitlines()), err)
        self.assertNotIn('Traceback', err)
        return err.strip()

    def test_closed_mysql_port(self):
        port = closed_port()
        config_file = self.write_config(
            'connection = mysql+pymysql://root:s3cret@127.0.0.1:%d/magnum'
            % port, name='closed.conf')

        err = self.assertOneLineFailure(
            self.run_command('upgrade', config_file=config_file))

        self.assertTrue(err.startswith(
            'magnum-db-manage: cannot connect to the database '
            'mysql+pymysql://root:***@127.0.0.1:%d/magnum: ' % port), err)
        self.assertIn('Connection refused', err)
        self.assertNotIn('s3cret', err)

    def test_unopenable_sqlite_file(self):
        config_file = self.write_config(
            'connection = sqlite:///%s/missing/dir/magnum.sqlite'
            % self.tempdir, name='nodir.conf')

        err = self.assertOneLineFailure(
            self.run_command('version', config_file=config_file))

        self.assertIn('cannot connect to the database sqlite:///', err)

    def test_unparsable_connection(self):
        config_file = self.write_config('connection = not a url',
                                        name='badurl.conf')

        err = self.assertOneLineFailure(
            self.run_command('upgrade', config_file=config_file))

        self.assertIn('invalid [database] connection', err)

    def test_bad_config_value(self):
        config_file = self.write_config('max_retries = lots',
                                        name='badvalue.conf')

        err = self.assertOneLineFailure(
            self.run_command('upgrade', config_file=config_file), status=2)

        self.assertIn('max_retries', err)
        self.assertIn('lots', err)


class ConsoleTest(base.TestCase):
    """The command as an operator runs it, in a child process."""

    def setUp(self):
        super().setUp()
        self.tempdir = self.useFixture(fixtures.TempDir()).path

    def run_process(self, connection, *args):
        config_file = os.path.join(self.tempdir, 'magnum.conf')
        with open(config_file, 'w') as f:
            f.write('[database]\nconnection = %s\n' % connection)
        env = dict(os.environ, PYTHONPATH=REPO_ROOT)
        return subprocess.run(
            [sys.executable, '-m', 'magnum.cmd.db_manage',
             '--config-file', config_file] + list(args),
            cwd=REPO_ROOT, env=env, capture_output=True, text=True,
            timeout=60)

    def test_upgrade_and_version(self):
        connection = 'sqlite:///%s/magnum.sqlite' % self.tempdir

        upgrade = self.run_process(connection, 'upgrade')
        version = self.run_process(connection, 'version')

        self.assertEqual((0, ''), (upgrade.returncode, upgrade.stderr))
        self.assertEqual((0, migration.head_revision() + '\n', ''),
                         (version.returncode, version.stdout,
                          version.stderr))

    def test_unreachable_database(self):
        connection = ('mysql+pymysql://root:s3cret@127.0.0.1:%d/magnum'
                      % closed_port())

        result = self.run_process(connection, 'upgrade')

        self.assertEqual(1, result.returncode)
        self.assertEqual(1, len(result.stderr.splitlines()), result.stderr)
        self.assertTrue(result.stderr.startswith(
            'magnum-db-manage: cannot connect to the database'),
            result.stderr)
        self.assertNotIn('Traceback', result.stderr)
        self.assertNotIn('s3cret', result.stderr)
