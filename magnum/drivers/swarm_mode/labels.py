"""The labels the Swarm mode driver understands: its :data:`SCHEMA` and
:data:`TARGETS` (see :mod:`magnum.drivers.heat.label_table`), which a
test holds against the templates and the node bootstrap script.
"""

from magnum.drivers.heat import label_table

Target = label_table.Target
_with = label_table.described

_PROPERTIES = {
    'swarm_strategy': _with(
        {'type': 'string', 'enum': ['spread', 'binpack', 'random']},
        'How services are placed on workers: spread (replicas over '
        'nodes), binpack (fill a node first) or random.',
        default='spread'),
    'docker_address_pool': _with(
        label_table.CIDR, 'Address pool of the overlay networks of the '
        'swarm (network_driver docker).', default='10.0.0.0/8'),
    'flannel_network_cidr': _with(
        label_table.CIDR, 'Container network of flannel (network_driver '
        'flannel).', default='10.100.0.0/16'),
    'flannel_backend': _with(
        {'type': 'string', 'enum': ['vxlan', 'host-gw', 'udp']},
        'Flannel backend when network_driver is flannel.',
        default='vxlan'),
    'docker_log_max_size': _with(
        label_table.TEXT, 'Rotate container logs at this size (json-file '
        'driver).', default='50m'),
}
_PROPERTIES.update(label_table.rexray_properties())
_PROPERTIES.update(label_table.shared_properties("managers'"))

SCHEMA = label_table.schema('Labels of the Docker Swarm mode driver',
                            _PROPERTIES)

TARGETS = {
    'swarm_strategy': Target('node', 'SWARM_STRATEGY'),
    'docker_address_pool': Target('node', 'DOCKER_ADDRESS_POOL'),
    'flannel_network_cidr': Target('node', 'FLANNEL_NETWORK_CIDR'),
    'flannel_backend': Target('node', 'FLANNEL_BACKEND'),
    'docker_log_max_size': Target('node', 'DOCKER_LOG_MAX_SIZE'),
}
TARGETS.update(label_table.REXRAY_TARGETS)
TARGETS.update(label_table.SHARED_TARGETS)
