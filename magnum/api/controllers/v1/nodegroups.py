"""``/v1/clusters/{cluster}/nodegroups`` (microversion 1.9)."""

import pecan
from pecan import rest

from magnum.api import body as request_body
from magnum.api.controllers import base
from magnum.api.controllers import link
from magnum.api.controllers.v1 import cluster_common as common
from magnum.api import expose
from magnum.api import pagination
from magnum.api import patch as json_patch
from magnum.api.types import cluster as cluster_types
from magnum.api.types import nodegroup as ng_types
from magnum.api.validation import cluster as cluster_validation
from magnum.api.validation import nodegroup as ng_validation
from magnum.api import versions
from magnum.api import views
from magnum.common.cloud import request as cloud_request
from magnum.common.cloud import validation as cloud
from magnum.common import exception
from magnum.conductor import states
from magnum.i18n import _
from magnum import objects

# Admins reach other projects' clusters through these rules.
_READ_ALL = 'nodegroup:get_one_all_projects'
_LIST_ALL = 'nodegroup:get_all_all_projects'
_WRITE_ALL = 'cluster:update_all_projects'


def _resource(cluster):
    return 'clusters/%s/nodegroups' % cluster.uuid


def view(nodegroup, cluster, expanded=False, base_url=None):
    """Return the API document of a nodegroup."""
    fields_ = ng_types.DETAIL_FIELDS if expanded else ng_types.SHORT_FIELDS
    body = views.document(nodegroup, fields_, _resource(cluster),
                          base_url=base_url)
    body['merge_labels'] = False
    if expanded:
        (body['labels_overridden'], body['labels_added'],
         body['labels_skipped']) = cluster_validation.labels_diff(
            cluster.labels, nodegroup.labels)
    return body


def _as_count(value, name, nullable=False):
    if value is None and nullable:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise exception.InvalidParameterValue(err=_(
            'Invalid input for field/attribute %(name)s. Value: %(value)r. '
            'Value should be an integer greater or equal to 0') % {
                'name': name, 'value': value})
    return value


def _start(cluster, name, params, **kwargs):
    return common.start_operation(
        cluster, name, states.ALLOWED_FROM[name],
        {'status': states.IN_PROGRESS_STATUS[name]}, params, **kwargs)


