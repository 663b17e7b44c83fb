"""Tests for trustee users and trusts, against a fake Keystone."""

import fixtures
from keystoneauth1 import fixture as ka_fixture
from requests_mock.contrib import fixture as rm_fixture

from magnum.common import context as magnum_context
from magnum.common import exception
from magnum.common.keystone import auth
from magnum.common.keystone import errors
from magnum.common.keystone import trusts
from magnum import objects
from magnum.tests.unit.common.keystone import fakes
from magnum.tests.unit.db import utils as db_utils


class TrustsTestCase(db_utils.DbTestCase):

    def setUp(self):
        super().setUp()
        fakes.configure(self)
        self.mocker = self.useFixture(rm_fixture.Fixture())
        self.keystone = fakes.FakeKeystone(self.mocker)
        self.log = self.useFixture(fixtures.FakeLogger(level='DEBUG'))
        self.caller = magnum_context.RequestContext(
            auth_token=fakes.CALLER_TOKEN,
            auth_token_info=fakes.caller_token_info(),
            user_id=fakes.CALLER_ID, project_id=fakes.PROJECT_ID,
            roles=['member', 'reader'])
        db_utils.create_test_cluster_template()
        db_utils.create_test_cluster(user_id=fakes.CALLER_ID)
        self.cluster = self._load()

    def _load(self):
        return objects.Cluster.get_by_uuid(
            magnum_context.make_admin_context(all_tenants=True),
            db_utils.CLUSTER_UUID)

    def _create(self):
        trusts.create_trustee_and_trust(self.caller, self.cluster)


