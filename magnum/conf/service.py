"""Per-process service options in the [DEFAULT] group."""

import socket

from oslo_config import cfg

GROUPS = ()

OPTS = [
    cfg.HostAddressOpt('host',
                       default=socket.getfqdn(),
                       sample_default='localhost',
                       help='Name of this node, recorded with each '
                            'service heartbeat. Must be unique per '
                            'node; it may be a host name, FQDN or IP '
                            'address.'),
    cfg.BoolOpt('periodic_enable',
                default=True,
                help='Run the conductor\'s periodic tasks (status '
                     'sync, health polling, heartbeats).'),
    cfg.IntOpt('periodic_interval_max',
               default=60,
               min=1,
               help='Longest time, in seconds, the periodic task runner '
                    'sleeps between two runs.'),
    cfg.IntOpt('service_down_time',
               default=180,
               min=1,
               help='Seconds without a heartbeat after which a service '
                    'is reported as down.'),
]


def register_opts(conf):
    """Register the service options on ``conf``."""
    conf.register_opts(OPTS)


def list_opts():
    """Return this module's options keyed by group name."""
    return {'DEFAULT': OPTS}
