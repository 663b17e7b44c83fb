"""Which extensions of a certificate request make it into the certificate.

Names follow OpenSSL's short names, as ``[x509] allowed_extensions`` and
``allowed_key_usage`` spell them.
"""

from cryptography import x509
from cryptography.x509.oid import ExtensionOID

from magnum.common import exception
import magnum.conf
from magnum.i18n import _

CONF = magnum.conf.CONF

EXTENSION_NAMES = {
    ExtensionOID.AUTHORITY_KEY_IDENTIFIER: 'authorityKeyIdentifier',
    ExtensionOID.SUBJECT_KEY_IDENTIFIER: 'subjectKeyIdentifier',
    ExtensionOID.AUTHORITY_INFORMATION_ACCESS: 'authorityInfoAccess',
    ExtensionOID.BASIC_CONSTRAINTS: 'basicConstraints',
    ExtensionOID.CRL_DISTRIBUTION_POINTS: 'cRLDistributionPoints',
    ExtensionOID.CERTIFICATE_POLICIES: 'certificatePolicies',
    ExtensionOID.EXTENDED_KEY_USAGE: 'extendedKeyUsage',
    ExtensionOID.OCSP_NO_CHECK: 'OCSPNoCheck',
    ExtensionOID.INHIBIT_ANY_POLICY: 'inhibitAnyPolicy',
    ExtensionOID.KEY_USAGE: 'keyUsage',
    ExtensionOID.NAME_CONSTRAINTS: 'nameConstraints',
    ExtensionOID.SUBJECT_ALTERNATIVE_NAME: 'subjectAltName',
    ExtensionOID.ISSUER_ALTERNATIVE_NAME: 'issuerAltName',
}

# keyUsage bits: the name used in configuration -> KeyUsage attribute.
KEY_USAGE_NAMES = {
    'Digital Signature': 'digital_signature',
    'Non Repudiation': 'content_commitment',
    'Key Encipherment': 'key_encipherment',
    'Data Encipherment': 'data_encipherment',
    'Key Agreement': 'key_agreement',
    'Certificate Sign': 'key_cert_sign',
    'CRL Sign': 'crl_sign',
    'Encipher Only': 'encipher_only',
    'Decipher Only': 'decipher_only',
}

# Only a CA may use these; they go whenever CAs may not be issued.
CA_KEY_USAGES = frozenset(['Certificate Sign', 'CRL Sign'])

# The signer writes its own key identifiers; a requester's would lie.
SIGNER_OWNED = frozenset([ExtensionOID.SUBJECT_KEY_IDENTIFIER,
                          ExtensionOID.AUTHORITY_KEY_IDENTIFIER])


def extension_name(extension):
    """Return the OpenSSL short name of an extension, or its dotted OID."""
    return EXTENSION_NAMES.get(extension.oid, extension.oid.dotted_string)


def allowed_key_usage_attributes():
    """Return the KeyUsage attribute names a signed certificate may carry.

    :raises: ConfigInvalid for a name ``[x509] allowed_key_usage`` does
        not know.
    """
    allowed = set(CONF.x509.allowed_key_usage)
    unknown = allowed - set(KEY_USAGE_NAMES)
    if unknown:
        raise exception.ConfigInvalid(
            error_msg=_('[x509] allowed_key_usage has unknown values %(bad)s;'
                        ' use names from: %(good)s.') % {
                'bad': ', '.join(sorted(unknown)),
                'good': ', '.join(KEY_USAGE_NAMES)})
    if not CONF.x509.allow_ca:
        allowed -= CA_KEY_USAGES
    return {KEY_USAGE_NAMES[name] for name in allowed}


def _bit(key_usage, attribute):
    try:
        return getattr(key_usage, attribute)
    except ValueError:
        # cryptography refuses to read encipher_only and decipher_only
        # when key_agreement is off; then they are off too.
        return False


def restrict_key_usage(key_usage):
    """Return ``key_usage`` without the bits that are not allowed.

    :param key_usage: an ``x509.KeyUsage``.
    :returns: a new ``x509.KeyUsage``, or None when no bit is left.
    """
    allowed = allowed_key_usage_attributes()
    bits = {attribute: attribute in allowed and _bit(key_usage, attribute)
            for attribute in KEY_USAGE_NAMES.values()}
    if not bits['key_agreement']:
        bits['encipher_only'] = bits['decipher_only'] = False
    if not any(bits.values()):
        return None
    return x509.KeyUsage(**bits)


def check_basic_constraints(basic_constraints):
    """Refuse a request for a CA certificate unless ``[x509] allow_ca``.

    :raises: CertificateValidationError (400) for CA:TRUE.
    """
    if basic_constraints.ca and not CONF.x509.allow_ca:
        raise exception.CertificateValidationError(
            message=_('The certificate signing request asks for a CA '
                      'certificate (basicConstraints CA:TRUE), which this '
                      'cloud does not issue. Request an end-entity '
                      'certificate (CA:FALSE, or no basicConstraints), or '
                      'ask the operator to set [x509] allow_ca = true.'))


def filter_extensions(requested):
    """Return the extensions of a CSR that a signed certificate may keep.

    Extensions not named in ``[x509] allowed_extensions`` are dropped,
    keyUsage loses the bits ``[x509] allowed_key_usage`` does not grant,
    and key identifiers are left for the signer to write.

    :param requested: the CSR's ``x509.Extensions``.
    :returns: a list of ``x509.Extension``.
    :raises: CertificateValidationError when the CSR asks for CA:TRUE and
        ``[x509] allow_ca`` is off.
    """
    allowed = set(CONF.x509.allowed_extensions)
    kept = []
    for extension in requested:
        # Checked even when basicConstraints is not allowed: silently
        # dropping the flag would hand out a certificate the requester
        # believes to be something else.
        if extension.oid == ExtensionOID.BASIC_CONSTRAINTS:
            check_basic_constraints(extension.value)
        if extension.oid in SIGNER_OWNED:
            continue
        if extension_name(extension) not in allowed:
            continue
        value = extension.value
        if extension.oid == ExtensionOID.KEY_USAGE:
            value = restrict_key_usage(value)
            if value is None:
                continue
        kept.append(x509.Extension(extension.oid, extension.critical,
                                   value))
    return kept
