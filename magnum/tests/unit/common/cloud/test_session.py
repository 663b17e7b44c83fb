"""Tests for building sessions that act with the caller's token."""

from keystoneauth1 import access
from keystonemiddleware.auth_token import _user_plugin
from requests_mock.contrib import fixture as rm_fixture

from magnum.common.cloud import session
from magnum.common import context
from magnum.common import exception
from magnum.tests import base
from magnum.tests.unit.common.cloud import fakes


def _user_auth_plugin():
    auth_ref = access.create(body=fakes.token_info(),
                             auth_token=fakes.TOKEN)
    return _user_plugin.UserAuthPlugin(auth_ref, None)


class VerifyTest(base.TestCase):

    def test_default_verifies_with_system_bundle(self):
        self.assertIs(True, session.verify_setting())

    def test_ca_file(self):
        self.config(group='drivers', openstack_ca_file='/etc/ca.pem')
        self.assertEqual('/etc/ca.pem', session.verify_setting())

    def test_verify_off(self):
        self.config(group='drivers', verify_ca=False,
                    openstack_ca_file='/etc/ca.pem')
        self.assertIs(False, session.verify_setting())

    def test_session_gets_setting(self):
        self.config(group='drivers', openstack_ca_file='/etc/ca.pem')
        sess = session.session_for_context(fakes.caller_context())
        self.assertEqual('/etc/ca.pem', sess.verify)


class SessionForEnvironTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.requests = self.useFixture(rm_fixture.Fixture())
        self.requests.get(fakes.NOVA + '/flavors/2', json={})

    def test_uses_middleware_plugin(self):
        environ = {session.TOKEN_AUTH_KEY: _user_auth_plugin()}
        sess = session.session_for_environ(environ)
        sess.get('/flavors/2', endpoint_filter={'service_type': 'compute',
                                                'interface': 'public'})
        self.assertEqual(fakes.TOKEN,
                         self.requests.last_request.headers['X-Auth-Token'])

    def test_noauth_request(self):
        error = self.assertRaises(exception.AuthorizationFailure,
                                  session.session_for_environ, {})
        self.assertEqual(403, error.code)
        self.assertIn('Keystone connection failed', str(error))
        self.assertIn('keystone authentication', str(error))

    def test_plugin_without_user_token(self):
        environ = {session.TOKEN_AUTH_KEY:
                   _user_plugin.UserAuthPlugin(None, None)}
        self.assertRaises(exception.AuthorizationFailure,
                          session.session_for_environ, environ)


class SessionForContextTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.requests = self.useFixture(rm_fixture.Fixture())

    def test_uses_token_and_catalog(self):
        self.requests.get(fakes.NOVA + '/internal/flavors/2', json={})
        sess = session.session_for_context(fakes.caller_context())
        sess.get('/flavors/2', endpoint_filter={'service_type': 'compute',
                                                'interface': 'internal'})
        self.assertEqual(fakes.TOKEN,
                         self.requests.last_request.headers['X-Auth-Token'])
        self.assertTrue(self.requests.last_request.headers[
            'User-Agent'].startswith('magnum '))

    def test_context_without_token(self):
        ctx = context.RequestContext(project_id=fakes.PROJECT_ID)
        error = self.assertRaises(exception.AuthorizationFailure,
                                  session.session_for_context, ctx)
        self.assertIn('no token data', str(error))

    def test_context_without_token_info(self):
        ctx = context.RequestContext(auth_token=fakes.TOKEN)
        self.assertRaises(exception.AuthorizationFailure,
                          session.session_for_context, ctx)
