"""The [cluster_template] group: what a cluster template may ask for."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='cluster_template',
                     title='Cluster template options',
                     help='Limits and defaults checked when cluster '
                          'templates are created or updated.')
GROUPS = (GROUP,)

_ALLOWED_HELP = ('Network drivers a {coe} cluster template may use. '
                 'Names are case-sensitive; the single entry ``all`` '
                 'accepts any driver.')
_DEFAULT_HELP = ('Network driver given to a {coe} cluster template that '
                 'does not name one.')

OPTS = [
    cfg.ListOpt('kubernetes_allowed_network_drivers',
                default=['flannel', 'calico'],
                help=_ALLOWED_HELP.format(coe='Kubernetes')),
    cfg.StrOpt('kubernetes_default_network_driver',
               default='flannel',
               help=_DEFAULT_HELP.format(coe='Kubernetes')),
    cfg.ListOpt('swarm_allowed_network_drivers',
                default=['all'],
                help=_ALLOWED_HELP.format(coe='Docker Swarm')),
    cfg.StrOpt('swarm_default_network_driver',
               default='docker',
               help=_DEFAULT_HELP.format(coe='Docker Swarm')),
    cfg.ListOpt('mesos_allowed_network_drivers',
                default=['all'],
                help=_ALLOWED_HELP.format(coe='Mesos')),
    cfg.StrOpt('mesos_default_network_driver',
               default='docker',
               help=_DEFAULT_HELP.format(coe='Mesos')),
]


def register_opts(conf):
    """Register the [cluster_template] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
