"""Tests for the CAs and client certificates magnum issues."""

import datetime

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.oid import ExtensionOID
from cryptography.x509.oid import NameOID

from magnum.common.x509 import authority
from magnum.common.x509 import keys
from magnum.tests import base
from magnum.tests.unit.common.x509 import helpers


class AuthorityTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.config(group='x509', rsa_key_size=helpers.TEST_KEY_SIZE)


class TestGenerateCA(AuthorityTestCase):

    def setUp(self):
        super().setUp()
        self.issued = authority.generate_ca('cluster1')
        self.cert = helpers.load(self.issued.certificate)

    def test_subject_and_self_signed(self):
        name = self.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        self.assertEqual('cluster1', name[0].value)
        self.assertEqual(self.cert.subject, self.cert.issuer)
        self.assertTrue(helpers.issued_by(self.issued.certificate,
                                          self.issued.certificate))

    def test_ca_extensions(self):
        bc = self.cert.extensions.get_extension_for_class(
            x509.BasicConstraints)
        self.assertTrue(bc.critical)
        self.assertTrue(bc.value.ca)
        self.assertEqual(0, bc.value.path_length)
        usage = self.cert.extensions.get_extension_for_class(
            x509.KeyUsage).value
        self.assertTrue(usage.key_cert_sign)
        self.assertTrue(usage.crl_sign)
        self.assertFalse(usage.digital_signature)
        self.cert.extensions.get_extension_for_oid(
            ExtensionOID.SUBJECT_KEY_IDENTIFIER)

    def test_rsa_sha256_and_key_size(self):
        self.assertEqual('sha256', self.cert.signature_hash_algorithm.name)
        self.assertEqual(helpers.TEST_KEY_SIZE,
                         self.cert.public_key().key_size)

    def test_validity(self):
        now = datetime.datetime.now(datetime.timezone.utc)
        before = self.cert.not_valid_before_utc
        after = self.cert.not_valid_after_utc
        self.assertAlmostEqual(1, (now - before).total_seconds() / 86400,
                               places=2)
        self.assertAlmostEqual(1825, (after - now).total_seconds() / 86400,
                               places=2)

    def test_validity_from_config(self):
        self.config(group='x509', term_of_validity=10)
        cert = helpers.load(authority.generate_ca('c').certificate)
        days = (cert.not_valid_after_utc - cert.not_valid_before_utc).days
        self.assertEqual(11, days)

    def test_key_is_encrypted_with_passphrase(self):
        pem = self.issued.private_key
        self.assertIn('BEGIN ENCRYPTED PRIVATE KEY', pem)
        self.assertRaises(TypeError, keys.load_private_key, pem)
        self.assertRaises(ValueError, keys.load_private_key, pem, 'wrong')
        key = keys.load_private_key(pem, self.issued.passphrase)
        self.assertEqual(self.cert.public_key().public_numbers(),
                         key.public_key().public_numbers())

    def test_serials_are_random(self):
        other = helpers.load(authority.generate_ca('cluster1').certificate)
        self.assertNotEqual(self.cert.serial_number, other.serial_number)


class TestClientCertificate(AuthorityTestCase):

    def setUp(self):
        super().setUp()
        self.ca = authority.generate_ca('cluster1')
        self.issued = authority.generate_client_certificate(
            self.ca.certificate, self.ca.private_key, self.ca.passphrase)
        self.cert = helpers.load(self.issued.certificate)

    def test_subject(self):
        subject = self.cert.subject
        self.assertEqual(
            'admin',
            subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)
        self.assertEqual(
            'system:masters',
            subject.get_attributes_for_oid(
                NameOID.ORGANIZATION_NAME)[0].value)

    def test_client_auth_and_not_a_ca(self):
        eku = self.cert.extensions.get_extension_for_class(
            x509.ExtendedKeyUsage).value
        self.assertEqual([ExtendedKeyUsageOID.CLIENT_AUTH], list(eku))
        bc = self.cert.extensions.get_extension_for_class(
            x509.BasicConstraints).value
        self.assertFalse(bc.ca)

    def test_signed_by_the_ca(self):
        self.assertTrue(helpers.issued_by(self.issued.certificate,
                                          self.ca.certificate))

    def test_not_signed_by_another_ca(self):
        other = authority.generate_ca('cluster1')
        self.assertFalse(helpers.issued_by(self.issued.certificate,
                                           other.certificate))

    def test_openssl_verifies_the_chain(self):
        status, output = helpers.openssl_verify(
            self, self.ca.certificate, self.issued.certificate,
            purpose='sslclient')
        self.assertEqual(0, status, output)

    def test_key_matches(self):
        key = keys.load_private_key(self.issued.private_key,
                                    self.issued.passphrase)
        self.assertEqual(self.cert.public_key().public_numbers(),
                         key.public_key().public_numbers())

    def test_wrong_ca_passphrase(self):
        self.assertRaises(ValueError, authority.generate_client_certificate,
                          self.ca.certificate, self.ca.private_key, 'nope')

    def test_decrypt_private_key(self):
        plain = keys.decrypt_private_key(self.issued.private_key,
                                         self.issued.passphrase)
        self.assertIn('BEGIN PRIVATE KEY', plain)
        keys.load_private_key(plain)
