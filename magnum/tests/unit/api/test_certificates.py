"""``/v1/certificates`` through the whole WSGI pipeline."""

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography import x509
from cryptography.x509.oid import NameOID
import fixtures
import oslo_messaging as messaging

from magnum.common import context as magnum_context
from magnum.db import api as dbapi
from magnum.drivers import base as driver_base
from magnum.drivers.fake import driver as fake_driver
from magnum import objects
from magnum.tests.unit.api import base
from magnum.tests.unit.api import conductor_fixture
from magnum.tests.unit.db import utils as db_utils

CA_PEM = ('-----BEGIN CERTIFICATE-----\nCA\n'
          '-----END CERTIFICATE-----\n')
SIGNED_PEM = ('-----BEGIN CERTIFICATE-----\nSIGNED\n'
              '-----END CERTIFICATE-----\n')
OWNER = 'member-user'
PROJECT = 'project-a'
# The member who created the cluster, holding only the reader role.
OWNER_READER = {'X-User-Id': OWNER, 'X-Project-Id': PROJECT,
                'X-Roles': 'reader'}
CLUSTER_UUID = db_utils.CLUSTER_UUID


def make_csr():
    """Return a real PEM CSR (EC keys are quick to make)."""
    key = ec.generate_private_key(ec.SECP256R1())
    request = x509.CertificateSigningRequestBuilder().subject_name(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'admin')])
    ).sign(key, hashes.SHA256())
    return request.public_bytes(serialization.Encoding.PEM).decode()


class FakeConductorAPI(conductor_fixture.RecordingConductorAPI):
    """Records casts (with the DB at cast time) and answers the calls."""

    def __init__(self):
        super().__init__()
        self.calls = []

    def get_ca_certificate(self, context, cluster_uuid, ca_cert_type=None):
        self.calls.append(('get_ca_certificate', cluster_uuid,
                           ca_cert_type))
        return CA_PEM

    def sign_certificate(self, context, cluster_uuid, csr,
                         ca_cert_type=None):
        self.calls.append(('sign_certificate', cluster_uuid, csr,
                           ca_cert_type))
        return SIGNED_PEM


class ConductorFake(fixtures.Fixture):
    """Replace :func:`magnum.api.rpc.conductor_api` with the fake."""

    def _setUp(self):
        self.api = FakeConductorAPI()
        self.useFixture(fixtures.MonkeyPatch(
            'magnum.api.rpc.conductor_api', lambda: self.api))


class StrictAPITestCase(base.APITestCase):
    """APITestCase whose ``request`` also checks error statuses.

    webtest skips its status check when ``expect_errors`` is set, which
    ``APITestCase.request`` does for every 4xx.
    """

    def request(self, method, path, body=None, headers=None, status=None,
                version=None):
        response = super().request(method, path, body=body, headers=headers,
                                   status=status, version=version)
        if status is not None:
            self.assertEqual(status, response.status_int, response.body)
        return response


class ClusterAPITestCase(StrictAPITestCase):
    """A fake-driver cluster in project-a, owned by member-user."""

    def setUp(self):
        super().setUp()
        self.conductor = self.useFixture(ConductorFake()).api
        self.template = db_utils.create_test_cluster_template(
            project_id=PROJECT, user_id=OWNER, cluster_distro='fake',
            image_id='fedora-coreos-latest')
        self.cluster = db_utils.create_test_cluster(
            project_id=PROJECT, user_id=OWNER, master_count=1,
            node_count=2, etcd_ca_cert_ref='etcd-ref',
            front_proxy_ca_cert_ref='front-proxy-ref')

    def admin_context(self):
        return magnum_context.make_admin_context(all_tenants=True)

    def stored(self, ident=CLUSTER_UUID):
        return objects.Cluster.get_by_uuid(self.admin_context(), ident)

    def operations(self):
        return dbapi.list_operations(CLUSTER_UUID)

    def assert_unchanged(self):
        """The cluster is as created, with no operation and no cast."""
        self.assertEqual('CREATE_COMPLETE', self.stored().status)
        self.assertEqual([], self.operations())
        self.assertEqual([], self.conductor.casts)


