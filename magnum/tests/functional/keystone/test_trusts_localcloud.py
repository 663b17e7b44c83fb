"""Trustees and trusts against the real Keystone of ``tools/localcloud``.

The tests read ``.localcloud/cloud.json`` (or the file named by
``MAGNUM_TEST_CLOUD_JSON``) and skip, or fail under
``MAGNUM_TEST_REQUIRE_SERVICES=1``, when it is missing or Keystone does not
answer.
"""

import json
import os

from keystoneauth1 import exceptions as ka_exceptions
from keystoneauth1 import loading as ka_loading
from oslo_utils import uuidutils
import requests

from magnum.common import context as magnum_context
from magnum.common.keystone import auth
from magnum.common.keystone import identity
from magnum.common.keystone import trusts
import magnum.conf
from magnum import objects
from magnum.tests import services
from magnum.tests.unit.db import utils as db_utils

CONF = magnum.conf.CONF

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))))
CLOUD_JSON = os.environ.get('MAGNUM_TEST_CLOUD_JSON',
                            os.path.join(REPO, '.localcloud', 'cloud.json'))


def load_cloud(testcase):
    """Return cloud.json's contents, or skip/fail the test."""
    if not os.path.exists(CLOUD_JSON):
        services.skip_or_fail(testcase, '%s does not exist; run '
                              '"tools/localcloud up"' % CLOUD_JSON)
    with open(CLOUD_JSON) as f:
        cloud = json.load(f)
    try:
        requests.get(cloud['auth_url'], timeout=5).raise_for_status()
    except requests.RequestException as e:
        services.skip_or_fail(testcase, 'Keystone at %s does not answer: %s'
                              % (cloud['auth_url'], e))
    return cloud


def token_context(creds):
    """Log in as ``creds`` the way keystonemiddleware would see the caller.
    """
    body = {'auth': {
        'identity': {'methods': ['password'], 'password': {'user': {
            'name': creds['username'], 'password': creds['password'],
            'domain': {'name': creds['user_domain_name']}}}},
        'scope': {'project': {'name': creds['project_name'], 'domain': {
            'name': creds['project_domain_name']}}}}}
    response = requests.post(creds['auth_url'] + '/auth/tokens', json=body,
                             timeout=30)
    response.raise_for_status()
    info = response.json()
    token = info['token']
    return magnum_context.RequestContext(
        auth_token=response.headers['X-Subject-Token'],
        auth_token_info=info,
        user_id=token['user']['id'],
        project_id=token['project']['id'],
        roles=[role['name'] for role in token['roles']])


