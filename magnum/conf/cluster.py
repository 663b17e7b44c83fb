"""The [cluster] group: defaults applied to every cluster."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='cluster',
                     title='Cluster options',
                     help='Settings that apply to the clusters magnum '
                          'builds.')
GROUPS = (GROUP,)

OPTS = [
    cfg.StrOpt('etcd_discovery_service_endpoint_format',
               default='https://discovery.etcd.io/new?size=%(size)d',
               help='URL used to obtain a new etcd discovery token; '
                    '``%(size)d`` is replaced by the number of masters.'),
    cfg.StrOpt('nodes_affinity_policy',
               default='soft-anti-affinity',
               help='Nova server group policy for a cluster\'s nodes: '
                    'affinity, anti-affinity, soft-affinity or '
                    'soft-anti-affinity. The soft policies need compute '
                    'API microversion 2.15; on an older Nova magnum falls '
                    'back to the strict policy and logs a warning.'),
    cfg.StrOpt('temp_cache_dir',
               default='/var/lib/magnum/certificate-cache',
               help='Directory where the conductor caches each cluster\'s '
                    'client certificates. If it does not exist, '
                    'temporary files are used instead.'),
    cfg.IntOpt('pre_delete_lb_timeout',
               default=60,
               min=0,
               help='Seconds to wait, before deleting a cluster, for the '
                    'load balancers Kubernetes created for it to be '
                    'removed.'),
]


def register_opts(conf):
    """Register the [cluster] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
