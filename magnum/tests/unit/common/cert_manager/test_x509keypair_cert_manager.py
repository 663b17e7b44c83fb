"""Tests for the database certificate backend."""

from cryptography import fernet
import sqlalchemy as sa

from magnum.common.cert_manager import x509keypair_cert_manager as x509cm
from magnum.common import context
from magnum.common import exception
from magnum.db import models
from magnum.tests import base

CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
KEY = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ...\n'
MISSING = '0b1e6e3e-8f4f-4d8e-a6b6-2f6c1b6a9f00'


class TestX509KeyPairCertManager(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.context = context.make_context(project_id='p1', user_id='u1')
        self.manager = x509cm.X509KeyPairCertManager()

    def _row(self, ref):
        with self.database.engine.connect() as conn:
            return conn.execute(
                sa.select(models.X509KeyPair).where(
                    models.X509KeyPair.uuid == ref)).one()

    def test_round_trip_without_encryption(self):
        ref = self.manager.store_cert(self.context, CERT, KEY,
                                      intermediates='INT',
                                      private_key_passphrase='secret')
        cert = self.manager.get_cert(self.context, ref)
        self.assertEqual(CERT, cert.get_certificate())
        self.assertEqual(KEY, cert.get_private_key())
        self.assertEqual('secret', cert.get_private_key_passphrase())
        self.assertEqual('INT', cert.get_intermediates())
        row = self._row(ref)
        self.assertEqual(('p1', 'u1'), (row.project_id, row.user_id))

    def test_encrypted_at_rest(self):
        self.config(group='certificates',
                    storage_encryption_key=fernet.Fernet.generate_key()
                    .decode())
        ref = self.manager.store_cert(self.context, CERT, KEY,
                                      private_key_passphrase='secret')
        row = self._row(ref)
        self.assertNotIn('PRIVATE KEY', row.private_key)
        self.assertNotEqual(KEY, row.private_key)
        self.assertNotEqual('secret', row.private_key_passphrase)
        self.assertEqual(CERT, row.certificate)
        cert = self.manager.get_cert(self.context, ref)
        self.assertEqual(KEY, cert.get_private_key())
        self.assertEqual('secret', cert.get_private_key_passphrase())

    def test_plaintext_rows_stay_readable_after_enabling(self):
        ref = self.manager.store_cert(self.context, CERT, KEY)
        self.config(group='certificates',
                    storage_encryption_key=fernet.Fernet.generate_key()
                    .decode())
        self.assertEqual(KEY,
                         self.manager.get_cert(self.context, ref)
                         .get_private_key())

    def test_wrong_key_says_so(self):
        self.config(group='certificates',
                    storage_encryption_key=fernet.Fernet.generate_key()
                    .decode())
        ref = self.manager.store_cert(self.context, CERT, KEY)
        self.config(group='certificates',
                    storage_encryption_key=fernet.Fernet.generate_key()
                    .decode())
        exc = self.assertRaises(exception.CertificateStorageException,
                                self.manager.get_cert, self.context, ref)
        self.assertIn('cannot be decrypted', str(exc))

    def test_encrypted_row_without_key_says_so(self):
        self.config(group='certificates',
                    storage_encryption_key=fernet.Fernet.generate_key()
                    .decode())
        ref = self.manager.store_cert(self.context, CERT, KEY)
        self.config(group='certificates', storage_encryption_key=None)
        exc = self.assertRaises(exception.CertificateStorageException,
                                self.manager.get_cert, self.context, ref)
        self.assertIn('storage_encryption_key is not set', str(exc))

    def test_invalid_key(self):
        self.config(group='certificates', storage_encryption_key='short')
        exc = self.assertRaises(exception.CertificateStorageException,
                                self.manager.store_cert, self.context,
                                CERT, KEY)
        self.assertIn('not a valid Fernet key', str(exc))

    def test_delete(self):
        ref = self.manager.store_cert(self.context, CERT, KEY)
        self.manager.delete_cert(self.context, ref)
        self.assertRaises(exception.CertificateNotFound,
                          self.manager.get_cert, self.context, ref)

    def test_missing_ref(self):
        self.assertRaises(exception.CertificateNotFound,
                          self.manager.get_cert, self.context, MISSING)
        self.assertRaises(exception.CertificateNotFound,
                          self.manager.delete_cert, self.context, MISSING)
