"""Helpers every v1 resource controller uses."""

import pecan
import webob.exc

from magnum.common import policy


def request_context():
    """Return the RequestContext of the current request."""
    return pecan.request.context


def enforce(rule, target=None):
    """Check ``rule`` for the caller on ``target`` (403 when denied)."""
    policy.enforce(request_context(), rule, target)


def enforce_listing(rule, all_projects_rule, want_all):
    """Check a list rule; let admins list every project.

    :param want_all: the caller asked for every project (``all_tenants``
        or implicitly as an admin, as upstream does).
    :returns: True when the listing spans all projects.
    """
    context = request_context()
    enforce(rule)
    if want_all and policy.enforce(context, all_projects_rule,
                                   do_raise=False):
        context.all_tenants = True
        return True
    return False


def body_json():
    """Return the decoded JSON body of the request (400 when it isn't)."""
    from magnum.common import exception
    from magnum.i18n import _
    try:
        return pecan.request.json
    except ValueError:
        raise exception.InvalidParameterValue(
            err=_('The request body is not valid JSON.'))


def require_ident(ident):
    """Answer 405 for PATCH or DELETE on a collection (no resource id)."""
    if ident is None:
        raise webob.exc.HTTPMethodNotAllowed()
