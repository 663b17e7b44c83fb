"""Rules for /v1/mservices: the magnum services and their heartbeat."""

from magnum.common.policies import base

rules = [
    base.admin_rule(
        'magnum-service:get_all',
        'List the magnum conductors and whether they are up.',
        [('GET', '/v1/mservices')]),
]


def list_rules():
    return rules
