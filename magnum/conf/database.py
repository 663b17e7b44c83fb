"""The [database] group: oslo.db's options with magnum's defaults."""

from oslo_config import cfg
from oslo_db import options as db_options

DEFAULT_CONNECTION = 'sqlite:///$state_path/magnum.sqlite'

opts = [
    cfg.StrOpt('mysql_engine',
               default='InnoDB',
               help='MySQL engine to use.'),
]


def register_opts(conf):
    """Register oslo.db's options and ours under [database]."""
    db_options.set_defaults(conf, connection=DEFAULT_CONNECTION)
    conf.register_opts(opts, group='database')


def list_opts():
    """Return the options of this module for the sample generator."""
    return {'database': opts}
