"""The Identity v3 calls magnum makes, on a given keystoneauth session.

Errors are keystoneauth's: ``keystoneauth1.exceptions.http.NotFound``,
``Conflict``, ``Forbidden`` and so on.
"""

from magnum.common.keystone import auth


def _url(path):
    return auth.keystone_url() + path


def create_user(session, name, password, domain_id):
    """Create a user; return its JSON representation.

    :raises: keystoneauth1.exceptions.http.Conflict for a taken name.
    """
    body = {'user': {'name': name, 'password': password,
                     'domain_id': domain_id, 'enabled': True}}
    # keystoneauth logs request bodies at debug level; this one holds the
    # password.
    return session.post(_url('/users'), json=body, log=False).json()[
        'user']


def find_user(session, name, domain_id):
    """Return the user called ``name`` in the domain, or None."""
    users = session.get(_url('/users'), params={
        'name': name, 'domain_id': domain_id}).json()['users']
    return users[0] if users else None


def get_user(session, user_id):
    """Return a user by id.

    :raises: keystoneauth1.exceptions.http.NotFound
    """
    return session.get(_url('/users/%s' % user_id)).json()['user']


def delete_user(session, user_id):
    """Delete a user.

    :raises: keystoneauth1.exceptions.http.NotFound
    """
    session.delete(_url('/users/%s' % user_id))


def create_trust(session, trustor_user_id, trustee_user_id, project_id,
                 role_names, redelegation_count=0):
    """Create an impersonating trust.

    :param redelegation_count: how many times the trust may be
        redelegated (trusts made from its trust-scoped tokens, and from
        theirs); 0 for none. Keystone refuses more than its ``[trust]
        max_redelegation_count`` (3 by default).
    :returns: the trust's JSON representation.
    """
    body = {'trust': {
        'trustor_user_id': trustor_user_id,
        'trustee_user_id': trustee_user_id,
        'project_id': project_id,
        'impersonation': True,
        'allow_redelegation': redelegation_count > 0,
        'roles': [{'name': name} for name in role_names],
    }}
    if redelegation_count > 0:
        body['trust']['redelegation_count'] = redelegation_count
    return session.post(_url('/OS-TRUST/trusts'), json=body).json()['trust']


def get_trust(session, trust_id):
    """Return a trust by id.

    :raises: keystoneauth1.exceptions.http.NotFound
    """
    return session.get(_url('/OS-TRUST/trusts/%s' % trust_id)).json()[
        'trust']


def delete_trust(session, trust_id):
    """Delete a trust.

    :raises: keystoneauth1.exceptions.http.NotFound
    """
    session.delete(_url('/OS-TRUST/trusts/%s' % trust_id))


def token_domain_id(session):
    """Return the domain the session's token is scoped to, or None."""
    return session.auth.get_access(session).domain_id
