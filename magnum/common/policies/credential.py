"""Rules for /v1/credentials: the cloud credentials a cluster uses."""

from magnum.common.policies import base

rules = [
    base.project_rule(
        'credential:rotate', base.PROJECT_MEMBER_DENY_CLUSTER_USER,
        'Replace the cloud credentials of a cluster. Administrators of '
        'other projects are not allowed by default: the new credentials '
        'act for the caller.',
        [('PATCH', '/v1/credentials/{cluster_uuid}')]),
]


def list_rules():
    return rules
