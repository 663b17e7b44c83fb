"""The [drivers] group: which cluster drivers load and how they talk TLS."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='drivers',
                     title='Cluster driver options',
                     help='Choosing cluster drivers and the TLS settings '
                          'they hand to cluster nodes.')
GROUPS = (GROUP,)

OPTS = [
    cfg.BoolOpt('verify_ca',
                default=True,
                help='Have cluster nodes verify the TLS certificates of '
                     'the OpenStack endpoints they call.'),
    cfg.StrOpt('openstack_ca_file',
               default='',
               help='CA bundle copied onto cluster nodes so they can '
                    'verify the OpenStack endpoints.'),
    cfg.ListOpt('disabled_drivers',
                default=[],
                help='Names of installed drivers that must not be '
                     'loaded.'),
    cfg.ListOpt('enabled_beta_drivers',
                default=[],
                help='Names of drivers marked as beta that should be '
                     'loaded anyway.'),
    cfg.StrOpt('default_driver',
               help='Name of the driver to prefer when several loaded '
                    'drivers provide the same (server_type, os_distro, '
                    'coe). Without it, such a clash stops the service at '
                    'start-up.'),
]


def register_opts(conf):
    """Register the [drivers] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
