"""Building blocks of a Heat driver's label declarations.

A driver's ``labels`` module declares its labels twice over: ``SCHEMA``,
the JSON Schema the API checks labels against, and ``TARGETS``, where
each label goes. The kinds of :class:`Target`:

``parameter``
    passed verbatim as the named parameter of ``cluster.yaml``.
``node``
    written to the node settings file on every node as the named
    variable, which ``fragments/bootstrap.sh`` reads.
``input``
    used while resolving inputs; ends up in the named parameter.
``environment``
    picks the named environment file (``environments/``).
``metadata``
    handed to every server as Nova metadata (``server_metadata``).

The labels every Heat driver reads the same way are declared here once.
"""

import collections

Target = collections.namedtuple('Target', ['kind', 'name'])

BOOL = {'type': 'string', 'enum': ['true', 'false']}
SIZE = {'type': 'string', 'pattern': '^[0-9]+$'}
CIDR = {'type': 'string',
        'pattern': r'^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$'}
TEXT = {'type': 'string'}

_METADATA = 'Passed to every server as Nova metadata.'

#: Where the labels of :func:`shared_properties` go.
SHARED_TARGETS = {
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

#: Where the labels of :func:`rexray_properties` go.
REXRAY_TARGETS = {
    'rexray_preempt': Target('node', 'REXRAY_PREEMPT'),
    'rexray_tag': Target('node', 'REXRAY_TAG'),
}


def described(base, description, **extra):
    """Return a copy of the property ``base`` with a description.

    :param extra: more keywords of the property, such as ``default``.
    """
    prop = dict(base, description=description)
    prop.update(extra)
    return prop


def schema(title, properties):
    """Return the labels schema of a driver.

    Labels the schema does not describe must still be strings.
    """
    return {
        '$schema': 'http://json-schema.org/draft-07/schema#',
        'title': title,
        'type': 'object',
        'properties': properties,
        'additionalProperties': {'type': 'string'},
    }


def shared_properties(load_balancer):
    """Return the schema properties of the labels in :data:`SHARED_TARGETS`.

    :param load_balancer: what the driver calls the load balancer in
        front of its masters, as in "Give the <load_balancer> load
        balancer a floating IP".
    """
    return {
        'docker_volume_type': described(
            TEXT, 'Cinder volume type of the container storage volume; '
            'else [cinder] default_docker_volume_type, else the cloud '
            'default.'),
        'fixed_subnet_cidr': described(
            CIDR, 'CIDR of the private subnet made for the cluster.',
            default='10.0.0.0/24'),
        'availability_zone': described(
            TEXT, 'Nova availability zone of every server.'),
        'master_lb_floating_ip_enabled': described(
            BOOL, 'Give the %s load balancer a floating IP; defaults to '
            'the floating_ip_enabled of the cluster.' % load_balancer),
        'instance_store_type': described(TEXT, _METADATA),
        'instance_store_uuid': described(TEXT, _METADATA),
        'image_store_type': described(TEXT, _METADATA),
        'image_store_uuid': described(TEXT, _METADATA),
    }


def rexray_properties():
    """Return the schema properties of the REX-Ray volume plugin's labels
    (:data:`REXRAY_TARGETS`), for drivers offering volume_driver rexray.
    """
    return {
        'rexray_preempt': described(
            BOOL, 'Let REX-Ray take a volume over from a node that still '
            'holds it (volume_driver rexray).', default='false'),
        'rexray_tag': described(
            TEXT, 'Version of the REX-Ray volume plugin.', default='0.11.4'),
    }


def parameters_table(targets):
    """Return label -> Heat parameter, for labels passed through verbatim.
    """
    return {label: target.name for label, target in targets.items()
            if target.kind == 'parameter'}


def node_settings(schema, targets, labels):
    """Return [(variable, value)] of the node settings, sorted by variable.

    Schema defaults fill the labels that are not set.
    """
    properties = schema['properties']
    settings = []
    for label, target in sorted(targets.items(),
                                key=lambda item: item[1].name):
        if target.kind != 'node':
            continue
        value = labels.get(label)
        if value in (None, ''):
            value = properties[label].get('default', '')
        settings.append((target.name, value))
    return settings
