"""Query parameters of list requests and the ``next`` link."""

from urllib import parse

from magnum.common import exception
import magnum.conf
from magnum.i18n import _

CONF = magnum.conf.CONF


def validate_limit(limit):
    """Return the page size: ``limit`` capped at ``[api] max_limit``.

    :raises InvalidParameterValue: when ``limit`` is zero or negative.
    """
    if limit is not None and limit <= 0:
        raise exception.InvalidParameterValue(err=_('Limit must be '
                                                    'positive'))
    if limit is None:
        return CONF.api.max_limit
    return min(CONF.api.max_limit, limit)


def validate_sort_dir(sort_dir):
    """Return ``sort_dir`` if it is asc or desc.

    :raises InvalidParameterValue: otherwise.
    """
    if sort_dir not in ('asc', 'desc'):
        raise exception.InvalidParameterValue(err=_(
            "Invalid sort direction: %s. Acceptable values are "
            "'asc' or 'desc'") % sort_dir)
    return sort_dir


def validate_sort_key(sort_key, allowed):
    """Return ``sort_key`` if it names a sortable field.

    :raises InvalidParameterValue: otherwise, with upstream's message.
    """
    if sort_key not in allowed:
        raise exception.InvalidParameterValue(err=_(
            'The sort_key value "%s" is an invalid field for sorting')
            % sort_key)
    return sort_key


def _int(value, name):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise exception.InvalidParameterValue(
            err=_('%(name)s must be an integer, not %(value)r') % {
                'name': name, 'value': value})


def list_params(params, sort_keys, default_sort_key='id'):
    """Read and check the paging parameters of a list request.

    :param params: the query parameters.
    :param sort_keys: the fields the resource can be sorted by.
    :returns: (marker, limit, sort_key, sort_dir).
    :raises InvalidParameterValue: for a bad limit, sort key or direction.
    """
    for name in ('limit', 'marker', 'sort_key', 'sort_dir'):
        if isinstance(params.get(name), list):
            raise exception.InvalidParameterValue(
                err=_('Give %s at most once.') % name)
    limit = params.get('limit')
    limit = validate_limit(None if limit in (None, '') else
                           _int(limit, 'limit'))
    sort_key = params.get('sort_key') or default_sort_key
    sort_dir = params.get('sort_dir') or 'asc'
    validate_sort_dir(sort_dir)
    validate_sort_key(sort_key, sort_keys)
    return params.get('marker') or None, limit, sort_key, sort_dir


def next_link(base_url, resource, items, limit, sort_key, sort_dir,
              marker_attr='uuid', extra=None):
    """Return the URL of the next page, or None when this one is not full.

    :param items: the page returned.
    :param limit: the page size that was used.
    """
    if not items or len(items) != limit:
        return None
    query = {'limit': limit, 'sort_key': sort_key, 'sort_dir': sort_dir,
             'marker': getattr(items[-1], marker_attr)}
    query.update(extra or {})
    return '%s/v1/%s?%s' % (base_url, resource, parse.urlencode(query))
