"""Database access for nodegroups.

A nodegroup belongs to one cluster; ``cluster_id`` everywhere here is the
cluster's uuid, as stored in the ``nodegroup.cluster_id`` column.
"""

import collections

from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa

from magnum.common import exception
from magnum.db.api import common
from magnum.db import models
from magnum.i18n import _

_FILTERS = frozenset([
    'name', 'uuid', 'role', 'is_default', 'status', 'flavor_id', 'image_id',
    'stack_id', 'version',
])


def _not_found(ident):
    return exception.NodeGroupNotFound(nodegroup=ident)


def _in_cluster(context, cluster_id):
    model = models.NodeGroup
    stmt = sa.select(model).where(model.cluster_id == cluster_id)
    return common.scope_to_project(context, stmt, model)


def create_nodegroup(values):
    """Insert a nodegroup.

    :param values: a dict of column values including ``cluster_id`` and
        ``name``; a uuid is generated if absent.
    :returns: the new ``models.NodeGroup`` row.
    :raises: NodeGroupAlreadyExists if the cluster already has a nodegroup
        of that name (or the uuid is taken).
    """
    values = dict(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    row = models.NodeGroup()
    row.update(values)
    try:
        with common.writing() as session:
            session.add(row)
    except db_exc.DBDuplicateEntry:
        raise exception.NodeGroupAlreadyExists(
            name=values.get('name'), cluster_id=values.get('cluster_id'))
    return row


def get_nodegroup_by_id(context, cluster_id, nodegroup_id):
    """Return the nodegroup with this integer id in a cluster.

    :raises: NodeGroupNotFound
    """
    with common.reading(context) as session:
        return common.one_or_raise(
            session, _in_cluster(context, cluster_id).where(
                models.NodeGroup.id == nodegroup_id),
            _not_found(nodegroup_id))


def get_nodegroup_by_uuid(context, cluster_id, nodegroup_uuid):
    """Return the nodegroup with this uuid in a cluster.

    :raises: NodeGroupNotFound
    """
    with common.reading(context) as session:
        return common.one_or_raise(
            session, _in_cluster(context, cluster_id).where(
                models.NodeGroup.uuid == nodegroup_uuid),
            _not_found(nodegroup_uuid))


def get_nodegroup_by_name(context, cluster_id, name):
    """Return the nodegroup called ``name`` in a cluster.

    Names are unique within a cluster, so there is no ambiguity.

    :raises: NodeGroupNotFound
    """
    with common.reading(context) as session:
        return common.one_by_name(
            session, _in_cluster(context, cluster_id),
            models.NodeGroup.name, name, _not_found(name), 'nodegroups')


def list_cluster_nodegroups(context, cluster_id, filters=None, limit=None,
                            marker=None, sort_key=None, sort_dir=None):
    """Return one page of a cluster's nodegroups.

    :param filters: column equality filters (``role``, ``is_default``,
        ``status``, ...).
    :returns: a list of read-only rows with the columns of
        ``models.NodeGroup``.
    :raises: InvalidParameterValue for a bad filter, sort key, direction
        or marker.
    """
    visible = _in_cluster(context, cluster_id)
    stmt = common.apply_filters(visible, models.NodeGroup, filters, _FILTERS)
    with common.reading(context) as session:
        return common.paginate(session, models.NodeGroup, stmt, limit,
                               marker, sort_key, sort_dir,
                               marker_stmt=visible)


def get_nodegroups_for_clusters(context, cluster_uuids):
    """Return the nodegroups of many clusters with a single query.

    Lets a cluster list compute node counts and addresses for a whole
    page without one query per cluster.

    :param cluster_uuids: an iterable of cluster uuids.
    :returns: a dict of cluster uuid to its list of read-only rows
        (ordered by id), with the columns of ``models.NodeGroup``; every
        requested uuid is a key.
    """
    uuids = list(dict.fromkeys(cluster_uuids))
    result = collections.OrderedDict((u, []) for u in uuids)
    if not uuids:
        return result
    model = models.NodeGroup
    stmt = common.scope_to_project(
        context, sa.select(model).where(model.cluster_id.in_(uuids)), model
    ).order_by(model.id)
    with common.reading(context) as session:
        for row in session.execute(common.as_columns(stmt, model)):
            result[row.cluster_id].append(row)
    return result


def count_nodegroups(cluster_id):
    """Count a cluster's nodegroups.

    :returns: an int.
    """
    stmt = sa.select(sa.func.count(models.NodeGroup.id)).where(
        models.NodeGroup.cluster_id == cluster_id)
    with common.reading() as session:
        return session.execute(stmt).scalar_one()


def _select_for_write(cluster_id, nodegroup_uuid):
    model = models.NodeGroup
    return sa.select(model).where(
        model.cluster_id == cluster_id, model.uuid == nodegroup_uuid
    ).execution_options(populate_existing=True)


def update_nodegroup(cluster_id, nodegroup_uuid, values):
    """Change columns of a nodegroup, whatever its status.

    :returns: the updated row.
    :raises: NodeGroupNotFound, NodeGroupAlreadyExists on a rename to a
        taken name, InvalidParameterValue when ``values`` holds ``id`` or
        ``uuid``.
    """
    common.reject_identity_change(values, 'NodeGroup')
    try:
        with common.writing() as session:
            row = common.one_or_raise(
                session, _select_for_write(cluster_id, nodegroup_uuid),
                _not_found(nodegroup_uuid))
            row.update(values)
            session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.NodeGroupAlreadyExists(name=values.get('name'),
                                               cluster_id=cluster_id)
    return row


def update_nodegroup_status(cluster_id, nodegroup_uuid, expected_statuses,
                            values):
    """Change a nodegroup only if its status is one of ``expected_statuses``.

    The nodegroup twin of
    :func:`magnum.db.api.clusters.update_cluster_status`.

    :returns: the updated row.
    :raises: NodeGroupNotFound, ClusterStatusConflict (naming the
        nodegroup and its actual status).
    """
    common.reject_identity_change(values, 'NodeGroup')
    expected = list(expected_statuses)
    model = models.NodeGroup
    stmt = sa.update(model).where(
        model.cluster_id == cluster_id, model.uuid == nodegroup_uuid,
        model.status.in_(expected)
    ).values(**values).execution_options(synchronize_session=False)
    with common.writing() as session:
        changed = session.execute(stmt).rowcount
        row = common.one_or_raise(
            session, _select_for_write(cluster_id, nodegroup_uuid),
            _not_found(nodegroup_uuid))
        if not changed:
            raise exception.ClusterStatusConflict(
                message=_('Nodegroup %(ng)s of cluster %(cluster)s is '
                          '%(status)s; this request needs it to be one of '
                          '%(expected)s. Wait for the current operation to '
                          'finish and retry.') % {
                              'ng': row.name, 'cluster': cluster_id,
                              'status': row.status,
                              'expected': ', '.join(expected)},
                cluster=cluster_id, status=row.status,
                expected=', '.join(expected))
    return row


def destroy_nodegroup(cluster_id, nodegroup_uuid):
    """Delete one nodegroup of a cluster.

    :raises: NodeGroupNotFound
    """
    model = models.NodeGroup
    with common.writing() as session:
        deleted = session.execute(sa.delete(model).where(
            model.cluster_id == cluster_id,
            model.uuid == nodegroup_uuid)).rowcount
    if not deleted:
        raise _not_found(nodegroup_uuid)
