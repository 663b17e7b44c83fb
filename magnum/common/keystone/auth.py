"""keystoneauth sessions for the identities the conductor acts as.

The Identity API is always reached at :func:`keystone_url`; no service
catalog is needed, so a token without one (or a catalog without Keystone)
still works.
"""

from keystoneauth1 import access
from keystoneauth1 import exceptions as ks_exceptions
from keystoneauth1.identity import access as access_identity
from keystoneauth1.identity import v3
from keystoneauth1 import loading as ka_loading
# Imported for its side effect: it registers [keystone_authtoken], whose
# www_authenticate_uri is the Keystone URL we prefer.
from keystonemiddleware import auth_token  # noqa: F401
from oslo_config import cfg

from magnum.common import context as magnum_context
from magnum.common import exception
import magnum.conf
from magnum.i18n import _

CONF = magnum.conf.CONF

SERVICE_GROUP = 'keystone_auth'
AUTHTOKEN_GROUP = 'keystone_authtoken'


def _option(group, name):
    try:
        return getattr(getattr(CONF, group), name)
    except (cfg.NoSuchOptError, cfg.NoSuchGroupError):
        return None


def versioned(url):
    """Return ``url`` pointing at Identity v3 (``/v3`` added if missing)."""
    url = url.rstrip('/')
    if url.endswith('/v2.0'):
        url = url[:-len('/v2.0')]
    if not url.endswith('/v3'):
        url += '/v3'
    return url


def keystone_url():
    """Return the Identity v3 URL the conductor talks to.

    From ``[keystone_authtoken] www_authenticate_uri``, else
    ``[keystone_auth] auth_url``, else ``[keystone_authtoken] auth_url``.

    :raises: ConfigInvalid when none is set.
    """
    url = _option(AUTHTOKEN_GROUP, 'www_authenticate_uri')
    if not url:
        url = getattr(service_auth(required=False), 'auth_url', None)
    if not url:
        url = _option(AUTHTOKEN_GROUP, 'auth_url')
    if not url:
        raise exception.ConfigInvalid(
            error_msg=_('No Keystone URL is configured: set [%s] '
                        'www_authenticate_uri or [%s] auth_url.')
            % (AUTHTOKEN_GROUP, SERVICE_GROUP))
    return versioned(url)


def node_keystone_url(session=None):
    """Return the Keystone v3 URL to give to cluster nodes.

    The catalog's identity endpoint for ``[trust]
    trustee_keystone_interface`` and ``trustee_keystone_region_name`` when
    ``session`` has a catalog, else :func:`keystone_url`.
    """
    url = None
    if session is not None:
        try:
            url = session.get_endpoint(
                service_type='identity',
                interface=CONF.trust.trustee_keystone_interface,
                region_name=CONF.trust.trustee_keystone_region_name)
        except Exception:
            url = None
    return versioned(url) if url else keystone_url()


def make_session(auth):
    """Return a session for ``auth`` with ``[keystone_auth]`` TLS settings.
    """
    return ka_loading.load_session_from_conf_options(CONF, SERVICE_GROUP,
                                                     auth=auth)


def service_auth(required=True):
    """Return magnum's own auth plugin from ``[keystone_auth]``.

    :param required: raise when it is not configured; otherwise None.
    :raises: ConfigInvalid when required and incomplete.
    """
    try:
        auth = ka_loading.load_auth_from_conf_options(CONF, SERVICE_GROUP)
    except Exception as e:
        if not required:
            return None
        raise exception.ConfigInvalid(
            error_msg=_('[%(group)s] does not configure magnum\'s service '
                        'user: %(error)s') % {'group': SERVICE_GROUP,
                                              'error': e})
    if auth is None and required:
        raise exception.ConfigInvalid(
            error_msg=_('[%s] auth_type is not set; configure magnum\'s '
                        'service user there.') % SERVICE_GROUP)
    return auth


def service_session():
    """Return a session as magnum's service user (an admin)."""
    return make_session(service_auth())


def trustee_domain_scope():
    """Return the trustee domain as keystoneauth scope arguments.

    :raises: ConfigInvalid when ``[trust]`` names no domain.
    """
    if CONF.trust.trustee_domain_id:
        return {'domain_id': CONF.trust.trustee_domain_id}
    if CONF.trust.trustee_domain_name:
        return {'domain_name': CONF.trust.trustee_domain_name}
    raise exception.ConfigInvalid(
        error_msg=_('[trust] trustee_domain_id or trustee_domain_name must '
                    'be set: trustee users are created in that domain.'))


