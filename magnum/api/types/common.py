"""Value types shared by the API's resources."""

import netaddr
from oslo_utils import strutils
from oslo_utils import uuidutils
import wsme
from wsme import types as wtypes

from magnum.i18n import _


class UuidType(wtypes.UserType):
    """A UUID string."""

    basetype = wtypes.text
    name = 'uuid'

    @staticmethod
    def validate(value):
        if not uuidutils.is_uuid_like(value):
            raise wsme.exc.InvalidInput('uuid', value,
                                        _('Expected a UUID.'))
        return value

    @staticmethod
    def frombasetype(value):
        return None if value is None else UuidType.validate(value)


class BooleanType(wtypes.UserType):
    """A boolean given as JSON true/false or a string like "True"."""

    basetype = wtypes.text
    name = 'boolean'

    @staticmethod
    def validate(value):
        if isinstance(value, bool):
            return value
        try:
            return strutils.bool_from_string(value, strict=True)
        except (ValueError, TypeError):
            raise wsme.exc.ClientSideError(
                _("Invalid boolean value: %s; use true or false.") % value)

    @staticmethod
    def frombasetype(value):
        return None if value is None else BooleanType.validate(value)


class DNSListType(wtypes.UserType):
    """A comma-separated list of IP addresses."""

    basetype = wtypes.text
    name = 'dnslist'

    @staticmethod
    def validate(value):
        for address in value.split(','):
            if not netaddr.valid_ipv4(address.strip()) and \
                    not netaddr.valid_ipv6(address.strip()):
                raise wsme.exc.InvalidInput(
                    'dns_nameserver', value,
                    _('Expected a comma-separated list of IP addresses.'))
        return value

    @staticmethod
    def frombasetype(value):
        return None if value is None else DNSListType.validate(value)


class LabelsType(wtypes.UserType):
    """A dict of label names to scalar values, kept as strings.

    Values may be strings, numbers or booleans on input, as upstream
    accepts; they are stored and returned as strings.
    """

    basetype = wtypes.DictType(wtypes.text, wtypes.text)
    name = 'labels'

    @staticmethod
    def validate(value):
        if not isinstance(value, dict):
            raise wsme.exc.ClientSideError(
                _('Labels must be a JSON object of names to values.'))
        result = {}
        for key, item in value.items():
            if not isinstance(key, str) or not key or len(key) > 255:
                raise wsme.exc.ClientSideError(
                    _('Invalid label name %r: use 1 to 255 characters.')
                    % (key,))
            if isinstance(item, bool):
                item = str(item)
            elif isinstance(item, (int, float, str)):
                item = str(item)
            else:
                raise wsme.exc.ClientSideError(
                    _('Invalid value for label %s: labels take strings, '
                      'numbers or booleans.') % key)
            result[key] = item
        return result

    @staticmethod
    def frombasetype(value):
        return None if value is None else LabelsType.validate(value)


class StringDictType(wtypes.UserType):
    """A dict of strings to strings (health reasons, node labels)."""

    basetype = wtypes.DictType(wtypes.text, wtypes.text)
    name = 'stringdict'

    @staticmethod
    def validate(value):
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str)
                for k, v in value.items()):
            raise wsme.exc.ClientSideError(
                _('Expected a JSON object of strings to strings.'))
        return value

    @staticmethod
    def frombasetype(value):
        return None if value is None else StringDictType.validate(value)


uuid = UuidType()
boolean = BooleanType()
dns_list = DNSListType()
labels = LabelsType()
string_dict = StringDictType()
