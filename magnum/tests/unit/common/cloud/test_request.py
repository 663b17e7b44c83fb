"""Tests for the per-request CloudLookups."""

from magnum.common.cloud import lookups
from magnum.common.cloud import offline
from magnum.common.cloud import request
from magnum.common.cloud import session
from magnum.common import exception
from magnum.tests import base
from magnum.tests.unit.common.cloud import fakes
from magnum.tests.unit.common.cloud import test_session


class LookupsForRequestTest(base.TestCase):

    def test_one_per_request(self):
        environ = {session.TOKEN_AUTH_KEY: test_session._user_auth_plugin()}
        first = request.lookups_for_request(environ)
        self.assertTrue(callable(first.image))
        self.assertIsInstance(first._lookups, lookups.CloudLookups)
        self.assertIs(first, request.lookups_for_request(environ))
        self.assertIsNot(first, request.lookups_for_request(
            {session.TOKEN_AUTH_KEY: test_session._user_auth_plugin()}))

    def test_falls_back_to_context(self):
        environ = {}
        found = request.lookups_for_request(environ, fakes.caller_context())
        self.assertIs(found, environ[request.ENVIRON_KEY])

    def test_no_token_anywhere(self):
        # Nothing is asked of the cloud until a look-up is made.
        found = request.lookups_for_request({})
        self.assertRaises(exception.AuthorizationFailure,
                          lambda: found.image('fedora'))

    def test_offline_lookups_need_no_token(self):
        self.config(cloud_lookups='offline', group='api')
        environ = {}
        found = request.lookups_for_request(environ)
        self.assertIsInstance(found, offline.OfflineLookups)
        self.assertIs(found, request.lookups_for_request(environ))
        self.assertEqual(offline.OS_DISTRO,
                         found.image('any-image')['os_distro'])
        self.assertEqual('m1.dev', found.flavor('m1.dev')['name'])