class ShowCATest(ClusterAPITestCase):

    def test_show_by_uuid_and_name(self):
        for ident in (CLUSTER_UUID, 'cluster1'):
            body = self.get_json('/v1/certificates/%s' % ident,
                                 headers=base.MEMBER)
            self.assertEqual(CLUSTER_UUID, body['cluster_uuid'])
            self.assertEqual(CA_PEM, body['pem'])
            self.assertEqual(['self', 'bookmark'],
                             [link['rel'] for link in body['links']])
            self.assertTrue(body['links'][0]['href'].endswith(
                '/v1/certificates/%s' % CLUSTER_UUID))
            self.assertEqual({'cluster_uuid', 'pem', 'links'}, set(body))
        self.assertEqual(
            [('get_ca_certificate', CLUSTER_UUID, None)] * 2,
            self.conductor.calls)

    def test_ca_cert_type_is_normalised(self):
        for given, sent in (('etcd', 'etcd'),
                            ('front_proxy', 'front_proxy'),
                            ('front-proxy', 'front_proxy'),
                            ('kubernetes', None), ('anything', None),
                            ('', None),
                            ('etcd&ca_cert_type=etcd', None)):
            self.get_json('/v1/certificates/%s?ca_cert_type=%s'
                          % (CLUSTER_UUID, given), headers=base.MEMBER)
            self.assertEqual(sent, self.conductor.calls[-1][2], given)

    def test_cluster_without_the_ca_is_409(self):
        dbapi.update_cluster(CLUSTER_UUID, {'etcd_ca_cert_ref': None,
                                            'status': 'CREATE_IN_PROGRESS'})
        response = self.request('get', '/v1/certificates/%s?ca_cert_type='
                                'etcd' % CLUSTER_UUID, headers=base.MEMBER,
                                status=409)
        self.assertIn('has no etcd CA yet',
                      response.json['errors'][0]['detail'])
        self.assertEqual([], self.conductor.calls)
        self.get_json('/v1/certificates/%s' % CLUSTER_UUID,
                      headers=base.MEMBER)

    def test_unknown_cluster_is_404(self):
        response = self.request('get', '/v1/certificates/nope',
                                headers=base.MEMBER, status=404)
        self.assertEqual('Cluster nope could not be found.',
                         response.json['errors'][0]['detail'])
        self.assertEqual([], self.conductor.calls)

    def test_ambiguous_name_is_409(self):
        db_utils.create_test_cluster(
            uuid='1b4f0b0a-5d55-4b8a-9d4c-0c8f6b2b9a09', project_id=PROJECT,
            user_id=OWNER)
        self.request('get', '/v1/certificates/cluster1',
                     headers=base.MEMBER, status=409)

    def test_rbac(self):
        for headers, status in ((base.ADMIN, 200), (base.MEMBER, 200),
                                (OWNER_READER, 200), (base.READER, 403),
                                (base.OTHER_MEMBER, 404)):
            self.request('get', '/v1/certificates/%s' % CLUSTER_UUID,
                         headers=headers, status=status)
        self.assertEqual(3, len(self.conductor.calls))

    def test_denied_message_names_the_rule(self):
        response = self.request('get', '/v1/certificates/%s' % CLUSTER_UUID,
                                headers=base.READER, status=403)
        self.assertEqual(
            "Policy doesn't allow certificate:get to be performed.",
            response.json['errors'][0]['detail'])


class RoutingTest(ClusterAPITestCase):

    def test_collection_has_no_get_or_patch(self):
        self.request('get', '/v1/certificates', status=405)
        self.request('patch', '/v1/certificates', status=405)
        self.request('delete', '/v1/certificates/%s' % CLUSTER_UUID,
                     status=405)
        self.assert_unchanged()

    def test_conductor_timeout_is_503(self):
        self.useFixture(fixtures.MockPatchObject(
            self.conductor, 'get_ca_certificate',
            side_effect=messaging.MessagingTimeout('no answer')))
        response = self.request('get', '/v1/certificates/%s' % CLUSTER_UUID,
                                headers=base.MEMBER, status=503)
        self.assertIn('magnum-conductor',
                      response.json['errors'][0]['detail'])


