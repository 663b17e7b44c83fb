"""The [database] group: oslo.db's options with magnum's defaults."""

from oslo_config import cfg
from oslo_db import options as db_options

DEFAULT_CONNECTION = 'sqlite:///$state_path/magnum.sqlite'

# oslo.db owns the group; it lists its own options for the sample.
GROUPS = ()

OPTS = [
    cfg.StrOpt('mysql_engine',
               default='InnoDB',
               help='Storage engine used for tables created on MySQL or '
                    'MariaDB.'),
]


def set_library_defaults():
    """Make magnum's connection URL the default of oslo.db's option.

    This changes the option object itself, so the sample configuration
    (which lists oslo.db's options) shows magnum's default too.
    """
    cfg.set_defaults(db_options.database_opts, connection=DEFAULT_CONNECTION)


def register_opts(conf):
    """Register oslo.db's options and ours under [database]."""
    set_library_defaults()
    db_options.set_defaults(conf, connection=DEFAULT_CONNECTION)
    conf.register_opts(OPTS, group='database')


def list_opts():
    """Return this module's options keyed by group name."""
    return {'database': OPTS}
