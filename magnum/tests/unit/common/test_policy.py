"""Tests for the policy rules and their enforcement."""

import os
import subprocess
import sys

import fixtures
from oslo_policy import opts as policy_opts
from oslo_policy import policy as oslo_policy

from magnum.common import context
from magnum.common import exception
from magnum.common import policies
from magnum.common import policy
from magnum.tests import base

ADMIN = 'admin'
MEMBER = 'member'
READER = 'reader'

_ROLES = {
    ADMIN: ['admin', 'member', 'reader'],
    MEMBER: ['member', 'reader'],
    READER: ['reader'],
}

# rule -> the callers allowed on their own project's target, and on
# another project's target. Everything else is denied.
MATRIX = {
    'cluster:create': ({ADMIN, MEMBER}, {ADMIN}),
    'cluster:delete': ({ADMIN, MEMBER}, {ADMIN}),
    'cluster:get': ({ADMIN, MEMBER, READER}, {ADMIN}),
    'cluster:get_all_all_projects': ({ADMIN}, {ADMIN}),
    'cluster:update_health_status': ({ADMIN, MEMBER}, {ADMIN}),
    'clustertemplate:publish': ({ADMIN}, {ADMIN}),
    'clustertemplate:update': ({ADMIN, MEMBER}, {ADMIN}),
    'certificate:create': ({ADMIN, MEMBER}, {ADMIN}),
    'certificate:get': ({ADMIN, MEMBER, READER}, {ADMIN}),
    'credential:rotate': ({ADMIN, MEMBER}, set()),
    'nodegroup:create': ({ADMIN, MEMBER}, {ADMIN}),
    'nodegroup:get_all': ({ADMIN, MEMBER, READER}, {ADMIN}),
    'magnum-service:get_all': ({ADMIN}, {ADMIN}),
    'quota:get': ({ADMIN, MEMBER, READER}, {ADMIN}),
    'quota:update': ({ADMIN}, {ADMIN}),
    'stats:get_all': ({ADMIN, MEMBER, READER}, {ADMIN}),
}

EXPECTED_RULES = {
    'certificate:create', 'certificate:get', 'certificate:rotate_ca',
    'cluster:create', 'cluster:delete', 'cluster:delete_all_projects',
    'cluster:detail', 'cluster:detail_all_projects', 'cluster:get',
    'cluster:get_one_all_projects', 'cluster:get_all',
    'cluster:get_all_all_projects', 'cluster:update',
    'cluster:update_health_status', 'cluster:update_all_projects',
    'cluster:resize', 'cluster:upgrade', 'cluster:upgrade_all_projects',
    'clustertemplate:create', 'clustertemplate:delete',
    'clustertemplate:delete_all_projects', 'clustertemplate:detail',
    'clustertemplate:detail_all_projects', 'clustertemplate:get',
    'clustertemplate:get_one_all_projects', 'clustertemplate:get_all',
    'clustertemplate:get_all_all_projects', 'clustertemplate:update',
    'clustertemplate:update_all_projects', 'clustertemplate:publish',
    'credential:rotate', 'magnum-service:get_all',
    'nodegroup:get', 'nodegroup:get_all', 'nodegroup:get_all_all_projects',
    'nodegroup:get_one_all_projects', 'nodegroup:create',
    'nodegroup:delete', 'nodegroup:update',
    'quota:create', 'quota:delete', 'quota:get', 'quota:get_all',
    'quota:update', 'stats:get_all',
}


def _context(who, project_id='p1', **kwargs):
    return context.make_context(user_id='%s-user' % who,
                                project_id=project_id,
                                roles=_ROLES[who], **kwargs)


class PolicyTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        policy.reset()
        self.addCleanup(policy.reset)


class TestMatrix(PolicyTestCase):

    def _allowed(self, ctx, rule, target):
        return policy.enforce(ctx, rule, target, do_raise=False)

    def test_matrix(self):
        for rule, (own_ok, other_ok) in MATRIX.items():
            for who in (ADMIN, MEMBER, READER):
                ctx = _context(who)
                own = {'project_id': 'p1', 'user_id': ctx.user_id}
                other = {'project_id': 'p2', 'user_id': 'someone'}
                self.assertEqual(who in own_ok,
                                 self._allowed(ctx, rule, own),
                                 '%s on own project: %s' % (who, rule))
                self.assertEqual(who in other_ok,
                                 self._allowed(ctx, rule, other),
                                 '%s on other project: %s' % (who, rule))

    def test_certificate_create_needs_the_owning_user(self):
        ctx = _context(MEMBER)
        target = {'project_id': 'p1', 'user_id': 'another-user'}
        self.assertFalse(policy.enforce(ctx, 'certificate:create', target,
                                        do_raise=False))

    def test_default_target_is_the_callers_project(self):
        self.assertTrue(policy.enforce(_context(MEMBER), 'nodegroup:create'))
        self.assertRaises(exception.PolicyNotAuthorized, policy.enforce,
                          _context(READER), 'nodegroup:create')

    def test_denial_message_and_code(self):
        exc = self.assertRaises(
            exception.PolicyNotAuthorized, policy.enforce,
            _context(MEMBER), 'cluster:get_all',
            {'project_id': 'p2', 'user_id': 'x'})
        self.assertEqual(403, exc.code)
        self.assertEqual(
            "Policy doesn't allow cluster:get_all to be performed.",
            str(exc))

    def test_wrong_scope_is_a_403(self):
        ctx = context.make_context(user_id='u', domain_id='d1',
                                   roles=['admin'])
        exc = self.assertRaises(exception.PolicyNotAuthorized,
                                policy.enforce, ctx, 'cluster:get_all')
        self.assertIn('cluster:get_all', str(exc))
        self.assertFalse(policy.enforce(ctx, 'cluster:get_all',
                                        do_raise=False))

    def test_check_is_admin(self):
        self.assertTrue(policy.check_is_admin(_context(ADMIN)))
        self.assertFalse(policy.check_is_admin(_context(MEMBER)))


