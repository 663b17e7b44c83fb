"""Tests for handing a cluster's CAs, keys included, to its masters."""

from cryptography.hazmat.primitives import serialization
import fixtures

from magnum.common import exception
from magnum.common.keystone import auth
from magnum.conductor import certificates
from magnum.tests.unit.common.x509 import helpers
from magnum.tests.unit.conductor import test_certificates


class TestCaKeyPairs(test_certificates.CertificatesTestCase):

    def setUp(self):
        super().setUp()
        certificates.generate_certificates_for_cluster(self.context,
                                                       self.cluster)

    def test_every_ca_with_its_key_unencrypted(self):
        pairs = certificates.get_ca_key_pairs(self.context, self.cluster)
        self.assertEqual(list(certificates.CA_REF_FIELDS), list(pairs))
        for kind, (cert, key) in pairs.items():
            with self.subTest(kind=kind):
                self.assertEqual(certificates.get_ca_certificate(
                    self.context, self.cluster, kind), cert)
                self.assertTrue(key.startswith(
                    '-----BEGIN PRIVATE KEY-----'), kind)
                loaded = serialization.load_pem_private_key(
                    key.encode('ascii'), password=None)
                self.assertEqual(
                    helpers.load(cert).public_key().public_numbers(),
                    loaded.public_key().public_numbers())

    def test_missing_ca(self):
        self.cluster.front_proxy_ca_cert_ref = None
        error = self.assertRaises(exception.CertificateNotFound,
                                  certificates.get_ca_key_pairs,
                                  self.context, self.cluster)
        self.assertIn('front_proxy_ca_cert_ref', str(error))

    def test_through_the_clusters_trust(self):
        self.cluster.trust_id = 'trust-1'
        self.cluster.trustee_user_id = 'trustee-1'
        self.cluster.trustee_password = 'trustee-secret'
        trust = self.useFixture(fixtures.MockPatchObject(
            auth, 'trust_context', autospec=True,
            return_value=self.context)).mock
        certificates.get_ca_key_pairs(None, self.cluster)
        trust.assert_called_once_with(self.cluster)
