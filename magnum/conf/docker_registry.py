"""The [docker_registry] group: the cluster's private registry."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='docker_registry',
                     title='Private registry options',
                     help='Storage for the private Docker registry that '
                          'clusters with ``registry_enabled`` run.')
GROUPS = (GROUP,)

OPTS = [
    cfg.StrOpt('swift_region',
               help='Region of the Swift service that stores registry '
                    'images.'),
    cfg.StrOpt('swift_registry_container',
               default='docker_registry',
               help='Swift container that holds the registry\'s '
                    'images.'),
]


def register_opts(conf):
    """Register the [docker_registry] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
