"""Every lifecycle transition of clusters and nodegroups, in one place.

An asynchronous operation moves a cluster (and, for nodegroup operations,
one nodegroup) from a status in :data:`ALLOWED_FROM` to the status in
:data:`IN_PROGRESS_STATUS`. The API does that move as a test-and-set in
the same transaction that records the operation; the conductor then asks
the driver to do the work and the status sync (:mod:`.status`) records
how it ends. When the driver refuses to start, the cluster goes to
:data:`FAILED_STATUS`.

The operation names are the ones used end to end: rpcapi, manager,
``operation.name`` and the driver method.
"""

from magnum.objects import fields

Status = fields.ClusterStatus

CREATE_CLUSTER = 'create_cluster'
UPDATE_CLUSTER = 'update_cluster'
DELETE_CLUSTER = 'delete_cluster'
RESIZE_CLUSTER = 'resize_cluster'
UPGRADE_CLUSTER = 'upgrade_cluster'
CREATE_NODEGROUP = 'create_nodegroup'
UPDATE_NODEGROUP = 'update_nodegroup'
DELETE_NODEGROUP = 'delete_nodegroup'
ROTATE_CA_CERTIFICATE = 'rotate_ca_certificate'
ROTATE_CREDENTIAL = 'rotate_credential'

OPERATIONS = (CREATE_CLUSTER, UPDATE_CLUSTER, DELETE_CLUSTER,
              RESIZE_CLUSTER, UPGRADE_CLUSTER, CREATE_NODEGROUP,
              UPDATE_NODEGROUP, DELETE_NODEGROUP, ROTATE_CA_CERTIFICATE,
              ROTATE_CREDENTIAL)

NODEGROUP_OPERATIONS = (CREATE_NODEGROUP, UPDATE_NODEGROUP,
                        DELETE_NODEGROUP)

#: A cluster at rest after a successful operation.
COMPLETE = frozenset([
    Status.CREATE_COMPLETE, Status.UPDATE_COMPLETE, Status.RESUME_COMPLETE,
    Status.RESTORE_COMPLETE, Status.ROLLBACK_COMPLETE,
    Status.SNAPSHOT_COMPLETE, Status.CHECK_COMPLETE, Status.ADOPT_COMPLETE,
])

#: Statuses the status sync watches: the backend is still working.
IN_PROGRESS = frozenset(Status.IN_PROGRESS)

FAILED = frozenset(Status.STATUS_FAILED)

#: Any status a cluster row can hold; DELETE_COMPLETE rows are removed.
ALL = frozenset(Status.ALL) - {Status.DELETE_COMPLETE}

_COMPLETE_OR_UPDATE_FAILED = COMPLETE | {Status.UPDATE_FAILED}

#: operation name -> the cluster statuses it may start from. A resize may
#: retry a failed update (the autoscaler does); a delete may start from
#: anything but another delete, so that a stuck or failed cluster can
#: always be removed.
ALLOWED_FROM = {
    CREATE_CLUSTER: frozenset(),
    UPDATE_CLUSTER: COMPLETE,
    RESIZE_CLUSTER: _COMPLETE_OR_UPDATE_FAILED,
    UPGRADE_CLUSTER: COMPLETE,
    DELETE_CLUSTER: ALL - {Status.DELETE_IN_PROGRESS},
    CREATE_NODEGROUP: _COMPLETE_OR_UPDATE_FAILED,
    UPDATE_NODEGROUP: _COMPLETE_OR_UPDATE_FAILED,
    DELETE_NODEGROUP: _COMPLETE_OR_UPDATE_FAILED,
    ROTATE_CA_CERTIFICATE: COMPLETE,
    ROTATE_CREDENTIAL: _COMPLETE_OR_UPDATE_FAILED,
}

