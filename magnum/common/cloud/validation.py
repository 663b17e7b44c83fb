"""Checks the API runs on templates, clusters and nodegroups.

The checks that need the cloud take a
:class:`magnum.common.cloud.lookups.CloudLookups` so that one request asks
each service at most once; the others only read configuration. Every
rejection is a MagnumException carrying its HTTP status.
"""

from magnum.common import exception
import magnum.conf
from magnum.i18n import _

CONF = magnum.conf.CONF

# Network and volume drivers each COE can run, before configuration
# narrows them; names are case-sensitive.
SUPPORTED_NETWORK_DRIVERS = {
    'kubernetes': ('flannel', 'calico'),
    'swarm': ('docker', 'flannel'),
    'swarm-mode': ('docker', 'flannel'),
    'mesos': ('docker',),
}
SUPPORTED_VOLUME_DRIVERS = {
    'kubernetes': ('cinder',),
    'swarm': ('cinder', 'rexray'),
    'swarm-mode': ('cinder', 'rexray'),
    'mesos': ('rexray',),
}
# The [cluster_template] option prefix of each COE.
_CONFIG_PREFIX = {
    'kubernetes': 'kubernetes',
    'swarm': 'swarm',
    'swarm-mode': 'swarm',
    'mesos': 'mesos',
}

FLANNEL_BACKENDS = ('vxlan', 'host-gw', 'udp')
DEVICEMAPPER_MIN_VOLUME_SIZE = 3
VOLUME_TYPE_KINDS = ('docker', 'etcd', 'boot')


def _expecting(names):
    return '/'.join(list(names) + ['unspecified'])


def _config_prefix(coe):
    try:
        return _CONFIG_PREFIX[coe]
    except KeyError:
        raise exception.InvalidParameterValue(
            err=_('Requested COE type %s is not supported.') % coe)


# -- checks that ask the cloud ---------------------------------------------

def validate_image(lookups, image_ident):
    """Find the template's image.

    A missing ``os_distro`` is not an error here: the driver registry
    rejects the (server_type, None, coe) tuple with the message that says
    how to set the property.

    :returns: (image fields, os_distro or None).
    :raises: ImageNotFound, Conflicts, ImageNotAuthorized, and the errors
        of :mod:`magnum.common.cloud.rest`.
    """
    image = lookups.image(image_ident)
    return image, image.get('os_distro') or None


def boot_volume_size(label_value):
    """Return the boot volume size in GB a label (or the default) asks.

    :param label_value: the ``boot_volume_size`` label, None or '' when
        unset (``[cinder] default_boot_volume_size`` applies then).
    :raises: InvalidParameterValue for a non-integer or negative value.
    """
    if label_value is None or label_value == '':
        return CONF.cinder.default_boot_volume_size
    if isinstance(label_value, bool):
        size = None
    else:
        try:
            size = int(str(label_value).strip())
        except ValueError:
            size = None
    if size is None:
        raise exception.InvalidParameterValue(
            err=_('The label boot_volume_size must be an integer number of '
                  'GB, not %r.') % (label_value,))
    if size < 0:
        raise exception.InvalidParameterValue(
            err=_('The label boot_volume_size must be 0 or more, not '
                  '%s.') % size)
    return size


def validate_flavor(lookups, flavor_ident, boot_volume_size_label=None):
    """Find a flavor and check a node can boot from it.

    A flavor without a root disk (``disk`` 0) needs a boot volume.

    :param flavor_ident: flavor id or name; None skips the check.
    :param boot_volume_size_label: the ``boot_volume_size`` label.
    :returns: the flavor's fields, or None when ``flavor_ident`` is None.
    :raises: FlavorNotFound, FlavorZeroRootVolumeNotSupported,
        InvalidParameterValue (bad label), and the errors of
        :mod:`magnum.common.cloud.rest`.
    """
    size = boot_volume_size(boot_volume_size_label)
    if flavor_ident is None:
        return None
    flavor = lookups.flavor(flavor_ident)
    if size == 0 and not flavor.get('disk'):
        raise exception.FlavorZeroRootVolumeNotSupported(flavor=flavor_ident)
    return flavor


def validate_keypair(lookups, keypair):
    """Check the caller owns the keypair.

    :returns: the keypair's name, or None when ``keypair`` is None.
    :raises: KeyPairNotFound, and the errors of
        :mod:`magnum.common.cloud.rest`.
    """
    if keypair is None:
        return None
    return lookups.keypair(keypair).get('name') or keypair


def _id_of(find, ident):
    """Return the id of what ``find(ident)`` finds; None for no ``ident``.

    :raises: the errors of ``find``: its resource's NotFound, Conflicts
        (409), and the errors of :mod:`magnum.common.cloud.rest`.
    """
    if ident is None:
        return None
    return find(ident)['id']


def validate_external_network(lookups, network_ident):
    """Resolve the external network to its id (None for None).

    :raises: ExternalNetworkNotFound, and see :func:`_id_of`.
    """
    return _id_of(lookups.external_network, network_ident)


def validate_fixed_network(lookups, network_ident):
    """Resolve the fixed (private) network to its id (None for None).

    :raises: FixedNetworkNotFound, and see :func:`_id_of`.
    """
    return _id_of(lookups.fixed_network, network_ident)