def domain_admin_auth():
    """Return the trustee domain admin's auth, scoped to that domain.

    :raises: ConfigInvalid when the admin's credentials are incomplete.
    """
    trust = CONF.trust
    if not (trust.trustee_domain_admin_id or
            trust.trustee_domain_admin_name) or \
            trust.trustee_domain_admin_password is None:
        raise exception.ConfigInvalid(
            error_msg=_('[trust] trustee_domain_admin_id (or _name) and '
                        'trustee_domain_admin_password must be set.'))
    scope = trustee_domain_scope()
    user_domain_id = (trust.trustee_domain_admin_domain_id or
                      trust.trustee_domain_id)
    user_domain_name = (trust.trustee_domain_admin_domain_name or
                        trust.trustee_domain_name)
    return v3.Password(auth_url=keystone_url(),
                       user_id=trust.trustee_domain_admin_id,
                       username=trust.trustee_domain_admin_name,
                       user_domain_id=user_domain_id,
                       user_domain_name=user_domain_name,
                       password=trust.trustee_domain_admin_password,
                       **scope)


def domain_admin_session():
    """Return a session as the trustee domain admin."""
    return make_session(domain_admin_auth())


def caller_auth(context):
    """Return an auth plugin acting with the caller's own token.

    :param context: a request context with ``auth_token`` (and ideally
        ``auth_token_info``, which saves a validation round trip).
    :raises: AuthorizationFailure when the context carries no token.
    """
    if context.auth_token and context.auth_token_info:
        auth_ref = access.create(body=context.auth_token_info,
                                 auth_token=context.auth_token)
        return access_plugin(auth_ref)
    if context.auth_token:
        return v3.Token(auth_url=keystone_url(), token=context.auth_token,
                        project_id=context.project_id)
    raise exception.AuthorizationFailure(
        client='Keystone',
        message=_('The request carries no token of its caller, so nothing '
                  'can be done in Keystone on the caller\'s behalf.'))


def access_plugin(auth_ref):
    """Return a plugin that reuses an existing token (no re-auth).

    The Keystone URL comes from the configuration or, failing that, from
    the token's own service catalog: the token is all a caller needs.
    """
    try:
        url = keystone_url()
    except exception.ConfigInvalid:
        url = None
        if auth_ref.has_service_catalog():
            try:
                url = auth_ref.service_catalog.url_for(
                    service_type='identity', interface='public')
            except ks_exceptions.EndpointNotFound:
                url = None
    return access_identity.AccessInfoPlugin(auth_ref, auth_url=url)


def caller_session(context):
    """Return a session acting with the caller's token."""
    return make_session(caller_auth(context))


def trust_auth(cluster):
    """Return the cluster trustee's auth, scoped to the cluster's trust.

    With an impersonating trust the tokens it gets name the trustor (the
    cluster's creator) as their user.
    """
    return v3.Password(auth_url=keystone_url(),
                       user_id=cluster.trustee_user_id,
                       password=cluster.trustee_password,
                       trust_id=cluster.trust_id)


def trust_session(cluster):
    """Return a session acting through the cluster's trust."""
    return make_session(trust_auth(cluster))


def trust_context(cluster):
    """Return a request context that acts through the cluster's trust.

    It carries the trustee's credentials, not a token:
    :func:`session_for_context` turns it into a session, which fetches
    and renews trust-scoped tokens as needed. The password never leaves
    the process (``to_dict`` leaves it out).
    """
    return magnum_context.RequestContext(
        user_id=cluster.trustee_user_id,
        user_name=cluster.trustee_username,
        password=cluster.trustee_password,
        trust_id=cluster.trust_id,
        project_id=cluster.project_id,
        is_admin=False)


def cluster_owner_context(context, cluster):
    """Return the cluster's trust context when it has a trust, else
    ``context``.

    Through the trust magnum acts as the cluster's creator in its
    project, which services that check the project (Heat, Barbican)
    accept whoever asked: the status sync's admin context, a resumed
    operation, an admin of another project.
    """
    if (cluster.trust_id and cluster.trustee_user_id
            and cluster.trustee_password):
        return trust_context(cluster)
    return context


def session_for_context(context):
    """Return a session for any context magnum builds.

    A trust context (trust id and password) authenticates as the trustee;
    a context with a token reuses it; an admin context without either
    uses magnum's service user.

    :raises: AuthorizationFailure when the context has no credentials.
    """
    if context.trust_id and context.password:
        return make_session(v3.Password(auth_url=keystone_url(),
                                        user_id=context.user_id,
                                        password=context.password,
                                        trust_id=context.trust_id))
    if context.auth_token:
        return caller_session(context)
    if context.is_admin:
        return service_session()
    return caller_session(context)