class TestOldDefaults(PolicyTestCase):

    def setUp(self):
        super().setUp()
        policy_opts.set_defaults(self.conf)
        self.config(group='oslo_policy', enforce_new_defaults=False)

    def test_old_defaults_let_any_role_of_the_project_in(self):
        ctx = context.make_context(user_id='u', project_id='p1',
                                   roles=['reader'])
        self.assertTrue(policy.enforce(ctx, 'cluster:create'))

    def test_is_admin_context_passes_old_defaults(self):
        ctx = context.make_context(user_id='u', project_id='p1', roles=[],
                                   is_admin=True)
        self.assertTrue(policy.enforce(ctx, 'cluster:delete',
                                       {'project_id': 'p2'}))


class TestPolicyFile(base.TestCase):

    def setUp(self):
        super().setUp()
        policy.reset()
        self.addCleanup(policy.reset)

    def test_policy_file_overrides_a_default(self):
        tempdir = self.useFixture(fixtures.TempDir())
        path = os.path.join(tempdir.path, 'policy.yaml')
        with open(path, 'w') as f:
            f.write('"cluster:get_all": "!"\n')
        policy.init(policy_file=path)
        self.assertRaises(exception.PolicyNotAuthorized, policy.enforce,
                          _context(ADMIN), 'cluster:get_all')
        self.assertTrue(policy.enforce(_context(ADMIN), 'cluster:get'))


class TestRuleDefinitions(base.TestCase):

    def setUp(self):
        super().setUp()
        self.rules = policies.list_rules()
        self.by_name = {r.name: r for r in self.rules}

    def test_names_are_unique(self):
        self.assertEqual(len(self.rules), len(self.by_name))

    def test_api_rules_are_the_upstream_ones(self):
        api_rules = {n for n in self.by_name if ':' in n}
        self.assertEqual(EXPECTED_RULES, api_rules)

    def test_no_federation_rules(self):
        self.assertFalse([n for n in self.by_name
                          if n.startswith('federation:')])

    def test_every_rule_is_described(self):
        for rule in self.rules:
            self.assertTrue(rule.description, rule.name)

    def test_api_rules_document_their_operations(self):
        for name in EXPECTED_RULES:
            rule = self.by_name[name]
            self.assertIsInstance(rule, oslo_policy.DocumentedRuleDefault)
            self.assertTrue(rule.operations, name)
            for op in rule.operations:
                self.assertIn(op['method'],
                              ('GET', 'POST', 'PATCH', 'DELETE'))
                self.assertTrue(op['path'].startswith('/v1/'), name)

    def test_scope_types(self):
        for name in EXPECTED_RULES:
            rule = self.by_name[name]
            if rule.check_str == 'rule:context_is_admin':
                self.assertIsNone(rule.scope_types, name)
            else:
                self.assertEqual(['project'], rule.scope_types, name)

    def test_referenced_rules_exist(self):
        for rule in self.rules:
            for word in rule.check_str.replace('(', ' ').replace(
                    ')', ' ').split():
                if word.startswith('rule:'):
                    self.assertIn(word[len('rule:'):], self.by_name,
                                  rule.name)

    def test_upstream_defaults(self):
        expected = {
            'credential:rotate': 'rule:project_member_deny_cluster_user',
            'cluster:update_health_status':
                'rule:admin_or_project_member_user_or_cluster_user',
            'certificate:get': 'rule:admin_or_project_reader_user',
            'clustertemplate:delete': 'rule:admin_or_project_member',
            'nodegroup:get': 'rule:admin_or_project_reader',
        }
        for name, check_str in expected.items():
            self.assertEqual(check_str, self.by_name[name].check_str)


class TestPolicyTools(base.TestCase):
    """The oslopolicy tools find our rules through the entry points."""

    def _run(self, tool):
        script = os.path.join(os.path.dirname(sys.executable), tool)
        result = subprocess.run(
            [script, '--namespace', 'magnum'], capture_output=True,
            text=True, timeout=120, check=False,
            env=dict(os.environ, OS_POLICY_FILE=''))
        self.assertEqual(0, result.returncode, result.stderr)
        return result.stdout

    def test_sample_generator(self):
        out = self._run('oslopolicy-sample-generator')
        self.assertIn('#"cluster:create": '
                      '"rule:admin_or_project_member_deny_cluster_user"',
                      out)
        self.assertIn('# Create a cluster.', out)
        self.assertIn('# POST  /v1/clusters', out)

    def test_policy_generator_uses_get_enforcer(self):
        out = self._run('oslopolicy-policy-generator')
        self.assertIn('"credential:rotate": '
                      '"rule:project_member_deny_cluster_user"', out)
