"""Tests for a cluster's CAs and client certificate."""

import os
import shutil
import stat
import tempfile
from unittest import mock

from cryptography import x509
from cryptography.x509.oid import NameOID
import fixtures

from magnum.common import cert_manager
from magnum.common import context
from magnum.common import exception
from magnum.conductor import certificates
from magnum import objects
from magnum.tests.unit.common.x509 import helpers
from magnum.tests.unit.db import utils as db_utils

REFS = certificates.ALL_REF_FIELDS


class CertificatesTestCase(db_utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.config(group='x509', rsa_key_size=helpers.TEST_KEY_SIZE)
        self.config(group='certificates', cert_manager_type='x509keypair')
        cert_manager.reset()
        self.addCleanup(cert_manager.reset)
        self.context = context.make_context(
            project_id=db_utils.PROJECT_ID, user_id=db_utils.USER_ID)
        self.template = db_utils.create_test_cluster_template()
        db_utils.create_test_cluster(ca_cert_ref=None, magnum_cert_ref=None)
        self.cluster = self._load()
        self.backend = cert_manager.get_backend()

    def _load(self):
        return objects.Cluster.get_by_uuid(self.context,
                                           db_utils.CLUSTER_UUID)

    def _pem(self, ref):
        return self.backend.get_cert(self.context, ref).get_certificate()

    def _refs(self, cluster=None):
        cluster = cluster or self.cluster
        return {field: getattr(cluster, field) for field in REFS}

    def _exists(self, ref):
        try:
            self.backend.get_cert(self.context, ref)
        except exception.CertificateNotFound:
            return False
        return True


class TestGenerate(CertificatesTestCase):

    def test_generates_three_cas_and_client_cert(self):
        certificates.generate_certificates_for_cluster(self.context,
                                                       self.cluster)
        refs = self._refs(self._load())
        self.assertEqual(self._refs(), refs)
        self.assertEqual(4, len(set(refs.values())))
        self.assertNotIn(None, refs.values())
        for field in certificates.CA_REF_FIELDS.values():
            ca = helpers.load(self._pem(refs[field]))
            self.assertEqual('cluster1', ca.subject.get_attributes_for_oid(
                NameOID.COMMON_NAME)[0].value)
            self.assertTrue(ca.extensions.get_extension_for_class(
                x509.BasicConstraints).value.ca)

    def test_client_cert_verifies_against_main_ca_only(self):
        certificates.generate_certificates_for_cluster(self.context,
                                                       self.cluster)
        client = self._pem(self.cluster.magnum_cert_ref)
        self.assertTrue(helpers.issued_by(
            client, self._pem(self.cluster.ca_cert_ref)))
        self.assertFalse(helpers.issued_by(
            client, self._pem(self.cluster.etcd_ca_cert_ref)))
        status, output = helpers.openssl_verify(
            self, self._pem(self.cluster.ca_cert_ref), client,
            purpose='sslclient')
        self.assertEqual(0, status, output)
        cert = helpers.load(client)
        self.assertEqual('admin', cert.subject.get_attributes_for_oid(
            NameOID.COMMON_NAME)[0].value)
        self.assertEqual('system:masters', cert.subject.get_attributes_for_oid(
            NameOID.ORGANIZATION_NAME)[0].value)

    def test_uuid_is_the_ca_name_without_a_name(self):
        self.cluster.name = None
        certificates.generate_certificates_for_cluster(self.context,
                                                       self.cluster)
        ca = helpers.load(self._pem(self.cluster.ca_cert_ref))
        self.assertEqual(db_utils.CLUSTER_UUID,
                         ca.subject.get_attributes_for_oid(
                             NameOID.COMMON_NAME)[0].value)

    def test_idempotent(self):
        certificates.generate_certificates_for_cluster(self.context,
                                                       self.cluster)
        first = self._refs()
        certificates.generate_certificates_for_cluster(self.context,
                                                       self._load())
        self.assertEqual(first, self._refs(self._load()))

    def test_fills_in_only_missing_refs(self):
        certificates.generate_certificates_for_cluster(self.context,
                                                       self.cluster)
        first = self._refs()
        self.cluster.etcd_ca_cert_ref = None
        self.cluster.magnum_cert_ref = None
        self.cluster.save()
        certificates.generate_certificates_for_cluster(self.context,
                                                       self._load())
        second = self._refs(self._load())
        self.assertEqual(first['ca_cert_ref'], second['ca_cert_ref'])
        self.assertEqual(first['front_proxy_ca_cert_ref'],
                         second['front_proxy_ca_cert_ref'])
        self.assertNotEqual(first['etcd_ca_cert_ref'],
                            second['etcd_ca_cert_ref'])
        self.assertTrue(helpers.issued_by(
            self._pem(second['magnum_cert_ref']),
            self._pem(second['ca_cert_ref'])))


class TestReadAndSign(CertificatesTestCase):

    def setUp(self):
        super().setUp()
        certificates.generate_certificates_for_cluster(self.context,
                                                       self.cluster)

    def test_get_ca_certificate_by_type(self):
        cases = {None: 'ca_cert_ref', 'kubernetes': 'ca_cert_ref',
                 'bogus': 'ca_cert_ref', 'etcd': 'etcd_ca_cert_ref',
                 'front_proxy': 'front_proxy_ca_cert_ref',
                 'front-proxy': 'front_proxy_ca_cert_ref'}
        for ca_type, field in cases.items():
            pem = certificates.get_ca_certificate(self.context, self.cluster,
                                                  ca_type)
            self.assertIsInstance(pem, str)
            self.assertEqual(self._pem(getattr(self.cluster, field)), pem)

    def test_missing_ca(self):
        self.cluster.etcd_ca_cert_ref = None
        error = self.assertRaises(exception.CertificateNotFound,
                                  certificates.get_ca_certificate,
                                  self.context, self.cluster, 'etcd')
        self.assertIn('etcd_ca_cert_ref', str(error))

    def test_sign_with_each_ca(self):
        csr, _ = helpers.make_csr()
        for ca_type, field in (('etcd', 'etcd_ca_cert_ref'),
                               ('front-proxy', 'front_proxy_ca_cert_ref'),
                               (None, 'ca_cert_ref')):
            pem = certificates.sign_certificate(self.context, self.cluster,
                                                csr, ca_type)
            self.assertTrue(helpers.issued_by(
                pem, self._pem(getattr(self.cluster, field))))

    def test_sign_filters_extensions_and_refuses_ca(self):
        policy = x509.CertificatePolicies([x509.PolicyInformation(
            x509.ObjectIdentifier('1.2.3.4'), None)])
        csr, _ = helpers.make_csr(extensions=[(policy, False)])
        cert = helpers.load(certificates.sign_certificate(
            self.context, self.cluster, csr))
        self.assertRaises(x509.ExtensionNotFound,
                          cert.extensions.get_extension_for_class,
                          x509.CertificatePolicies)
        csr, _ = helpers.make_csr(extensions=[(
            x509.BasicConstraints(ca=True, path_length=None), True)])
        self.assertRaises(exception.CertificateValidationError,
                          certificates.sign_certificate,
                          self.context, self.cluster, csr)

    def test_sign_invalid_csr(self):
        self.assertRaises(exception.InvalidCsr,
                          certificates.sign_certificate,
                          self.context, self.cluster, 'garbage')


class TestRotate(CertificatesTestCase):

    def setUp(self):
        super().setUp()
        certificates.generate_certificates_for_cluster(self.context,
                                                       self.cluster)
        self.old = self._refs()
        self.old_client = self._pem(self.old['magnum_cert_ref'])

    def test_rotation_replaces_everything(self):
        certificates.rotate_ca_certificate(self.context, self.cluster)
        new = self._refs(self._load())
        self.assertEqual(self._refs(), new)
        for field in REFS:
            self.assertNotEqual(self.old[field], new[field])
            self.assertFalse(self._exists(self.old[field]))
            self.assertTrue(self._exists(new[field]))
        new_ca = self._pem(new['ca_cert_ref'])
        self.assertFalse(helpers.issued_by(self.old_client, new_ca))
        status, _ = helpers.openssl_verify(self, new_ca, self.old_client)
        self.assertNotEqual(0, status)
        self.assertTrue(helpers.issued_by(
            self._pem(new['magnum_cert_ref']), new_ca))

    def test_tls_disabled(self):
        self.cluster.cluster_template.tls_disabled = True
        error = self.assertRaises(exception.NotSupported,
                                  certificates.rotate_ca_certificate,
                                  self.context, self.cluster)
        self.assertEqual(400, error.code)
        self.assertIn('TLS disabled', str(error))
        self.assertEqual(self.old, self._refs(self._load()))

    def test_old_refs_kept_when_storing_fails(self):
        real_store = self.backend.store_cert
        calls = []

        def failing_store(*args, **kwargs):
            calls.append(1)
            if len(calls) == 3:
                raise exception.CertificateStorageException(msg='boom')
            return real_store(*args, **kwargs)

        with mock.patch.object(self.backend, 'store_cert',
                               side_effect=failing_store):
            self.assertRaises(exception.CertificateStorageException,
                              certificates.rotate_ca_certificate,
                              self.context, self.cluster)
        self.assertEqual(self.old, self._refs(self._load()))
        for ref in self.old.values():
            self.assertTrue(self._exists(ref))


class TestDelete(CertificatesTestCase):

    def setUp(self):
        super().setUp()
        certificates.generate_certificates_for_cluster(self.context,
                                                       self.cluster)
        self.refs = self._refs()

    def test_deletes_all_four(self):
        failed = certificates.delete_certificates_from_cluster(self.context,
                                                               self.cluster)
        self.assertEqual([], failed)
        for ref in self.refs.values():
            self.assertFalse(self._exists(ref))
        self.assertEqual(dict.fromkeys(REFS), self._refs())

    def test_refs_already_gone(self):
        self.backend.delete_cert(self.context, self.refs['etcd_ca_cert_ref'])
        self.cluster.front_proxy_ca_cert_ref = None
        failed = certificates.delete_certificates_from_cluster(self.context,
                                                               self.cluster)
        self.assertEqual([], failed)
        self.assertFalse(self._exists(self.refs['ca_cert_ref']))
        self.assertTrue(self._exists(self.refs['front_proxy_ca_cert_ref']))

    def test_backend_failure_is_reported_and_others_deleted(self):
        real_delete = self.backend.delete_cert
        bad = self.refs['etcd_ca_cert_ref']

        def flaky_delete(ctx, ref):
            if ref == bad:
                raise exception.CertificateStorageException(msg='down')
            return real_delete(ctx, ref)

        with mock.patch.object(self.backend, 'delete_cert',
                               side_effect=flaky_delete):
            failed = certificates.delete_certificates_from_cluster(
                self.context, self.cluster)
        self.assertEqual([bad], failed)
        self.assertEqual(bad, self.cluster.etcd_ca_cert_ref)
        self.assertIsNone(self.cluster.ca_cert_ref)
        self.assertFalse(self._exists(self.refs['magnum_cert_ref']))


class TestClientFiles(CertificatesTestCase):

    def setUp(self):
        super().setUp()
        certificates.generate_certificates_for_cluster(self.context,
                                                       self.cluster)
        self.cache = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.cache, True)

    def _check(self, files):
        with open(files.ca_file) as f:
            self.assertEqual(self._pem(self.cluster.ca_cert_ref), f.read())
        with open(files.cert_file) as f:
            self.assertEqual(self._pem(self.cluster.magnum_cert_ref),
                             f.read())
        with open(files.key_file) as f:
            self.assertIn('BEGIN PRIVATE KEY', f.read())
        for path in files:
            self.assertEqual(0o600, stat.S_IMODE(os.stat(path).st_mode))

    def test_cached_under_temp_cache_dir(self):
        self.config(group='cluster', temp_cache_dir=self.cache)
        with certificates.client_files(self.context, self.cluster) as files:
            self.assertEqual(os.path.join(self.cache, db_utils.CLUSTER_UUID,
                                          'ca.crt'), files.ca_file)
            self._check(files)
        self.assertTrue(os.path.exists(files.key_file))
        with mock.patch.object(self.backend, 'get_cert') as get_cert:
            with certificates.client_files(self.context, self.cluster):
                pass
        get_cert.assert_not_called()

    def test_temporary_without_cache_dir(self):
        self.config(group='cluster',
                    temp_cache_dir=os.path.join(self.cache, 'missing'))
        with certificates.client_files(self.context, self.cluster) as files:
            self._check(files)
        self.assertFalse(os.path.exists(files.key_file))
        self.assertFalse(os.path.exists(os.path.join(self.cache, 'missing')))

    def test_rotation_and_delete_drop_the_cache(self):
        self.config(group='cluster', temp_cache_dir=self.cache)
        with certificates.client_files(self.context, self.cluster):
            pass
        certificates.rotate_ca_certificate(self.context, self.cluster)
        with certificates.client_files(self.context, self.cluster) as files:
            self._check(files)
        certificates.delete_certificates_from_cluster(self.context,
                                                      self.cluster)
        self.assertFalse(os.path.exists(
            os.path.join(self.cache, db_utils.CLUSTER_UUID)))


