"""Trustees and trusts against the real Keystone of ``tools/localcloud``.

The cloud comes from :mod:`magnum.tests.functional.localcloud`.
"""

from keystoneauth1 import exceptions as ka_exceptions
from oslo_utils import uuidutils

from magnum.common import context as magnum_context
from magnum.common.keystone import auth
from magnum.common.keystone import identity
from magnum.common.keystone import trusts
import magnum.conf
from magnum import objects
from magnum.tests.functional import localcloud
from magnum.tests.unit.db import utils as db_utils

CONF = magnum.conf.CONF


class TrustsAgainstKeystone(db_utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.cloud = localcloud.load_cloud(self)
        localcloud.configure_keystone(self, self.cloud)
        self.demo = localcloud.demo_context(self.cloud)
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
        admin = localcloud.token_context(self.cloud['admin'])
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
