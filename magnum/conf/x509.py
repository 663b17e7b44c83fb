"""The [x509] group: what magnum puts into the certificates it signs."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='x509',
                     title='X.509 options',
                     help='Rules for the CAs magnum generates and the '
                          'certificate requests it signs.')
GROUPS = (GROUP,)

DEFAULT_ALLOWED_EXTENSIONS = [
    'keyUsage',
    'extendedKeyUsage',
    'subjectAltName',
    'basicConstraints',
    'subjectKeyIdentifier',
]
DEFAULT_ALLOWED_KEY_USAGE = [
    'Digital Signature',
    'Key Encipherment',
    'Non Repudiation',
]

OPTS = [
    cfg.BoolOpt('allow_ca',
                default=False,
                help='Sign certificate requests that ask for a CA '
                     'certificate (basicConstraints CA:TRUE). When false, '
                     'such requests are refused with 400.'),
    cfg.ListOpt('allowed_extensions',
                default=DEFAULT_ALLOWED_EXTENSIONS,
                help='X.509 extensions copied from a CSR into the signed '
                     'certificate; any other extension is dropped.'),
    cfg.ListOpt('allowed_key_usage',
                default=DEFAULT_ALLOWED_KEY_USAGE,
                help='Key usages a signed certificate may carry.'),
    cfg.IntOpt('term_of_validity',
               default=1825,
               min=1,
               help='Days a generated or signed certificate stays '
                    'valid.'),
    cfg.IntOpt('rsa_key_size',
               default=2048,
               min=1024,
               help='Size, in bits, of the RSA keys magnum generates.'),
]


def register_opts(conf):
    """Register the [x509] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