class SignTest(ClusterAPITestCase):

    def setUp(self):
        super().setUp()
        self.csr = make_csr()

    def test_sign_returns_201_with_the_certificate(self):
        response = self.request('post', '/v1/certificates',
                                {'cluster_uuid': CLUSTER_UUID,
                                 'csr': self.csr},
                                headers=base.MEMBER, status=201)
        body = response.json
        self.assertEqual({'cluster_uuid', 'csr', 'pem', 'links'}, set(body))
        self.assertEqual(SIGNED_PEM, body['pem'])
        self.assertEqual(self.csr, body['csr'])
        self.assertEqual([('sign_certificate', CLUSTER_UUID, self.csr,
                           None)], self.conductor.calls)

    def test_cluster_by_name_and_ca_cert_type(self):
        body = self.request('post', '/v1/certificates',
                            {'cluster_uuid': 'cluster1', 'csr': self.csr,
                             'ca_cert_type': 'front-proxy'},
                            headers=base.MEMBER, status=201).json
        self.assertEqual(CLUSTER_UUID, body['cluster_uuid'])
        self.assertEqual('front-proxy', body['ca_cert_type'])
        self.assertEqual('front_proxy', self.conductor.calls[-1][3])

    def test_unknown_cluster_is_400(self):
        response = self.request('post', '/v1/certificates',
                                {'cluster_uuid': 'nope', 'csr': self.csr},
                                headers=base.MEMBER, status=400)
        self.assertEqual('Cluster nope could not be found.',
                         response.json['errors'][0]['detail'])
        # Another project's cluster does not exist for the caller.
        self.request('post', '/v1/certificates',
                     {'cluster_uuid': CLUSTER_UUID, 'csr': self.csr},
                     headers=base.OTHER_MEMBER, status=400)
        self.assertEqual([], self.conductor.calls)

    def test_bad_bodies_are_400(self):
        for body in ({'csr': self.csr}, {'cluster_uuid': CLUSTER_UUID},
                     {'cluster_uuid': CLUSTER_UUID, 'csr': ''},
                     {'cluster_uuid': CLUSTER_UUID, 'csr': self.csr,
                      'bogus': 1},
                     {'cluster_uuid': CLUSTER_UUID, 'csr': 42},
                     {'cluster_uuid': CLUSTER_UUID, 'csr': 'not a csr'},
                     [], 'text'):
            self.request('post', '/v1/certificates', body,
                         headers=base.MEMBER, status=400)
        self.assertEqual([], self.conductor.calls)

    def test_not_json_is_400(self):
        headers = dict(base.MEMBER, **{'Content-Type': 'application/json'})
        self.app.post('/v1/certificates', '{not json', headers=headers,
                      status=400)

    def test_cluster_without_the_ca_is_409(self):
        dbapi.update_cluster(CLUSTER_UUID, {'ca_cert_ref': None})
        self.request('post', '/v1/certificates',
                     {'cluster_uuid': CLUSTER_UUID, 'csr': self.csr},
                     headers=base.MEMBER, status=409)
        self.assertEqual([], self.conductor.calls)

    def test_invalid_csr_says_what_to_send(self):
        response = self.request('post', '/v1/certificates',
                                {'cluster_uuid': CLUSTER_UUID,
                                 'csr': 'garbage'},
                                headers=base.MEMBER, status=400)
        self.assertIn('BEGIN CERTIFICATE REQUEST',
                      response.json['errors'][0]['detail'])

    def test_rbac(self):
        body = {'cluster_uuid': CLUSTER_UUID, 'csr': self.csr}
        for headers, status in ((base.ADMIN, 201), (base.MEMBER, 201),
                                (OWNER_READER, 403), (base.READER, 403),
                                (base.OTHER_MEMBER, 400)):
            self.request('post', '/v1/certificates', body, headers=headers,
                         status=status)
        self.assertEqual(2, len(self.conductor.calls))


