"""wsme types of quotas: the create and update body and the view."""

import wsme
from wsme import types as wtypes

from magnum.objects import fields


class Quota(wtypes.Base):
    """The body of ``POST /v1/quotas`` and ``PATCH /v1/quotas/{p}/{r}``.

    Upstream takes a whole quota object on update too (not a JSON
    patch); a field left out takes its default again.
    """

    project_id = wtypes.StringType(min_length=1, max_length=255)
    resource = wsme.wsattr(
        wtypes.Enum(wtypes.text, *fields.QuotaResourceName.ALL),
        default=fields.QuotaResourceName.CLUSTER)
    hard_limit = wsme.wsattr(wtypes.IntegerType(minimum=0), default=1)

    def to_values(self):
        """Return the fields that were given (or defaulted) as a dict."""
        return {attr.key: getattr(self, attr.key)
                for attr in wtypes.list_attributes(type(self))
                if getattr(self, attr.key) is not wtypes.Unset}


# Everything the API shows of a quota.
VIEW_FIELDS = ('id', 'project_id', 'resource', 'hard_limit', 'created_at',
               'updated_at')
SORT_KEYS = VIEW_FIELDS
