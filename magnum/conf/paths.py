"""Filesystem locations in the [DEFAULT] group."""

import os

from oslo_config import cfg

# The directory that holds the ``magnum`` package.
_PACKAGE_PARENT = os.path.abspath(
    os.path.join(os.path.dirname(__file__), '..', '..'))

GROUPS = ()

OPTS = [
    cfg.StrOpt('pybasedir',
               default=_PACKAGE_PARENT,
               sample_default='<directory holding the magnum package>',
               help='Directory that contains the magnum Python package. '
                    'Only needed to locate files shipped with the code.'),
    cfg.StrOpt('bindir',
               default='$pybasedir/bin',
               help='Directory where magnum\'s helper programs are '
                    'installed.'),
    cfg.StrOpt('state_path',
               default='/var/lib/magnum',
               help='Top-level directory for the service\'s persistent '
                    'state; other paths (such as the default sqlite '
                    'database) are built from it.'),
    cfg.StrOpt('tempdir',
               help='Directory for temporary files. When unset, the '
                    'operating system\'s default temporary directory is '
                    'used.'),
]


def register_opts(conf):
    """Register the path options on ``conf``."""
    conf.register_opts(OPTS)


def list_opts():
    """Return this module's options keyed by group name."""
    return {'DEFAULT': OPTS}
