"""The WSGI application of magnum-api."""

import os

from oslo_config import cfg
from oslo_log import log as logging
from paste import deploy
import pecan

from magnum.api import expose
from magnum.api import hooks
import magnum.conf

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)


def setup_app():
    """Return the pecan application (no middleware)."""
    return pecan.make_app(
        'magnum.api.controllers.root.RootController',
        hooks=[hooks.MicroversionHook(), hooks.ContextHook(),
               expose.ErrorHook()],
        force_canonical=False,
        guess_content_type_from_ext=False,
        logging={},
        debug=False,
    )


def app_factory(global_config, **local_config):
    """Paste app factory for the pecan application."""
    return setup_app()


def pipeline_factory(loader, global_config, **local_config):
    """Paste composite: pick the pipeline named by [api] auth_strategy."""
    names = local_config[CONF.api.auth_strategy].split()
    filters = [loader.get_filter(name) for name in names[:-1]]
    app = loader.get_app(names[-1])
    for wrap in reversed(filters):
        app = wrap(app)
    return app


def paste_config_path():
    """Return the absolute path of the paste configuration file.

    A relative ``[api] api_paste_config`` is looked up next to the config
    files, then in the source tree's ``etc/magnum``.
    """
    name = CONF.api.api_paste_config
    if os.path.isabs(name):
        return name
    found = CONF.find_file(name)
    if found:
        return os.path.abspath(found)
    in_tree = os.path.join(os.path.dirname(__file__), '..', '..', 'etc',
                           'magnum', name)
    if os.path.exists(in_tree):
        return os.path.abspath(in_tree)
    raise cfg.ConfigFilesNotFoundError([name])


def load_app():
    """Return the full WSGI application built from the paste pipeline."""
    path = paste_config_path()
    LOG.info('Loading the API pipeline from %s', path)
    return deploy.loadapp('config:%s' % path, name='main')