class TrustsAgainstKeystone(db_utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.cloud = load_cloud(self)
        self._configure()
        self.demo = token_context(self.cloud['demo'])
        db_utils.create_test_cluster_template()
        uuid = uuidutils.generate_uuid()
        db_utils.create_test_cluster(uuid=uuid, name='trust-test',
                                     project_id=self.demo.project_id,
                                     user_id=self.demo.user_id)
        self.cluster = objects.Cluster.get_by_uuid(
            magnum_context.make_admin_context(all_tenants=True), uuid)
        self.admin = auth.service_session()
        self.domain_admin = auth.domain_admin_session()
        self.addCleanup(self._remove_leftovers, self.cluster)

    def _configure(self):
        trustee = self.cloud['trustee']
        self.config(group='trust', trustee_domain_id=trustee['domain_id'],
                    trustee_domain_admin_id=trustee['domain_admin_id'],
                    trustee_domain_admin_password=trustee[
                        'domain_admin_password'])
        self.config(group='keystone_authtoken',
                    www_authenticate_uri=self.cloud['www_authenticate_uri'])
        # Through the fixture, so that the plugin's required options are
        # unregistered afterwards and later tests can parse CONF again.
        self.conf_fixture.register_opts(
            ka_loading.get_auth_plugin_conf_options('password'),
            group='keystone_auth')
        service = self.cloud['magnum']
        self.config(group='keystone_auth', auth_type='password',
                    auth_url=service['auth_url'],
                    username=service['username'],
                    password=service['password'],
                    project_name=service['project_name'],
                    user_domain_name=service['user_domain_name'],
                    project_domain_name=service['project_domain_name'])

    def _remove_leftovers(self, cluster):
        for user_id in {cluster.trustee_user_id, self._created_user}:
            if user_id:
                try:
                    identity.delete_user(self.domain_admin, user_id)
                except ka_exceptions.NotFound:
                    pass

    _created_user = None

    def _create(self):
        trusts.create_trustee_and_trust(self.demo, self.cluster)
        self._created_user = self.cluster.trustee_user_id

    def _assert_gone(self, user_id, trust_id):
        self.assertRaises(ka_exceptions.NotFound, identity.get_user,
                          self.domain_admin, user_id)
        self.assertRaises(ka_exceptions.NotFound, identity.get_trust,
                          self.admin, trust_id)

    def test_create_then_delete_as_creator(self):
        self._create()
        stored = objects.Cluster.get_by_uuid(
            magnum_context.make_admin_context(all_tenants=True),
            self.cluster.uuid)
        self.assertEqual(self.cluster.trust_id, stored.trust_id)
        self.assertEqual(self.cluster.trustee_password,
                         stored.trustee_password)
        self.assertGreaterEqual(len(stored.trustee_password), 18)

        user = identity.get_user(self.domain_admin,
                                 self.cluster.trustee_user_id)
        self.assertEqual('%s_%s' % (self.cluster.uuid,
                                    self.demo.project_id), user['name'])
        self.assertEqual(self.cloud['trustee']['domain_id'],
                         user['domain_id'])

        trust = identity.get_trust(self.admin, self.cluster.trust_id)
        self.assertTrue(trust['impersonation'])
        # One level of redelegation, the least that lets Heat create a
        # stack with a trust-scoped token (a conductor resuming a create).
        self.assertEqual(1, trust['redelegation_count'])
        self.assertEqual(self.demo.user_id, trust['trustor_user_id'])
        self.assertEqual(self.cluster.trustee_user_id,
                         trust['trustee_user_id'])
        self.assertEqual(self.demo.project_id, trust['project_id'])
        self.assertEqual(sorted(self.demo.roles),
                         sorted(r['name'] for r in trust['roles']))

        # The trustee, through the trust, acts as the demo user.
        session = auth.trust_session(self.cluster)
        access = session.auth.get_access(session)
        self.assertEqual(self.demo.user_id, access.user_id)
        self.assertEqual(self.demo.project_id, access.project_id)
        self.assertEqual(self.cluster.trust_id, access.trust_id)

        # And so does a session built from the trust context.
        ctx = trusts.trust_context(self.cluster)
        self.assertNotIn('password', ctx.to_dict())
        session = auth.session_for_context(ctx)
        self.assertEqual(self.demo.user_id, session.get_user_id())

        user_id, trust_id = self.cluster.trustee_user_id, self.cluster.trust_id
        self.assertTrue(trusts.delete_trustee_and_trust(self.demo,
                                                        self.cluster))
        self._assert_gone(user_id, trust_id)
        self.assertIsNone(self.cluster.trust_id)
        self.assertIsNone(self.cluster.trustee_password)
        # A second delete finds nothing and is fine.
        self.cluster.trust_id, self.cluster.trustee_user_id = (trust_id,
                                                               user_id)
        self.assertTrue(trusts.delete_trustee_and_trust(self.demo,
                                                        self.cluster))

    def test_delete_by_another_admin(self):
        self._create()
        user_id, trust_id = self.cluster.trustee_user_id, self.cluster.trust_id
        admin = token_context(self.cloud['admin'])
        self.assertNotEqual(admin.user_id, self.demo.user_id)
        self.assertTrue(trusts.delete_trustee_and_trust(admin, self.cluster))
        self._assert_gone(user_id, trust_id)

    def test_delete_from_a_periodic_task(self):
        self._create()
        user_id, trust_id = self.cluster.trustee_user_id, self.cluster.trust_id
        ctx = magnum_context.make_admin_context(all_tenants=True)
        self.assertTrue(trusts.delete_trustee_and_trust(ctx, self.cluster))
        self._assert_gone(user_id, trust_id)

    def test_retry_is_idempotent(self):
        self._create()
        first = (self.cluster.trustee_user_id, self.cluster.trust_id)
        trusts.create_trustee_and_trust(self.demo, self.cluster)
        self.assertEqual(first, (self.cluster.trustee_user_id,
                                 self.cluster.trust_id))

    def test_retry_after_losing_the_trustee(self):
        self._create()
        stale_user = self.cluster.trustee_user_id
        # As if the conductor died after Keystone created the user but
        # before the cluster row recorded it.
        self.cluster.trustee_user_id = None
        self.cluster.trustee_password = None
        self.cluster.trust_id = None
        trusts.create_trustee_and_trust(self.demo, self.cluster)
        self.assertNotEqual(stale_user, self.cluster.trustee_user_id)
        self.assertRaises(ka_exceptions.NotFound, identity.get_user,
                          self.domain_admin, stale_user)
        session = auth.trust_session(self.cluster)
        self.assertEqual(self.demo.user_id, session.get_user_id())
        self.assertTrue(trusts.delete_trustee_and_trust(self.demo,
                                                        self.cluster))
