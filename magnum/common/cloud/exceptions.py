"""Failures of the cloud services magnum looks things up in."""

import http.client as http_client

from magnum.common import exception
from magnum.i18n import _


class CloudServiceUnavailable(exception.MagnumException):
    """A service could not be reached or failed on its side (5xx)."""

    message = _("The %(service)s of this cloud is unavailable: %(reason)s. "
                "Retry the request later; if this persists, ask your cloud "
                "operator.")
    code = http_client.SERVICE_UNAVAILABLE


class ServiceNotInCatalog(exception.InvalidParameterValue):
    """The caller's service catalog has no endpoint for a service."""

    message = _("This cloud has no %(service)s in its catalog%(where)s; "
                "%(fix)s.")


class CloudRequestRejected(exception.InvalidParameterValue):
    """A service refused a look-up with an unexpected 4xx status."""

    message = _("The %(service)s refused to look up %(what)s "
                "(HTTP %(status)s): %(detail)s")


def authorization_failure(client, why):
    """Return AuthorizationFailure (403) for ``client`` saying ``why``."""
    return exception.AuthorizationFailure(client=client, reason=why)
