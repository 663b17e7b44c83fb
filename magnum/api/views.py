"""Turning stored objects into API documents (plain dicts).

Responses are built as dicts and rendered as JSON directly: cheaper than
wsme objects for pages of a thousand rows, and the field list of each
resource stays in one place (its types module).
"""

import datetime

from magnum.api.controllers import link

_UNSET = object()


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
    # A set field is read straight from the object's state: the field
    # getters cost as much as the rest of a list page's rendering. Unset
    # fields and computed properties (node_count) go through getattr.
    state = obj.__dict__
    for name in fields:
        if name == 'links':
            continue
        value = state.get('_obj_' + name, _UNSET)
        if value is _UNSET:
            value = getattr(obj, name, None)
        body[name] = _value(value)
    base_url = base_url or link.base_url()
    ident = ident or obj.uuid
    body['links'] = [
        {'href': '%s/v1/%s/%s' % (base_url, resource, ident),
         'rel': 'self'},
        {'href': '%s/%s/%s' % (base_url, resource, ident),
         'rel': 'bookmark'}]
    return body
