"""Quota limits the API enforces."""

from magnum.common import exception
import magnum.conf
from magnum import objects

CONF = magnum.conf.CONF

CLUSTER_RESOURCE = 'Cluster'


def cluster_limit(context, project_id):
    """Return how many clusters ``project_id`` may own.

    The project's Quota row for ``Cluster`` wins; without one,
    ``[quotas] max_clusters_per_project`` applies. The count is checked
    against it inside the insert transaction
    (:func:`magnum.db.api.create_cluster_with_operation`), so concurrent
    creates can't exceed it.
    """
    try:
        quota = objects.Quota.get_quota_by_project_id_resource(
            context, project_id, CLUSTER_RESOURCE)
    except exception.QuotaNotFound:
        return CONF.quotas.max_clusters_per_project
    if quota.hard_limit is None:
        return CONF.quotas.max_clusters_per_project
    return quota.hard_limit
