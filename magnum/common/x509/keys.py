"""RSA private keys: generate, serialise encrypted, load back."""

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import serialization

from magnum.common.x509 import passwords
import magnum.conf

CONF = magnum.conf.CONF

PUBLIC_EXPONENT = 65537
PASSPHRASE_LENGTH = 32


def generate_private_key():
    """Return a new RSA key of ``[x509] rsa_key_size`` bits."""
    return rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT,
                                    key_size=CONF.x509.rsa_key_size)


def new_passphrase():
    """Return a random passphrase to encrypt a private key with."""
    return passwords.generate_password(PASSPHRASE_LENGTH)


def as_bytes(value):
    """Return ``value`` (str, bytes or None) as bytes or None."""
    if value is None or isinstance(value, bytes):
        return value
    return value.encode('utf-8')


def encrypt_private_key(key, passphrase):
    """Serialise ``key`` as PEM PKCS#8, encrypted with ``passphrase``.

    :param key: an RSA private key object.
    :param passphrase: str or bytes.
    :returns: the PEM text (str).
    """
    algorithm = serialization.BestAvailableEncryption(as_bytes(passphrase))
    return key.private_bytes(encoding=serialization.Encoding.PEM,
                             format=serialization.PrivateFormat.PKCS8,
                             encryption_algorithm=algorithm).decode('ascii')


def load_private_key(pem, passphrase=None):
    """Load a PEM private key, decrypting it with ``passphrase``.

    :param pem: str or bytes.
    :param passphrase: str, bytes, or None for an unencrypted key.
    :returns: the private key object.
    :raises: ValueError when the key cannot be read or decrypted.
    :raises: TypeError when a passphrase is given for a plain key, or
        missing for an encrypted one.
    """
    return serialization.load_pem_private_key(as_bytes(pem),
                                              password=as_bytes(passphrase))


def decrypt_private_key(pem, passphrase=None):
    """Return ``pem`` as an unencrypted PEM PKCS#8 key (str).

    The health poller hands this to ``requests``, which cannot read
    encrypted keys.

    :raises: ValueError, TypeError as :func:`load_private_key` does.
    """
    key = load_private_key(pem, passphrase)
    return key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption()).decode('ascii')
