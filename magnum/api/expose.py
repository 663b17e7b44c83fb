"""``expose``: wsme's pecan exposure, JSON only, with safe 500s.

Errors that are ours (:class:`MagnumException`), wsme's input errors and
webob HTTP errors go to the caller with their status and message. Any
other exception is a bug or an outage: it is logged with its traceback
and the caller gets a 500 that says where to look, never the internals.
"""

import functools
import inspect

from oslo_log import log as logging
import oslo_messaging as messaging
import webob.exc
import wsme
from wsmeext import pecan as wsme_pecan

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


def _guard(func):
    @functools.wraps(func)
    def guarded(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (exception.MagnumException, wsme.exc.ClientSideError,
                webob.exc.HTTPException):
            raise
        except messaging.MessagingTimeout:
            LOG.warning('RPC to the conductor timed out in %s',
                        func.__qualname__)
            raise ConductorUnavailable()
        except Exception:
            import pecan
            request_id = pecan.request.environ.get('openstack.request_id',
                                                   '')
            LOG.exception('Unexpected error in %s', func.__qualname__)
            raise InternalError(request_id=request_id)
    guarded.__signature__ = inspect.signature(func)
    return guarded


def expose(*args, **kwargs):
    """Like wsmeext.pecan.wsexpose, JSON only, with errors made safe."""
    kwargs.setdefault('rest_content_types', ('json',))
    exposer = wsme_pecan.wsexpose(*args, **kwargs)

    def decorate(func):
        return exposer(_guard(func))
    return decorate
