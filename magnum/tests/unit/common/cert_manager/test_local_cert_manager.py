"""Tests for the file-based certificate backend."""

import os
import stat
from unittest import mock

import fixtures

from magnum.common import cert_manager
from magnum.common.cert_manager import local_cert_manager
from magnum.common import exception
from magnum.tests import base

CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
KEY = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ...\n'


class TestLocalCertManager(base.TestCase):

    def setUp(self):
        super().setUp()
        self.path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                                 'certs')
        self.config(group='certificates', storage_path=self.path,
                    cert_manager_type='local')
        cert_manager.reset()
        self.addCleanup(cert_manager.reset)
        self.manager = local_cert_manager.LocalCertManager()

    def test_round_trip(self):
        ref = self.manager.store_cert(None, CERT, KEY,
                                      intermediates='INT',
                                      private_key_passphrase='secret')
        cert = self.manager.get_cert(None, ref)
        self.assertEqual(CERT, cert.get_certificate())
        self.assertEqual(KEY, cert.get_private_key())
        self.assertEqual('secret', cert.get_private_key_passphrase())
        self.assertEqual('INT', cert.get_intermediates())

    def test_files_are_private(self):
        ref = self.manager.store_cert(None, CERT, KEY,
                                      private_key_passphrase='secret')
        self.assertEqual(
            sorted([ref + '.crt', ref + '.key', ref + '.pass']),
            sorted(os.listdir(self.path)))
        for name in os.listdir(self.path):
            mode = stat.S_IMODE(os.stat(os.path.join(self.path, name))
                                .st_mode)
            self.assertEqual(0o600, mode, name)
        self.assertEqual(0o700, stat.S_IMODE(os.stat(self.path).st_mode))

    def test_optional_parts_are_none(self):
        ref = self.manager.store_cert(None, CERT, None)
        cert = self.manager.get_cert(None, ref)
        self.assertIsNone(cert.get_private_key())
        self.assertIsNone(cert.get_intermediates())

    def test_delete(self):
        ref = self.manager.store_cert(None, CERT, KEY)
        self.manager.delete_cert(None, ref)
        self.assertEqual([], os.listdir(self.path))
        self.assertRaises(exception.CertificateNotFound,
                          self.manager.get_cert, None, ref)
        self.assertRaises(exception.CertificateNotFound,
                          self.manager.delete_cert, None, ref)

    def test_missing_ref(self):
        exc = self.assertRaises(
            exception.CertificateNotFound, self.manager.get_cert, None,
            '0b1e6e3e-8f4f-4d8e-a6b6-2f6c1b6a9f00')
        self.assertEqual(404, exc.code)

    def test_ref_cannot_leave_the_directory(self):
        self.assertRaises(exception.CertificateNotFound,
                          self.manager.get_cert, None, '../../etc/passwd')

    def test_unwritable_path(self):
        self.config(group='certificates', storage_path='/proc/nope')
        exc = self.assertRaises(exception.CertificateStorageException,
                                self.manager.store_cert, None, CERT, KEY)
        self.assertIn('storage_path', str(exc))

    def test_get_backend_uses_configured_type(self):
        self.assertIsInstance(cert_manager.get_backend(),
                              local_cert_manager.LocalCertManager)
        self.assertIs(cert_manager.get_backend(),
                      cert_manager.get_backend())

    def test_get_backend_unknown_type(self):
        self.config(group='certificates', cert_manager_type='nope')
        exc = self.assertRaises(exception.ConfigInvalid,
                                cert_manager.get_backend)
        self.assertIn('local, x509keypair', str(exc))

    def test_warns_once(self):
        local_cert_manager._warned.clear()
        self.addCleanup(local_cert_manager._warned.set)
        with mock.patch.object(local_cert_manager.LOG, 'warning',
                               autospec=True) as warning:
            local_cert_manager.LocalCertManager()
            local_cert_manager.LocalCertManager()
        self.assertEqual(1, warning.call_count)
