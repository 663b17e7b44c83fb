"""Exposing controller methods and turning their errors into responses.

Controllers return plain dicts (rendered as JSON) and raise exceptions
for errors. :class:`ErrorHook` maps them: our own exceptions and wsme's
input errors keep their status and message; webob HTTP errors pass
through; anything else is a bug or an outage, logged with its traceback,
and the caller gets a 500 that names the request id, never the internals.
"""

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_serialization import jsonutils
import pecan
from pecan import hooks
import webob
import webob.exc
import wsme

from magnum.common import exception
from magnum.i18n import _

LOG = logging.getLogger(__name__)


class ConductorUnavailable(exception.MagnumException):
    message = _("No magnum-conductor answered in time; check that the "
                "conductor service is running (openstack coe service "
                "list) and retry.")
    code = 503


class InternalError(exception.MagnumException):
    message = _("An unexpected error occurred; the magnum-api log has the "
                "details for request %(request_id)s.")


def expose(**kwargs):
    """Expose a controller method that returns a JSON document."""
    kwargs.setdefault('content_type', 'application/json')
    return pecan.expose('json', **kwargs)


def fault_response(status, message):
    """Return a response carrying ``message`` as a wsme-style fault."""
    response = webob.Response(status=status,
                              content_type='application/json',
                              charset=None)
    response.body = jsonutils.dump_as_bytes(
        {'faultstring': message, 'faultcode':
         'Client' if status < 500 else 'Server', 'debuginfo': None})
    return response


def response_for(error, request_id=''):
    """Return the response for an exception raised by a controller."""
    if isinstance(error, exception.MagnumException):
        if error.code >= 500:
            LOG.error('Request %s failed: %s', request_id, error)
        return fault_response(error.code, error.format_message())
    if isinstance(error, wsme.exc.ClientSideError):
        return fault_response(error.code or 400, error.faultstring)
    if isinstance(error, webob.exc.HTTPException):
        return error
    if isinstance(error, messaging.MessagingTimeout):
        LOG.warning('RPC to the conductor timed out for request %s',
                    request_id)
        unavailable = ConductorUnavailable()
        return fault_response(unavailable.code, str(unavailable))
    LOG.error('Unexpected error in request %s', request_id,
              exc_info=(type(error), error, error.__traceback__))
    return fault_response(500, str(InternalError(request_id=request_id)))


class ErrorHook(hooks.PecanHook):
    """Map exceptions from controllers to error responses.

    It also empties 204 responses, which the JSON renderer would
    otherwise fill with ``null``.
    """

    def after(self, state):
        if state.response.status_int == 204:
            state.response.body = b''
            state.response.content_type = None

    def on_error(self, state, e):
        request_id = state.request.environ.get('openstack.request_id', '')
        return response_for(e, request_id)
