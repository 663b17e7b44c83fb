"""Rules for /v1/clusters."""

from magnum.common.policies import base

_CLUSTERS = '/v1/clusters'
_CLUSTER = '/v1/clusters/{cluster_ident}'
_DETAIL = '/v1/clusters/detail'
_RESIZE = '/v1/clusters/{cluster_ident}/actions/resize'
_UPGRADE = '/v1/clusters/{cluster_ident}/actions/upgrade'

_MEMBER = base.ADMIN_OR_PROJECT_MEMBER_DENY_CLUSTER_USER
_READER = base.ADMIN_OR_PROJECT_READER_DENY_CLUSTER_USER

rules = [
    base.project_rule(
        'cluster:create', _MEMBER, 'Create a cluster.',
        [('POST', _CLUSTERS)]),
    base.project_rule(
        'cluster:delete', _MEMBER, 'Delete a cluster.',
        [('DELETE', _CLUSTER)]),
    base.admin_rule(
        'cluster:delete_all_projects',
        'Delete a cluster that belongs to another project.',
        [('DELETE', _CLUSTER)]),
    base.project_rule(
        'cluster:detail', _READER, 'List clusters with all their fields.',
        [('GET', _DETAIL)]),
    base.admin_rule(
        'cluster:detail_all_projects',
        'List the clusters of every project with all their fields.',
        [('GET', _DETAIL)]),
    base.project_rule(
        'cluster:get', _READER, 'Show a cluster.',
        [('GET', _CLUSTER)]),
    base.admin_rule(
        'cluster:get_one_all_projects',
        'Show a cluster that belongs to another project.',
        [('GET', _CLUSTER)]),
    base.project_rule(
        'cluster:get_all', _READER, 'List clusters.',
        [('GET', _CLUSTERS)]),
    base.admin_rule(
        'cluster:get_all_all_projects', 'List the clusters of every project.',
        [('GET', _CLUSTERS)]),
    base.project_rule(
        'cluster:update', _MEMBER, 'Change a cluster.',
        [('PATCH', _CLUSTER)]),
    base.project_rule(
        'cluster:update_health_status',
        base.ADMIN_OR_PROJECT_MEMBER_USER_OR_CLUSTER_USER,
        'Change the health_status and health_status_reason of a cluster; '
        'checked on every cluster update.',
        [('PATCH', _CLUSTER)]),
    base.admin_rule(
        'cluster:update_all_projects',
        'Change a cluster that belongs to another project.',
        [('PATCH', _CLUSTER)]),
    base.project_rule(
        'cluster:resize', _MEMBER,
        'Change the node count of a nodegroup, choosing the nodes to '
        'remove.',
        [('POST', _RESIZE)]),
    base.project_rule(
        'cluster:upgrade', _MEMBER,
        'Move a cluster to the versions of another cluster template.',
        [('POST', _UPGRADE)]),
    base.admin_rule(
        'cluster:upgrade_all_projects',
        'Upgrade a cluster that belongs to another project.',
        [('POST', _UPGRADE)]),
]


def list_rules():
    return rules
