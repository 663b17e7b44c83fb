"""magnum-db-manage: create and upgrade magnum's database schema.

``magnum-db-manage [--config-file F] upgrade [REVISION]``, ``version``,
``stamp REVISION`` and ``revision -m MESSAGE [--autogenerate]``. Failures
end with one line on stderr, never a traceback: exit status 1 when the
database fails, 2 for a bad command line or configuration.
"""

import sys

from alembic import util as alembic_util
from oslo_config import cfg
from oslo_db import exception as db_exception
from sqlalchemy import exc as sa_exc

from magnum.common import config
import magnum.conf
from magnum.db import health as db_health
from magnum.db import migration

CONF = magnum.conf.CONF
PROG = 'magnum-db-manage'


def do_upgrade():
    """Upgrade to the requested revision and say where the DB is now."""
    before = migration.version()
    migration.upgrade(CONF.command.revision)
    after = migration.version()
    if before == after:
        print('The database is already at revision %s.' % after)
    else:
        print('Upgraded the database from %s to %s.' % (before, after))


def do_version():
    """Print the database's revision, or None before the first upgrade."""
    print(migration.version())


def do_stamp():
    """Record a revision without running any migration."""
    migration.stamp(CONF.command.revision)
    print('Stamped the database with revision %s.'
          % migration.version())


def do_revision():
    """Write a new migration script (alembic prints its path)."""
    migration.revision(CONF.command.message,
                       autogenerate=CONF.command.autogenerate)


def add_command_parsers(subparsers):
    """Declare the sub-commands on the oslo.config argument parser."""
    parser = subparsers.add_parser(
        'upgrade', help='Upgrade the database schema (default: to head).')
    parser.add_argument('revision', nargs='?', default='head')
    parser.set_defaults(func=do_upgrade)

    parser = subparsers.add_parser(
        'version', help="Print the database's current revision.")
    parser.set_defaults(func=do_version)

    parser = subparsers.add_parser(
        'stamp', help='Record REVISION as current without migrating.')
    parser.add_argument('revision')
    parser.set_defaults(func=do_stamp)

    parser = subparsers.add_parser(
        'revision', help='Write a new migration script (developers).')
    parser.add_argument('-m', '--message', required=True,
                        help='What the migration does.')
    parser.add_argument('--autogenerate', action='store_true',
                        help='Fill the script with the differences '
                             'between the models and a database at head.')
    parser.set_defaults(func=do_revision)


command_opt = cfg.SubCommandOpt('command',
                                title='Commands',
                                help='Available commands',
                                handler=add_command_parsers)


_masked_url = db_health.masked_url
_reason = db_health.reason


def _check_connection():
    """Return why the database cannot be reached, or None."""
    return db_health.connection_problem()


def _needs_database():
    # Writing a script by hand needs no database; comparing it does.
    if CONF.command.name == 'revision':
        return CONF.command.autogenerate
    return True


def _run_command():
    """Run the chosen command; return a one-line failure or None."""
    try:
        if _needs_database():
            failure = _check_connection()
            if failure:
                return failure
        CONF.command.func()
    except (db_exception.DBError, sa_exc.SQLAlchemyError) as error:
        if CONF.debug:
            raise
        return ('database error on %s: %s (--debug shows the traceback)'
                % (_masked_url(), _reason(error)))
    except alembic_util.CommandError as error:
        return str(error)
    except cfg.Error as error:
        return 'bad configuration: %s' % error
    return None


def main(argv=None):
    """Run one magnum-db-manage command.

    :param argv: the full command line, program name first; ``sys.argv``
        when None.
    :returns: None on success; failures raise SystemExit with one line
        on stderr: status 1 for a database failure, 2 for a bad command
        line or configuration.
    """
    argv = sys.argv if argv is None else argv
    CONF.register_cli_opt(command_opt)
    # A command run by hand should fail at once on a database that is
    # down instead of retrying for minutes; an explicit [database]
    # max_retries in the configuration still wins.
    CONF.set_default('max_retries', 0, group='database')
    # Messages name the command, however it was started (python -m ...).
    config.parse_args([PROG] + list(argv[1:]))
    failure = _run_command()
    if failure:
        sys.exit('%s: %s' % (PROG, failure))


if __name__ == '__main__':
    main()
