"""The [<service>_client] groups: how magnum talks to other services.

Every OpenStack client magnum uses gets a group with the same shape; the
table below says which services exist and which carry an API version.
"""

from oslo_config import cfg

# group name -> (service shown in help texts, default API version or None)
CLIENTS = {
    'barbican_client': ('Barbican', None),
    'cinder_client': ('Cinder', '3'),
    'glance_client': ('Glance', '2'),
    'heat_client': ('Heat', '1'),
    'magnum_client': ('Magnum', None),
    'neutron_client': ('Neutron', '2'),
    'nova_client': ('Nova', '2'),
    'octavia_client': ('Octavia', None),
}


def _make_group(name, service):
    return cfg.OptGroup(name=name,
                        title='%s client options' % service,
                        help='How magnum reaches the %s API.' % service)


def _make_opts(service, api_version):
    opts = [
        cfg.StrOpt('region_name',
                   help='Region of the %s endpoint in the service '
                        'catalog. When unset, the catalog\'s only or '
                        'first region is used.' % service),
        cfg.StrOpt('endpoint_type',
                   default='publicURL',
                   help='Which %s endpoint of the service catalog to use: '
                        'publicURL, internalURL or adminURL.' % service),
    ]
    if api_version is not None:
        opts.append(
            cfg.StrOpt('api_version',
                       default=api_version,
                       help='Version of the %s API to request.' % service))
    opts.extend([
        cfg.StrOpt('ca_file',
                   help='CA bundle used to verify the %s endpoint\'s TLS '
                        'certificate.' % service),
        cfg.StrOpt('cert_file',
                   help='PEM client certificate presented to %s.'
                        % service),
        cfg.StrOpt('key_file',
                   help='Private key for ``cert_file``.'),
        cfg.BoolOpt('insecure',
                    default=False,
                    help='Skip verification of the %s endpoint\'s TLS '
                         'certificate. Never enable this in production.'
                         % service),
    ])
    return opts


GROUPS = tuple(_make_group(name, service)
               for name, (service, _version) in sorted(CLIENTS.items()))
OPTS = {name: _make_opts(service, version)
        for name, (service, version) in CLIENTS.items()}


def register_opts(conf):
    """Register every client group and its options on ``conf``."""
    for group in GROUPS:
        conf.register_group(group)
        conf.register_opts(OPTS[group.name], group=group)


def list_opts():
    """Return the client options keyed by group name."""
    return dict(OPTS)
