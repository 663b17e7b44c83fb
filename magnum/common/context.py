"""The request context carried from the API to the conductor."""

from oslo_context import context


class RequestContext(context.RequestContext):
    """A security context for a request: who calls, in which project.

    Besides oslo.context's fields it carries ``all_tenants`` (an admin
    listing across projects) and the caller's Keystone token data.
    """

    def __init__(self, auth_token_info=None, all_tenants=False,
                 trust_id=None, password=None, **kwargs):
        super().__init__(**kwargs)
        self.auth_token_info = auth_token_info
        self.all_tenants = all_tenants
        self.trust_id = trust_id
        self.password = password

    def to_dict(self):
        """Serialise for RPC; the password is never serialised."""
        value = super().to_dict()
        value.update({'auth_token_info': self.auth_token_info,
                      'all_tenants': self.all_tenants,
                      'trust_id': self.trust_id})
        return value

    @classmethod
    def from_dict(cls, values, **kwargs):
        """Rebuild a context that :meth:`to_dict` produced."""
        kwargs.setdefault('auth_token_info', values.get('auth_token_info'))
        kwargs.setdefault('all_tenants', values.get('all_tenants', False))
        kwargs.setdefault('trust_id', values.get('trust_id'))
        return super().from_dict(values, **kwargs)


def make_context(*args, **kwargs):
    """Return a new :class:`RequestContext`."""
    return RequestContext(*args, **kwargs)


def make_admin_context(all_tenants=False, **kwargs):
    """Return a context with the admin role for internal work."""
    return RequestContext(roles=['admin'], is_admin=True,
                          all_tenants=all_tenants, **kwargs)
