"""magnum-driver-manage: show the cluster drivers this installation loads."""

import sys

from cliff import app
from cliff import commandmanager
from cliff import lister

from magnum.common import config
from magnum.drivers import registry
from magnum import version


class ListDrivers(lister.Lister):
    """List the enabled cluster drivers."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            '-d', '--details', action='store_true',
            help='Also show the (server_type, os, coe) each driver '
                 'provides, one row per cluster type.')
        parser.add_argument(
            '-p', '--paths', action='store_true',
            help='Also show where each driver keeps its Heat templates.')
        return parser

    def take_action(self, parsed_args):
        columns = ['Name']
        if parsed_args.details:
            columns += ['Server_Type', 'OS', 'COE']
        if parsed_args.paths:
            columns.append('Template Path')
        rows = []
        for info in registry.list_drivers():
            path = [info.template_path or 'n/a'] if parsed_args.paths else []
            if parsed_args.details:
                rows.extend([info.name, *triple, *path]
                            for triple in info.provides)
            else:
                rows.append([info.name, *path])
        return columns, rows


class DriverManager(app.App):
    """The cliff application behind magnum-driver-manage."""

    def __init__(self, stdout=None, stderr=None):
        commands = commandmanager.CommandManager('magnum.driver_manage')
        commands.add_command('list-drivers', ListDrivers)
        super().__init__(
            description='Show the cluster drivers magnum loads.',
            version=version.version_string(),
            command_manager=commands,
            stdout=stdout, stderr=stderr,
            deferred_help=True)

    def build_option_parser(self, description, version, argparse_kwargs=None):
        parser = super().build_option_parser(description, version,
                                             argparse_kwargs)
        parser.add_argument(
            '--config-file', action='append', default=[],
            metavar='PATH',
            help='A magnum configuration file; may be repeated. Defaults '
                 'to the usual places (/etc/magnum/magnum.conf...).')
        parser.add_argument(
            '--config-dir', action='append', default=[], metavar='DIR',
            help='A directory of *.conf files to read after the files.')
        return parser

    def initialize_app(self, argv):
        args = ['magnum-driver-manage']
        for path in self.options.config_file:
            args += ['--config-file', path]
        for path in self.options.config_dir:
            args += ['--config-dir', path]
        config.parse_args(args)


def main(argv=None):
    return DriverManager().run(sys.argv[1:] if argv is None else argv)


if __name__ == '__main__':
    sys.exit(main())