class TestCreate(TrustsTestCase):

    def test_trustee_and_trust(self):
        self._create()
        user = self.keystone.users[self.cluster.trustee_user_id]
        self.assertEqual('%s_%s' % (db_utils.CLUSTER_UUID,
                                    db_utils.PROJECT_ID), user['name'])
        self.assertEqual(fakes.DOMAIN_ID, user['domain_id'])
        self.assertEqual(user['name'], self.cluster.trustee_username)
        self.assertEqual(18, len(self.cluster.trustee_password))

        create = self.keystone.requests_to('POST', '/users')[0]
        self.assertEqual('domain-admin-token', create.headers['X-Auth-Token'])
        self.assertEqual(self.cluster.trustee_password,
                         create.json()['user']['password'])

        trust = self.keystone.trusts[self.cluster.trust_id]
        self.assertEqual({
            'id': self.cluster.trust_id,
            'trustor_user_id': fakes.CALLER_ID,
            'trustee_user_id': self.cluster.trustee_user_id,
            'project_id': fakes.PROJECT_ID,
            'impersonation': True,
            # Heat's own trust, made from a trust-scoped token of this
            # one when a resumed operation creates a stack: one level.
            'allow_redelegation': True,
            'redelegation_count': 1,
            'roles': [{'name': 'member'}, {'name': 'reader'}]}, trust)
        request = self.keystone.requests_to('POST', '/OS-TRUST/trusts')[0]
        self.assertEqual(fakes.CALLER_TOKEN, request.headers['X-Auth-Token'])

    def test_saved_on_the_cluster(self):
        self._create()
        stored = self._load()
        for field in ('trust_id', 'trustee_user_id', 'trustee_username',
                      'trustee_password'):
            self.assertEqual(getattr(self.cluster, field),
                             getattr(stored, field))
            self.assertIsNotNone(getattr(stored, field))

    def test_domain_admin_scoped_to_trustee_domain(self):
        self._create()
        auth_request = [r for r in self.keystone.requests_to(
            'POST', '/auth/tokens')
            if 'domain' in r.json()['auth'].get('scope', {})][0]
        body = auth_request.json()['auth']
        self.assertEqual({'domain': {'id': fakes.DOMAIN_ID}}, body['scope'])
        self.assertEqual(fakes.DOMAIN_ADMIN_ID,
                         body['identity']['password']['user']['id'])

    def test_roles_from_config(self):
        self.config(group='trust', roles=['heat_stack_owner', 'member'])
        self._create()
        trust = self.keystone.trusts[self.cluster.trust_id]
        self.assertEqual([{'name': 'heat_stack_owner'}, {'name': 'member'}],
                         trust['roles'])

    def test_roles_from_token_when_context_has_none(self):
        self.caller.roles = []
        self._create()
        trust = self.keystone.trusts[self.cluster.trust_id]
        self.assertEqual({'member', 'reader'},
                         {r['name'] for r in trust['roles']})

    def test_token_without_token_info(self):
        self.caller.auth_token_info = None
        self._create()
        login = self.keystone.requests_to('POST', '/auth/tokens')[-1]
        self.assertEqual({'id': fakes.CALLER_TOKEN},
                         login.json()['auth']['identity']['token'])
        request = self.keystone.requests_to('POST', '/OS-TRUST/trusts')[0]
        self.assertEqual(fakes.CALLER_TOKEN, request.headers['X-Auth-Token'])

    def test_idempotent(self):
        self._create()
        before = len(self.mocker.request_history)
        first = (self.cluster.trustee_user_id, self.cluster.trust_id)
        self._create()
        self.assertEqual(before, len(self.mocker.request_history))
        self.assertEqual(first, (self.cluster.trustee_user_id,
                                 self.cluster.trust_id))

    def test_trust_retried_after_trustee_saved(self):
        self.keystone.refuse[('create_trust', fakes.CALLER_TOKEN)] = 503
        self.assertRaises(errors.TrusteeOrTrustToClusterFailed,
                          self._create)
        user_id = self._load().trustee_user_id
        self.assertIsNotNone(user_id)
        del self.keystone.refuse[('create_trust', fakes.CALLER_TOKEN)]
        self.cluster = self._load()
        self._create()
        self.assertEqual(user_id, self.cluster.trustee_user_id)
        self.assertEqual(1, len(self.keystone.users))

    def test_stale_trustee_replaced(self):
        self._create()
        stale = self.cluster.trustee_user_id
        self.cluster.trustee_user_id = None
        self.cluster.trustee_password = None
        self.cluster.trust_id = None
        self._create()
        self.assertNotIn(stale, self.keystone.users)
        self.assertIn(self.cluster.trustee_user_id, self.keystone.users)
        self.assertEqual(1, len(self.keystone.users))
        self.assertEqual(1, len(self.keystone.trusts))

    def test_keystone_refusal(self):
        self.keystone.refuse[('create_trust', fakes.CALLER_TOKEN)] = 403
        error = self.assertRaises(errors.TrusteeOrTrustToClusterFailed,
                                  self._create)
        self.assertIn(db_utils.CLUSTER_UUID, str(error))
        self.assertIn('403', str(error))
        self.assertEqual(500, error.code)

    def test_no_secret_in_logs(self):
        self.keystone.refuse[('create_trust', fakes.CALLER_TOKEN)] = 403
        self.assertRaises(errors.TrusteeOrTrustToClusterFailed,
                          self._create)
        output = self.log.output
        self.assertIn(db_utils.CLUSTER_UUID, output)
        for secret in (self._load().trustee_password,
                       fakes.DOMAIN_ADMIN_PASSWORD, fakes.SERVICE_PASSWORD,
                       fakes.CALLER_TOKEN, 'domain-admin-token'):
            self.assertNotIn(secret, output)

    def test_missing_trustee_domain(self):
        self.config(group='trust', trustee_domain_id=None)
        error = self.assertRaises(exception.ConfigInvalid, self._create)
        self.assertIn('trustee_domain_id', str(error))

    def test_trustee_domain_by_name(self):
        self.config(group='trust', trustee_domain_id=None,
                    trustee_domain_name='magnum')
        self.mocker.post(fakes.V3 + '/auth/tokens', headers={
            'X-Subject-Token': 'domain-admin-token'},
            json=ka_fixture.V3Token(
                user_id=fakes.DOMAIN_ADMIN_ID, domain_id='looked-up'),
            status_code=201)
        self._create()
        user = self.keystone.users[self.cluster.trustee_user_id]
        self.assertEqual('looked-up', user['domain_id'])

    def test_missing_domain_admin(self):
        self.config(group='trust', trustee_domain_admin_id=None)
        self.assertRaises(exception.ConfigInvalid, self._create)

    def test_caller_without_token(self):
        self.caller.auth_token = None
        self.assertRaises(exception.AuthorizationFailure, self._create)


