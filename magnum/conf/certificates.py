"""The [certificates] group: where cluster certificates are kept."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='certificates',
                     title='Certificate storage options',
                     help='Where the CAs and keys magnum generates for '
                          'each cluster are stored.')
GROUPS = (GROUP,)

OPTS = [
    cfg.StrOpt('cert_manager_type',
               default='x509keypair',
               help='Certificate storage backend: ``x509keypair`` keeps '
                    'them in magnum\'s database, ``barbican`` in the '
                    'Barbican key manager and ``local`` in files under '
                    '``storage_path`` (single-node development only). '
                    'Unlike upstream magnum, whose default is barbican, '
                    'the default here works on clouds without Barbican.'),
    cfg.StrOpt('storage_path',
               default='/var/lib/magnum/certificates/',
               help='Directory used by the ``local`` backend.'),
    cfg.StrOpt('storage_encryption_key',
               secret=True,
               help='Fernet key used by the ``x509keypair`` backend to '
                    'encrypt the private keys it stores. When unset, '
                    'each key is protected only by its own passphrase, '
                    'which is stored next to it.'),
]


def register_opts(conf):
    """Register the [certificates] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
