"""What a cluster template must satisfy to be stored.

Shape and ranges are the wsme type's job; this module checks the values
against the cloud (image, flavors, networks, volume types) and the loaded
drivers, and fills in what the server decides (driver, cluster_distro,
network_driver default).
"""

from magnum.api.validation import labels as label_validation
from magnum.common.cloud import validation as cloud
from magnum.drivers import registry

# The COE name ``swarm`` is an alias of ``swarm-mode``.
COE_ALIASES = {'swarm': 'swarm-mode'}


def _boot_volume_label(values):
    return (values.get('labels') or {}).get('boot_volume_size')


def check_cloud_resources(lookups, values):
    """Look up what the template names in the cloud.

    :returns: the image's os_distro (None when it has none).
    :raises: the 400/403/409 errors of
        :mod:`magnum.common.cloud.validation`.
    """
    image, os_distro = cloud.validate_image(lookups, values['image_id'])
    boot_label = _boot_volume_label(values)
    for key in ('flavor_id', 'master_flavor_id'):
        if values.get(key):
            cloud.validate_flavor(lookups, values[key], boot_label)
    if values.get('external_network_id'):
        cloud.validate_external_network(lookups,
                                        values['external_network_id'])
    if values.get('fixed_network'):
        cloud.validate_fixed_network(lookups, values['fixed_network'])
    if values.get('fixed_subnet'):
        cloud.validate_fixed_subnet(lookups, values['fixed_subnet'])
    labels = values.get('labels') or {}
    if values.get('docker_volume_size') or labels.get('docker_volume_type'):
        cloud.validate_volume_type(lookups, labels.get('docker_volume_type'),
                                   kind='docker')
    if labels.get('etcd_volume_size') and labels.get('etcd_volume_type'):
        cloud.validate_volume_type(lookups, labels.get('etcd_volume_type'),
                                   kind='etcd')
    return os_distro


def check_static(values):
    """Checks that need no cloud: drivers for networks, volumes, storage.

    Fills in the default network driver of the COE.
    """
    coe = values['coe']
    values['network_driver'] = cloud.validate_network_driver(
        coe, values.get('network_driver'))
    cloud.validate_volume_driver(coe, values.get('volume_driver'))
    cloud.validate_docker_storage(values.get('docker_storage_driver'),
                                  values.get('docker_volume_size'))
    cloud.validate_flannel_backend(values.get('labels') or {})


def resolve_driver(values, os_distro):
    """Pick the driver for the template and record it and the distro.

    :raises: ClusterTypeNotSupported (400, saying how to set os_distro
        when the image has none), ClusterDriverNotSupported.
    """
    driver = registry.get_driver(values.get('server_type') or 'vm',
                                 os_distro, values['coe'],
                                 values.get('driver') or None)
    values['cluster_distro'] = os_distro
    values['driver'] = driver.name
    label_validation.validate(driver, values.get('labels'))
    return driver


def prepare(context, lookups, values):
    """Validate a new or patched template and complete its values.

    :param values: the template's fields; changed in place.
    :returns: the driver the template uses.
    """
    values['coe'] = COE_ALIASES.get(values['coe'], values['coe'])
    check_static(values)
    os_distro = check_cloud_resources(lookups, values)
    driver = resolve_driver(values, os_distro)
    driver.validate_cluster_template(context, _AsObject(values))
    return driver


class _AsObject:
    """Attribute access to a values dict, for driver validation hooks."""

    def __init__(self, values):
        self.__dict__.update(values)

    def __getattr__(self, name):
        return None