class TestDelete(TrustsTestCase):

    def setUp(self):
        super().setUp()
        self._create()
        self.user_id = self.cluster.trustee_user_id
        self.trust_id = self.cluster.trust_id

    def _token_used(self, method, path):
        return [r.headers['X-Auth-Token']
                for r in self.keystone.requests_to(method, path)]

    def _assert_all_gone(self):
        self.assertEqual({}, self.keystone.users)
        self.assertEqual({}, self.keystone.trusts)
        for field in ('trust_id', 'trustee_user_id', 'trustee_username',
                      'trustee_password'):
            self.assertIsNone(getattr(self.cluster, field))

    def test_by_the_creator(self):
        self.assertTrue(trusts.delete_trustee_and_trust(self.caller,
                                                        self.cluster))
        self._assert_all_gone()
        self.assertEqual([fakes.CALLER_TOKEN], self._token_used(
            'DELETE', '/OS-TRUST/trusts/' + self.trust_id))
        self.assertEqual(['domain-admin-token'], self._token_used(
            'DELETE', '/users/' + self.user_id))

    def test_by_someone_else(self):
        other = magnum_context.RequestContext(
            auth_token='other-token',
            auth_token_info=fakes.caller_token_info(user_id='other'),
            user_id='other', project_id=fakes.PROJECT_ID, roles=['admin'])
        self.assertTrue(trusts.delete_trustee_and_trust(other, self.cluster))
        self._assert_all_gone()
        self.assertEqual(['service-token'], self._token_used(
            'DELETE', '/OS-TRUST/trusts/' + self.trust_id))

    def test_by_a_periodic_task(self):
        ctx = magnum_context.make_admin_context(all_tenants=True)
        self.assertTrue(trusts.delete_trustee_and_trust(ctx, self.cluster))
        self._assert_all_gone()

    def test_trustee_used_when_service_user_refused(self):
        self.keystone.refuse[('delete', 'service-token')] = 403
        ctx = magnum_context.make_admin_context()
        self.assertTrue(trusts.delete_trustee_and_trust(ctx, self.cluster))
        self.assertEqual(['service-token', 'trust-scoped-token'],
                         self._token_used('DELETE', '/OS-TRUST/trusts/' +
                                          self.trust_id))
        self._assert_all_gone()

    def test_trust_goes_with_the_trustee(self):
        for token in ('service-token', 'trust-scoped-token'):
            self.keystone.refuse[('delete', token)] = 403
        ctx = magnum_context.make_admin_context()
        self.assertTrue(trusts.delete_trustee_and_trust(ctx, self.cluster))
        self._assert_all_gone()

    def test_already_gone(self):
        self.keystone.users.clear()
        self.keystone.trusts.clear()
        self.assertTrue(trusts.delete_trustee_and_trust(self.caller,
                                                        self.cluster))
        self._assert_all_gone()

    def test_nothing_to_delete(self):
        before = len(self.mocker.request_history)
        self.assertTrue(trusts.delete_trustee_and_trust(self.caller,
                                                        self._blank()))
        self.assertEqual(before, len(self.mocker.request_history))

    def _blank(self):
        blank = self._load()
        blank.trust_id = blank.trustee_user_id = None
        return blank

    def test_keystone_failure_is_logged_not_raised(self):
        self.keystone.refuse[('delete', 'domain-admin-token')] = 500
        self.keystone.refuse[('delete', fakes.CALLER_TOKEN)] = 500
        self.keystone.refuse[('delete', 'service-token')] = 500
        self.keystone.refuse[('delete', 'trust-scoped-token')] = 500
        self.assertFalse(trusts.delete_trustee_and_trust(self.caller,
                                                         self.cluster))
        self.assertEqual(self.user_id, self.cluster.trustee_user_id)
        self.assertEqual(self.trust_id, self.cluster.trust_id)
        self.assertIn('Could not delete trustee', self.log.output)
        self.assertNotIn(self.cluster.trustee_password, self.log.output)


