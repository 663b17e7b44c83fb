"""Tests for signing certificate requests."""

import base64
import ipaddress

from cryptography.hazmat.primitives import serialization
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.oid import ExtensionOID

from magnum.common import exception
from magnum.common.x509 import authority
from magnum.common.x509 import signing
from magnum.tests import base
from magnum.tests.unit.common.x509 import helpers


def key_usage(**granted):
    bits = dict.fromkeys(
        ('digital_signature', 'content_commitment', 'key_encipherment',
         'data_encipherment', 'key_agreement', 'key_cert_sign', 'crl_sign',
         'encipher_only', 'decipher_only'), False)
    bits.update(granted)
    return x509.KeyUsage(**bits)


SAN = x509.SubjectAlternativeName([x509.DNSName('node-0'),
                                   x509.IPAddress(ipaddress.ip_address(
                                       '10.0.0.5'))])
SERVER_AUTH = x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH])
POLICY = x509.CertificatePolicies([x509.PolicyInformation(
    x509.ObjectIdentifier('1.2.3.4'), None)])


class TestSignCsr(base.TestCase):

    def setUp(self):
        super().setUp()
        self.config(group='x509', rsa_key_size=helpers.TEST_KEY_SIZE)
        self.ca = authority.generate_ca('cluster1')

    def _sign(self, extensions=()):
        csr, key = helpers.make_csr(extensions=extensions)
        pem = signing.sign_csr(csr, self.ca.certificate, self.ca.private_key,
                               self.ca.passphrase)
        return helpers.load(pem), key, pem

    def _ext(self, cert, oid):
        try:
            return cert.extensions.get_extension_for_oid(oid)
        except x509.ExtensionNotFound:
            return None

    def test_subject_key_issuer_and_signature(self):
        cert, key, pem = self._sign()
        self.assertEqual('node-0', cert.subject.get_attributes_for_oid(
            x509.oid.NameOID.COMMON_NAME)[0].value)
        self.assertEqual(helpers.load(self.ca.certificate).subject,
                         cert.issuer)
        self.assertEqual(key.public_key().public_numbers(),
                         cert.public_key().public_numbers())
        self.assertTrue(helpers.issued_by(pem, self.ca.certificate))
        status, output = helpers.openssl_verify(self, self.ca.certificate,
                                                pem)
        self.assertEqual(0, status, output)

    def test_adds_subject_key_identifier(self):
        cert, key, _ = self._sign()
        ski = self._ext(cert, ExtensionOID.SUBJECT_KEY_IDENTIFIER)
        self.assertEqual(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
            ski.value)

    def test_random_serials(self):
        first, _, _ = self._sign()
        second, _, _ = self._sign()
        self.assertNotEqual(first.serial_number, second.serial_number)

    def test_allowed_extensions_are_kept(self):
        cert, _, _ = self._sign([(SAN, False), (SERVER_AUTH, False)])
        self.assertEqual(SAN, self._ext(
            cert, ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value)
        self.assertEqual(SERVER_AUTH, self._ext(
            cert, ExtensionOID.EXTENDED_KEY_USAGE).value)

    def test_other_extensions_are_dropped(self):
        cert, _, _ = self._sign([(SAN, False), (POLICY, True)])
        self.assertIsNone(self._ext(cert, ExtensionOID.CERTIFICATE_POLICIES))
        self.assertIsNotNone(self._ext(
            cert, ExtensionOID.SUBJECT_ALTERNATIVE_NAME))

    def test_allowed_extensions_from_config(self):
        self.config(group='x509', allowed_extensions=['keyUsage'])
        cert, _, _ = self._sign([(SAN, False), (SERVER_AUTH, False)])
        self.assertIsNone(self._ext(
            cert, ExtensionOID.SUBJECT_ALTERNATIVE_NAME))
        self.assertIsNone(self._ext(cert, ExtensionOID.EXTENDED_KEY_USAGE))

    def test_key_usage_restricted(self):
        requested = key_usage(digital_signature=True, key_encipherment=True,
                              key_cert_sign=True, crl_sign=True,
                              data_encipherment=True)
        cert, _, _ = self._sign([(requested, True)])
        usage = self._ext(cert, ExtensionOID.KEY_USAGE)
        self.assertTrue(usage.critical)
        self.assertEqual(key_usage(digital_signature=True,
                                   key_encipherment=True), usage.value)

    def test_key_usage_with_nothing_allowed_is_dropped(self):
        cert, _, _ = self._sign([(key_usage(crl_sign=True), False)])
        self.assertIsNone(self._ext(cert, ExtensionOID.KEY_USAGE))

    def test_key_usage_from_config(self):
        self.config(group='x509', allowed_key_usage=['Key Agreement',
                                                     'Encipher Only'])
        requested = key_usage(key_agreement=True, encipher_only=True,
                              digital_signature=True)
        cert, _, _ = self._sign([(requested, False)])
        self.assertEqual(key_usage(key_agreement=True, encipher_only=True),
                         self._ext(cert, ExtensionOID.KEY_USAGE).value)

    def test_unknown_key_usage_in_config(self):
        self.config(group='x509', allowed_key_usage=['Digital Sig'])
        self.assertRaises(exception.ConfigInvalid, self._sign,
                          [(key_usage(digital_signature=True), False)])

    def test_ca_request_refused(self):
        ca = x509.BasicConstraints(ca=True, path_length=None)
        for critical in (True, False):
            error = self.assertRaises(exception.CertificateValidationError,
                                      self._sign, [(ca, critical)])
            self.assertEqual(400, error.code)
            self.assertIn('CA:TRUE', str(error))
            self.assertIn('allow_ca', str(error))

    def test_ca_request_refused_even_when_not_allowed_extension(self):
        self.config(group='x509', allowed_extensions=['keyUsage'])
        ca = x509.BasicConstraints(ca=True, path_length=None)
        self.assertRaises(exception.CertificateValidationError, self._sign,
                          [(ca, False)])

    def test_ca_key_usage_needs_allow_ca(self):
        self.config(group='x509', allowed_key_usage=['Certificate Sign',
                                                     'Digital Signature'])
        usage = key_usage(key_cert_sign=True, digital_signature=True)
        cert, _, _ = self._sign([(usage, True)])
        self.assertEqual(key_usage(digital_signature=True),
                         self._ext(cert, ExtensionOID.KEY_USAGE).value)

    def test_ca_request_allowed_by_config(self):
        self.config(group='x509', allow_ca=True,
                    allowed_key_usage=['Certificate Sign',
                                       'Digital Signature'])
        ca = x509.BasicConstraints(ca=True, path_length=0)
        usage = key_usage(key_cert_sign=True, digital_signature=True)
        cert, _, _ = self._sign([(ca, True), (usage, True)])
        self.assertTrue(self._ext(cert,
                                  ExtensionOID.BASIC_CONSTRAINTS).value.ca)
        self.assertTrue(self._ext(cert,
                                  ExtensionOID.KEY_USAGE).value.key_cert_sign)

    def test_non_ca_basic_constraints_kept(self):
        bc = x509.BasicConstraints(ca=False, path_length=None)
        cert, _, _ = self._sign([(bc, True)])
        self.assertFalse(self._ext(cert,
                                   ExtensionOID.BASIC_CONSTRAINTS).value.ca)

    def test_requester_key_identifiers_replaced(self):
        bogus = x509.SubjectKeyIdentifier(b'\x01' * 20)
        cert, key, _ = self._sign([(bogus, False)])
        self.assertEqual(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
            self._ext(cert, ExtensionOID.SUBJECT_KEY_IDENTIFIER).value)

    def test_invalid_pem(self):
        for csr in ('not a csr', '', None, b'-----BEGIN CERTIFICATE '
                    b'REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----'):
            error = self.assertRaises(
                exception.InvalidCsr, signing.sign_csr, csr,
                self.ca.certificate, self.ca.private_key, self.ca.passphrase)
            self.assertEqual(400, error.code)
            self.assertIn('Received invalid csr', str(error))

    def test_tampered_signature(self):
        csr, _ = helpers.make_csr()
        der = bytearray(x509.load_pem_x509_csr(csr.encode()).public_bytes(
            serialization.Encoding.DER))
        # The signature is the last field of the request.
        der[-5] ^= 0xff
        pem = ('-----BEGIN CERTIFICATE REQUEST-----\n' +
               base64.encodebytes(bytes(der)).decode('ascii') +
               '-----END CERTIFICATE REQUEST-----\n')
        error = self.assertRaises(
            exception.InvalidCsr, signing.sign_csr, pem,
            self.ca.certificate, self.ca.private_key, self.ca.passphrase)
        self.assertIn('signature', str(error))
