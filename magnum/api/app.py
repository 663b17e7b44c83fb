"""The WSGI application of magnum-api."""

import inspect
import os

from oslo_config import cfg
from oslo_log import log as logging
from paste import deploy
import pecan
import pecan.core
import pecan.decorators
from pecan.middleware import recursive
import pecan.rest
import pecan.routing
import pecan.util
import webob
import webob.multidict

from magnum.api import expose
from magnum.api import hooks
import magnum.conf

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)


class JSONRequest(pecan.Request):
    """A request whose body is JSON (or nothing).

    Form bodies are never read as parameters, and a body that can't be
    decoded (unknown charset, absurd nesting) is a ValueError, which the
    controllers answer with 400.
    """

    @property
    def POST(self):
        return webob.multidict.NoVars('magnum-api reads JSON bodies only')

    def _json(self):
        try:
            return webob.Request.json_body.fget(self)
        except (LookupError, RecursionError) as error:
            raise ValueError(str(error)) from error

    json = json_body = property(_json)


class PathArgsPecan(pecan.Pecan):
    """Pecan, with named controller arguments taken from the path only.

    Plain pecan fills a missing path argument from the query string or
    the body, so ``DELETE /v1/clusters?ident=<uuid>`` would delete a
    cluster the URL does not name. Here query parameters only reach
    ``**params``, and a call whose path lacks an argument is a 404.
    """

    def get_args(self, state, all_params, remainder, argspec, im_self):
        query = {k: v for k, v in state.request.GET.mixed().items()
                 if k not in argspec.args}
        args, varargs, kwargs = super().get_args(
            state, query, remainder, argspec, im_self)
        if im_self is None:
            try:
                inspect.signature(state.controller).bind(
                    *args, *varargs, **kwargs)
            except TypeError:
                pecan.abort(404)
        return args, varargs, kwargs


def _memoise_pecan_argspecs():
    """Have pecan compute each controller's argspec once.

    pecan looks the argspec of the controller up about ten times per
    request, and each look-up builds a new namedtuple class: a third of
    the time of a small request such as ``GET /v1/stats``. An argspec
    depends only on the function, so it is kept per function (a bound
    method's argspec is its function's, ``self`` included).
    """
    original = pecan.util.getargspec
    if getattr(original, 'magnum_memoised', False):
        return
    found = {}

    def getargspec(method):
        key = getattr(method, '__func__', method)
        try:
            return found[key]
        except KeyError:
            if len(found) > 10000:  # controllers made on the fly
                found.clear()
            found[key] = spec = original(method)
            return spec
        except TypeError:  # an unhashable callable
            return original(method)
    getargspec.magnum_memoised = True
    for module in (pecan.util, pecan.core, pecan.rest, pecan.routing,
                   pecan.decorators):
        if getattr(module, 'getargspec', None) is original:
            module.getargspec = getargspec


def setup_app():
    """Return the pecan application (no middleware)."""
    _memoise_pecan_argspecs()
    app = PathArgsPecan(
        'magnum.api.controllers.root.RootController',
        hooks=[hooks.MicroversionHook(), hooks.ContextHook(),
               expose.ErrorHook()],
        force_canonical=False,
        guess_content_type_from_ext=False,
        request_cls=JSONRequest,
        debug=False,
    )
    return recursive.RecursiveMiddleware(app)


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
