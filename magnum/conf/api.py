"""The [api] group: how magnum-api listens and authenticates."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='api',
                     title='Magnum API service',
                     help='Options for the magnum-api REST service.')
GROUPS = (GROUP,)

OPTS = [
    cfg.HostAddressOpt('host',
                       default='127.0.0.1',
                       help='Address (IP or host name) the API server '
                            'binds to.'),
    cfg.PortOpt('port',
                default=9511,
                help='TCP port the API server listens on.'),
    cfg.IntOpt('max_limit',
               default=1000,
               min=1,
               help='Largest number of items a single list request '
                    'returns, whatever ``limit`` the client asks for.'),
    cfg.StrOpt('api_paste_config',
               default='api-paste.ini',
               help='Paste deployment file describing the API pipeline. '
                    'A relative name is looked up next to the '
                    'configuration files.'),
    cfg.IntOpt('workers',
               min=1,
               help='Number of API worker processes. When unset, one '
                    'worker per CPU is started.'),
    cfg.BoolOpt('enabled_ssl',
                default=False,
                help='Serve the API over HTTPS using ``ssl_cert_file`` '
                     'and ``ssl_key_file``.'),
    cfg.StrOpt('ssl_cert_file',
               help='PEM certificate (chain) presented by the API server '
                    'when ``enabled_ssl`` is true.'),
    cfg.StrOpt('ssl_key_file',
               help='Private key matching ``ssl_cert_file``.'),
    cfg.StrOpt('auth_strategy',
               default='keystone',
               choices=[
                   ('keystone',
                    'Validate tokens with keystonemiddleware.'),
                   ('noauth',
                    'No authentication: the request context is built '
                    'from the X-User-Id, X-Project-Id and X-Roles '
                    'headers. For development and tests only.'),
               ],
               help='How API requests are authenticated. ``noauth`` '
                    'trusts whatever identity headers the client sends '
                    'and must never be used on a reachable endpoint.'),
    cfg.StrOpt('cloud_lookups',
               default='keystone',
               choices=[
                   ('keystone',
                    'Ask Glance, Nova, Neutron and Cinder with the '
                    'caller\'s token.'),
                   ('offline',
                    'Answer without a cloud: every image, flavor, '
                    'keypair, network and volume type exists, and every '
                    'image has os_distro ``fake`` (the fake driver). For '
                    'the all-in-one development mode and tests only.'),
               ],
               help='Where the API looks up the images, flavors, '
                    'keypairs and networks a template or cluster names. '
                    '``magnum-all-in-one`` sets ``offline``.'),
]


def register_opts(conf):
    """Register the [api] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
