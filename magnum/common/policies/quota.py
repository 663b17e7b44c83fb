"""Rules for /v1/quotas: per-project limits on clusters."""

from magnum.common.policies import base

_QUOTAS = '/v1/quotas'
_QUOTA = '/v1/quotas/{project_id}/{resource}'

rules = [
    base.admin_rule(
        'quota:create', 'Set a quota for a project.',
        [('POST', _QUOTAS)]),
    base.admin_rule(
        'quota:delete', 'Remove the quota of a project.',
        [('DELETE', _QUOTA)]),
    base.project_rule(
        'quota:get', base.ADMIN_OR_PROJECT_READER,
        'Show the quota of a project.',
        [('GET', _QUOTA)]),
    base.admin_rule(
        'quota:get_all', 'List the quotas of every project.',
        [('GET', _QUOTAS)]),
    base.admin_rule(
        'quota:update', 'Change the quota of a project.',
        [('PATCH', _QUOTA)]),
]


def list_rules():
    return rules
