"""Rules for /v1/clustertemplates."""

from magnum.common.policies import base

_TEMPLATES = '/v1/clustertemplates'
_TEMPLATE = '/v1/clustertemplates/{clustertemplate_ident}'
_DETAIL = '/v1/clustertemplates/detail'

_READER = base.ADMIN_OR_PROJECT_READER_DENY_CLUSTER_USER

rules = [
    base.project_rule(
        'clustertemplate:create',
        base.ADMIN_OR_PROJECT_MEMBER_DENY_CLUSTER_USER,
        'Create a cluster template.',
        [('POST', _TEMPLATES)]),
    base.project_rule(
        'clustertemplate:delete', base.ADMIN_OR_PROJECT_MEMBER,
        'Delete a cluster template.',
        [('DELETE', _TEMPLATE)]),
    base.admin_rule(
        'clustertemplate:delete_all_projects',
        'Delete a cluster template that belongs to another project.',
        [('DELETE', _TEMPLATE)]),
    base.project_rule(
        'clustertemplate:detail', _READER,
        'List cluster templates with all their fields.',
        [('GET', _DETAIL)]),
    base.admin_rule(
        'clustertemplate:detail_all_projects',
        'List the cluster templates of every project with all their '
        'fields.',
        [('GET', _DETAIL)]),
    base.project_rule(
        'clustertemplate:get', _READER, 'Show a cluster template.',
        [('GET', _TEMPLATE)]),
    base.admin_rule(
        'clustertemplate:get_one_all_projects',
        'Show a cluster template that belongs to another project.',
        [('GET', _TEMPLATE)]),
    base.project_rule(
        'clustertemplate:get_all', _READER, 'List cluster templates.',
        [('GET', _TEMPLATES)]),
    base.admin_rule(
        'clustertemplate:get_all_all_projects',
        'List the cluster templates of every project.',
        [('GET', _TEMPLATES)]),
    base.project_rule(
        'clustertemplate:update', base.ADMIN_OR_PROJECT_MEMBER,
        'Change a cluster template.',
        [('PATCH', _TEMPLATE)]),
    base.admin_rule(
        'clustertemplate:update_all_projects',
        'Change a cluster template that belongs to another project.',
        [('PATCH', _TEMPLATE)]),
    base.admin_rule(
        'clustertemplate:publish',
        'Set the public or hidden flag of a cluster template, making it '
        'visible to (or hiding it from) every project.',
        [('POST', _TEMPLATES), ('PATCH', _TEMPLATE)]),
]


def list_rules():
    return rules
