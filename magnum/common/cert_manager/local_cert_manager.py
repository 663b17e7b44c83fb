"""Keep certificates as files under [certificates] storage_path.

For single-node development only: the files are not shared between
conductors, and the private keys are protected by file mode alone.
Each certificate ``<uuid>`` has ``<uuid>.crt`` and, when given,
``<uuid>.key``, ``<uuid>.pass`` and ``<uuid>.int`` (intermediates).
"""

import os
import threading

from oslo_log import log as logging
from oslo_utils import uuidutils

from magnum.common.cert_manager import base
from magnum.common import exception
import magnum.conf

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)

_PARTS = (('certificate', '.crt'), ('private_key', '.key'),
          ('private_key_passphrase', '.pass'), ('intermediates', '.int'))

_warned = threading.Event()


def _warn_once():
    if not _warned.is_set():
        _warned.set()
        LOG.warning('Certificates are stored as local files under %s '
                    '([certificates] cert_manager_type = local). Use it '
                    'for development only: other conductors cannot read '
                    'them. Use x509keypair or barbican in production.',
                    CONF.certificates.storage_path)


class LocalCertManager(base.CertManager):
    """Certificates as files in one directory."""

    def __init__(self):
        _warn_once()

    def store_cert(self, context, certificate, private_key,
                   intermediates=None, private_key_passphrase=None,
                   name=None):
        cert_ref = uuidutils.generate_uuid()
        values = {'certificate': certificate, 'private_key': private_key,
                  'private_key_passphrase': private_key_passphrase,
                  'intermediates': intermediates}
        written = []
        try:
            os.makedirs(CONF.certificates.storage_path, mode=0o700,
                        exist_ok=True)
            for field, suffix in _PARTS:
                if values[field] is None:
                    continue
                path = self._path(cert_ref, suffix)
                self._write(path, values[field])
                written.append(path)
        except OSError as e:
            for path in written:
                self._remove(path)
            raise exception.CertificateStorageException(
                msg='cannot write under %s: %s; check that [certificates] '
                    'storage_path exists and magnum may write to it.'
                    % (CONF.certificates.storage_path, e))
        return cert_ref

    def get_cert(self, context, cert_ref):
        values = {}
        for field, suffix in _PARTS:
            try:
                with open(self._path(cert_ref, suffix)) as f:
                    values[field] = f.read()
            except FileNotFoundError:
                if field == 'certificate':
                    raise exception.CertificateNotFound(cert_ref=cert_ref)
                values[field] = None
            except OSError as e:
                raise exception.CertificateStorageException(
                    msg='cannot read certificate %s: %s' % (cert_ref, e))
        return base.Cert(**values)

    def delete_cert(self, context, cert_ref):
        if not os.path.exists(self._path(cert_ref, '.crt')):
            raise exception.CertificateNotFound(cert_ref=cert_ref)
        for _field, suffix in _PARTS:
            self._remove(self._path(cert_ref, suffix))

    @staticmethod
    def _path(cert_ref, suffix):
        # A reference is always a uuid we made; anything else could walk
        # out of the storage directory.
        if not uuidutils.is_uuid_like(cert_ref):
            raise exception.CertificateNotFound(cert_ref=cert_ref)
        return os.path.join(CONF.certificates.storage_path,
                            cert_ref + suffix)

    @staticmethod
    def _write(path, text):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, 'w') as f:
            f.write(text)

    @staticmethod
    def _remove(path):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
