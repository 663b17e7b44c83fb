"""Reading request bodies into wsme types."""

import wsme
from wsme.rest import json as wsme_json

from magnum.common import exception
from magnum.i18n import _


def parse(datatype, document, argname):
    """Validate ``document`` (decoded JSON) as a ``datatype`` instance.

    :param argname: the name used in messages (e.g. ``cluster``).
    :returns: the wsme object.
    :raises InvalidParameterValue: for anything that is not a valid
        ``datatype``: not an object, unknown or misspelt attributes,
        wrong types, out-of-range values, missing mandatory fields.
    """
    if not isinstance(document, dict):
        raise exception.InvalidParameterValue(
            err=_('The %s body must be a JSON object.') % argname)
    try:
        return wsme_json.fromjson(datatype, document)
    except wsme.exc.UnknownAttribute as error:
        raise exception.InvalidParameterValue(err=_(
            'Unknown attribute for argument %(arg)s: %(attrs)s') % {
                'arg': argname,
                'attrs': ', '.join(sorted(error.attributes))})
    except wsme.exc.ClientSideError as error:
        raise exception.InvalidParameterValue(err=error.faultstring)
    except (ValueError, TypeError, AttributeError) as error:
        raise exception.InvalidParameterValue(err=_(
            'Invalid input for %(arg)s: %(error)s') % {
                'arg': argname, 'error': error})
