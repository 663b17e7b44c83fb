"""Sign certificate requests with a cluster CA."""

from cryptography.hazmat.primitives import hashes
from cryptography import x509

from magnum.common import exception
from magnum.common.x509 import authority
from magnum.common.x509 import extensions
from magnum.common.x509 import keys
from magnum.i18n import _


def load_csr(csr):
    """Parse a PEM certificate signing request and check its signature.

    :param csr: PEM text (str or bytes).
    :returns: an ``x509.CertificateSigningRequest``.
    :raises: InvalidCsr (400) when it is not a well-formed, self-consistent
        PEM CSR.
    """
    try:
        request = x509.load_pem_x509_csr(keys.as_bytes(csr or ''))
    except (ValueError, TypeError) as e:
        raise exception.InvalidCsr(
            message=_('Received invalid csr: it is not a PEM certificate '
                      'signing request (%s). Send the output of "openssl '
                      'req -new", which starts with -----BEGIN CERTIFICATE '
                      'REQUEST-----.') % e)
    try:
        valid = request.is_signature_valid
    except Exception as e:  # unsupported key or hash algorithms
        raise exception.InvalidCsr(
            message=_('Received invalid csr: its signature cannot be '
                      'checked (%s).') % e)
    if not valid:
        raise exception.InvalidCsr(
            message=_('Received invalid csr: its signature does not match '
                      'its public key.'))
    return request


def sign_csr(csr, ca_certificate, ca_private_key, ca_passphrase=None):
    """Issue a certificate for a CSR, signed by a CA.

    The subject and public key come from the CSR; of its extensions only
    those that :func:`extensions.filter_extensions` allows are kept.

    :param csr: the PEM CSR.
    :param ca_certificate: the CA's PEM certificate.
    :param ca_private_key: the CA's PEM private key.
    :param ca_passphrase: the passphrase of that key, if encrypted.
    :returns: the PEM certificate (str).
    :raises: InvalidCsr for a CSR that cannot be read.
    :raises: CertificateValidationError for a CSR asking for a CA while
        ``[x509] allow_ca`` is off.
    """
    request = load_csr(csr)
    kept = extensions.filter_extensions(request.extensions)
    ca_cert, ca_key = authority.load_ca(ca_certificate, ca_private_key,
                                        ca_passphrase)
    builder = authority.new_builder(request.subject, ca_cert.subject,
                                    request.public_key(),
                                    ca_key.public_key())
    for extension in kept:
        builder = builder.add_extension(extension.value,
                                        critical=extension.critical)
    return authority.to_pem(builder.sign(ca_key, hashes.SHA256()))
