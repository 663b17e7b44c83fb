"""What a certificate storage backend offers."""

import abc


class Cert:
    """A stored certificate with its key material, all as PEM text."""

    def __init__(self, certificate, private_key=None, intermediates=None,
                 private_key_passphrase=None):
        self._certificate = certificate
        self._private_key = private_key
        self._intermediates = intermediates
        self._private_key_passphrase = private_key_passphrase

    def get_certificate(self):
        """Return the PEM certificate."""
        return self._certificate

    def get_private_key(self):
        """Return the PEM private key, possibly encrypted with the
        passphrase; None when none was stored.
        """
        return self._private_key

    def get_private_key_passphrase(self):
        """Return the passphrase of the private key, or None."""
        return self._private_key_passphrase

    def get_intermediates(self):
        """Return the PEM intermediate certificates, or None."""
        return self._intermediates


class CertManager(abc.ABC):
    """A place to keep certificates and their private keys."""

    @abc.abstractmethod
    def store_cert(self, context, certificate, private_key,
                   intermediates=None, private_key_passphrase=None,
                   name=None):
        """Store a certificate and its key.

        :param context: the request context the certificate belongs to.
        :param certificate: the PEM certificate.
        :param private_key: the PEM private key.
        :param intermediates: PEM intermediate certificates, if any.
        :param private_key_passphrase: the key's passphrase, if any.
        :param name: a label for backends that keep one.
        :returns: a reference to give to :meth:`get_cert` later.
        :raises: magnum.common.exception.CertificateStorageException
        """

    @abc.abstractmethod
    def get_cert(self, context, cert_ref):
        """Fetch a stored certificate.

        :param context: the request context.
        :param cert_ref: a reference :meth:`store_cert` returned.
        :returns: a :class:`Cert`.
        :raises: magnum.common.exception.CertificateNotFound,
            magnum.common.exception.CertificateStorageException
        """

    @abc.abstractmethod
    def delete_cert(self, context, cert_ref):
        """Delete a stored certificate and its key.

        :param context: the request context.
        :param cert_ref: a reference :meth:`store_cert` returned.
        :raises: magnum.common.exception.CertificateNotFound,
            magnum.common.exception.CertificateStorageException
        """
