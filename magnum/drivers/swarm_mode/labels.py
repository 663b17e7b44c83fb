"""The labels the Swarm mode driver understands, declared once.

:data:`SCHEMA` is the JSON Schema the API checks labels against;
:data:`TARGETS` says where each label goes (same kinds as the Kubernetes
driver: ``parameter``, ``node``, ``input``, ``environment``,
``metadata``). A test holds the two against each other and against the
templates and the node bootstrap script.
"""

import collections

Target = collections.namedtuple('Target', ['kind', 'name'])

_BOOL = {'type': 'string', 'enum': ['true', 'false']}
_SIZE = {'type': 'string', 'pattern': '^[0-9]+$'}
_CIDR = {'type': 'string',
         'pattern': r'^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$'}
_TEXT = {'type': 'string'}


def _with(base, description, **extra):
    prop = dict(base, description=description)
    prop.update(extra)
    return prop


_PROPERTIES = {
    'swarm_strategy': _with(
        {'type': 'string', 'enum': ['spread', 'binpack', 'random']},
        'How services are placed on workers: spread (replicas over '
        'nodes), binpack (fill a node first) or random.',
        default='spread'),
    'docker_volume_type': _with(
        _TEXT, 'Cinder volume type of the container storage volume; '
        'else [cinder] default_docker_volume_type, else the cloud '
        'default.'),
    'fixed_subnet_cidr': _with(
        _CIDR, 'CIDR of the private subnet made for the cluster.',
        default='10.0.0.0/24'),
    'availability_zone': _with(
        _TEXT, 'Nova availability zone of every server.'),
    'master_lb_floating_ip_enabled': _with(
        _BOOL, 'Give the managers\' load balancer a floating IP; defaults '
        'to the floating_ip_enabled of the cluster.'),
    'instance_store_type': _with(
        _TEXT, 'Passed to every server as Nova metadata.'),
    'instance_store_uuid': _with(
        _TEXT, 'Passed to every server as Nova metadata.'),
    'image_store_type': _with(
        _TEXT, 'Passed to every server as Nova metadata.'),
    'image_store_uuid': _with(
        _TEXT, 'Passed to every server as Nova metadata.'),
    'docker_address_pool': _with(
        _CIDR, 'Address pool of the overlay networks of the swarm '
        '(network_driver docker).', default='10.0.0.0/8'),
    'flannel_network_cidr': _with(
        _CIDR, 'Container network of flannel (network_driver flannel).',
        default='10.100.0.0/16'),
    'flannel_backend': _with(
        {'type': 'string', 'enum': ['vxlan', 'host-gw', 'udp']},
        'Flannel backend when network_driver is flannel.',
        default='vxlan'),
    'rexray_preempt': _with(
        _BOOL, 'Let REX-Ray take a volume over from a node that still '
        'holds it (volume_driver rexray).', default='false'),
    'rexray_tag': _with(
        _TEXT, 'Version of the REX-Ray volume plugin.', default='0.11.4'),
    'docker_log_max_size': _with(
        _TEXT, 'Rotate container logs at this size (json-file driver).',
        default='50m'),
}

SCHEMA = {
    '$schema': 'http://json-schema.org/draft-07/schema#',
    'title': 'Labels of the Docker Swarm mode driver',
    'type': 'object',
    'properties': _PROPERTIES,
    'additionalProperties': {'type': 'string'},
}

TARGETS = {
    'swarm_strategy': Target('node', 'SWARM_STRATEGY'),
    'docker_volume_type': Target('input', 'docker_volume_type'),
    'fixed_subnet_cidr': Target('input', 'fixed_subnet_cidr'),
    'availability_zone': Target('parameter', 'availability_zone'),
    'master_lb_floating_ip_enabled': Target('environment',
                                            'enable_lb_floating_ip.yaml'),
    'instance_store_type': Target('metadata', 'server_metadata'),
    'instance_store_uuid': Target('metadata', 'server_metadata'),
    'image_store_type': Target('metadata', 'server_metadata'),
    'image_store_uuid': Target('metadata', 'server_metadata'),
    'docker_address_pool': Target('node', 'DOCKER_ADDRESS_POOL'),
    'flannel_network_cidr': Target('node', 'FLANNEL_NETWORK_CIDR'),
    'flannel_backend': Target('node', 'FLANNEL_BACKEND'),
    'rexray_preempt': Target('node', 'REXRAY_PREEMPT'),
    'rexray_tag': Target('node', 'REXRAY_TAG'),
    'docker_log_max_size': Target('node', 'DOCKER_LOG_MAX_SIZE'),
}


def parameters_table():
    """label -> Heat parameter, for labels passed through verbatim."""
    return {label: target.name for label, target in TARGETS.items()
            if target.kind == 'parameter'}


def node_settings(labels):
    """Return [(variable, value)] of the node settings, schema defaults
    filling labels that are not set, sorted by variable.
    """
    settings = []
    for label, target in sorted(TARGETS.items(),
                                key=lambda item: item[1].name):
        if target.kind == 'node':
            value = labels.get(label)
            if value in (None, ''):
                value = _PROPERTIES[label].get('default', '')
            settings.append((target.name, value))
    return settings
