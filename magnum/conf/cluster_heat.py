"""The [cluster_heat] group: how the Heat drivers drive stacks."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='cluster_heat',
                     title='Heat driver options',
                     help='Settings shared by the drivers that build '
                          'clusters as Heat stacks.')
GROUPS = (GROUP,)

OPTS = [
    cfg.IntOpt('create_timeout',
               default=60,
               min=0,
               help='Minutes a cluster may take to build when neither '
                    'the cluster nor its template sets a timeout. 0 '
                    'means no limit.'),
    cfg.IntOpt('max_attempts',
               default=2000,
               min=1,
               help='How many times to poll a stack before giving up '
                    'waiting for it.'),
    cfg.IntOpt('wait_interval',
               default=1,
               min=1,
               help='Seconds between two polls of a stack.'),
    cfg.ListOpt('extra_environment_files',
                default=[],
                help='Additional Heat environment files added to every '
                     'stack the Heat drivers create. The local '
                     'development cloud uses this to map Cinder and '
                     'Octavia resource types to OS::Heat::None; '
                     'production deployments normally leave it empty.'),
]


def register_opts(conf):
    """Register the [cluster_heat] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
