"""Tests for magnum.common.config: start-up parsing and library defaults."""

import io
import os

import fixtures
from oslo_config import cfg
from oslo_middleware import cors
import testtools

from magnum.common import config
import magnum.conf


class ParseArgsTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.conf = cfg.ConfigOpts()
        magnum.conf.register_opts(self.conf)
        self.addCleanup(self.conf.reset)
        self.tempdir = self.useFixture(fixtures.TempDir()).path
        self.stderr = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', self.stderr))
        for name in ('OS_API__PORT',):
            self.useFixture(fixtures.EnvironmentVariable(name))

    def _write(self, text, name='magnum.conf'):
        path = os.path.join(self.tempdir, name)
        with open(path, 'w') as conf_file:
            conf_file.write(text)
        return path

    def _parse(self, *args, **kwargs):
        argv = ['/usr/bin/magnum-api'] + list(args)
        kwargs.setdefault('default_config_files', [])
        config.parse_args(argv, conf=self.conf, **kwargs)

    def _fails(self, *args, **kwargs):
        error = self.assertRaises(SystemExit, self._parse, *args, **kwargs)
        message = str(error)
        self.assertEqual(2, error.code)
        self.assertNotIn('\n', message)
        self.assertTrue(
            message.startswith('magnum-api: configuration error: '),
            message)
        self.assertEqual(message + '\n', self.stderr.getvalue())
        return message

    def test_good_file_parses(self):
        path = self._write('[api]\nport = 9999\nhost = 0.0.0.0\n'
                           '[cluster_heat]\ncreate_timeout = 30\n')
        self._parse('--config-file', path)
        self.assertEqual(9999, self.conf.api.port)
        self.assertEqual('0.0.0.0', self.conf.api.host)
        self.assertEqual(30, self.conf.cluster_heat.create_timeout)
        self.assertEqual('', self.stderr.getvalue())

    def test_no_file_gives_defaults(self):
        self._parse()
        self.assertEqual(9511, self.conf.api.port)
        self.assertEqual('keystone', self.conf.api.auth_strategy)

    def test_logging_options_are_registered(self):
        self._parse('--debug')
        self.assertTrue(self.conf.debug)

    def test_bad_port_names_option_value_and_file(self):
        path = self._write('[api]\nport = abc\n')
        message = self._fails('--config-file', path)
        self.assertEqual(
            "magnum-api: configuration error: [api] port: value 'abc' in "
            "%s is not a valid port number (0 to 65535)" % path,
            message)

    def test_value_below_minimum(self):
        path = self._write('[api]\nworkers = 0\n')
        message = self._fails('--config-file', path)
        self.assertIn('[api] workers', message)
        self.assertIn('greater than or equal to 1', message)

    def test_bad_choice_lists_the_choices(self):
        path = self._write('[api]\nauth_strategy = basic\n')
        message = self._fails('--config-file', path)
        self.assertIn("[api] auth_strategy: value 'basic'", message)
        self.assertIn('one of: keystone, noauth', message)

    def test_bad_value_in_default_group(self):
        path = self._write('[DEFAULT]\nperiodic_enable = maybe\n')
        message = self._fails('--config-file', path)
        self.assertIn("[DEFAULT] periodic_enable: value 'maybe'", message)
        self.assertIn('boolean', message)

    def test_bad_value_of_library_option(self):
        path = self._write('[database]\nmax_pool_size = many\n')
        message = self._fails('--config-file', path)
        self.assertIn("[database] max_pool_size: value 'many'", message)

    def test_bad_value_of_command_line_option_in_file(self):
        path = self._write('[DEFAULT]\ndebug = maybe\n')
        message = self._fails('--config-file', path)
        self.assertIn("[DEFAULT] debug: value 'maybe'", message)

    def test_later_file_wins_in_the_message(self):
        first = self._write('[api]\nport = 1\n', 'a.conf')
        second = self._write('[api]\nport = 99999\n', 'b.conf')
        message = self._fails('--config-file', first, '--config-file',
                              second)
        self.assertIn("value '99999' in %s" % second, message)

    def test_bad_value_from_environment(self):
        self.useFixture(fixtures.EnvironmentVariable('OS_API__PORT', 'x'))
        message = self._fails()
        self.assertIn("[api] port: value 'x' in environment variable "
                      "OS_API__PORT", message)

    def test_missing_config_file(self):
        path = os.path.join(self.tempdir, 'absent.conf')
        message = self._fails('--config-file', path)
        self.assertIn('not found', message)
        self.assertIn(path, message)

    def test_unparsable_config_file(self):
        path = self._write('[api\nport = 1\n')
        message = self._fails('--config-file', path)
        self.assertIn('cannot parse %s' % path, message)

    def test_without_validation_bad_values_surface_on_use(self):
        path = self._write('[api]\nport = abc\n')
        self._parse('--config-file', path, validate=False)
        self.assertRaises(ValueError, lambda: self.conf.api.port)

    def test_default_config_files_are_read(self):
        path = self._write('[quotas]\nmax_clusters_per_project = 3\n')
        self._parse(default_config_files=[path])
        self.assertEqual(3, self.conf.quotas.max_clusters_per_project)

    def test_program_name_comes_from_argv0(self):
        path = self._write('[api]\nport = abc\n')
        error = self.assertRaises(
            SystemExit, config.parse_args,
            ['/opt/bin/magnum-conductor', '--config-file', path],
            default_config_files=[], conf=self.conf)
        self.assertTrue(str(error).startswith('magnum-conductor: '))

    def test_unknown_argument_keeps_argparse_usage_error(self):
        error = self.assertRaises(SystemExit, self._parse, '--bogus')
        self.assertEqual(2, error.code)
        self.assertIn('unrecognized arguments: --bogus',
                      self.stderr.getvalue())


class SetConfigDefaultsTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.conf = cfg.ConfigOpts()
        self.addCleanup(self.conf.reset)

    def test_cors_defaults(self):
        config.set_config_defaults()
        self.conf.register_opts(cors.CORS_OPTS, group='cors')
        self.conf([], default_config_files=[])
        self.assertIn('OpenStack-API-Version', self.conf.cors.allow_headers)
        self.assertIn('X-Auth-Token', self.conf.cors.allow_headers)
        self.assertIn('OpenStack-API-Maximum-Version',
                      self.conf.cors.expose_headers)
        self.assertEqual(['GET', 'PUT', 'POST', 'DELETE', 'PATCH'],
                         self.conf.cors.allow_methods)

    def test_database_connection_default(self):
        config.set_config_defaults()
        magnum.conf.register_opts(self.conf)
        self.conf([], default_config_files=[])
        self.assertEqual('sqlite:////var/lib/magnum/magnum.sqlite',
                         self.conf.database.connection)
