"""Issue the cluster CAs and the client certificates they sign."""

import collections
import datetime

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.oid import NameOID

from magnum.common.x509 import keys
import magnum.conf

CONF = magnum.conf.CONF

ADMIN_COMMON_NAME = 'admin'
ADMIN_ORGANIZATION = 'system:masters'

# A certificate is valid from a day ago so that nodes whose clocks lag a
# little behind the conductor's accept it straight away.
CLOCK_SKEW = datetime.timedelta(days=1)

IssuedCertificate = collections.namedtuple(
    'IssuedCertificate', ['certificate', 'private_key', 'passphrase'])
IssuedCertificate.__doc__ = """A new certificate and its key, as PEM text.

``private_key`` is PKCS#8, encrypted with ``passphrase``.
"""


def validity():
    """Return (not_before, not_after) for a certificate issued now."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return (now - CLOCK_SKEW,
            now + datetime.timedelta(days=CONF.x509.term_of_validity))


def _name(common_name, organization=None):
    attributes = []
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                                             organization))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attributes)


def _key_usage(**granted):
    usages = dict.fromkeys(
        ('digital_signature', 'content_commitment', 'key_encipherment',
         'data_encipherment', 'key_agreement', 'key_cert_sign', 'crl_sign',
         'encipher_only', 'decipher_only'), False)
    usages.update(granted)
    return x509.KeyUsage(**usages)


def new_builder(subject, issuer, public_key, issuer_public_key):
    """Start a certificate with the parts every certificate we make has.

    Subject, issuer, a random serial, the validity window, and the subject
    and authority key identifiers.
    """
    not_before, not_after = validity()
    return (x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(
                public_key), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(
                    issuer_public_key), critical=False))


def to_pem(certificate):
    """Return a certificate object as PEM text (str)."""
    return certificate.public_bytes(serialization.Encoding.PEM).decode(
        'ascii')


def generate_ca(common_name):
    """Create a self-signed CA that may sign end-entity certificates only.

    :param common_name: the CA's subject CN (the cluster name or uuid).
    :returns: an :class:`IssuedCertificate`.
    """
    key = keys.generate_private_key()
    name = _name(common_name)
    builder = (new_builder(name, name, key.public_key(), key.public_key())
               .add_extension(x509.BasicConstraints(ca=True, path_length=0),
                              critical=True)
               .add_extension(_key_usage(key_cert_sign=True, crl_sign=True),
                              critical=True))
    certificate = builder.sign(key, hashes.SHA256())
    passphrase = keys.new_passphrase()
    return IssuedCertificate(to_pem(certificate),
                             keys.encrypt_private_key(key, passphrase),
                             passphrase)


def load_ca(ca_certificate, ca_private_key, ca_passphrase=None):
    """Load a CA's certificate and key from PEM.

    :returns: (certificate object, private key object).
    :raises: ValueError or TypeError when either cannot be read.
    """
    certificate = x509.load_pem_x509_certificate(
        keys.as_bytes(ca_certificate))
    key = keys.load_private_key(ca_private_key, ca_passphrase)
    return certificate, key


def generate_client_certificate(ca_certificate, ca_private_key,
                                ca_passphrase=None,
                                common_name=ADMIN_COMMON_NAME,
                                organization=ADMIN_ORGANIZATION):
    """Create a TLS client certificate signed by a CA.

    With the defaults the certificate is Kubernetes' cluster-admin:
    CN ``admin`` in the group (O) ``system:masters``.

    :param ca_certificate: the CA's PEM certificate.
    :param ca_private_key: the CA's PEM private key.
    :param ca_passphrase: the passphrase of that key, if encrypted.
    :returns: an :class:`IssuedCertificate`.
    :raises: ValueError or TypeError when the CA cannot be read.
    """
    ca_cert, ca_key = load_ca(ca_certificate, ca_private_key, ca_passphrase)
    key = keys.generate_private_key()
    builder = (new_builder(_name(common_name, organization), ca_cert.subject,
                           key.public_key(), ca_key.public_key())
               .add_extension(x509.BasicConstraints(ca=False,
                                                    path_length=None),
                              critical=True)
               .add_extension(_key_usage(digital_signature=True,
                                         key_encipherment=True),
                              critical=True)
               .add_extension(x509.ExtendedKeyUsage(
                   [ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False))
    certificate = builder.sign(ca_key, hashes.SHA256())
    passphrase = keys.new_passphrase()
    return IssuedCertificate(to_pem(certificate),
                             keys.encrypt_private_key(key, passphrase),
                             passphrase)
