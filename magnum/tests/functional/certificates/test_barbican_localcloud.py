"""The Barbican certificate backend against the real Barbican of
``tools/localcloud``.

The cloud comes from :mod:`magnum.tests.functional.localcloud`; without
a ``key-manager`` endpoint in it the tests skip (or fail under
``MAGNUM_TEST_REQUIRE_SERVICES=1``).
"""

from urllib import parse

from keystoneauth1 import exceptions as ka_exceptions
from keystoneauth1 import session as ks_session
from oslo_utils import uuidutils

from magnum.common import cert_manager
from magnum.common.cert_manager import barbican_cert_manager as bcm
from magnum.common import context as magnum_context
from magnum.common import exception
from magnum.common.keystone import auth
from magnum.common.keystone import identity
from magnum.common.keystone import trusts
from magnum.common.x509 import authority
from magnum.conductor import certificates
from magnum import objects
from magnum.tests.functional import localcloud
from magnum.tests import services
from magnum.tests.unit.common.x509 import helpers
from magnum.tests.unit.db import utils as db_utils


class BarbicanTestCase(db_utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.cloud = localcloud.load_cloud(self)
        url = self.cloud.get('endpoints', {}).get('key-manager')
        if not url:
            services.skip_or_fail(self, 'the local cloud has no key-manager '
                                        '(Barbican) endpoint')
        split = parse.urlsplit(url)
        services.require_port(self, 'Barbican', split.hostname, split.port)
        self.config(group='x509', rsa_key_size=helpers.TEST_KEY_SIZE)
        self.demo = localcloud.demo_context(self.cloud)
        # Barbican as the demo user sees it, to check what is stored.
        self.barbican = ks_session.Session().get

    def _get(self, ref):
        """GET ``ref`` as the demo user; any status is returned."""
        return self.barbican(ref, raise_exc=False, headers={
            'X-Auth-Token': self.demo.auth_token,
            'Accept': 'application/json'})

    def _status(self, ref):
        """Return the HTTP status of GET ``ref`` as the demo user."""
        return self._get(ref).status_code

    def _container(self, ref):
        response = self._get(ref)
        self.assertEqual(200, response.status_code, ref)
        return response.json()

    def _secret_refs(self, container_ref):
        return [s['secret_ref'] for s in
                self._container(container_ref)['secret_refs']]

    def _assert_gone(self, container_ref, secret_refs):
        self.assertEqual(404, self._status(container_ref))
        for ref in secret_refs:
            self.assertEqual(404, self._status(ref))


class TestBackend(BarbicanTestCase):

    def test_store_read_delete(self):
        manager = bcm.BarbicanCertManager()
        issued = authority.generate_ca('barbican-test')
        ref = manager.store_cert(self.demo, issued.certificate,
                                 issued.private_key,
                                 private_key_passphrase=issued.passphrase,
                                 name='barbican-test')
        self.addCleanup(self._delete_quietly, manager, ref)

        container = self._container(ref)
        self.assertEqual('certificate', container['type'])
        self.assertEqual({'certificate', 'private_key',
                          'private_key_passphrase'},
                         {s['name'] for s in container['secret_refs']})

        cert = manager.get_cert(self.demo, ref)
        self.assertEqual(issued.certificate, cert.get_certificate())
        self.assertEqual(issued.private_key, cert.get_private_key())
        self.assertEqual(issued.passphrase,
                         cert.get_private_key_passphrase())
        self.assertIsNone(cert.get_intermediates())

        secret_refs = self._secret_refs(ref)
        manager.delete_cert(self.demo, ref)
        self._assert_gone(ref, secret_refs)

    def test_another_project_cannot_read(self):
        manager = bcm.BarbicanCertManager()
        issued = authority.generate_ca('barbican-test')
        ref = manager.store_cert(self.demo, issued.certificate,
                                 issued.private_key)
        self.addCleanup(self._delete_quietly, manager, ref)
        admin = localcloud.token_context(self.cloud['admin'])
        self.assertNotEqual(admin.project_id, self.demo.project_id)
        self.assertRaises(exception.CertificateStorageException,
                          manager.get_cert, admin, ref)

    def _delete_quietly(self, manager, ref):
        try:
            manager.delete_cert(self.demo, ref)
        except exception.CertificateNotFound:
            pass


class TestClusterCertificatesInBarbican(BarbicanTestCase):
    """A cluster's CAs in Barbican, reached through its trust."""

    def setUp(self):
        super().setUp()
        localcloud.configure_keystone(self, self.cloud)
        self.config(group='certificates', cert_manager_type='barbican')
        cert_manager.reset()
        self.addCleanup(cert_manager.reset)
        db_utils.create_test_cluster_template()
        uuid = uuidutils.generate_uuid()
        db_utils.create_test_cluster(uuid=uuid, name='barbican-test',
                                     project_id=self.demo.project_id,
                                     user_id=self.demo.user_id,
                                     ca_cert_ref=None, magnum_cert_ref=None)
        self.cluster = objects.Cluster.get_by_uuid(
            magnum_context.make_admin_context(all_tenants=True), uuid)
        trusts.create_trustee_and_trust(self.demo, self.cluster)
        self.addCleanup(self._delete_trustee, self.cluster.trustee_user_id)

    @staticmethod
    def _delete_trustee(user_id):
        try:
            identity.delete_user(auth.domain_admin_session(), user_id)
        except ka_exceptions.NotFound:
            pass

    def _refs(self):
        return [getattr(self.cluster, field)
                for field in certificates.ALL_REF_FIELDS]

    def test_lifecycle(self):
        certificates.generate_certificates_for_cluster(self.demo,
                                                       self.cluster)
        refs = self._refs()
        self.assertEqual(4, len(set(refs)))
        for ref in refs:
            self.assertIn('/v1/containers/', ref)
            self.assertEqual(200, self._status(ref))

        # A periodic task's admin context (no token, no project) still
        # reads them, through the cluster's trust.
        periodic = magnum_context.make_admin_context(all_tenants=True)
        ca = helpers.load(certificates.get_ca_certificate(periodic,
                                                          self.cluster))
        with certificates.client_files(periodic, self.cluster) as files:
            with open(files.cert_file) as f:
                client = helpers.load(f.read())
        self.assertEqual(ca.subject, client.issuer)

        secret_refs = [s for ref in refs for s in self._secret_refs(ref)]
        admin = localcloud.token_context(self.cloud['admin'])
        failed = certificates.delete_certificates_from_cluster(admin,
                                                               self.cluster)
        self.assertEqual([], failed)
        for ref in refs:
            self._assert_gone(ref, [])
        for ref in secret_refs:
            self.assertEqual(404, self._status(ref))
        self.assertEqual([None] * 4, self._refs())
