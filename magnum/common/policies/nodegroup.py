"""Rules for /v1/clusters/{cluster_id}/nodegroups.

The target of these rules is always the caller's own project and user:
the controller checks the cluster's ownership separately.
"""

from magnum.common.policies import base

_NODEGROUPS = '/v1/clusters/{cluster_id}/nodegroups'
_NODEGROUP = '/v1/clusters/{cluster_id}/nodegroups/{nodegroup}'

rules = [
    base.project_rule(
        'nodegroup:get', base.ADMIN_OR_PROJECT_READER,
        'Show a nodegroup.',
        [('GET', _NODEGROUP)]),
    base.project_rule(
        'nodegroup:get_all', base.ADMIN_OR_PROJECT_READER,
        'List the nodegroups of a cluster.',
        [('GET', _NODEGROUPS)]),
    base.admin_rule(
        'nodegroup:get_all_all_projects',
        'List the nodegroups of a cluster of another project.',
        [('GET', _NODEGROUPS)]),
    base.admin_rule(
        'nodegroup:get_one_all_projects',
        'Show a nodegroup of a cluster of another project.',
        [('GET', _NODEGROUP)]),
    base.project_rule(
        'nodegroup:create', base.ADMIN_OR_PROJECT_MEMBER,
        'Add a nodegroup to a cluster.',
        [('POST', _NODEGROUPS)]),
    base.project_rule(
        'nodegroup:delete', base.ADMIN_OR_PROJECT_MEMBER,
        'Delete a nodegroup and its nodes.',
        [('DELETE', _NODEGROUP)]),
    base.project_rule(
        'nodegroup:update', base.ADMIN_OR_PROJECT_MEMBER,
        'Change a nodegroup.',
        [('PATCH', _NODEGROUP)]),
]


def list_rules():
    return rules
