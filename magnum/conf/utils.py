"""Miscellaneous limits and generators in the [DEFAULT] group."""

from oslo_config import cfg

# Characters that are easy to misread (0/O/o, 1/I/l) are left out so that a
# generated password survives being read aloud or copied by hand.
DEFAULT_PASSWORD_SYMBOLS = [
    '23456789',
    'ABCDEFGHJKLMNPQRSTUVWXYZ',
    'abcdefghijkmnpqrstuvwxyz',
]

GROUPS = ()

OPTS = [
    cfg.ListOpt('password_symbols',
                default=DEFAULT_PASSWORD_SYMBOLS,
                help='Groups of characters that generated passwords '
                     '(for example the trustee user\'s) are drawn '
                     'from.'),
    cfg.IntOpt('max_manifest_size',
               default=524288,
               min=1,
               help='Largest manifest, in bytes, that magnum will fetch '
                    'and process.'),
]


def register_opts(conf):
    """Register the miscellaneous options on ``conf``."""
    conf.register_opts(OPTS)


def list_opts():
    """Return this module's options keyed by group name."""
    return {'DEFAULT': OPTS}
