"""``/v1/clusters``: clusters built from cluster templates.

Every change commits the cluster row and the durable operation row
before anything is cast to a conductor, so a cluster is visible as soon
as the API answers 202, and a lost cast is picked up from the database.
"""

import pecan
from pecan import rest
import wsme

from magnum.api import body as request_body
from magnum.api.controllers import base
from magnum.api.controllers import link
from magnum.api.controllers.v1 import cluster_actions
from magnum.api.controllers.v1 import cluster_common as common
from magnum.api.controllers.v1 import nodegroups
from magnum.api import expose
from magnum.api import hooks
from magnum.api import pagination
from magnum.api import patch as json_patch
from magnum.api import quota
from magnum.api.types import cluster as cluster_types
from magnum.api.types import common as common_types
from magnum.api.validation import cluster as cluster_validation
from magnum.api import versions
from magnum.api import views
from magnum.common.cloud import request as cloud_request
from magnum.common import context as magnum_context
from magnum.common import exception
from magnum.common import names
from magnum.conductor import states
from magnum.db import api as dbapi
from magnum.i18n import _
from magnum import objects
from magnum.objects import fields

RESOURCE = 'clusters'
MASTER_NG = 'default-master'
WORKER_NG = 'default-worker'


def view(cluster, fields_=cluster_types.SHORT_FIELDS, template_labels=None,
         base_url=None):
    """Return the API document of a cluster.

    :param template_labels: the template's labels; given for the
        expanded view, which shows the labels diff against them.
    """
    body = views.document(cluster, fields_, RESOURCE, base_url=base_url)
    body['merge_labels'] = False
    if hooks.current_version() >= versions.CLUSTER_ID_FIELD:
        body['cluster_id'] = body.pop('stack_id')
    if template_labels is not None:
        (body['labels_overridden'], body['labels_added'],
         body['labels_skipped']) = cluster_validation.labels_diff(
            template_labels, cluster.labels)
    return body


def _templates_labels(clusters):
    """Return {template uuid: labels} for a page, with one query."""
    uuids = sorted({c.cluster_template_id for c in clusters
                    if c.cluster_template_id})
    if not uuids:
        return {}
    admin = magnum_context.make_admin_context(all_tenants=True)
    templates = objects.ClusterTemplate.list(admin, filters={'uuid': uuids})
    return {t.uuid: t.labels or {} for t in templates}


def detail_view(cluster, labels_by_template=None):
    """Return the expanded document of a cluster."""
    if labels_by_template is None:
        labels_by_template = _templates_labels([cluster])
    return view(cluster, cluster_types.DETAIL_FIELDS,
                labels_by_template.get(cluster.cluster_template_id, {}))


def _lookups():
    return cloud_request.lookups_for_request(pecan.request.environ,
                                             pecan.request.context)


def _template_for_cluster(context, ident):
    """Find the template a new cluster names (400 when it can't)."""
    try:
        template = objects.ClusterTemplate.get(context, ident)
    except exception.ClusterTemplateNotFound as error:
        # Upstream treats a bad template reference as a bad body.
        error.code = 400
        raise error
    if template.hidden and not context.is_admin:
        raise exception.NotAuthorized(message=_(
            'Cluster template %s is hidden; only administrators may create '
            'clusters from it. Pick another template.') % ident)
    return template


def _default_nodegroups(context, values, template):
    common_values = {
        'project_id': context.project_id,
        'labels': values['labels'],
        'docker_volume_size': values.get('docker_volume_size'),
        'image_id': template.image_id,
        'is_default': True,
        'status': fields.ClusterStatus.CREATE_IN_PROGRESS,
        'node_addresses': [],
    }
    labels = values['labels']
    master = dict(common_values, name=MASTER_NG, role='master',
                  node_count=values['master_count'],
                  flavor_id=values.get('master_flavor_id'),
                  min_node_count=values['master_count'],
                  max_node_count=None)
    worker = dict(common_values, name=WORKER_NG, role='worker',
                  node_count=values['node_count'],
                  flavor_id=values.get('flavor_id'),
                  min_node_count=_int_label(labels, 'min_node_count', 0),
                  max_node_count=_int_label(labels, 'max_node_count', None))
    return [master, worker]


def _int_label(labels, name, default):
    value = labels.get(name)
    if value in (None, ''):
        return default
    try:
        return int(value)
    except ValueError:
        raise exception.InvalidParameterValue(err=_(
            'The label %(name)s must be an integer, not %(value)r.') % {
                'name': name, 'value': value})


