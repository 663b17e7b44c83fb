"""The runner of durable operations.

:func:`run` claims an ``operation`` row with a lease, keeps the lease
alive from a background thread while it works, hands the work to the
cluster's driver (see :mod:`magnum.conductor.handlers.cluster`) and
records the outcome:

* the driver accepted the work: the operation ``succeeded`` (it was
  handed to the backend) and the cluster stays ``*_IN_PROGRESS`` until
  the status sync sees the backend finish;
* the driver refused: the operation ``failed`` and the cluster (and the
  nodegroup the operation names) go ``*_FAILED`` with a reason that says
  what went wrong.

The claim is one conditional UPDATE, so of many conductors (or one
conductor's cast and its takeover pass) exactly one runs an operation.
An operation whose conductor died is claimed again once its lease
expires; the handlers make a second attempt safe (see there).
"""

import os
import threading

from oslo_log import log as logging
from oslo_utils import uuidutils

from magnum.common import context as magnum_context
from magnum.common import exception
from magnum.conductor.handlers import cluster as cluster_handlers
from magnum.conductor import notifications
from magnum.conductor import states
import magnum.conf
from magnum.i18n import _
from magnum import objects

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)

# One id per process, so that two workers on one host never look like
# the same owner to the lease.
_PROCESS_ID = uuidutils.generate_uuid()[:8]


def owner_name(host=None):
    """Return this process's name as a lease owner: host, pid, random id.
    """
    return '%s:%d:%s' % (host or CONF.host, os.getpid(), _PROCESS_ID)


def admin_context():
    """Return the context the conductor loads and writes rows with."""
    return magnum_context.make_admin_context(all_tenants=True)


def context_for_takeover(operation):
    """Return a context to run an operation whose cast was lost.

    The caller's token is gone: this is an admin context scoped to the
    operation's project and user, without a token. The handlers hand the
    driver the cluster's trust instead
    (:func:`magnum.conductor.handlers.credentials.driver_context`), so a
    Heat driver creates and updates stacks with a trust-scoped token;
    that works because the trust may be redelegated once
    (:mod:`magnum.common.keystone.trusts`). What needs the caller
    themselves (creating the trust, rotating it) fails with a reason.
    """
    return magnum_context.make_admin_context(
        all_tenants=True, project_id=operation.project_id,
        user_id=operation.user_id)


