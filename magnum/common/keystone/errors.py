"""Failures of the trust machinery, each with the HTTP status it maps to."""

import http.client as http_client

from magnum.common import exception
from magnum.i18n import _


class TrusteeOrTrustToClusterFailed(exception.MagnumException):
    message = _("Failed to create trustee or trust for Cluster: "
                "%(cluster_uuid)s. %(reason)s")
    code = http_client.INTERNAL_SERVER_ERROR


class TrustDeleteFailed(exception.MagnumException):
    message = _("Failed to delete the trustee or trust of cluster "
                "%(cluster_uuid)s: %(reason)s")
    code = http_client.INTERNAL_SERVER_ERROR