def _cluster_row_values(context, values):
    row = {k: v for k, v in values.items()
           if k not in ('node_count', 'master_count', 'merge_labels')}
    row.update(project_id=context.project_id, user_id=context.user_id,
               status=fields.ClusterStatus.CREATE_IN_PROGRESS)
    return row


def _as_int(value, name):
    """Accept ints and numeric strings (the CLI sends both)."""
    if isinstance(value, bool):
        value = None
    elif isinstance(value, str) and value.strip().lstrip('-').isdigit():
        value = int(value.strip())
    if not isinstance(value, int):
        raise exception.InvalidParameterValue(err=_(
            'Invalid input for field/attribute %(name)s. Value: %(value)r. '
            'Value should be an integer') % {'name': name, 'value': value})
    if value < 0:
        raise exception.InvalidParameterValue(err=_(
            'Invalid input for field/attribute %(name)s. Value: %(value)r. '
            'Value should be greater or equal to 0') % {
                'name': name, 'value': value})
    return value


def _check_health(patched):
    status = patched.get('health_status')
    if status is not None and \
            status not in fields.ClusterHealthStatus.ALL:
        raise exception.InvalidParameterValue(err=_(
            'Invalid input for field/attribute health_status. Value: '
            '%(value)r. Value should be one of: %(all)s') % {
                'value': status,
                'all': ', '.join(fields.ClusterHealthStatus.ALL)})
    reason = patched.get('health_status_reason')
    if reason is not None and not (isinstance(reason, dict) and all(
            isinstance(k, str) and isinstance(v, str)
            for k, v in reason.items())):
        raise exception.InvalidParameterValue(err=_(
            'Invalid input for field/attribute health_status_reason. '
            'Value: %r. Value should be an object of strings to strings')
            % (reason,))


