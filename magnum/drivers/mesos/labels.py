"""The labels the Mesos driver understands, declared once.

:data:`SCHEMA` is the JSON Schema the API checks labels against;
:data:`TARGETS` says where each label goes (``parameter``, ``node``,
``input``, ``environment``, ``metadata``, as for the other Heat drivers).
A test holds the two against each other, the templates and the node
bootstrap script.
"""

import collections

Target = collections.namedtuple('Target', ['kind', 'name'])

_BOOL = {'type': 'string', 'enum': ['true', 'false']}
_CIDR = {'type': 'string',
         'pattern': r'^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$'}
_TEXT = {'type': 'string'}
_ISOLATORS = ('filesystem/posix', 'filesystem/linux', 'filesystem/shared',
              'posix/cpu', 'posix/mem', 'posix/disk', 'cgroups/cpu',
              'cgroups/mem', 'docker/runtime', 'namespaces/pid')


def _with(base, description, **extra):
    prop = dict(base, description=description)
    prop.update(extra)
    return prop


_PROPERTIES = {
    'mesos_slave_isolation': _with(
        {'type': 'string',
         'pattern': '^(%s)(,(%s))*$' % (('|'.join(_ISOLATORS),) * 2)},
        'Comma-separated isolators of the Mesos agents, out of: %s.'
        % ', '.join(_ISOLATORS), default='posix/cpu,posix/mem'),
    'mesos_slave_image_providers': _with(
        {'type': 'string', 'enum': ['appc', 'docker', 'appc,docker']},
        'Container image formats the Mesos containerizer accepts.'),
    'mesos_slave_work_dir': _with(
        {'type': 'string', 'pattern': '^/'},
        'Absolute path of the agents\' work directory.',
        default='/tmp/mesos'),
    'mesos_slave_executor_env_variables': _with(
        {'type': 'string', 'pattern': r'^\s*(\{.*\})?\s*$'},
        'JSON object of environment variables for the executors.'),
    'mesos_version': _with(
        _TEXT, 'Version of the mesos package.', default='1.9.0'),
    'rexray_preempt': _with(
        _BOOL, 'Let REX-Ray take a volume over from a node that still '
        'holds it (volume_driver rexray).', default='false'),
    'rexray_tag': _with(
        _TEXT, 'Version of the REX-Ray volume plugin.', default='0.11.4'),
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
        _BOOL, 'Give the masters\' load balancer a floating IP; defaults '
        'to the floating_ip_enabled of the cluster.'),
    'instance_store_type': _with(
        _TEXT, 'Passed to every server as Nova metadata.'),
    'instance_store_uuid': _with(
        _TEXT, 'Passed to every server as Nova metadata.'),
    'image_store_type': _with(
        _TEXT, 'Passed to every server as Nova metadata.'),
    'image_store_uuid': _with(
        _TEXT, 'Passed to every server as Nova metadata.'),
}

SCHEMA = {
    '$schema': 'http://json-schema.org/draft-07/schema#',
    'title': 'Labels of the Mesos on Ubuntu driver',
    'type': 'object',
    'properties': _PROPERTIES,
    'additionalProperties': {'type': 'string'},
}

TARGETS = {
    'mesos_slave_isolation': Target('node', 'MESOS_SLAVE_ISOLATION'),
    'mesos_slave_image_providers': Target('node',
                                          'MESOS_SLAVE_IMAGE_PROVIDERS'),
    'mesos_slave_work_dir': Target('node', 'MESOS_SLAVE_WORK_DIR'),
    'mesos_slave_executor_env_variables': Target(
        'node', 'MESOS_SLAVE_EXECUTOR_ENV_VARIABLES'),
    'mesos_version': Target('node', 'MESOS_VERSION'),
    'rexray_preempt': Target('node', 'REXRAY_PREEMPT'),
    'rexray_tag': Target('node', 'REXRAY_TAG'),
    'docker_volume_type': Target('input', 'docker_volume_type'),
    'fixed_subnet_cidr': Target('input', 'fixed_subnet_cidr'),
    'availability_zone': Target('parameter', 'availability_zone'),
    'master_lb_floating_ip_enabled': Target('environment',
                                            'enable_lb_floating_ip.yaml'),
    'instance_store_type': Target('metadata', 'server_metadata'),
    'instance_store_uuid': Target('metadata', 'server_metadata'),
    'image_store_type': Target('metadata', 'server_metadata'),
    'image_store_uuid': Target('metadata', 'server_metadata'),
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
