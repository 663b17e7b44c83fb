"""Rules for /v1/stats: cluster and node counts."""

from magnum.common.policies import base

rules = [
    base.project_rule(
        'stats:get_all', base.ADMIN_OR_PROJECT_READER,
        'Show how many clusters and nodes a project (or, for '
        'administrators, the cloud) has.',
        [('GET', '/v1/stats')]),
]


def list_rules():
    return rules