def validate_fixed_subnet(lookups, subnet_ident):
    """Resolve the fixed subnet to its id (None for None).

    :raises: FixedSubnetNotFound, and see :func:`_id_of`.
    """
    return _id_of(lookups.fixed_subnet, subnet_ident)


def validate_volume_type(lookups, label_value, kind='docker'):
    """Return the volume type a cluster's volumes get.

    A type named by the label, or else by ``[cinder] default_<kind>_volume
    _type``, must exist. With neither, the cloud's default type is used,
    so the answer is never an empty name. Call this only when the cluster
    really creates such volumes (e.g. a docker_volume_size is set).

    :param label_value: the ``<kind>_volume_type`` label or None.
    :param kind: 'docker', 'etcd' or 'boot'.
    :returns: the volume type's name.
    :raises: VolumeTypeNotFound (400, listing the available types),
        ServiceNotInCatalog (400, the cloud has no Cinder), and the errors
        of :mod:`magnum.common.cloud.rest`.
    """
    if kind not in VOLUME_TYPE_KINDS:
        raise ValueError('unknown volume type kind %r' % (kind,))
    named = label_value or CONF.cinder['default_%s_volume_type' % kind]
    if named:
        found = lookups.volume_type(named)
        return found.get('name') or found['id']
    default = lookups.default_volume_type()
    if default:
        return default.get('name') or default['id']
    types = lookups.volume_types()
    if types:
        return types[0].get('name') or types[0]['id']
    raise exception.VolumeTypeNotFound(
        message=_('This cloud has no volume types, so %(kind)s volumes '
                  'cannot be created. Ask your operator to create one, or '
                  'do not ask for %(kind)s volumes.') % {'kind': kind},
        volume_type='')


# -- checks on configuration alone ------------------------------------------

def default_network_driver(coe):
    """Return ``[cluster_template] <coe>_default_network_driver``.

    :raises: InvalidParameterValue for an unknown COE.
    """
    prefix = _config_prefix(coe)
    return CONF.cluster_template['%s_default_network_driver' % prefix]


def validate_network_driver(coe, driver):
    """Check a network driver is supported by the COE and allowed here.

    :param driver: the requested driver; None or '' picks the default.
    :returns: the driver the template gets.
    :raises: InvalidParameterValue when unsupported, not allowed by
        ``[cluster_template] <coe>_allowed_network_drivers`` ('all' allows
        every supported driver), or for an unknown COE.
    """
    prefix = _config_prefix(coe)
    driver = driver or default_network_driver(coe)
    supported = SUPPORTED_NETWORK_DRIVERS[coe]
    if driver not in supported:
        raise exception.InvalidParameterValue(
            err=_('Network driver type %(driver)s is not supported, '
                  'expecting a %(expected)s network driver.')
            % {'driver': driver, 'expected': _expecting(supported)})
    allowed = CONF.cluster_template['%s_allowed_network_drivers' % prefix]
    if 'all' not in allowed and driver not in allowed:
        raise exception.InvalidParameterValue(
            err=_('Network driver type %(driver)s is not allowed, '
                  'expecting a %(expected)s network driver.')
            % {'driver': driver, 'expected': _expecting(allowed)})
    return driver


def validate_volume_driver(coe, driver):
    """Check a volume driver is one the COE supports.

    :param driver: the requested driver; None or '' means none.
    :returns: ``driver`` (None when unset).
    :raises: InvalidParameterValue when unsupported or for an unknown COE.
    """
    _config_prefix(coe)
    if not driver:
        return None
    supported = SUPPORTED_VOLUME_DRIVERS[coe]
    if driver not in supported:
        raise exception.InvalidParameterValue(
            err=_('Volume driver type %(driver)s is not supported, '
                  'expecting a %(expected)s volume driver.')
            % {'driver': driver, 'expected': _expecting(supported)})
    return driver


def validate_docker_storage(storage_driver, docker_volume_size):
    """Check devicemapper gets a docker volume of at least 3 GB.

    :param docker_volume_size: the cluster's size, else the template's.
    :raises: InvalidParameterValue when the size is missing or too small.
    """
    if storage_driver != 'devicemapper':
        return
    if not docker_volume_size or \
            docker_volume_size < DEVICEMAPPER_MIN_VOLUME_SIZE:
        raise exception.InvalidParameterValue(
            err=_('docker volume size %(size)s GB is not valid, expecting '
                  'minimum value %(min)sGB for %(driver)s storage driver.')
            % {'size': docker_volume_size,
               'min': DEVICEMAPPER_MIN_VOLUME_SIZE,
               'driver': storage_driver})


def validate_flannel_backend(labels):
    """Check the ``flannel_backend`` label names a backend flannel has.

    :raises: InvalidParameterValue for another value.
    """
    backend = (labels or {}).get('flannel_backend')
    if backend is None or backend in FLANNEL_BACKENDS:
        return
    raise exception.InvalidParameterValue(
        err=_('The label flannel_backend must be one of %(backends)s, not '
              '%(backend)s.')
        % {'backends': ', '.join(FLANNEL_BACKENDS), 'backend': backend})
