"""The one writer of cluster and nodegroup status from observations.

Drivers describe what they see in a :class:`magnum.drivers.base.Observation`;
:func:`apply_observation` turns it into ``status``, ``status_reason``,
``api_address``, ``coe_version`` and each nodegroup's status, node count
and addresses, then does what a finished operation calls for:

* ``*_COMPLETE``: a CADF ``success`` notification;
* ``*_FAILED``: a CADF ``failure`` notification;
* ``DELETE_COMPLETE``: the cluster's certificates, trust and trustee are
  deleted, then its nodegroups and its row;
* a non-default nodegroup observed ``DELETE_COMPLETE``: its row goes.

The cluster's status is written with a test-and-set from the status the
observation was made in, so an observation never overwrites a change an
API request made meanwhile (a delete started during an update, say).
"""

from oslo_log import log as logging

from magnum.common import context as magnum_context
from magnum.common import exception
from magnum.conductor.handlers import credentials
from magnum.conductor import notifications
from magnum.conductor import states
from magnum import objects
from magnum.objects import fields

LOG = logging.getLogger(__name__)

Status = fields.ClusterStatus


def aggregate(cluster_status, nodegroup_statuses):
    """Combine the cluster's observed status with its nodegroups'.

    A cluster is not done while one of its nodegroups is still working,
    and not healthy when one failed: in progress beats failed beats
    complete.

    :param cluster_status: the status the driver saw for the cluster.
    :param nodegroup_statuses: the statuses it saw for the nodegroups.
    :returns: the cluster status to record.
    """
    if not states.is_complete(cluster_status):
        return cluster_status
    if cluster_status == Status.DELETE_COMPLETE:
        return cluster_status
    prefix = states.prefix_of(cluster_status)
    if any(states.is_in_progress(s) for s in nodegroup_statuses):
        return prefix + '_IN_PROGRESS'
    if any(states.is_failed(s) for s in nodegroup_statuses):
        return prefix + '_FAILED'
    return cluster_status


def _failed_nodegroup_reason(cluster, observation):
    names = {ng.uuid: ng.name for ng in cluster.nodegroups}
    for uuid, seen in observation.nodegroups.items():
        if states.is_failed(seen.status):
            return 'Nodegroup %s is %s: %s' % (
                names.get(uuid, uuid), seen.status,
                seen.status_reason or 'no reason given')
    return None


def _cluster_values(cluster, observation, status):
    values = {}
    if status != cluster.status:
        values['status'] = status
    reason = observation.status_reason
    if status != observation.status and states.is_failed(status):
        reason = _failed_nodegroup_reason(cluster, observation)
    if reason != cluster.status_reason and (reason or 'status' in values):
        values['status_reason'] = reason
    if observation.api_address and (observation.api_address
                                    != cluster.api_address):
        values['api_address'] = observation.api_address
    coe_version = getattr(observation, 'coe_version', None)
    if coe_version and coe_version != cluster.coe_version:
        values['coe_version'] = coe_version
    return values


def _nodegroup_observations(cluster, observation):
    """Return {nodegroup uuid: NodeGroupObservation-like dict}.

    Drivers that report no nodegroups get the cluster-wide addresses
    on the default master and worker nodegroups.
    """
    if observation.nodegroups:
        return {uuid: {'status': seen.status,
                       'status_reason': seen.status_reason,
                       'node_count': seen.node_count,
                       'node_addresses': seen.node_addresses}
                for uuid, seen in observation.nodegroups.items()}
    seen = {}
    pairs = ((cluster.default_ng_master, observation.master_addresses),
             (cluster.default_ng_worker, observation.node_addresses))
    for ng, addresses in pairs:
        if ng is not None and addresses:
            seen[ng.uuid] = {'node_addresses': addresses}
    return seen


def _apply_to_nodegroups(cluster, observed):
    for ng in cluster.nodegroups:
        seen = observed.get(ng.uuid)
        if seen is None:
            continue
        if (seen.get('status') == Status.DELETE_COMPLETE
                and not ng.is_default):
            try:
                ng.destroy()
            except exception.NodeGroupNotFound:
                pass
            continue
        for name in ('status', 'status_reason', 'node_count',
                     'node_addresses'):
            value = seen.get(name)
            if value is None and name != 'status_reason':
                continue
            if name == 'status_reason' and 'status' not in seen:
                continue
            if getattr(ng, name) != value:
                setattr(ng, name, value)
        if ng.obj_what_changed():
            ng.save()


def apply_observation(context, cluster, observation):
    """Record what the driver observed of ``cluster``.

    :param context: an admin context.
    :param cluster: the cluster as read before the observation, its
        nodegroups attached.
    :param observation: the driver's :class:`Observation`.
    :returns: the status now recorded; None when the cluster row is gone
        (deleted, or removed meanwhile).
    """
    observed = _nodegroup_observations(cluster, observation)
    status = aggregate(observation.status,
                       [seen['status'] for seen in observed.values()
                        if seen.get('status')])
    old_status = cluster.status
    values = _cluster_values(cluster, observation, status)
    if values:
        try:
            cluster.update_status([old_status], **values)
        except exception.ClusterNotFound:
            return None
        except exception.ClusterStatusConflict as e:
            LOG.debug('Dropping a stale observation of cluster %s: %s',
                      cluster.uuid, e)
            return cluster.status
    _apply_to_nodegroups(cluster, observed)
    if status != old_status:
        _finished(context, cluster, old_status, status)
    if status == Status.DELETE_COMPLETE:
        return None
    return status


def initiator_context(context, cluster):
    """Return a context naming who started the cluster's latest operation.

    The status sync that sees an operation finish runs with an admin
    context of its own; the CADF event of the outcome should name the
    user and project of the request instead, as the pending event did.
    The operation rows keep them. Without any, ``context`` is returned.
    """
    found = objects.Operation.list_for_cluster(context, cluster.uuid)
    if not found or not found[-1].user_id:
        return context
    latest = found[-1]
    return magnum_context.RequestContext(user_id=latest.user_id,
                                         project_id=latest.project_id)


def _finished(context, cluster, old_status, status):
    LOG.info('Cluster %(uuid)s: %(old)s -> %(new)s',
             {'uuid': cluster.uuid, 'old': old_status, 'new': status})
    action = states.action_of_status(status)
    # Read before a delete removes the cluster's operations with it.
    initiator = initiator_context(context, cluster)
    if status == Status.DELETE_COMPLETE:
        remove_cluster(context, cluster)
        notifications.notify(initiator, action, notifications.SUCCESS,
                             cluster)
    elif states.is_complete(status):
        notifications.notify(initiator, action, notifications.SUCCESS,
                             cluster)
    elif states.is_failed(status):
        notifications.notify(initiator, action, notifications.FAILURE,
                             cluster)


def remove_cluster(context, cluster):
    """Delete a cluster's credentials, nodegroups and row."""
    # Keep the nodegroups in memory: the notification that follows
    # describes the cluster as it was.
    nodegroups = list(cluster.nodegroups)
    credentials.delete_for_cluster(context, cluster)
    try:
        cluster.destroy()
    except exception.ClusterNotFound:
        LOG.debug('Cluster %s was already removed.', cluster.uuid)
    cluster.set_nodegroups(nodegroups)
    LOG.info('Cluster %s deleted.', cluster.uuid)
