"""Magnum's configuration: one module per option group.

Import ``CONF`` from here; importing this package registers every option.
"""

from oslo_config import cfg

from magnum.conf import database

CONF = cfg.CONF

database.register_opts(CONF)
