"""The labels of the Mesos driver, in the form of
:mod:`magnum.drivers.heat.label_table`. A test holds the schema and the
targets against the templates and the node bootstrap script.
"""

from magnum.drivers.heat import label_table

Target = label_table.Target
_with = label_table.described

_ISOLATORS = ('filesystem/posix', 'filesystem/linux', 'filesystem/shared',
              'posix/cpu', 'posix/mem', 'posix/disk', 'cgroups/cpu',
              'cgroups/mem', 'docker/runtime', 'namespaces/pid')

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
        label_table.TEXT, 'Version of the mesos package.', default='1.9.0'),
}
_PROPERTIES.update(label_table.rexray_properties())
_PROPERTIES.update(label_table.shared_properties("masters'"))

SCHEMA = label_table.schema('Labels of the Mesos on Ubuntu driver',
                            _PROPERTIES)

TARGETS = {
    'mesos_slave_isolation': Target('node', 'MESOS_SLAVE_ISOLATION'),
    'mesos_slave_image_providers': Target('node',
                                          'MESOS_SLAVE_IMAGE_PROVIDERS'),
    'mesos_slave_work_dir': Target('node', 'MESOS_SLAVE_WORK_DIR'),
    'mesos_slave_executor_env_variables': Target(
        'node', 'MESOS_SLAVE_EXECUTOR_ENV_VARIABLES'),
    'mesos_version': Target('node', 'MESOS_VERSION'),
}
TARGETS.update(label_table.REXRAY_TARGETS)
TARGETS.update(label_table.SHARED_TARGETS)