class TestContextSeenByTheBackend(CertificatesTestCase):
    """The backend sees the cluster's trust when there is one."""

    def _seen_contexts(self, call):
        seen = []
        for method in ('store_cert', 'get_cert', 'delete_cert'):
            original = getattr(self.backend, method)

            def record(ctx, *args, _original=original, **kwargs):
                seen.append(ctx)
                return _original(ctx, *args, **kwargs)
            self.useFixture(fixtures.MockPatchObject(self.backend, method,
                                                     side_effect=record))
        call()
        return seen

    def _everything(self, caller):
        certificates.generate_certificates_for_cluster(caller, self.cluster)
        certificates.get_ca_certificate(caller, self.cluster)
        certificates.rotate_ca_certificate(caller, self.cluster)
        with certificates.client_files(caller, self.cluster):
            pass
        certificates.delete_certificates_from_cluster(caller, self.cluster)

    def test_without_a_trust_the_callers_context(self):
        seen = self._seen_contexts(lambda: self._everything(self.context))
        self.assertTrue(seen)
        self.assertEqual({id(self.context)}, {id(c) for c in seen})

    def test_with_a_trust_the_trust_whoever_asks(self):
        self.cluster.trust_id = 'trust-1'
        self.cluster.trustee_user_id = 'trustee-1'
        self.cluster.trustee_password = 'trustee-secret'
        self.cluster.save()
        other_admin = context.make_context(project_id='other',
                                           user_id='admin', is_admin=True)
        seen = self._seen_contexts(lambda: self._everything(other_admin))
        self.assertTrue(seen)
        self.assertEqual({('trust-1', 'trustee-1', db_utils.PROJECT_ID)},
                         {(c.trust_id, c.user_id, c.project_id)
                          for c in seen})
