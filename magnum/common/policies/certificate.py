"""Rules for /v1/certificates: cluster CAs and signed client certs."""

from magnum.common.policies import base

_CLUSTER_CERT = '/v1/certificates/{cluster_uuid}'

rules = [
    base.project_rule(
        'certificate:create', base.ADMIN_OR_PROJECT_MEMBER_USER,
        'Have the cluster CA sign a certificate signing request.',
        [('POST', '/v1/certificates')]),
    base.project_rule(
        'certificate:get', base.ADMIN_OR_PROJECT_READER_USER,
        'Show the CA certificate of a cluster.',
        [('GET', _CLUSTER_CERT)]),
    base.project_rule(
        'certificate:rotate_ca', base.ADMIN_OR_PROJECT_MEMBER,
        'Replace the CAs of a cluster and push them to its nodes.',
        [('PATCH', _CLUSTER_CERT)]),
]


def list_rules():
    return rules