class TestRotate(TrustsTestCase):

    def setUp(self):
        super().setUp()
        self._create()
        self.old = trusts.Trustee.of(self.cluster)

    def _rotate(self):
        return trusts.rotate_trustee_and_trust(self.caller, self.cluster)

    def test_new_trustee_password_and_trust_saved(self):
        old = self._rotate()
        self.assertEqual(self.old, old)
        stored = self._load()
        self.assertNotEqual(self.old.user_id, stored.trustee_user_id)
        self.assertNotEqual(self.old.trust_id, stored.trust_id)
        self.assertNotEqual(self.old.password, stored.trustee_password)
        self.assertEqual('%s_%s_rotated' % (db_utils.CLUSTER_UUID,
                                            db_utils.PROJECT_ID),
                         stored.trustee_username)
        trust = self.keystone.trusts[stored.trust_id]
        self.assertEqual(stored.trustee_user_id, trust['trustee_user_id'])
        self.assertEqual(fakes.CALLER_ID, trust['trustor_user_id'])
        self.assertEqual(1, trust['redelegation_count'])
        # The old ones stay until the new ones are pushed.
        self.assertIn(self.old.user_id, self.keystone.users)
        self.assertIn(self.old.trust_id, self.keystone.trusts)

    def test_old_deleted_after_the_push(self):
        old = self._rotate()
        self.assertTrue(trusts.delete_trustee(self.caller, self.cluster,
                                              old))
        self.assertEqual({self.cluster.trustee_user_id},
                         set(self.keystone.users))
        self.assertEqual({self.cluster.trust_id}, set(self.keystone.trusts))
        # The cluster keeps the new ones.
        self.assertEqual(self.cluster.trust_id, self._load().trust_id)

    def test_old_already_gone_is_fine(self):
        old = self._rotate()
        del self.keystone.users[old.user_id]
        del self.keystone.trusts[old.trust_id]
        self.assertTrue(trusts.delete_trustee(self.caller, self.cluster,
                                              old))

    def test_names_alternate(self):
        trusts.delete_trustee(self.caller, self.cluster, self._rotate())
        trusts.delete_trustee(self.caller, self.cluster, self._rotate())
        self.assertEqual('%s_%s' % (db_utils.CLUSTER_UUID,
                                    db_utils.PROJECT_ID),
                         self.cluster.trustee_username)
        self.assertEqual(1, len(self.keystone.users))

    def test_leftover_of_a_dead_rotation_replaced(self):
        self._rotate()
        leftover = self.cluster.trustee_user_id
        self.old.put_on(self.cluster)
        self.cluster.save()
        self._rotate()
        self.assertNotIn(leftover, self.keystone.users)
        self.assertIn(self.old.user_id, self.keystone.users)
        self.assertIn(self.cluster.trustee_user_id, self.keystone.users)

    def test_refused_trust_leaves_the_cluster_as_it_was(self):
        self.keystone.refuse[('create_trust', fakes.CALLER_TOKEN)] = 403
        self.assertRaises(errors.TrusteeOrTrustToClusterFailed,
                          self._rotate)
        self.assertEqual(self.old, trusts.Trustee.of(self.cluster))
        self.assertEqual(self.old, trusts.Trustee.of(self._load()))
        self.assertEqual({self.old.user_id}, set(self.keystone.users))

    def test_caller_without_token(self):
        self.caller.auth_token = None
        self.assertRaises(exception.AuthorizationFailure, self._rotate)
        self.assertEqual(self.old, trusts.Trustee.of(self._load()))
        self.assertEqual({self.old.user_id}, set(self.keystone.users))

    def test_undo_puts_the_old_back(self):
        old = self._rotate()
        new = trusts.Trustee.of(self.cluster)
        trusts.undo_rotation(self.caller, self.cluster, old)
        self.assertEqual(self.old, trusts.Trustee.of(self._load()))
        self.assertNotIn(new.user_id, self.keystone.users)
        self.assertNotIn(new.trust_id, self.keystone.trusts)
        self.assertIn(self.old.trust_id, self.keystone.trusts)

    def test_first_trustee_when_none(self):
        blank = trusts.Trustee(None, None, None, None)
        blank.put_on(self.cluster)
        self.keystone.users.clear()
        self.keystone.trusts.clear()
        self.assertEqual(blank, self._rotate())
        self.assertIn(self.cluster.trust_id, self.keystone.trusts)

    def test_password_not_in_repr(self):
        self.assertNotIn(self.old.password, repr(self.old))


