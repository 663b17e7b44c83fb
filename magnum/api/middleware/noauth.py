"""Development-only authentication: trust identity headers as given.

With ``[api] auth_strategy = noauth`` no token is checked; the request
context comes from ``X-User-Id``, ``X-Project-Id``, ``X-Roles`` and
``X-Domain-Id``. Never use it where the API is reachable by anyone but
you.
"""

import webob.dec


DEFAULT_USER = 'noauth-user'
DEFAULT_PROJECT = 'noauth-project'


class NoAuthMiddleware:
    """Mark every request as authenticated with the headers it carries."""

    def __init__(self, app):
        self.app = app

    @webob.dec.wsgify
    def __call__(self, request):
        headers = request.headers
        headers.setdefault('X-User-Id', DEFAULT_USER)
        headers.setdefault('X-Project-Id', DEFAULT_PROJECT)
        headers.setdefault('X-Roles', 'admin,member,reader')
        headers['X-Identity-Status'] = 'Confirmed'
        return request.get_response(self.app)


def filter_factory(global_config, **local_config):
    """Paste filter factory."""
    def _factory(app):
        return NoAuthMiddleware(app)
    return _factory
