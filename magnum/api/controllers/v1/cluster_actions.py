"""``/v1/clusters/{id}/actions``: resize (1.7) and upgrade (1.8)."""

import pecan
from pecan import rest

from magnum.api import body as request_body
from magnum.api.controllers import base
from magnum.api.controllers.v1 import cluster_common as common
from magnum.api import expose
from magnum.api import hooks
from magnum.api.types import cluster as cluster_types
from magnum.api.validation import cluster as cluster_validation
from magnum.api import versions
from magnum.common import exception
from magnum.conductor import states
from magnum.drivers import registry
from magnum.i18n import _
from magnum import objects


def _nodegroup(context, cluster, ident):
    """The nodegroup an action names, else the default worker."""
    if ident:
        return objects.NodeGroup.get(context, cluster.uuid, ident)
    nodegroup = cluster.default_ng_worker
    if nodegroup is None:
        raise exception.NodeGroupNotFound(nodegroup='default worker')
    return nodegroup


def _check_resize(cluster, nodegroup, node_count):
    if nodegroup.is_master:
        driver = registry.get_driver_for_cluster(cluster)
        check = getattr(driver, 'validate_master_resize', None)
        if check is None:
            raise exception.MasterNGResizeNotSupported()
        check(node_count)
        return
    low = nodegroup.min_node_count or 0
    high = nodegroup.max_node_count
    if node_count < low or (high is not None and node_count > high):
        raise exception.NGResizeOutBounds(nodegroup=nodegroup.name,
                                          min_nc=low, max_nc=high)


def _nodegroup_status(name):
    return {'status': states.NODEGROUP_IN_PROGRESS_STATUS[name]}


class ActionsController(rest.RestController):
    """Actions on one cluster."""

    _custom_actions = {'resize': ['POST'], 'upgrade': ['POST']}

    @expose.expose()
    def resize(self, cluster_ident):
        """Change the node count of a nodegroup (202 with the uuid)."""
        common.require_version(versions.CLUSTER_RESIZE)
        context = base.request_context()
        request = request_body.parse(cluster_types.ClusterResize,
                                     base.body_json(), 'resize')
        cluster = common.get_cluster(cluster_ident,
                                     'cluster:update_all_projects')
        base.enforce('cluster:resize', cluster.as_dict())
        cluster_validation.check_node_count(request.node_count)
        nodegroup = _nodegroup(context, cluster, request.nodegroup)
        _check_resize(cluster, nodegroup, request.node_count)
        name = states.RESIZE_CLUSTER
        operation = common.start_operation(
            cluster, name, states.ALLOWED_FROM[name],
            {'status': states.IN_PROGRESS_STATUS[name]},
            {'nodegroup_id': nodegroup.uuid,
             'node_count': request.node_count,
             'nodes_to_remove': list(request.nodes_to_remove or []),
             'previous_node_count': nodegroup.node_count,
             'previous_nodegroup_status': nodegroup.status},
            nodegroup_uuid=nodegroup.uuid,
            nodegroup_values=_nodegroup_status(name))
        common.conductor().resize_cluster(context, cluster.uuid,
                                          operation.uuid)
        pecan.response.status = 202
        return {'uuid': cluster.uuid}

    @expose.expose()
    def upgrade(self, cluster_ident):
        """Move a nodegroup to another template's versions (202)."""
        common.require_version(versions.CLUSTER_RESIZE)
        if hooks.current_version() < versions.CLUSTER_UPGRADE:
            raise exception.ClusterUpgradeNotSupported()
        context = base.request_context()
        request = request_body.parse(cluster_types.ClusterUpgrade,
                                     base.body_json(), 'upgrade')
        cluster = common.get_cluster(cluster_ident,
                                     'cluster:upgrade_all_projects')
        base.enforce('cluster:upgrade', cluster.as_dict())
        template = objects.ClusterTemplate.get(context,
                                               request.cluster_template)
        current = cluster.cluster_template
        if template.coe != current.coe:
            raise exception.InvalidClusterTemplateForUpgrade(reason=_(
                'template %(new)s runs %(coe)s but the cluster runs '
                '%(current)s; pick a %(current)s template.') % {
                    'new': template.name or template.uuid,
                    'coe': template.coe, 'current': current.coe})
        nodegroup = _nodegroup(context, cluster, request.nodegroup)
        if template.uuid != cluster.cluster_template_id and \
                not nodegroup.is_default:
            raise exception.InvalidClusterTemplateForUpgrade(reason=_(
                "Nodegroup %(ng)s can be upgraded only to match the "
                "cluster's template (%(template)s).") % {
                    'ng': nodegroup.name,
                    'template': current.name or current.uuid})
        name = states.UPGRADE_CLUSTER
        operation = common.start_operation(
            cluster, name, states.ALLOWED_FROM[name],
            {'status': states.IN_PROGRESS_STATUS[name]},
            {'nodegroup_id': nodegroup.uuid,
             'cluster_template_id': template.uuid,
             'max_batch_size': request.max_batch_size,
             'rollback': False,
             'previous_nodegroup_status': nodegroup.status},
            nodegroup_uuid=nodegroup.uuid,
            nodegroup_values=_nodegroup_status(name))
        common.conductor().upgrade_cluster(context, cluster.uuid,
                                           operation.uuid)
        pecan.response.status = 202
        return {'uuid': cluster.uuid}
