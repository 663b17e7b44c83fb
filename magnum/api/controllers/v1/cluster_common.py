"""Helpers shared by the cluster, cluster action and nodegroup controllers.

Finding a cluster as the caller may see it, refusing a request below the
microversion that introduced it, starting an operation (status change and
operation row committed together) and casting it afterwards.
"""

import webob.exc

from magnum.api.controllers import base
from magnum.api import hooks
from magnum.api import microversion
from magnum.api import rpc
from magnum.common import policy
from magnum.db import api as dbapi
from magnum import objects
from magnum.objects import fields

# The rule that lets admins read clusters of every project.
READ_ALL = 'cluster:get_one_all_projects'


def require_version(minimum):
    """Answer 406 (empty title, as upstream) below ``minimum``."""
    if hooks.current_version() >= minimum:
        return
    response = microversion.not_acceptable_response(
        microversion.UnsupportedVersion(out_of_range=False))
    raise webob.exc.HTTPNotAcceptable(
        body=response.body, content_type='application/json')


def get_cluster(ident, all_projects_rule=None):
    """Find a cluster by uuid or name.

    :param all_projects_rule: the ``*_all_projects`` rule that lets an
        admin reach clusters of other projects (the rule of the action
        then decides what they may do); None keeps the caller in its
        project.
    :raises: ClusterNotFound (404), Conflicts (409) for a shared name.
    """
    context = base.request_context()
    if all_projects_rule and policy.enforce(context, all_projects_rule,
                                            do_raise=False):
        context.all_tenants = True
    return objects.Cluster.get(context, ident)


def operation_values(name, params):
    """Return the column values of a new operation row."""
    context = base.request_context()
    return {'name': name, 'params': params,
            'project_id': context.project_id, 'user_id': context.user_id}


def start_operation(cluster, name, expected, cluster_values, params,
                    nodegroup_uuid=None, nodegroup_values=None,
                    new_nodegroup=None):
    """Move ``cluster`` to its in-progress status and record the operation.

    Both are committed in one transaction, as a test-and-set on the
    cluster's status: a concurrent conflicting request gets 409.

    :returns: the operation row.
    :raises: ClusterStatusConflict (409), NodeGroupAlreadyExists (409),
        ClusterNotFound, NodeGroupNotFound.
    """
    params = dict(params, previous_status=cluster.status)
    _row, operation = dbapi.start_cluster_operation(
        cluster.uuid, expected, cluster_values,
        operation_values(name, params), nodegroup_uuid=nodegroup_uuid,
        nodegroup_values=nodegroup_values, new_nodegroup=new_nodegroup)
    return operation


def conductor():
    """Return the conductor RPC client."""
    return rpc.conductor_api()


def is_failed(status):
    """Tell whether ``status`` is one of the failed statuses."""
    return status in fields.ClusterStatus.STATUS_FAILED
