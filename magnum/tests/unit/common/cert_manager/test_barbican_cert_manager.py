"""Tests for the Barbican certificate backend, against a fake Barbican.

The fake answers the Key Manager API on requests-mock, so the real
python-barbicanclient and keystoneauth code runs; a test against the
real Barbican of the local cloud is in the functional suite.
"""

import base64
import re
import uuid

from keystoneauth1 import fixture as ka_fixture
from requests_mock.contrib import fixture as rm_fixture

from magnum.common.cert_manager import barbican_cert_manager as bcm
from magnum.common import context as magnum_context
from magnum.common import exception
from magnum.tests import base

URL = 'http://barbican.test:9311'
V1 = URL + '/v1'
TOKEN = 'caller-token'
PROJECT = 'p1'
CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
KEY = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ...\n'


class FakeBarbican(object):
    """Keep secrets and containers in dicts; refuse on demand."""

    def __init__(self, mocker):
        self.secrets = {}
        self.containers = {}
        self.fail = {}
        self.requests = []
        versions = {'versions': {'values': [{
            'id': 'v1', 'status': 'stable', 'min_version': '1.0',
            'max_version': '1.1',
            'links': [{'rel': 'self', 'href': V1 + '/'}]}]}}
        mocker.get(URL, json=versions)
        mocker.get(URL + '/', json=versions)
        mocker.get(V1 + '/', json={'version': versions['versions'][
            'values'][0]})
        mocker.post(re.compile(re.escape(V1 + '/secrets') + '/?$'),
                    json=self._create_secret)
        mocker.get(self._item('secrets', '/payload'), content=self._payload)
        mocker.get(self._item('secrets'), json=self._secret)
        mocker.delete(self._item('secrets'),
                      text=self._delete(self.secrets, 'secret'))
        mocker.post(re.compile(re.escape(V1 + '/containers') + '/?$'),
                    json=self._create_container)
        mocker.get(self._item('containers'), json=self._container)
        mocker.delete(self._item('containers'),
                      text=self._delete(self.containers, 'container'))

    @staticmethod
    def _item(kind, suffix=''):
        return re.compile(re.escape(V1 + '/' + kind + '/') + '[^/]+'
                          + suffix + '/?$')

    @staticmethod
    def _id(request):
        return request.path.split('/')[3]

    def _refused(self, request, context, what):
        self.requests.append((request.method, what,
                              request.headers.get('X-Auth-Token')))
        status = self.fail.get((request.method, what))
        if status:
            context.status_code = status
            return {'code': status, 'title': 'refused',
                    'description': 'refused by the test'}
        return None

    def _create_secret(self, request, context):
        refused = self._refused(request, context, 'secret')
        if refused:
            return refused
        body = request.json()
        if body.get('payload_content_encoding') == 'base64':
            body['payload'] = base64.b64decode(body['payload'])
        else:
            # What the real Barbican does to text payloads.
            body['payload'] = body['payload'].strip().encode('utf-8')
        ident = str(uuid.uuid4())
        self.secrets[ident] = body
        context.status_code = 201
        return {'secret_ref': '%s/secrets/%s' % (V1, ident)}

    def _secret(self, request, context):
        ident = self._id(request)
        if ident not in self.secrets:
            context.status_code = 404
            return {'code': 404, 'title': 'Not Found'}
        return {'secret_ref': '%s/secrets/%s' % (V1, ident),
                'name': self.secrets[ident]['name'], 'status': 'ACTIVE',
                'content_types': {'default': self.secrets[ident][
                    'payload_content_type']}}

    def _payload(self, request, context):
        refused = self._refused(request, context, 'payload')
        if refused:
            return refused['description'].encode('utf-8')
        ident = self._id(request)
        if ident not in self.secrets:
            context.status_code = 404
            return b'Not Found'
        return self.secrets[ident]['payload']

    def _create_container(self, request, context):
        refused = self._refused(request, context, 'container')
        if refused:
            return refused
        ident = str(uuid.uuid4())
        self.containers[ident] = request.json()
        context.status_code = 201
        return {'container_ref': '%s/containers/%s' % (V1, ident)}

    def _container(self, request, context):
        ident = self._id(request)
        if ident not in self.containers:
            context.status_code = 404
            return {'code': 404, 'title': 'Not Found'}
        body = dict(self.containers[ident])
        body.update({'container_ref': '%s/containers/%s' % (V1, ident),
                     'status': 'ACTIVE'})
        return body

    def _delete(self, store, what):
        def answer(request, context):
            if self._refused(request, context, what):
                return 'refused'
            ident = self._id(request)
            if store.pop(ident, None) is None:
                context.status_code = 404
                return 'Not Found'
            context.status_code = 204
            return ''
        return answer


def caller_context():
    token = ka_fixture.V3Token(user_id='u1', project_id=PROJECT)
    token.add_role(name='member')
    service = token.add_service('key-manager', name='barbican')
    service.add_standard_endpoints(public=URL, internal=URL, admin=URL,
                                   region='RegionOne')
    return magnum_context.RequestContext(
        auth_token=TOKEN, auth_token_info=token, user_id='u1',
        project_id=PROJECT)


