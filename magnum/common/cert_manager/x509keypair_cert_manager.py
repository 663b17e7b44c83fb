"""Keep certificates in magnum's own database (the x509keypair table).

When ``[certificates] storage_encryption_key`` is set, private keys and
their passphrases are Fernet-encrypted before they reach the database, so
a database dump alone does not give the cluster CAs away. Values stored
before the key was set stay readable.
"""

from cryptography import fernet

from magnum.common.cert_manager import base
from magnum.common import exception
import magnum.conf
from magnum import objects

CONF = magnum.conf.CONF

# Marks encrypted values, so rows written before encryption was turned on
# are still read as they are.
_PREFIX = 'fernet:'


def _fernet():
    key = CONF.certificates.storage_encryption_key
    if not key:
        return None
    try:
        return fernet.Fernet(key)
    except (ValueError, TypeError) as e:
        raise exception.CertificateStorageException(
            msg='[certificates] storage_encryption_key is not a valid '
                'Fernet key (%s); generate one with "python3 -c \'from '
                'cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())\'".' % e)


def _encrypt(value):
    box = _fernet()
    if value is None or box is None:
        return value
    return _PREFIX + box.encrypt(value.encode('utf-8')).decode('ascii')


def _decrypt(value, cert_ref):
    if value is None or not value.startswith(_PREFIX):
        return value
    box = _fernet()
    if box is None:
        raise exception.CertificateStorageException(
            msg='certificate %s was stored encrypted but [certificates] '
                'storage_encryption_key is not set; set it to the key it '
                'was stored with.' % cert_ref)
    try:
        return box.decrypt(value[len(_PREFIX):].encode('ascii')).decode(
            'utf-8')
    except fernet.InvalidToken:
        raise exception.CertificateStorageException(
            msg='certificate %s cannot be decrypted with [certificates] '
                'storage_encryption_key; set it to the key it was stored '
                'with.' % cert_ref)


class X509KeyPairCertManager(base.CertManager):
    """Certificates as rows of the x509keypair table."""

    def store_cert(self, context, certificate, private_key,
                   intermediates=None, private_key_passphrase=None,
                   name=None):
        keypair = objects.X509KeyPair(
            context,
            certificate=certificate,
            private_key=_encrypt(private_key),
            private_key_passphrase=_encrypt(private_key_passphrase),
            intermediates=intermediates,
            project_id=context.project_id,
            user_id=context.user_id)
        keypair.create()
        return keypair.uuid

    def get_cert(self, context, cert_ref):
        keypair = self._get(context, cert_ref)
        return base.Cert(
            certificate=keypair.certificate,
            private_key=_decrypt(keypair.private_key, cert_ref),
            intermediates=keypair.intermediates,
            private_key_passphrase=_decrypt(keypair.private_key_passphrase,
                                            cert_ref))

    def delete_cert(self, context, cert_ref):
        self._get(context, cert_ref).destroy()

    @staticmethod
    def _get(context, cert_ref):
        try:
            return objects.X509KeyPair.get_by_uuid(context, cert_ref)
        except exception.X509KeyPairNotFound:
            raise exception.CertificateNotFound(cert_ref=cert_ref)
