"""Labels checked against the JSON Schema their driver publishes."""

import jsonschema

from magnum.common import exception
from magnum.i18n import _


def validate(driver, labels):
    """Check ``labels`` against ``driver.labels_schema()``.

    :raises InvalidParameterValue: naming the offending label and what the
        driver accepts for it.
    """
    schema = driver.labels_schema()
    validator = jsonschema.Draft7Validator(schema)
    error = jsonschema.exceptions.best_match(
        validator.iter_errors(labels or {}))
    if error is None:
        return
    where = '/'.join(str(p) for p in error.absolute_path)
    if where:
        message = _('Invalid label %(label)s: %(error)s') % {
            'label': where, 'error': error.message}
    else:
        message = _('Invalid labels: %s') % error.message
    raise exception.InvalidParameterValue(err=message)