class LeaseKeeper:
    """Renew an operation's lease from a thread until stopped.

    :ivar lost: set when the renewal found that another owner holds the
        operation now.
    """

    def __init__(self, operation, lease_seconds):
        self._operation = operation
        self._lease_seconds = lease_seconds
        self._stop = threading.Event()
        self.lost = threading.Event()
        self._thread = threading.Thread(
            target=self._loop, name='lease-%s' % operation.uuid,
            daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()
        return False

    def _loop(self):
        interval = max(0.1, self._lease_seconds / 3.0)
        while not self._stop.wait(interval):
            try:
                if not self._operation.renew(self._lease_seconds):
                    LOG.warning('Operation %s was taken over by another '
                                'conductor.', self._operation.uuid)
                    self.lost.set()
                    return
            except Exception:
                # Keep trying: the lease is still ours until it
                # expires, and the database may come back in time.
                LOG.exception('Could not renew the lease on operation %s',
                              self._operation.uuid)


def failure_reason(operation_name, error):
    """Return the status_reason for an operation the driver refused."""
    if isinstance(error, exception.MagnumException):
        detail = str(error)
    else:
        detail = '%s: %s' % (type(error).__name__, error)
    return _('%(operation)s failed: %(detail)s') % {
        'operation': operation_name, 'detail': detail}


def run(context, operation_uuid, owner=None):
    """Claim and run one operation.

    :param context: the request context of the cast, or a takeover
        context (:func:`context_for_takeover`).
    :param operation_uuid: the operation to run.
    :param owner: the lease owner; :func:`owner_name` by default.
    :returns: the final operation state (``succeeded`` or ``failed``), or
        None when the operation was not claimed (another conductor runs
        it, or it has finished).
    """
    owner = owner or owner_name()
    lease = CONF.conductor.operation_lease_seconds
    try:
        operation = objects.Operation.claim(admin_context(), operation_uuid,
                                            owner, lease)
    except exception.OperationNotFound:
        LOG.warning('Operation %s does not exist; nothing to run.',
                    operation_uuid)
        return None
    if operation is None:
        LOG.debug('Operation %s is held by another conductor or finished.',
                  operation_uuid)
        return None
    LOG.info('Running %(name)s (operation %(op)s, attempt %(n)d) on '
             'cluster %(cluster)s', {'name': operation.name,
                                     'op': operation.uuid,
                                     'n': operation.attempts,
                                     'cluster': operation.cluster_id})
    renewing = objects.Operation.get_by_uuid(admin_context(),
                                             operation_uuid)
    with LeaseKeeper(renewing, lease):
        state, reason = _execute(context, operation)
    if not operation.finish(state, reason):
        LOG.warning('Operation %s finished here as %s, but another '
                    'conductor had taken it over; its outcome stands.',
                    operation.uuid, state)
    return state


def _execute(context, operation):
    """Run the handler; return (operation state, reason)."""
    try:
        cluster = objects.Cluster.get_by_uuid(admin_context(),
                                              operation.cluster_id)
    except exception.ClusterNotFound:
        return 'failed', _('Cluster %s no longer exists.') % (
            operation.cluster_id)
    expected = states.IN_PROGRESS_STATUS.get(operation.name)
    if expected is None:
        return 'failed', _('Unknown operation %s.') % operation.name
    if cluster.status != expected:
        # Another request moved the cluster on (a delete during a create
        # that never started, say); running this one now would undo it.
        return 'failed', _(
            'Not run: the cluster is %(status)s, not %(expected)s; a '
            'later request superseded this operation.') % {
                'status': cluster.status, 'expected': expected}
    handler = cluster_handlers.HANDLERS[operation.name]
    try:
        handler(context, operation, cluster)
    except exception.NotSupported as e:
        _refused(context, operation, cluster, e, restore=True)
        return 'failed', str(e)
    except Exception as e:
        LOG.exception('%(name)s failed for cluster %(cluster)s',
                      {'name': operation.name, 'cluster': cluster.uuid})
        _refused(context, operation, cluster, e)
        return 'failed', failure_reason(operation.name, e)
    return 'succeeded', None


def _refused(context, operation, cluster, error, restore=False):
    """Record that the driver did not start the work.

    :param restore: the driver cannot do this at all, so nothing
        happened: put the cluster (and nodegroup) back in the statuses
        the operation's params name as ``previous_status`` and
        ``previous_nodegroup_status``, when they do.
    """
    reason = failure_reason(operation.name, error)
    params = operation.params or {}
    status = states.FAILED_STATUS[operation.name]
    ng_status = states.NODEGROUP_FAILED_STATUS.get(operation.name)
    if restore:
        status = params.get('previous_status') or status
        ng_status = params.get('previous_nodegroup_status') or ng_status
    expected = [states.IN_PROGRESS_STATUS[operation.name]]
    try:
        cluster.update_status(expected, status=status, status_reason=reason)
    except (exception.ClusterStatusConflict, exception.ClusterNotFound):
        LOG.warning('Cluster %s changed while %s failed; its status is '
                    'left as it is.', cluster.uuid, operation.name)
        return
    _fail_nodegroup(operation, cluster, ng_status, reason)
    notifications.notify(context,
                         states.action_of_operation(operation.name),
                         notifications.FAILURE, cluster)


def _fail_nodegroup(operation, cluster, ng_status, reason):
    if not operation.nodegroup_id or ng_status is None:
        return
    try:
        nodegroup = objects.NodeGroup.get_by_uuid(
            admin_context(), cluster.uuid, operation.nodegroup_id)
    except exception.NodeGroupNotFound:
        return
    nodegroup.status = ng_status
    nodegroup.status_reason = reason
    nodegroup.save()
