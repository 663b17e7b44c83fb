"""Each cluster's trustee user and the trust its creator gives it.

The trustee is a Keystone user of its own, ``<cluster uuid>_<project id>``
in the ``[trust]`` domain, with a random password kept on the cluster. The
trust lets it act as the creator in the cluster's project (impersonation);
magnum polls the cluster's stacks through it, and the nodes may use it too
(``[trust] cluster_user_trust``).

The trust allows exactly one redelegation (``REDELEGATION_COUNT``): a
stack created or updated with a trust-scoped token (an operation resumed
after its conductor died, with no caller's token left) makes Heat create
its own trust from that token, which Keystone refuses unless the trust
may be redelegated. Heat's trust cannot be redelegated further.

Rotation (:func:`rotate_trustee_and_trust`) makes a new trustee, password
and trust; the trustee's name alternates between ``<uuid>_<project>`` and
``<uuid>_<project>_rotated``, so the new one never clashes with the one in
use, and one left over by a rotation that died is recognised and replaced.
"""

import dataclasses
import types

from keystoneauth1 import exceptions as ka_exceptions
from oslo_log import log as logging

from magnum.common import exception
from magnum.common.keystone import auth
from magnum.common.keystone import errors
from magnum.common.keystone import identity
from magnum.common.x509 import passwords
import magnum.conf

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)

TRUSTEE_PASSWORD_LENGTH = 18

# Heat makes its own trust from a trust-scoped token of ours: one level.
REDELEGATION_COUNT = 1

ROTATED_SUFFIX = '_rotated'

# Answers meaning "this identity may not do that": try the next one.
_REFUSED = (ka_exceptions.Forbidden, ka_exceptions.Unauthorized)

trust_context = auth.trust_context
cluster_owner_context = auth.cluster_owner_context


def trustee_name(cluster):
    """Return the trustee user name of ``cluster``."""
    return '%s_%s' % (cluster.uuid, cluster.project_id)


def create_trustee_and_trust(context, cluster):
    """Give ``cluster`` a trustee user and a trust from the caller.

    What the cluster already has is kept, so a retried operation finishes
    the work: a trustee left over by an attempt that died before saving it
    is deleted and created again (its password was lost). Each step saves
    the cluster.

    :param context: the caller's context, with their token.
    :param cluster: a :class:`magnum.objects.Cluster`.
    :raises: TrusteeOrTrustToClusterFailed when Keystone refuses or fails.
    :raises: ConfigInvalid when ``[trust]`` or ``[keystone_auth]`` is
        incomplete.
    :raises: AuthorizationFailure when the context carries no token.
    """
    try:
        if not (cluster.trustee_user_id and cluster.trustee_password):
            _create_trustee(cluster)
            cluster.trust_id = None
            cluster.save()
        if not cluster.trust_id:
            cluster.trust_id = _create_trust(context, cluster)
            cluster.save()
    except ka_exceptions.ClientException as e:
        LOG.warning('Creating the trustee or trust of cluster %(cluster)s '
                    'failed: %(error)s', {'cluster': cluster.uuid,
                                          'error': e})
        raise errors.TrusteeOrTrustToClusterFailed(
            cluster_uuid=cluster.uuid, reason=_describe(e))
    LOG.info('Cluster %(cluster)s has trustee %(user)s and trust %(trust)s',
             {'cluster': cluster.uuid, 'user': cluster.trustee_user_id,
              'trust': cluster.trust_id})


def _describe(error):
    status = getattr(error, 'http_status', None)
    text = getattr(error, 'message', None) or str(error)
    if status:
        return 'Keystone answered %s: %s' % (status, text)
    return 'Keystone could not be reached: %s' % text


