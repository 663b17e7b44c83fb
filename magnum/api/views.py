"""Turning stored objects into API documents (plain dicts).

Responses are built as dicts and rendered as JSON directly: cheaper than
wsme objects for pages of a thousand rows, and the field list of each
resource stays in one place (its types module).
"""

import datetime

from magnum.api.controllers import link


def _value(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return value.isoformat() + '+00:00'
        return value.isoformat()
    return value


def document(obj, fields, resource, ident=None, base_url=None):
    """Return the API document of ``obj`` with ``fields`` and its links.

    :param resource: the collection path for the links.
    :param ident: the id used in the links (defaults to ``obj.uuid``).
    """
    body = {}
    for name in fields:
        if name == 'links':
            continue
        body[name] = _value(getattr(obj, name, None))
    base_url = base_url or link.base_url()
    ident = ident or obj.uuid
    body['links'] = [
        {'href': '%s/v1/%s/%s' % (base_url, resource, ident),
         'rel': 'self'},
        {'href': '%s/%s/%s' % (base_url, resource, ident),
         'rel': 'bookmark'}]
    return body
