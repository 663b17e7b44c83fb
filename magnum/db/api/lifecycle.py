"""Transactions that start an asynchronous operation on a cluster.

The API calls these so that the state change a request asks for and the
durable ``operation`` row that drives it are committed together, before
anything is cast to a conductor. Either both exist or neither does: a
cast that is lost, or a conductor that dies, leaves a pending operation
that another conductor picks up.
"""

from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa

from magnum.common import exception
from magnum.db.api import common
from magnum.db.api import operations
from magnum.db import models
from magnum.i18n import _


def _new_row(model, values):
    values = dict(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    row = model()
    row.update(values)
    return row


def _operation_row(operation_values, cluster_uuid, nodegroup_uuid=None):
    values = dict(operation_values)
    values.setdefault('state', operations.PENDING)
    values.setdefault('attempts', 0)
    values['cluster_id'] = cluster_uuid
    if nodegroup_uuid:
        values['nodegroup_id'] = nodegroup_uuid
    return _new_row(models.Operation, values)


def create_cluster_with_operation(cluster_values, nodegroups_values,
                                  operation_values, max_clusters=None):
    """Insert a cluster, its nodegroups and its create operation at once.

    :param cluster_values: column values of the cluster (its status
        included).
    :param nodegroups_values: a list of column values, one per nodegroup.
    :param operation_values: ``name``, ``params``, ``project_id``,
        ``user_id`` of the operation.
    :param max_clusters: when given, the insert fails if the project
        already has this many clusters; counted in the same transaction.
    :returns: (cluster row, nodegroup rows, operation row).
    :raises: ClusterAlreadyExists, NodeGroupAlreadyExists,
        ResourceLimitExceeded.
    """
    cluster = _new_row(models.Cluster, cluster_values)
    try:
        with common.writing() as session:
            if max_clusters is not None:
                count = session.execute(
                    sa.select(sa.func.count(models.Cluster.id)).where(
                        models.Cluster.project_id == cluster.project_id)
                ).scalar_one()
                if count >= max_clusters:
                    raise exception.ResourceLimitExceeded(msg=_(
                        'You have reached the maximum clusters per '
                        'project, %d. You may delete a cluster to make '
                        'room for a new one.') % max_clusters)
            session.add(cluster)
            groups = []
            for values in nodegroups_values:
                values = dict(values, cluster_id=cluster.uuid)
                group = _new_row(models.NodeGroup, values)
                session.add(group)
                groups.append(group)
            operation = _operation_row(operation_values, cluster.uuid)
            session.add(operation)
    except db_exc.DBDuplicateEntry as error:
        if 'nodegroup' in str(error.inner_exception or '').lower():
            raise exception.NodeGroupAlreadyExists(
                name=', '.join(g.get('name', '') for g in nodegroups_values),
                cluster_id=cluster.uuid)
        raise exception.ClusterAlreadyExists(uuid=cluster.uuid)
    return cluster, groups, operation


def _conditional_cluster_update(session, cluster_uuid, expected_statuses,
                                values):
    model = models.Cluster
    expected = list(expected_statuses)
    changed = session.execute(
        sa.update(model).where(model.uuid == cluster_uuid,
                               model.status.in_(expected))
        .values(**values)
        .execution_options(synchronize_session=False)).rowcount
    row = session.execute(
        sa.select(model).where(model.uuid == cluster_uuid)
        .execution_options(populate_existing=True)).scalars().first()
    if row is None:
        raise exception.ClusterNotFound(cluster=cluster_uuid)
    if not changed:
        raise exception.ClusterStatusConflict(
            cluster=row.name or row.uuid, status=row.status,
            expected=', '.join(expected))
    return row


def start_cluster_operation(cluster_uuid, expected_statuses, cluster_values,
                            operation_values, nodegroup_uuid=None,
                            nodegroup_values=None, new_nodegroup=None):
    """Move a cluster to a new status and record the operation doing it.

    The status change is a test-and-set: it happens only when the
    cluster's current status is one of ``expected_statuses``, so of two
    conflicting requests exactly one wins and the other gets a 409.

    :param cluster_values: columns to set on the cluster (its new status).
    :param operation_values: ``name``, ``params``, ``project_id``,
        ``user_id`` of the operation.
    :param nodegroup_uuid: the nodegroup the operation is about, if any.
    :param nodegroup_values: columns to set on that nodegroup.
    :param new_nodegroup: column values of a nodegroup to insert (for
        nodegroup create); its uuid becomes the operation's nodegroup.
    :returns: (cluster row, operation row).
    :raises: ClusterNotFound, ClusterStatusConflict,
        NodeGroupAlreadyExists, NodeGroupNotFound.
    """
    try:
        with common.writing() as session:
            cluster = _conditional_cluster_update(
                session, cluster_uuid, expected_statuses, cluster_values)
            if new_nodegroup is not None:
                group = _new_row(models.NodeGroup,
                                 dict(new_nodegroup, cluster_id=cluster_uuid))
                session.add(group)
                session.flush()
                nodegroup_uuid = group.uuid
            if nodegroup_values and nodegroup_uuid:
                changed = session.execute(
                    sa.update(models.NodeGroup).where(
                        models.NodeGroup.uuid == nodegroup_uuid,
                        models.NodeGroup.cluster_id == cluster_uuid)
                    .values(**nodegroup_values)
                    .execution_options(synchronize_session=False)).rowcount
                if not changed:
                    raise exception.NodeGroupNotFound(
                        nodegroup=nodegroup_uuid)
            operation = _operation_row(operation_values, cluster_uuid,
                                       nodegroup_uuid)
            session.add(operation)
    except db_exc.DBDuplicateEntry:
        raise exception.NodeGroupAlreadyExists(
            name=(new_nodegroup or {}).get('name'), cluster_id=cluster_uuid)
    return cluster, operation