def _create_trustee(cluster, name=None):
    session = auth.domain_admin_session()
    domain_id = (CONF.trust.trustee_domain_id or
                 identity.token_domain_id(session))
    name = name or trustee_name(cluster)
    password = passwords.generate_password(TRUSTEE_PASSWORD_LENGTH)
    try:
        user = identity.create_user(session, name, password, domain_id)
    except ka_exceptions.Conflict:
        stale = identity.find_user(session, name, domain_id)
        if stale is not None:
            LOG.info('Replacing trustee %(user)s left by an earlier '
                     'attempt for cluster %(cluster)s',
                     {'user': stale['id'], 'cluster': cluster.uuid})
            identity.delete_user(session, stale['id'])
        user = identity.create_user(session, name, password, domain_id)
    cluster.trustee_username = user['name']
    cluster.trustee_user_id = user['id']
    cluster.trustee_password = password


def _create_trust(context, cluster):
    session = auth.caller_session(context)
    trustor = context.user_id or session.get_user_id()
    project = context.project_id or session.get_project_id()
    roles = list(CONF.trust.roles or context.roles or
                 session.auth.get_access(session).role_names)
    trust = identity.create_trust(session, trustor, cluster.trustee_user_id,
                                  project, roles,
                                  redelegation_count=REDELEGATION_COUNT)
    return trust['id']


def _trust_deleters(context, cluster):
    """Yield (label, session factory) in the order to try deleting with.

    Keystone lets the trustor or an admin delete a trust. The caller is
    tried first when they created it, then magnum's service user (an
    admin, for a cluster deleted by someone else), then the trustee
    acting through the trust itself.
    """
    if context.auth_token and context.user_id == cluster.user_id:
        yield 'caller', lambda: auth.caller_session(context)
    yield 'service user', auth.service_session
    if cluster.trustee_user_id and cluster.trustee_password:
        yield 'trustee', lambda: auth.trust_session(cluster)


def _delete_trust(context, cluster):
    problems = []
    for label, make in _trust_deleters(context, cluster):
        try:
            identity.delete_trust(make(), cluster.trust_id)
            return True
        except ka_exceptions.NotFound:
            return True
        except (ka_exceptions.ClientException,
                exception.MagnumException) as e:
            problems.append('%s: %s' % (label, e))
            if not isinstance(e, _REFUSED):
                LOG.debug('Deleting trust %(trust)s as %(who)s failed: '
                          '%(error)s', {'trust': cluster.trust_id,
                                        'who': label, 'error': e})
    LOG.warning('Could not delete trust %(trust)s of cluster %(cluster)s '
                '(%(problems)s); deleting its trustee removes it too.',
                {'trust': cluster.trust_id, 'cluster': cluster.uuid,
                 'problems': '; '.join(problems)})
    return False


def _delete_trustee(cluster):
    try:
        identity.delete_user(auth.domain_admin_session(),
                             cluster.trustee_user_id)
    except ka_exceptions.NotFound:
        pass
    except (ka_exceptions.ClientException, exception.MagnumException) as e:
        LOG.warning('Could not delete trustee %(user)s of cluster '
                    '%(cluster)s: %(error)s',
                    {'user': cluster.trustee_user_id,
                     'cluster': cluster.uuid, 'error': e})
        return False
    return True


def delete_trustee_and_trust(context, cluster):
    """Delete the cluster's trust and trustee user; missing ones are fine.

    Works whoever deletes the cluster: the creator, or another member or
    an admin (see :func:`_trust_deleters`). What was deleted is cleared on
    the object, which is not saved: the caller saves or destroys the row.
    Failures are logged, not raised, so that they never block a delete.

    :returns: True when neither the trust nor the trustee is left.
    """
    trust_gone = not cluster.trust_id or _delete_trust(context, cluster)
    had_trustee = bool(cluster.trustee_user_id)
    trustee_gone = not had_trustee or _delete_trustee(cluster)
    # Keystone drops a user's trusts with the user, so a deleted trustee
    # takes a trust we could not delete with it.
    trust_gone = trust_gone or (had_trustee and trustee_gone)
    if trust_gone:
        cluster.trust_id = None
    if trustee_gone:
        cluster.trustee_user_id = None
        cluster.trustee_username = None
        cluster.trustee_password = None
    return trust_gone and trustee_gone


