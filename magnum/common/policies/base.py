"""The building blocks the API rules are made of.

Each API rule's default names one of the composite rules below, so an
operator can change what "member of the project" means in one place.
"""

from oslo_policy import policy

ADMIN = 'rule:context_is_admin'
ADMIN_OR_OWNER = 'rule:admin_or_owner'
ADMIN_OR_USER = 'rule:admin_or_user'
IS_USER = 'rule:is_user'
PROJECT_MEMBER = 'rule:project_member'
PROJECT_READER = 'rule:project_reader'

ADMIN_OR_PROJECT_READER = 'rule:admin_or_project_reader'
ADMIN_OR_PROJECT_MEMBER = 'rule:admin_or_project_member'
ADMIN_OR_PROJECT_MEMBER_USER = 'rule:admin_or_project_member_user'
ADMIN_OR_PROJECT_MEMBER_USER_OR_CLUSTER_USER = (
    'rule:admin_or_project_member_user_or_cluster_user')
PROJECT_MEMBER_DENY_CLUSTER_USER = 'rule:project_member_deny_cluster_user'
PROJECT_READER_DENY_CLUSTER_USER = 'rule:project_reader_deny_cluster_user'
ADMIN_OR_PROJECT_MEMBER_DENY_CLUSTER_USER = (
    'rule:admin_or_project_member_deny_cluster_user')
ADMIN_OR_PROJECT_READER_DENY_CLUSTER_USER = (
    'rule:admin_or_project_reader_deny_cluster_user')
ADMIN_OR_PROJECT_READER_USER = 'rule:admin_or_project_reader_user'

# The check strings of the rules before project reader/member roles
# existed; with [oslo_policy] enforce_new_defaults = False they are
# accepted as an alternative to the new defaults.
_OWNER_CHECK = 'is_admin:True or project_id:%(project_id)s'
_USER_CHECK = 'is_admin:True or user_id:%(user_id)s'
_DEPRECATED_REASON = ('Magnum now tells project readers from project '
                      'members; the old defaults let any role in the '
                      'project change its clusters.')
_DEPRECATED_SINCE = '17.0.0'

_OLD_ADMIN_OR_OWNER = policy.DeprecatedRule(
    name='admin_or_owner', check_str=_OWNER_CHECK,
    deprecated_reason=_DEPRECATED_REASON, deprecated_since=_DEPRECATED_SINCE)
_OLD_ADMIN_OR_USER = policy.DeprecatedRule(
    name='admin_or_user', check_str=_USER_CHECK,
    deprecated_reason=_DEPRECATED_REASON, deprecated_since=_DEPRECATED_SINCE)


def _either(first, second):
    return '(%s) or (%s)' % (first, second)


def _both(first, second):
    return '(%s) and (%s)' % (first, second)


_MEMBER_AND_USER = '(%s)' % _both(PROJECT_MEMBER, IS_USER)
_READER_AND_USER = '(%s)' % _both(PROJECT_READER, IS_USER)


def _admin_or(name, check_str, description, deprecated_rule):
    """Return the composite rule ``name``: an administrator or ``check_str``.

    :param deprecated_rule: the pre-reader/member rule it replaces.
    """
    return policy.RuleDefault(
        name=name, check_str=_either(ADMIN, check_str),
        description=description, deprecated_rule=deprecated_rule)


def _once_denied_cluster_users(name, check_str, role):
    """Return a rule that is plainly ``check_str`` under an old name.

    :param role: the project role ``check_str`` asks for, as the
        description says it.
    """
    return policy.RuleDefault(
        name=name, check_str=check_str,
        description='A %s of the owning project. The name stays for '
                    'policy files written when cluster trustee users '
                    'were refused here.' % role)


rules = [
    policy.RuleDefault(
        name='context_is_admin', check_str='role:admin',
        description='The caller is a cloud administrator.'),
    policy.RuleDefault(
        name='admin_or_owner', check_str=_OWNER_CHECK,
        description='Deprecated: an administrator or anyone in the '
                    'owning project. Kept for policy files that refer '
                    'to it.'),
    policy.RuleDefault(
        name='admin_or_user', check_str=_USER_CHECK,
        description='Deprecated: an administrator or the owning user. '
                    'Kept for policy files that refer to it.'),
    policy.RuleDefault(
        name='is_user', check_str='user_id:%(user_id)s',
        description='The caller is the user that owns the target.'),
    policy.RuleDefault(
        name='project_member',
        check_str='role:member and project_id:%(project_id)s',
        description='The caller has the member role in the project that '
                    'owns the target.'),
    policy.RuleDefault(
        name='project_reader',
        check_str='role:reader and project_id:%(project_id)s',
        description='The caller has the reader role in the project that '
                    'owns the target.'),
    _admin_or(
        'admin_or_project_reader', PROJECT_READER,
        'An administrator or a reader of the owning project.',
        _OLD_ADMIN_OR_OWNER),
    _admin_or(
        'admin_or_project_member', PROJECT_MEMBER,
        'An administrator or a member of the owning project.',
        _OLD_ADMIN_OR_OWNER),
    _admin_or(
        'admin_or_project_member_user', _MEMBER_AND_USER,
        'An administrator, or the owning user while a member of the '
        'owning project.',
        _OLD_ADMIN_OR_USER),
    _admin_or(
        'admin_or_project_member_user_or_cluster_user', _MEMBER_AND_USER,
        'Same as admin_or_project_member_user; the name stays for policy '
        'files written when cluster trustee users had a rule of their '
        'own.',
        _OLD_ADMIN_OR_USER),
    _once_denied_cluster_users(
        'project_member_deny_cluster_user', PROJECT_MEMBER, 'member'),
    _admin_or(
        'admin_or_project_member_deny_cluster_user',
        PROJECT_MEMBER_DENY_CLUSTER_USER,
        'An administrator or a member of the owning project.',
        _OLD_ADMIN_OR_OWNER),
    _once_denied_cluster_users(
        'project_reader_deny_cluster_user', PROJECT_READER, 'reader'),
    _admin_or(
        'admin_or_project_reader_deny_cluster_user',
        PROJECT_READER_DENY_CLUSTER_USER,
        'An administrator or a reader of the owning project.',
        _OLD_ADMIN_OR_OWNER),
    _admin_or(
        'admin_or_project_reader_user', _READER_AND_USER,
        'An administrator, or the owning user while a reader of the '
        'owning project.',
        _OLD_ADMIN_OR_USER),
]


def project_rule(name, check_str, description, operations):
    """Return an API rule that project-scoped tokens may pass.

    :param operations: (method, path) pairs the rule guards.
    """
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=[{'method': m, 'path': p} for m, p in operations],
        scope_types=['project'])


def admin_rule(name, description, operations):
    """Return an API rule only cloud administrators pass by default.

    :param operations: (method, path) pairs the rule guards.
    """
    return policy.DocumentedRuleDefault(
        name=name, check_str=ADMIN, description=description,
        operations=[{'method': m, 'path': p} for m, p in operations])


def list_rules():
    return rules