class TestTrustContext(TrustsTestCase):

    def test_context_and_session(self):
        self._create()
        ctx = trusts.trust_context(self.cluster)
        self.assertEqual(self.cluster.trust_id, ctx.trust_id)
        self.assertEqual(self.cluster.trustee_user_id, ctx.user_id)
        self.assertEqual(db_utils.PROJECT_ID, ctx.project_id)
        self.assertNotIn('password', ctx.to_dict())
        self.assertNotIn(self.cluster.trustee_password,
                         str(ctx.to_dict()))
        session = auth.session_for_context(ctx)
        self.assertEqual(fakes.CALLER_ID, session.get_user_id())
        body = self.keystone.requests_to('POST', '/auth/tokens')[-1].json()
        self.assertEqual({'OS-TRUST:trust': {'id': self.cluster.trust_id}},
                         body['auth']['scope'])

    def test_trust_session(self):
        self._create()
        session = auth.trust_session(self.cluster)
        self.assertEqual('trust-scoped-token', session.get_token())


class TestKeystoneUrl(TrustsTestCase):

    def test_from_www_authenticate_uri(self):
        self.assertEqual(fakes.V3, auth.keystone_url())

    def test_versions(self):
        for url in ('http://k:5000', 'http://k:5000/', 'http://k:5000/v3',
                    'http://k:5000/v2.0', 'http://k:5000/v3/'):
            self.assertEqual('http://k:5000/v3', auth.versioned(url))

    def test_from_service_user(self):
        self.config(group='keystone_authtoken', www_authenticate_uri=None)
        self.config(group='keystone_auth', auth_url='http://internal:5000')
        self.assertEqual('http://internal:5000/v3', auth.keystone_url())

    def test_none_configured(self):
        self.config(group='keystone_authtoken', www_authenticate_uri=None)
        self.config(group='keystone_auth', auth_type=None)
        self.assertRaises(exception.ConfigInvalid, auth.keystone_url)

    def test_node_url_from_catalog(self):
        self.config(group='trust', trustee_keystone_interface='internal')
        session = auth.service_session()
        token = ka_fixture.V3Token(
            user_id='magnum', project_id='service')
        token.add_service('identity').add_standard_endpoints(
            public='http://pub:5000', internal='http://int:5000/v3')
        self.mocker.post(fakes.V3 + '/auth/tokens', json=token,
                         headers={'X-Subject-Token': 'service-token'},
                         status_code=201)
        self.assertEqual('http://int:5000/v3',
                         auth.node_keystone_url(session))
        self.assertEqual(fakes.V3, auth.node_keystone_url())
