"""Negotiation of the API microversion of a request."""

from oslo_serialization import jsonutils
import webob

from magnum.api import versions

HELP_LINK = 'http://docs.openstack.org/api-guide/compute/microversions.html'


class UnsupportedVersion(Exception):
    """The request asked for a version we cannot serve.

    ``out_of_range`` is True when the version is well-formed but outside
    MIN..MAX: only then does the 406 body carry a title, as upstream.
    """

    def __init__(self, out_of_range, requested=''):
        super().__init__('unsupported microversion %s' % requested)
        self.out_of_range = out_of_range
        self.requested = requested


def requested_version(headers):
    """Return the :class:`versions.Version` a request asks for.

    :param headers: the request headers.
    :returns: the negotiated version (``BASE`` when no header is given).
    :raises UnsupportedVersion: for an unknown service name, a malformed
        value, or a version outside MIN_VERSION..MAX_VERSION.
    """
    value = headers.get(versions.HEADER)
    if value is None or not value.strip():
        return versions.BASE
    parts = value.split()
    if len(parts) != 2 or parts[0].lower() not in versions.SERVICE_NAMES:
        raise UnsupportedVersion(out_of_range=False, requested=value)
    if parts[1].lower() == 'latest':
        return versions.MAX_VERSION
    try:
        version = versions.Version.parse(parts[1])
    except ValueError:
        raise UnsupportedVersion(out_of_range=False, requested=parts[1])
    if not versions.MIN_VERSION <= version <= versions.MAX_VERSION:
        raise UnsupportedVersion(out_of_range=True, requested=parts[1])
    return version


def version_headers(version):
    """Return the response headers that announce ``version``."""
    return {
        versions.MIN_HEADER: '%s %s' % (versions.SERVICE_NAME,
                                        versions.MIN_VERSION),
        versions.MAX_HEADER: '%s %s' % (versions.SERVICE_NAME,
                                        versions.MAX_VERSION),
        versions.HEADER: '%s %s' % (versions.SERVICE_NAME, version),
        'Vary': versions.HEADER,
    }


def not_acceptable_response(error):
    """Return the 406 response for an :class:`UnsupportedVersion`."""
    entry = {
        'max_version': str(versions.MAX_VERSION),
        'min_version': str(versions.MIN_VERSION),
        'code': 'magnum.microversion-unsupported',
        'links': [{'rel': 'help', 'href': HELP_LINK}],
        'title': '',
        'detail': '',
        'status': 406,
    }
    if error.out_of_range:
        entry['title'] = 'Requested microversion is unsupported'
        entry['detail'] = ('Version %s is not supported by the API. '
                           'Minimum is %s and maximum is %s.') % (
            error.requested, versions.MIN_VERSION, versions.MAX_VERSION)
    response = webob.Response(status=406, content_type='application/json',
                              charset=None)
    response.body = jsonutils.dump_as_bytes({'errors': [entry]})
    return response
