"""The [kubernetes] group: Kubernetes-specific cluster settings."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='kubernetes',
                     title='Kubernetes options',
                     help='Settings for Kubernetes clusters.')
GROUPS = (GROUP,)

OPTS = [
    cfg.StrOpt('keystone_auth_default_policy',
               default='/etc/magnum/keystone_auth_default_policy.json',
               help='Policy file for the k8s-keystone-auth webhook, used '
                    'when a cluster enables Keystone authentication '
                    'without giving its own policy.'),
    cfg.StrOpt('post_install_manifest_url',
               default='',
               help='URL of a manifest applied to every new Kubernetes '
                    'cluster once it is up, for cloud-specific add-ons. '
                    'Empty means none.'),
    cfg.IntOpt('health_polling_interval',
               default=60,
               min=1,
               help='Seconds between two health checks of each '
                    'Kubernetes cluster.'),
]


def register_opts(conf):
    """Register the [kubernetes] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
