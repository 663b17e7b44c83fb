"""keystoneauth sessions that act with the caller's token.

Look-ups made while validating a request must see what the caller sees
(their private images, their keypairs), so they use the caller's token and
service catalog, never magnum's own service credentials.
"""

from keystoneauth1 import access
from keystoneauth1.identity import access as access_plugin
from keystoneauth1 import session as ks_session

from magnum.common.cloud import exceptions
import magnum.conf
from magnum.i18n import _

CONF = magnum.conf.CONF

# keystonemiddleware's auth_token stores the caller's auth plugin here.
TOKEN_AUTH_KEY = 'keystone.token_auth'

# Seconds to wait for a service before the look-up fails with a 503; an
# API worker must not hang on a dead endpoint.
TIMEOUT = 30

APP_NAME = 'magnum'


def verify_setting():
    """Return the ``verify`` argument for requests from ``[drivers]``.

    :returns: False when ``verify_ca`` is off, the CA bundle path when
        ``openstack_ca_file`` is set, else True (the system bundle).
    """
    if not CONF.drivers.verify_ca:
        return False
    return CONF.drivers.openstack_ca_file or True


def _make_session(auth):
    return ks_session.Session(auth=auth, verify=verify_setting(),
                              timeout=TIMEOUT, app_name=APP_NAME)


def session_for_environ(environ):
    """Build a session from the auth plugin keystonemiddleware left.

    :param environ: the WSGI environ of an authenticated request.
    :returns: a :class:`keystoneauth1.session.Session`.
    :raises: AuthorizationFailure when the request carries no user token
        (for instance with ``auth_strategy = noauth``).
    """
    plugin = environ.get(TOKEN_AUTH_KEY)
    if plugin is None or not getattr(plugin, 'has_user_token', True):
        raise exceptions.authorization_failure(
            'Keystone',
            _('The request carries no validated Keystone token, so '
              'images, flavors and networks cannot be looked up. '
              'Run the API with keystone authentication.'))
    return _make_session(plugin)


def session_for_context(context):
    """Build a session from the token stored in a request context.

    The conductor gets the caller's token and token data over RPC; this
    rebuilds an auth plugin (with the service catalog) from them.

    :param context: a :class:`magnum.common.context.RequestContext` with
        ``auth_token`` and ``auth_token_info``.
    :returns: a :class:`keystoneauth1.session.Session`.
    :raises: AuthorizationFailure when the context has no token data.
    """
    token = getattr(context, 'auth_token', None)
    token_info = getattr(context, 'auth_token_info', None)
    if not token or not token_info:
        raise exceptions.authorization_failure(
            'Keystone',
            _('The request context carries no token data, so the '
              'cloud cannot be asked on the caller\'s behalf.'))
    auth_ref = access.create(body=token_info, auth_token=token)
    return _make_session(access_plugin.AccessInfoPlugin(auth_ref))
