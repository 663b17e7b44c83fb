"""Policy enforcement: who may do what, decided by oslo.policy.

The default rules live in :mod:`magnum.common.policies`; operators
override them in the file named by ``[oslo_policy] policy_file``.
"""

import threading

from oslo_config import cfg
from oslo_log import log as logging
from oslo_policy import policy

from magnum.common import exception
from magnum.common import policies

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

_ENFORCER = None
_lock = threading.Lock()


def init(policy_file=None, rules=None, default_rule=None, use_conf=True):
    """Create the process's enforcer once and return it.

    :param policy_file: a policy file to use instead of
        ``[oslo_policy] policy_file``.
    :param rules: rules to start from, before the policy file is read.
    :param default_rule: the rule used when a rule is not found.
    :param use_conf: whether to read the policy file at all.
    :returns: an ``oslo_policy.policy.Enforcer``.
    """
    global _ENFORCER
    with _lock:
        if _ENFORCER is None:
            enforcer = policy.Enforcer(CONF, policy_file=policy_file,
                                       rules=rules,
                                       default_rule=default_rule,
                                       use_conf=use_conf)
            enforcer.register_defaults(policies.list_rules())
            _ENFORCER = enforcer
        return _ENFORCER


def reset():
    """Drop the enforcer, so the next :func:`init` reads everything again."""
    global _ENFORCER
    with _lock:
        if _ENFORCER is not None:
            _ENFORCER.clear()
        _ENFORCER = None


def get_enforcer():
    """Return an enforcer for the ``oslopolicy-*`` tools.

    Those tools parse their own command line, so only magnum's config
    files are read here (they may name the policy file).
    """
    CONF([], project='magnum')
    return init()


def _credentials(context):
    creds = context.to_policy_values()
    # The pre-reader/member defaults (admin_or_owner, admin_or_user)
    # check is_admin; oslo.context does not include it.
    creds['is_admin'] = context.is_admin
    return creds


def enforce(context, rule, target=None, do_raise=True):
    """Check that the caller may perform ``rule`` on ``target``.

    :param context: the caller's request context.
    :param rule: the rule name, e.g. ``cluster:get_all``.
    :param target: what the caller acts on (an object's ``as_dict()``);
        defaults to the caller's own project and user.
    :param do_raise: raise on denial instead of returning False.
    :returns: True when allowed; False when denied and ``do_raise`` is
        False.
    :raises: magnum.common.exception.PolicyNotAuthorized (403) when denied,
        including when the token has the wrong scope.
    """
    enforcer = init()
    if target is None:
        target = {'project_id': context.project_id,
                  'user_id': context.user_id}
    try:
        return enforcer.enforce(rule, target, _credentials(context),
                                do_raise=do_raise,
                                exc=exception.PolicyNotAuthorized,
                                action=rule)
    except policy.InvalidScope as e:
        LOG.debug('Token scope refused for %(rule)s: %(error)s',
                  {'rule': rule, 'error': e})
        raise exception.PolicyNotAuthorized(action=rule)


def check_is_admin(context):
    """Return whether the caller passes the ``context_is_admin`` rule."""
    enforcer = init()
    return enforcer.enforce('context_is_admin', {}, _credentials(context))
