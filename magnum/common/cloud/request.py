"""The one :class:`CloudLookups` of an API request.

Controllers that validate a template and then a cluster in the same request
must share the look-ups; keeping them in the WSGI environ does that without
threading them through every call.
"""

from magnum.common.cloud import lookups
from magnum.common.cloud import offline
from magnum.common.cloud import session
import magnum.conf

CONF = magnum.conf.CONF

ENVIRON_KEY = 'magnum.cloud_lookups'


def lookups_for_request(environ, context=None):
    """Return the request's look-ups, creating them on first use.

    The caller's auth plugin from keystonemiddleware is preferred; without
    it the token data in ``context`` is used.

    With ``[api] cloud_lookups = offline`` they are
    :class:`~magnum.common.cloud.offline.OfflineLookups`, which need no
    token and no cloud.

    :param environ: the request's WSGI environ.
    :param context: the request's RequestContext, if any.
    :returns: a :class:`magnum.common.cloud.lookups.CloudLookups`.
    :raises: AuthorizationFailure when neither carries a token.
    """
    found = environ.get(ENVIRON_KEY)
    if found is not None:
        return found
    if CONF.api.cloud_lookups == 'offline':
        found = offline.OfflineLookups()
    else:
        found = _LazyLookups(environ, context)
    environ[ENVIRON_KEY] = found
    return found


class _LazyLookups:
    """CloudLookups whose session is made on the first look-up.

    A request that needs no look-up (a cluster inheriting everything from
    its template) then works without a token too, as in noauth mode.
    """

    def __init__(self, environ, context):
        self._environ = environ
        self._context = context
        self._lookups = None

    def __getattr__(self, name):
        if self._lookups is None:
            environ, context = self._environ, self._context
            if environ.get(session.TOKEN_AUTH_KEY) is not None or \
                    context is None:
                sess = session.session_for_environ(environ)
            else:
                sess = session.session_for_context(context)
            self._lookups = lookups.CloudLookups(sess)
        return getattr(self._lookups, name)
