"""The [cinder] group: volumes magnum attaches to cluster nodes."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='cinder',
                     title='Cinder volume options',
                     help='Defaults for the Cinder volumes given to '
                          'cluster nodes.')
GROUPS = (GROUP,)


def _volume_type_help(purpose):
    return ('Volume type for %s when neither the cluster nor its template '
            'names one. When empty, the cloud\'s default volume type is '
            'used.' % purpose)


OPTS = [
    cfg.StrOpt('default_docker_volume_type',
               default='',
               help=_volume_type_help('container storage volumes')),
    cfg.StrOpt('default_etcd_volume_type',
               default='',
               help=_volume_type_help('etcd data volumes')),
    cfg.StrOpt('default_boot_volume_type',
               default='',
               help=_volume_type_help('boot volumes')),
    cfg.IntOpt('default_boot_volume_size',
               default=0,
               min=0,
               help='Size in GB of a node\'s boot volume. 0 boots nodes '
                    'from the image on local disk.'),
]


def register_opts(conf):
    """Register the [cinder] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