class ClustersController(rest.RestController):
    """Create, list, show, change and delete clusters."""

    _custom_actions = {'detail': ['GET']}

    actions = cluster_actions.ActionsController()
    nodegroups = nodegroups.NodeGroupsController()

    def _list(self, params, rule, all_rule, expanded):
        marker, limit, sort_key, sort_dir = pagination.list_params(
            params, cluster_types.SORT_KEYS)
        base.enforce_listing(rule, all_rule, want_all=True)
        context = base.request_context()
        clusters = objects.Cluster.list(
            context, limit=limit, marker=marker, sort_key=sort_key,
            sort_dir=sort_dir, with_nodegroups=True)
        base_url = link.base_url()
        if expanded:
            by_template = _templates_labels(clusters)
            items = [view(c, cluster_types.DETAIL_FIELDS,
                          by_template.get(c.cluster_template_id, {}),
                          base_url=base_url) for c in clusters]
        else:
            items = [view(c, base_url=base_url) for c in clusters]
        body = {'clusters': items}
        resource = RESOURCE + ('/detail' if expanded else '')
        next_url = pagination.next_link(base_url, resource, clusters, limit,
                                        sort_key, sort_dir)
        if next_url:
            body['next'] = next_url
        return body

    @expose.expose()
    def get_all(self, **params):
        """List the caller's clusters (every project's for admins)."""
        return self._list(params, 'cluster:get_all',
                          'cluster:get_all_all_projects', expanded=False)

    @expose.expose()
    def detail(self, **params):
        """List clusters with every field."""
        return self._list(params, 'cluster:detail',
                          'cluster:detail_all_projects', expanded=True)

    @expose.expose()
    def get_one(self, ident):
        """Show one cluster by uuid or name."""
        cluster = common.get_cluster(ident, common.READ_ALL)
        base.enforce('cluster:get', cluster.as_dict())
        body = detail_view(cluster)
        if common.is_failed(cluster.status):
            body['faults'] = {ng.name: ng.status_reason
                              for ng in cluster.nodegroups
                              if common.is_failed(ng.status)}
        return body

    @expose.expose()
    def post(self):
        """Create a cluster: 202 with its uuid, the row already stored."""
        context = base.request_context()
        new = request_body.parse(cluster_types.ClusterCreate,
                                 base.body_json(), 'cluster')
        base.enforce('cluster:create')
        values = new.to_values()
        template = _template_for_cluster(context,
                                         values['cluster_template_id'])
        values['cluster_template_id'] = template.uuid
        values.setdefault('name', names.generate('cluster'))
        cluster_validation.prepare_create(context, _lookups(), values,
                                          template)
        nodegroups_values = _default_nodegroups(context, values, template)
        limit = quota.cluster_limit(context, context.project_id)
        row, _groups, operation = dbapi.create_cluster_with_operation(
            _cluster_row_values(context, values), nodegroups_values,
            common.operation_values(
                states.CREATE_CLUSTER,
                {'create_timeout': values['create_timeout']}),
            max_clusters=limit)
        common.conductor().create_cluster(context, row.uuid, operation.uuid)
        pecan.response.status = 202
        return {'uuid': row.uuid}

    def _patched(self, cluster):
        document = {f: getattr(cluster, f, None)
                    for f in cluster_types.PATCH_DOCUMENT_FIELDS}
        patched = json_patch.apply(document, base.body_json(),
                                   internal=cluster_types.INTERNAL_PATHS)
        unknown = sorted(set(patched) - set(document))
        if unknown:
            raise exception.InvalidParameterValue(err=_(
                "Adding a new attribute (%s) to the root of the resource "
                "is not allowed.") % ', '.join('/' + u for u in unknown))
        patched['node_count'] = _as_int(patched.get('node_count'),
                                        'node_count')
        _check_health(patched)
        blocked = sorted(f for f in document
                         if f not in cluster_types.PATCHABLE and
                         patched.get(f) != document[f])
        if blocked:
            raise exception.InvalidParameterValue(err=_(
                'cannot change cluster property(ies) %s.')
                % ', '.join(blocked))
        return {f: patched.get(f) for f in cluster_types.PATCHABLE
                if patched.get(f) != document[f]}

    @expose.expose()
    def patch(self, ident=None, **params):
        """Change node_count or the health fields with a JSON patch."""
        base.require_ident(ident)
        context = base.request_context()
        cluster = common.get_cluster(ident, 'cluster:update_all_projects')
        target = cluster.as_dict()
        base.enforce('cluster:update', target)
        base.enforce('cluster:update_health_status', target)
        changed = self._patched(cluster)
        rollback = False
        if hooks.current_version() >= versions.CLUSTER_ROLLBACK:
            rollback = _bool_param(params.get('rollback'))
        node_count = changed.pop('node_count', None)
        if node_count is None:
            if changed:
                for key, value in changed.items():
                    setattr(cluster, key, value)
                cluster.save()
            pecan.response.status = 202
            return {'uuid': cluster.uuid}
        cluster_validation.check_node_count(node_count)
        operation = common.start_operation(
            cluster, states.UPDATE_CLUSTER,
            states.ALLOWED_FROM[states.UPDATE_CLUSTER],
            dict(changed,
                 status=states.IN_PROGRESS_STATUS[states.UPDATE_CLUSTER]),
            {'node_count': node_count, 'rollback': rollback,
             'previous_node_count': cluster.node_count})
        common.conductor().update_cluster(context, cluster.uuid,
                                          operation.uuid)
        pecan.response.status = 202
        return {'uuid': cluster.uuid}

    @expose.expose()
    def delete(self, ident=None):
        """Delete a cluster (204); deleting one being deleted is a no-op.
        """
        base.require_ident(ident)
        context = base.request_context()
        cluster = common.get_cluster(ident, 'cluster:delete_all_projects')
        base.enforce('cluster:delete', cluster.as_dict())
        pecan.response.status = 204
        in_progress = states.IN_PROGRESS_STATUS[states.DELETE_CLUSTER]
        if cluster.status == in_progress:
            return None
        try:
            operation = common.start_operation(
                cluster, states.DELETE_CLUSTER,
                states.ALLOWED_FROM[states.DELETE_CLUSTER],
                {'status': in_progress}, {})
        except exception.ClusterStatusConflict:
            cluster.refresh()
            if cluster.status == in_progress:
                # A concurrent delete won the race; nothing more to do.
                return None
            raise
        common.conductor().delete_cluster(context, cluster.uuid,
                                          operation.uuid)
        return None


def _bool_param(value):
    if value is None or value == '':
        return False
    try:
        return common_types.BooleanType.validate(value)
    except wsme.exc.ClientSideError:
        raise exception.InvalidParameterValue(err=_(
            'Invalid value for rollback: %s; use True or False.') % value)
