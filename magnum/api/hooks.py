"""Pecan hooks: request context and microversions."""

from oslo_log import log as logging
import pecan
from pecan import hooks
import webob.exc

from magnum.api import microversion
from magnum.common import context

LOG = logging.getLogger(__name__)


class ContextHook(hooks.PecanHook):
    """Build ``request.context`` from the identity headers.

    keystonemiddleware (or the noauth filter) has set X-User-Id,
    X-Project-Id, X-Roles and friends; oslo.context reads them.
    """

    def before(self, state):
        from magnum.common import policy

        request = state.request
        ctx = context.RequestContext.from_environ(request.environ)
        token_info = request.environ.get('keystone.token_info')
        ctx.auth_token_info = token_info
        ctx.is_admin = policy.check_is_admin(ctx)
        request.context = ctx


class MicroversionHook(hooks.PecanHook):
    """Negotiate the microversion of ``/v1`` requests.

    The version lands in ``request.version``; responses get the version
    headers. An unsupported version is a 406 with upstream's body.
    """

    def on_route(self, state):
        request = state.request
        request.version = None
        if not _is_versioned(request.path):
            return
        try:
            request.version = microversion.requested_version(request.headers)
        except microversion.UnsupportedVersion as error:
            response = microversion.not_acceptable_response(error)
            raise webob.exc.HTTPNotAcceptable(
                body=response.body, content_type='application/json',
                headers=microversion.version_headers(
                    microversion.versions.BASE))

    def after(self, state):
        version = getattr(state.request, 'version', None)
        if version is not None:
            state.response.headers.update(
                microversion.version_headers(version))


def _is_versioned(path):
    """Whether ``path`` is served by the versioned API (not ``/``)."""
    stripped = path.strip('/')
    return bool(stripped) and stripped not in ('.json',)


def current_version():
    """Return the microversion of the current request."""
    return getattr(pecan.request, 'version', None) or \
        microversion.versions.BASE