class RotateCATest(ClusterAPITestCase):

    def test_rotate_commits_then_casts(self):
        response = self.request('patch', '/v1/certificates/%s'
                                % CLUSTER_UUID, headers=base.MEMBER,
                                status=202)
        self.assertEqual({'uuid': CLUSTER_UUID}, response.json)
        self.assertEqual(['rotate_ca_certificate'], self.conductor.methods())
        cast = self.conductor.casts[0]
        # What the conductor would find when the cast arrived.
        self.assertEqual('UPDATE_IN_PROGRESS', cast.cluster.status)
        self.assertEqual('rotate_ca_certificate', cast.operation.name)
        self.assertEqual('pending', cast.operation.state)
        self.assertEqual(CLUSTER_UUID, cast.operation.cluster_id)
        self.assertEqual('member-user', cast.operation.user_id)
        self.assertEqual('CREATE_COMPLETE',
                         cast.operation.params['previous_status'])
        self.assertEqual('UPDATE_IN_PROGRESS', self.stored().status)

    def test_rotate_at_any_version_and_by_name(self):
        for version in (None, '1.1', '1.5', 'latest'):
            dbapi.update_cluster(CLUSTER_UUID, {'status': 'UPDATE_COMPLETE'})
            self.request('patch', '/v1/certificates/cluster1',
                         headers=base.MEMBER, status=202, version=version)
        self.assertEqual(4, len(self.conductor.casts))

    def test_second_rotation_is_409_and_changes_nothing(self):
        self.request('patch', '/v1/certificates/%s' % CLUSTER_UUID,
                     headers=base.MEMBER, status=202)
        response = self.request('patch', '/v1/certificates/%s'
                                % CLUSTER_UUID, headers=base.MEMBER,
                                status=409)
        self.assertIn('UPDATE_IN_PROGRESS',
                      response.json['errors'][0]['detail'])
        self.assertEqual(1, len(self.operations()))
        self.assertEqual(1, len(self.conductor.casts))

    def test_failed_cluster_is_409(self):
        dbapi.update_cluster(CLUSTER_UUID, {'status': 'CREATE_FAILED'})
        self.request('patch', '/v1/certificates/%s' % CLUSTER_UUID,
                     headers=base.MEMBER, status=409)
        self.assertEqual('CREATE_FAILED', self.stored().status)
        self.assertEqual([], self.operations())

    def test_tls_disabled_is_400(self):
        dbapi.update_cluster_template(self.template.uuid,
                                      {'tls_disabled': True})
        response = self.request('patch', '/v1/certificates/%s'
                                % CLUSTER_UUID, headers=base.MEMBER,
                                status=400)
        self.assertEqual('Rotating the CA certificate on a non-TLS cluster '
                         'is not supported.',
                         response.json['errors'][0]['detail'])
        self.assert_unchanged()

    def test_driver_without_rotation_is_400(self):
        self.useFixture(fixtures.MockPatchObject(
            fake_driver.FakeDriver, 'rotate_ca_certificate',
            driver_base.Driver.rotate_ca_certificate))
        response = self.request('patch', '/v1/certificates/%s'
                                % CLUSTER_UUID, headers=base.MEMBER,
                                status=400)
        self.assertIn('(vm, fake, kubernetes)',
                      response.json['errors'][0]['detail'])
        self.assert_unchanged()

    def test_template_made_private_still_rotates(self):
        dbapi.update_cluster_template(self.template.uuid,
                                      {'project_id': 'someone-else'})
        self.request('patch', '/v1/certificates/%s' % CLUSTER_UUID,
                     headers=base.MEMBER, status=202)

    def test_unknown_cluster_is_404(self):
        self.request('patch', '/v1/certificates/nope', headers=base.MEMBER,
                     status=404)
        self.assert_unchanged()

    def test_rbac(self):
        for headers, status in ((base.READER, 403), (OWNER_READER, 403),
                                (base.OTHER_MEMBER, 404)):
            self.request('patch', '/v1/certificates/%s' % CLUSTER_UUID,
                         headers=headers, status=status)
            self.assert_unchanged()
        for headers in (base.ADMIN, base.MEMBER):
            dbapi.update_cluster(CLUSTER_UUID, {'status': 'UPDATE_COMPLETE'})
            self.request('patch', '/v1/certificates/%s' % CLUSTER_UUID,
                         headers=headers, status=202)
        self.assertEqual(2, len(self.conductor.casts))

    def test_other_member_of_the_project_may_rotate(self):
        colleague = {'X-User-Id': 'colleague', 'X-Project-Id': PROJECT,
                     'X-Roles': 'member,reader'}
        self.request('patch', '/v1/certificates/%s' % CLUSTER_UUID,
                     headers=colleague, status=202)
