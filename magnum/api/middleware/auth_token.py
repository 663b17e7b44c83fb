"""keystonemiddleware's auth_token, except for the public documents.

``GET /`` and ``GET /v1`` (with or without a trailing slash or ``.json``)
answer without a token, as upstream does; everything else needs one.
"""

import re

from keystonemiddleware import auth_token
from oslo_log import log as logging

import magnum.conf

LOG = logging.getLogger(__name__)


def _route_pattern(route):
    route = route.strip().rstrip('/')
    return re.compile(r'^%s/?(\.json)?$' % re.escape(route))


class AuthTokenMiddleware(auth_token.AuthProtocol):
    """auth_token with a list of routes that need no token."""

    def __init__(self, app, conf, public_api_routes=()):
        self.public_api_routes = [_route_pattern(r)
                                  for r in public_api_routes]
        super().__init__(app, conf)

    def __call__(self, env, start_response):
        path = env.get('PATH_INFO', '/')
        if any(p.match(path) for p in self.public_api_routes):
            return self._app(env, start_response)
        return super().__call__(env, start_response)


def filter_factory(global_config, **local_config):
    """Paste filter factory; ``acl_public_routes`` is a comma list."""
    routes = [r for r in local_config.pop('acl_public_routes', '').split(',')
              if r.strip()]
    conf = dict(global_config)
    conf.update(local_config)
    # Read [keystone_authtoken] from the configuration magnum was started
    # with (--config-file), not from keystonemiddleware's own search of
    # /etc/magnum.
    conf['oslo_config_config'] = magnum.conf.CONF

    def _factory(app):
        return AuthTokenMiddleware(app, conf, public_api_routes=routes)
    return _factory