@dataclasses.dataclass(frozen=True)
class Trustee:
    """A cluster's trustee user, its password and its trust."""

    user_id: str | None
    username: str | None
    password: str | None
    trust_id: str | None

    @classmethod
    def of(cls, cluster):
        return cls(cluster.trustee_user_id, cluster.trustee_username,
                   cluster.trustee_password, cluster.trust_id)

    def put_on(self, cluster):
        cluster.trustee_user_id = self.user_id
        cluster.trustee_username = self.username
        cluster.trustee_password = self.password
        cluster.trust_id = self.trust_id

    def __repr__(self):
        # Never the password.
        return 'Trustee(user_id=%r, trust_id=%r)' % (self.user_id,
                                                     self.trust_id)


def _rotated_name(cluster):
    """Return the trustee name the cluster does not use now."""
    base = trustee_name(cluster)
    if cluster.trustee_username == base:
        return base + ROTATED_SUFFIX
    return base


def rotate_trustee_and_trust(context, cluster):
    """Give ``cluster`` a new trustee user, password and trust.

    The new ones are saved on the cluster; the old ones are left alone,
    since the cluster's nodes still use them: once the new ones are
    pushed to the cluster, delete the old with
    :func:`delete_trustee`, or on failure put them back with
    :func:`undo_rotation`. A cluster without a trustee gets its first.

    :param context: the caller's context, with their token: the new
        trust is theirs.
    :returns: the old :class:`Trustee`.
    :raises: TrusteeOrTrustToClusterFailed when Keystone refuses or fails
        (the cluster is left as it was).
    :raises: AuthorizationFailure when the context carries no token.
    """
    old = Trustee.of(cluster)
    if not old.user_id:
        create_trustee_and_trust(context, cluster)
        return old
    try:
        _create_trustee(cluster, _rotated_name(cluster))
        cluster.trust_id = None
        cluster.trust_id = _create_trust(context, cluster)
    except (ka_exceptions.ClientException,
            exception.MagnumException) as e:
        new = Trustee.of(cluster)
        old.put_on(cluster)
        if new.user_id and new.user_id != old.user_id:
            delete_trustee(context, cluster, new)
        if not isinstance(e, ka_exceptions.ClientException):
            raise
        LOG.warning('Rotating the trustee and trust of cluster %(cluster)s '
                    'failed: %(error)s', {'cluster': cluster.uuid,
                                          'error': e})
        raise errors.TrusteeOrTrustToClusterFailed(
            cluster_uuid=cluster.uuid, reason=_describe(e))
    cluster.save()
    LOG.info('Cluster %(cluster)s has the new trustee %(user)s and trust '
             '%(trust)s; the old are %(old)r', {
                 'cluster': cluster.uuid, 'user': cluster.trustee_user_id,
                 'trust': cluster.trust_id, 'old': old})
    return old


def delete_trustee(context, cluster, trustee):
    """Delete a trustee and trust of ``cluster`` it no longer uses.

    Missing ones are fine; failures are logged, not raised.

    :param trustee: a :class:`Trustee`, as
        :func:`rotate_trustee_and_trust` returned.
    :returns: True when neither is left.
    """
    if not (trustee.user_id or trustee.trust_id):
        return True
    # delete_trustee_and_trust reads and clears these fields; a stand-in
    # keeps them off the cluster.
    stand_in = types.SimpleNamespace(
        uuid=cluster.uuid, user_id=cluster.user_id,
        project_id=cluster.project_id, trustee_user_id=trustee.user_id,
        trustee_username=trustee.username,
        trustee_password=trustee.password, trust_id=trustee.trust_id)
    return delete_trustee_and_trust(context, stand_in)


def undo_rotation(context, cluster, old):
    """Put the old trustee and trust back; delete the new ones.

    For a rotation whose new credentials could not be pushed to the
    cluster. The cluster is saved.
    """
    new = Trustee.of(cluster)
    old.put_on(cluster)
    cluster.save()
    if new.user_id != old.user_id:
        delete_trustee(context, cluster, new)
