"""The [quotas] group: default per-project limits."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='quotas',
                     title='Quota options',
                     help='Limits applied to projects that have no '
                          'explicit quota.')
GROUPS = (GROUP,)

OPTS = [
    cfg.IntOpt('max_clusters_per_project',
               default=20,
               min=0,
               help='Clusters a project may own unless an administrator '
                    'set another quota for it.'),
]


def register_opts(conf):
    """Register the [quotas] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