class NodeGroupsController(rest.RestController):
    """CRUD on the nodegroups of one cluster."""

    def _cluster(self, ident, all_projects_rule, nodegroup_ident=''):
        common.require_version(versions.NODEGROUPS)
        base.require_ident(nodegroup_ident)
        return common.get_cluster(ident, all_projects_rule)

    @expose.expose()
    def get_all(self, cluster_ident, **params):
        """List a cluster's nodegroups (``?role=`` filters)."""
        cluster = self._cluster(cluster_ident, _LIST_ALL)
        base.enforce('nodegroup:get_all', cluster.as_dict())
        marker, limit, sort_key, sort_dir = pagination.list_params(
            params, ng_types.SORT_KEYS)
        filters = {}
        if params.get('role'):
            filters['role'] = params['role']
        context = base.request_context()
        if marker:
            marker = objects.NodeGroup.get(context, cluster.uuid,
                                           marker).uuid
        groups = objects.NodeGroup.list(
            context, cluster.uuid, limit=limit, marker=marker,
            sort_key=sort_key, sort_dir=sort_dir, filters=filters)
        base_url = link.base_url()
        body = {'nodegroups': [view(g, cluster, base_url=base_url)
                               for g in groups]}
        extra = {'role': filters['role']} if filters else None
        next_url = pagination.next_link(base_url, _resource(cluster), groups,
                                        limit, sort_key, sort_dir,
                                        extra=extra)
        if next_url:
            body['next'] = next_url
        return body

    @expose.expose()
    def get_one(self, cluster_ident, nodegroup_ident):
        """Show one nodegroup by uuid or name."""
        cluster = self._cluster(cluster_ident, _READ_ALL)
        base.enforce('nodegroup:get', cluster.as_dict())
        nodegroup = objects.NodeGroup.get(base.request_context(),
                                          cluster.uuid, nodegroup_ident)
        return view(nodegroup, cluster, expanded=True)

    def _new_values(self, cluster, request):
        values = cluster_types.given_values(request)
        if values['role'] == 'master':
            raise exception.CreateMasterNodeGroup()
        if values['name'] in [ng.name for ng in cluster.nodegroups]:
            raise exception.NodeGroupAlreadyExists(
                name=values['name'], cluster_id=cluster.name or cluster.uuid)
        ng_validation.check_counts(values['name'], values['node_count'],
                                   values['min_node_count'],
                                   values.get('max_node_count'))
        ng_validation.check_node_labels_and_taints(
            values['role'], values.get('node_labels'),
            values.get('node_taints'))
        values['labels'] = cluster_validation.merged_labels(
            cluster.labels, values.get('labels'),
            values.pop('merge_labels'))
        values.setdefault('image_id', cluster.cluster_template.image_id)
        values.setdefault('flavor_id', cluster.flavor_id)
        values.setdefault('docker_volume_size', cluster.docker_volume_size)
        lookups = cloud_request.lookups_for_request(
            pecan.request.environ, pecan.request.context)
        cloud.validate_flavor(lookups, values['flavor_id'],
                              (cluster.labels or {}).get('boot_volume_size'))
        values.update(project_id=cluster.project_id, is_default=False,
                      node_addresses=[],
                      status=states.NODEGROUP_IN_PROGRESS_STATUS[
                          states.CREATE_NODEGROUP])
        return values

    @expose.expose()
    def post(self, cluster_ident):
        """Add a nodegroup to a cluster (202 with the nodegroup)."""
        cluster = self._cluster(cluster_ident, _WRITE_ALL)
        context = base.request_context()
        base.enforce('nodegroup:create', cluster.as_dict())
        request = request_body.parse(ng_types.NodeGroupCreate,
                                     base.body_json(), 'nodegroup')
        if not cluster.api_address:
            raise exception.ClusterAPIAddressUnavailable()
        values = self._new_values(cluster, request)
        operation = _start(cluster, states.CREATE_NODEGROUP, {},
                           new_nodegroup=values)
        common.conductor().create_nodegroup(
            context, cluster.uuid, operation.nodegroup_id, operation.uuid)
        nodegroup = objects.NodeGroup.get_by_uuid(
            context, cluster.uuid, operation.nodegroup_id)
        pecan.response.status = 202
        return view(nodegroup, cluster, expanded=True)

    def _changes(self, nodegroup):
        document = {f: getattr(nodegroup, f, None)
                    for f in ng_types.PATCH_DOCUMENT_FIELDS}
        patched = json_patch.apply(document, base.body_json(),
                                   internal=ng_types.INTERNAL_PATHS)
        unknown = sorted(set(patched) - set(document))
        if unknown:
            raise exception.InvalidParameterValue(err=_(
                "Adding a new attribute (%s) to the root of the resource "
                "is not allowed.") % ', '.join('/' + u for u in unknown))
        patched['min_node_count'] = _as_count(
            patched.get('min_node_count') or 0, 'min_node_count')
        patched['max_node_count'] = _as_count(
            patched.get('max_node_count'), 'max_node_count', nullable=True)
        ng_validation.check_node_labels_and_taints(
            nodegroup.role, patched.get('node_labels'),
            patched.get('node_taints'))
        ng_validation.check_counts(nodegroup.name, nodegroup.node_count,
                                   patched['min_node_count'],
                                   patched['max_node_count'])
        return {f: patched.get(f) for f in ng_types.PATCHABLE
                if patched.get(f) != document[f]}

    @expose.expose()
    def patch(self, cluster_ident, nodegroup_ident=None):
        """Change min/max node count, node labels or taints (202)."""
        cluster = self._cluster(cluster_ident, _WRITE_ALL, nodegroup_ident)
        context = base.request_context()
        base.enforce('nodegroup:update', cluster.as_dict())
        nodegroup = objects.NodeGroup.get(context, cluster.uuid,
                                          nodegroup_ident)
        changed = self._changes(nodegroup)
        pecan.response.status = 202
        if not changed:
            return view(nodegroup, cluster, expanded=True)
        name = states.UPDATE_NODEGROUP
        operation = _start(
            cluster, name, {'previous_nodegroup_status': nodegroup.status},
            nodegroup_uuid=nodegroup.uuid,
            nodegroup_values=dict(
                changed, status=states.NODEGROUP_IN_PROGRESS_STATUS[name]))
        common.conductor().update_nodegroup(context, cluster.uuid,
                                            nodegroup.uuid, operation.uuid)
        nodegroup.refresh()
        return view(nodegroup, cluster, expanded=True)

    @expose.expose()
    def delete(self, cluster_ident, nodegroup_ident=None):
        """Delete a non-default nodegroup (204)."""
        cluster = self._cluster(cluster_ident, _WRITE_ALL, nodegroup_ident)
        context = base.request_context()
        base.enforce('nodegroup:delete', cluster.as_dict())
        nodegroup = objects.NodeGroup.get(context, cluster.uuid,
                                          nodegroup_ident)
        if nodegroup.is_default:
            raise exception.DeletingDefaultNGNotSupported()
        name = states.DELETE_NODEGROUP
        operation = _start(
            cluster, name, {'previous_nodegroup_status': nodegroup.status},
            nodegroup_uuid=nodegroup.uuid,
            nodegroup_values={
                'status': states.NODEGROUP_IN_PROGRESS_STATUS[name]})
        common.conductor().delete_nodegroup(context, cluster.uuid,
                                            nodegroup.uuid, operation.uuid)
        pecan.response.status = 204
        return None