class TestBarbicanCertManager(base.TestCase):

    def setUp(self):
        super().setUp()
        self.barbican = FakeBarbican(self.useFixture(rm_fixture.Fixture()))
        self.context = caller_context()
        self.manager = bcm.BarbicanCertManager()

    def _store(self, **extra):
        return self.manager.store_cert(self.context, CERT, KEY,
                                       name='Magnum-Conductor', **extra)

    def test_round_trip(self):
        ref = self._store(private_key_passphrase='secret',
                          intermediates='INT')
        self.assertTrue(ref.startswith(V1 + '/containers/'))
        cert = self.manager.get_cert(self.context, ref)
        self.assertEqual(CERT, cert.get_certificate())
        self.assertEqual(KEY, cert.get_private_key())
        self.assertEqual('secret', cert.get_private_key_passphrase())
        self.assertEqual('INT', cert.get_intermediates())

    def test_one_certificate_container_naming_its_secrets(self):
        ref = self._store(private_key_passphrase='secret')
        container = self.barbican.containers[ref.rsplit('/', 1)[1]]
        self.assertEqual('certificate', container['type'])
        self.assertEqual('Magnum-Conductor', container['name'])
        names = sorted(s['name'] for s in container['secret_refs'])
        self.assertEqual(['certificate', 'private_key',
                          'private_key_passphrase'], names)
        self.assertEqual(3, len(self.barbican.secrets))
        # Bytes, so that Barbican keeps the PEM's final newline.
        self.assertEqual({('application/octet-stream', 'base64')}, {
            (s['payload_content_type'], s['payload_content_encoding'])
            for s in self.barbican.secrets.values()})

    def test_absent_parts_read_as_none(self):
        ref = self._store()
        cert = self.manager.get_cert(self.context, ref)
        self.assertIsNone(cert.get_private_key_passphrase())
        self.assertIsNone(cert.get_intermediates())

    def test_acts_with_the_callers_token(self):
        self._store()
        self.assertEqual({TOKEN}, {token for _, _, token in
                                   self.barbican.requests})

    def test_delete_removes_container_and_secrets(self):
        ref = self._store(private_key_passphrase='secret')
        self.manager.delete_cert(self.context, ref)
        self.assertEqual({}, self.barbican.containers)
        self.assertEqual({}, self.barbican.secrets)

    def test_delete_again_is_not_found(self):
        ref = self._store()
        self.manager.delete_cert(self.context, ref)
        self.assertRaises(exception.CertificateNotFound,
                          self.manager.delete_cert, self.context, ref)

    def test_delete_retried_after_a_failed_container_delete(self):
        ref = self._store()
        self.barbican.fail[('DELETE', 'container')] = 503
        self.assertRaises(exception.CertificateStorageException,
                          self.manager.delete_cert, self.context, ref)
        self.assertEqual({}, self.barbican.secrets)
        del self.barbican.fail[('DELETE', 'container')]
        self.manager.delete_cert(self.context, ref)
        self.assertEqual({}, self.barbican.containers)

    def test_get_missing_is_not_found(self):
        self.assertRaises(exception.CertificateNotFound,
                          self.manager.get_cert, self.context,
                          V1 + '/containers/' + str(uuid.uuid4()))

    def test_reference_of_another_backend(self):
        ref = '/var/lib/magnum/certificates/ca'
        for method in (self.manager.get_cert, self.manager.delete_cert):
            e = self.assertRaises(exception.CertificateStorageException,
                                  method, self.context, ref)
            self.assertIn('not a Barbican container reference', str(e))

    def test_get_refused_is_a_storage_error(self):
        ref = self._store()
        self.barbican.fail[('GET', 'payload')] = 403
        e = self.assertRaises(exception.CertificateStorageException,
                              self.manager.get_cert, self.context, ref)
        self.assertIn('Barbican could not read the certificate', str(e))

    def test_failed_container_leaves_no_secret(self):
        self.barbican.fail[('POST', 'container')] = 500
        e = self.assertRaises(exception.CertificateStorageException,
                              self._store, private_key_passphrase='s')
        self.assertIn('Barbican could not store the certificate', str(e))
        self.assertEqual({}, self.barbican.secrets)
        self.assertEqual({}, self.barbican.containers)

    def test_no_catalog_entry_is_a_storage_error(self):
        context = caller_context()
        context.auth_token_info['token']['catalog'] = []
        self.assertRaises(exception.CertificateStorageException,
                          self.manager.store_cert, context, CERT, KEY)

    def test_region_and_interface_from_config(self):
        self.config(group='barbican_client', region_name='Elsewhere')
        self.assertRaises(exception.CertificateStorageException,
                          self._store)
        self.config(group='barbican_client', region_name='RegionOne',
                    endpoint_type='internalURL')
        ref = self._store()
        self.assertTrue(ref.startswith(V1))
