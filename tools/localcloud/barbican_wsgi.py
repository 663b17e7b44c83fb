"""Barbican's API application, made from the local cloud's files.

``barbican.wsgi.api`` loads ``/etc/barbican/barbican-api-paste.ini``, and
Barbican parses its config with an empty command line: the main options
in ``barbican.common.config`` and, in a config object of their own, the
options of each plugin module (``[secretstore]``, ``[crypto]``,
``[simple_crypto_plugin]``) when that module is imported.  This module,
named by ``LOCALCLOUD_WSGI_TARGET`` and run in the venv by ``wsgi_shim``,
gives every one of those parses the command line ``wsgi_shim`` set
(``--config-file .localcloud/etc/barbican/barbican.conf``) and loads the
paste file beside that config.
"""

import os
import sys

from barbican.common import config
from paste import deploy

PASTE = 'barbican-api-paste.ini'


def _with_our_files(parse_args, ours):
    """Wrap ``config.parse_args`` so an empty command line becomes ``ours``.
    """
    def parse(conf, args=None, *rest, **kwargs):
        return parse_args(conf, args or ours, *rest, **kwargs)
    return parse


def _config_file(args):
    """Return the value of ``--config-file`` in ``args``."""
    return args[args.index('--config-file') + 1]


def load(args):
    """Parse Barbican's config from ``args`` and build its application.

    :param args: the command line, with ``--config-file``.
    """
    config.parse_args = _with_our_files(config.parse_args, args)
    # Once more: the import above parsed it with no config file.
    config.parse_args(config.CONF)
    paste = os.path.join(os.path.dirname(_config_file(args)), PASTE)
    return deploy.loadapp('config:%s' % paste)


application = load(sys.argv[1:])
