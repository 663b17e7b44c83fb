"""Check labels against a driver's JSON Schema, with 400s that help.

Labels the schema does not describe are accepted and ignored, so that
templates written for other drivers (or upstream) keep working.
"""

import jsonschema

from magnum.common import exception
from magnum.i18n import _


def _describe(error, schema):
    path = list(error.absolute_path)
    name = path[0] if path else None
    prop = (schema.get('properties') or {}).get(name, {})
    value = error.instance
    if 'enum' in prop:
        allowed = ', '.join(str(v) for v in prop['enum'])
        return _('Label %(name)s has the value %(value)r; allowed values '
                 'are: %(allowed)s.') % {'name': name, 'value': value,
                                         'allowed': allowed}
    if name is None:
        return _('Labels are invalid: %s.') % error.message
    hint = prop.get('description', '')
    return (_('Label %(name)s has the value %(value)r, which is not '
              'valid: %(why)s.') % {'name': name, 'value': value,
                                    'why': error.message} +
            (' %s' % hint if hint else ''))


def check_labels(schema, labels):
    """Validate ``labels`` against ``schema``.

    :raises: InvalidParameterValue (400) naming the first bad label and
        its allowed values.
    """
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(labels or {}),
                    key=lambda e: list(e.absolute_path))
    if errors:
        raise exception.InvalidParameterValue(
            err=_describe(errors[0], schema))