#: operation name -> the nodegroup statuses it may start from (for the
#: nodegroup the operation names; a new nodegroup has none).
NODEGROUP_ALLOWED_FROM = {
    CREATE_NODEGROUP: frozenset(),
    UPDATE_NODEGROUP: _COMPLETE_OR_UPDATE_FAILED,
    DELETE_NODEGROUP: ALL - {Status.DELETE_IN_PROGRESS},
    RESIZE_CLUSTER: _COMPLETE_OR_UPDATE_FAILED,
    UPGRADE_CLUSTER: COMPLETE,
}

#: operation name -> the cluster status while the operation runs.
IN_PROGRESS_STATUS = {
    CREATE_CLUSTER: Status.CREATE_IN_PROGRESS,
    UPDATE_CLUSTER: Status.UPDATE_IN_PROGRESS,
    RESIZE_CLUSTER: Status.UPDATE_IN_PROGRESS,
    UPGRADE_CLUSTER: Status.UPDATE_IN_PROGRESS,
    DELETE_CLUSTER: Status.DELETE_IN_PROGRESS,
    CREATE_NODEGROUP: Status.UPDATE_IN_PROGRESS,
    UPDATE_NODEGROUP: Status.UPDATE_IN_PROGRESS,
    DELETE_NODEGROUP: Status.UPDATE_IN_PROGRESS,
    ROTATE_CA_CERTIFICATE: Status.UPDATE_IN_PROGRESS,
    ROTATE_CREDENTIAL: Status.UPDATE_IN_PROGRESS,
}

#: operation name -> the status of the nodegroup it names while it runs.
NODEGROUP_IN_PROGRESS_STATUS = {
    CREATE_NODEGROUP: Status.CREATE_IN_PROGRESS,
    UPDATE_NODEGROUP: Status.UPDATE_IN_PROGRESS,
    DELETE_NODEGROUP: Status.DELETE_IN_PROGRESS,
    RESIZE_CLUSTER: Status.UPDATE_IN_PROGRESS,
    UPGRADE_CLUSTER: Status.UPDATE_IN_PROGRESS,
}

#: operation name -> the cluster status when the driver refuses to start.
FAILED_STATUS = {
    name: status.replace('_IN_PROGRESS', '_FAILED')
    for name, status in IN_PROGRESS_STATUS.items()
}

#: operation name -> the nodegroup status when the driver refuses.
NODEGROUP_FAILED_STATUS = {
    name: status.replace('_IN_PROGRESS', '_FAILED')
    for name, status in NODEGROUP_IN_PROGRESS_STATUS.items()
}

#: CADF actions (``magnum.cluster.<action>``) by status prefix and by
#: operation: resize, upgrade, rotations and nodegroup work count as
#: update, as upstream reports them.
ACTION_CREATE = 'create'
ACTION_UPDATE = 'update'
ACTION_DELETE = 'delete'

_ACTION_BY_PREFIX = {
    'CREATE': ACTION_CREATE,
    'DELETE': ACTION_DELETE,
}


def action_of_operation(name):
    """Return the CADF action of an operation name."""
    return action_of_status(IN_PROGRESS_STATUS[name])


def action_of_status(status):
    """Return the CADF action a cluster status belongs to."""
    return _ACTION_BY_PREFIX.get(status.split('_')[0], ACTION_UPDATE)


def is_in_progress(status):
    """Tell whether ``status`` means the backend is still working."""
    return bool(status) and status.endswith('_IN_PROGRESS')


def is_failed(status):
    """Tell whether ``status`` is a failure."""
    return bool(status) and status.endswith('_FAILED')


def is_complete(status):
    """Tell whether ``status`` is a success."""
    return bool(status) and status.endswith('_COMPLETE')


def prefix_of(status):
    """Return the operation part of a status (``CREATE`` of ``CREATE_..``).
    """
    for suffix in ('_IN_PROGRESS', '_COMPLETE', '_FAILED'):
        if status.endswith(suffix):
            return status[:-len(suffix)]
    return status
