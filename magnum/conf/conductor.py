"""The [conductor] group: the RPC worker that does the slow work."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='conductor',
                     title='Magnum conductor service',
                     help='Options for the magnum-conductor service.')
GROUPS = (GROUP,)

OPTS = [
    cfg.StrOpt('topic',
               default='magnum-conductor',
               help='Message bus topic the conductor listens on and the '
                    'API sends requests to.'),
    cfg.IntOpt('workers',
               min=1,
               help='Number of conductor worker processes. When unset, '
                    'one worker per CPU is started.'),
    cfg.IntOpt('conductor_life_check_timeout',
               default=4,
               min=1,
               help='Seconds to wait for a conductor to answer a ping '
                    'before it is considered unreachable.'),
    cfg.IntOpt('operation_lease_seconds',
               default=60,
               min=1,
               help='How long, in seconds, a conductor\'s claim on an '
                    'in-flight operation stays valid without being '
                    'renewed. Once it lapses, another conductor may take '
                    'the operation over and finish or fail it.'),
    cfg.IntOpt('status_sync_interval',
               default=10,
               min=1,
               help='Seconds between two passes of the periodic cluster '
                    'status sync.'),
    cfg.IntOpt('max_concurrent_status_gets',
               default=8,
               min=1,
               help='Largest number of backend status queries one '
                    'conductor runs at the same time during a status '
                    'sync.'),
]


def register_opts(conf):
    """Register the [conductor] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
