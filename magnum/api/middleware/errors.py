"""Turn every error response into magnum's JSON error body.

Whatever produced the error (wsme, pecan, webob, keystonemiddleware,
oslo.middleware's size limiter), the caller gets::

    {"errors": [{"request_id": "req-...", "code": "client"|"server",
                 "status": 404, "title": "...", "detail": "...",
                 "links": []}]}

``title`` and ``detail`` both carry the whole message (``title`` without
its final full stop): python-magnumclient, and so ``openstack coe`` and
Horizon, show only the title, and the sentences after the first one say
what to do. Bodies that already carry ``errors`` (the microversion 406)
only get their request id filled in.
"""

import html
import re

from oslo_log import log as logging
from oslo_serialization import jsonutils
import webob
import webob.dec

from magnum.i18n import _

LOG = logging.getLogger(__name__)

_TAGS = re.compile(r'<[^>]+>')
_SPACES = re.compile(r'\s+')
_TRACEBACK = re.compile(r'\n?Traceback \(most recent call last\).*',
                        re.DOTALL)


def _message_from_body(body, content_type):
    """Extract a human message from an error body of any known shape."""
    text = body.decode('utf-8', 'replace') if body else ''
    if 'json' in (content_type or ''):
        try:
            data = jsonutils.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            if data.get('faultstring'):
                return str(data['faultstring'])
            error = data.get('error')
            if isinstance(error, dict) and error.get('message'):
                return str(error['message'])
            if isinstance(error, str):
                return error
    text = html.unescape(_TAGS.sub(' ', text))
    return _SPACES.sub(' ', text).strip()


def _strip_status_line(message, status):
    """Drop a leading "404 Not Found" that webob puts into its bodies."""
    prefix = '%s ' % status
    if message.startswith(prefix):
        message = message[len(prefix):].strip()
    return message


def error_document(status, message, request_id):
    """Return the upstream error document for ``status`` and ``message``."""
    message = _TRACEBACK.sub('', message or '').strip()
    if not message:
        message = webob.Response(status=status).status.split(' ', 1)[-1]
    title = message[:-1] if message.endswith('.') else message
    return {'errors': [{
        'request_id': request_id or '',
        'code': 'client' if 400 <= status < 500 else 'server',
        'status': status,
        'title': title,
        'detail': message,
        'links': [],
    }]}


class ErrorDocumentMiddleware:
    """WSGI middleware that rewrites error responses (4xx and 5xx)."""

    def __init__(self, app):
        self.app = app

    @webob.dec.wsgify
    def __call__(self, request):
        try:
            response = request.get_response(self.app)
        except Exception:
            # Nothing below us may turn a bug into a traceback for the
            # caller; log it here and answer a plain 500.
            LOG.exception('Unhandled error serving %s %s',
                          request.method, request.path)
            response = webob.Response(status=500)
            response.text = ''
            return self._rewrite(request, response,
                                 _('An unexpected error occurred; the '
                                   'details are in the service log.'))
        if response.status_int < 400:
            return response
        return self._rewrite(request, response, None)

    def _rewrite(self, request, response, message):
        status = response.status_int
        request_id = request.environ.get('openstack.request_id', '')
        body = response.body
        document = None
        if 'json' in (response.content_type or '') and body:
            try:
                parsed = jsonutils.loads(body)
            except ValueError:
                parsed = None
            if isinstance(parsed, dict) and isinstance(
                    parsed.get('errors'), list):
                for error in parsed['errors']:
                    if isinstance(error, dict):
                        error.setdefault('request_id', request_id)
                        if not error.get('request_id'):
                            error['request_id'] = request_id
                document = parsed
        if document is None:
            if message is None:
                message = _strip_status_line(
                    _message_from_body(body, response.content_type),
                    response.status)
                message = _strip_status_line(message, status)
            document = error_document(status, message, request_id)
        new = webob.Response(status=response.status)
        for name, value in response.headerlist:
            if name.lower() not in ('content-type', 'content-length'):
                new.headers.add(name, value)
        new.content_type = 'application/json'
        new.charset = None
        new.body = jsonutils.dump_as_bytes(document)
        return new


def filter_factory(global_config, **local_config):
    """Paste filter factory."""
    def _factory(app):
        return ErrorDocumentMiddleware(app)
    return _factory
