"""Database access for clusters, their status and their statistics."""

from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa

from magnum.common import exception
from magnum.db.api import common
from magnum.db import models

_FILTERS = frozenset([
    'name', 'uuid', 'status', 'cluster_template_id', 'project_id',
    'user_id', 'stack_id', 'api_address', 'health_status', 'keypair',
    'flavor_id', 'master_flavor_id', 'coe_version', 'container_version',
])


def _not_found(ident):
    return exception.ClusterNotFound(cluster=ident)


def _visible(context):
    return common.scope_to_project(
        context, sa.select(models.Cluster), models.Cluster)


def create_cluster(values):
    """Insert a cluster.

    :param values: a dict of column values; a uuid is generated if absent.
    :returns: the new ``models.Cluster`` row.
    :raises: ClusterAlreadyExists if the uuid is taken.
    """
    values = dict(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    row = models.Cluster()
    row.update(values)
    try:
        with common.writing() as session:
            session.add(row)
    except db_exc.DBDuplicateEntry:
        raise exception.ClusterAlreadyExists(uuid=values['uuid'])
    return row


def get_cluster_by_id(context, cluster_id):
    """Return the caller's cluster with this integer id.

    :raises: ClusterNotFound
    """
    with common.reading(context) as session:
        return common.one_or_raise(
            session, _visible(context).where(models.Cluster.id == cluster_id),
            _not_found(cluster_id))


def get_cluster_by_uuid(context, cluster_uuid):
    """Return the caller's cluster with this uuid.

    :raises: ClusterNotFound
    """
    with common.reading(context) as session:
        return common.one_or_raise(
            session,
            _visible(context).where(models.Cluster.uuid == cluster_uuid),
            _not_found(cluster_uuid))


def get_cluster_by_name(context, name):
    """Return the caller's one cluster called ``name``.

    :raises: ClusterNotFound, or Conflicts if the name is shared.
    """
    with common.reading(context) as session:
        return common.one_by_name(session, _visible(context),
                                  models.Cluster.name, name,
                                  _not_found(name), 'clusters')


def get_cluster_list(context, filters=None, limit=None, marker=None,
                     sort_key=None, sort_dir=None):
    """Return one page of the caller's clusters.

    Nodegroups are not loaded; fetch them for the whole page with
    :func:`magnum.db.api.nodegroups.get_nodegroups_for_clusters`.

    :param filters: column equality filters; ``status`` may be a list.
    :returns: a list of read-only rows with the columns of
        ``models.Cluster``.
    :raises: InvalidParameterValue for a bad filter, sort key, direction
        or marker.
    """
    visible = _visible(context)
    stmt = common.apply_filters(visible, models.Cluster, filters, _FILTERS)
    with common.reading(context) as session:
        return common.paginate(session, models.Cluster, stmt, limit, marker,
                               sort_key, sort_dir, marker_stmt=visible)


def get_cluster_count_all(context, filters=None):
    """Count the caller's clusters matching ``filters``.

    :returns: an int.
    """
    stmt = common.apply_filters(_visible(context), models.Cluster, filters,
                                _FILTERS)
    count = sa.select(sa.func.count()).select_from(stmt.subquery())
    with common.reading(context) as session:
        return session.execute(count).scalar_one()


def count_clusters(project_id):
    """Count a project's clusters, for quota checks.

    :returns: an int.
    """
    stmt = sa.select(sa.func.count(models.Cluster.id)).where(
        models.Cluster.project_id == project_id)
    with common.reading() as session:
        return session.execute(stmt).scalar_one()


def get_cluster_stats(context, project_id=None):
    """Count clusters and their nodes with two aggregate queries.

    Nodes are summed over ``nodegroup`` alone: a nodegroup carries its
    cluster's project, and the ``(project_id, node_count)`` index answers
    the sum without reading the rows or joining ``cluster``. A nodegroup
    is deleted with its cluster, in the same transaction.

    The caller decides who may ask about which project.

    :param project_id: count only this project; None counts every project.
    :returns: a tuple ``(cluster_count, node_count)``; the node count
        includes masters.
    """
    # count(*), not count(id): SQLite answers an unfiltered count(*) from
    # the b-tree's page counts instead of visiting every row.
    clusters = sa.select(sa.func.count()).select_from(models.Cluster)
    nodes = sa.select(
        sa.func.coalesce(sa.func.sum(models.NodeGroup.node_count), 0))
    if project_id is not None:
        clusters = clusters.where(models.Cluster.project_id == project_id)
        nodes = nodes.where(models.NodeGroup.project_id == project_id)
    # One statement, one round trip: both counts as scalar subqueries.
    both = sa.select(clusters.scalar_subquery(), nodes.scalar_subquery())
    with common.reading(context) as session:
        cluster_count, node_count = session.execute(both).one()
    return cluster_count, int(node_count)


def _select_for_write(cluster_uuid):
    return sa.select(models.Cluster).where(
        models.Cluster.uuid == cluster_uuid).execution_options(
            populate_existing=True)


def update_cluster(cluster_uuid, values):
    """Change columns of a cluster, whatever its status.

    Status changes that must not race use :func:`update_cluster_status`.

    :returns: the updated row.
    :raises: ClusterNotFound, InvalidParameterValue when ``values`` holds
        ``id`` or ``uuid``.
    """
    common.reject_identity_change(values, 'Cluster')
    with common.writing() as session:
        row = common.one_or_raise(session, _select_for_write(cluster_uuid),
                                  _not_found(cluster_uuid))
        row.update(values)
        session.flush()
    return row


def update_cluster_status(cluster_uuid, expected_statuses, values):
    """Change a cluster only if its status is one of ``expected_statuses``.

    One conditional ``UPDATE``: of two concurrent requests expecting the
    same status only the first matches the row, the second gets a
    conflict instead of overwriting it.

    :param expected_statuses: the statuses the change is valid from.
    :param values: the columns to set, usually including ``status``.
    :returns: the updated row.
    :raises: ClusterNotFound, ClusterStatusConflict (carrying the actual
        status), InvalidParameterValue when ``values`` holds ``id`` or
        ``uuid``.
    """
    common.reject_identity_change(values, 'Cluster')
    expected = list(expected_statuses)
    model = models.Cluster
    stmt = sa.update(model).where(
        model.uuid == cluster_uuid, model.status.in_(expected)
    ).values(**values).execution_options(synchronize_session=False)
    with common.writing() as session:
        changed = session.execute(stmt).rowcount
        row = common.one_or_raise(session, _select_for_write(cluster_uuid),
                                  _not_found(cluster_uuid))
        if not changed:
            raise exception.ClusterStatusConflict(
                cluster=row.name or row.uuid, status=row.status,
                expected=', '.join(expected))
    return row


def destroy_cluster(cluster_uuid):
    """Delete a cluster and its nodegroups in one transaction.

    :raises: ClusterNotFound
    """
    with common.writing() as session:
        deleted = session.execute(
            sa.delete(models.Cluster).where(
                models.Cluster.uuid == cluster_uuid)).rowcount
        if not deleted:
            raise _not_found(cluster_uuid)
        session.execute(sa.delete(models.NodeGroup).where(
            models.NodeGroup.cluster_id == cluster_uuid))
