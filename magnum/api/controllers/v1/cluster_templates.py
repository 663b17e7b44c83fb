"""``/v1/clustertemplates``: reusable descriptions of clusters."""

from oslo_utils import uuidutils
import pecan
from pecan import rest

from magnum.api import body as request_body
from magnum.api.controllers import base
from magnum.api.controllers import link
from magnum.api import expose
from magnum.api import pagination
from magnum.api import patch as json_patch
from magnum.api.types import cluster_template as ct_types
from magnum.api import validation
from magnum.api.validation import cluster_template as ct_validation
from magnum.api import views
from magnum.common.cloud import request as cloud_request
from magnum.common import exception
from magnum.common import names
from magnum.common import policy
from magnum.i18n import _
from magnum import objects

RESOURCE = 'clustertemplates'
SORT_KEYS = tuple(f for f in ct_types.VIEW_FIELDS if f != 'links') + ('id',)

assert validation  # the package, for its submodules


def view(template, base_url=None):
    """Return the API document of a template."""
    return views.document(template, ct_types.VIEW_FIELDS, RESOURCE,
                          base_url=base_url)


def _lookups():
    return cloud_request.lookups_for_request(pecan.request.environ,
                                             pecan.request.context)


def _check_publish(values):
    if values.get('public') or values.get('hidden'):
        if not policy.enforce(base.request_context(),
                              'clustertemplate:publish', do_raise=False):
            raise exception.ClusterTemplatePublishDenied()


def get_template(ident,
                 all_projects_rule='clustertemplate:get_one_all_projects'):
    """Find a template by uuid or name, as the caller may see it.

    Admins see every project's templates.
    """
    context = base.request_context()
    if policy.enforce(context, all_projects_rule, do_raise=False):
        context.all_tenants = True
    template = objects.ClusterTemplate.get(context, ident)
    if template.hidden and not context.is_admin and \
            template.project_id != context.project_id:
        raise exception.ClusterTemplateNotFound(clustertemplate=ident)
    return template


class ClusterTemplatesController(rest.RestController):
    """CRUD on cluster templates."""

    _custom_actions = {'detail': ['GET']}

    def _list(self, params, rule, all_rule):
        marker, limit, sort_key, sort_dir = pagination.list_params(
            params, SORT_KEYS)
        base.enforce_listing(rule, all_rule, want_all=True)
        context = base.request_context()
        templates = objects.ClusterTemplate.list(
            context, limit=limit, marker=marker, sort_key=sort_key,
            sort_dir=sort_dir)
        base_url = link.base_url()
        body = {'clustertemplates': [view(t, base_url) for t in templates]}
        next_url = pagination.next_link(base_url, RESOURCE,
                                        templates, limit, sort_key,
                                        sort_dir)
        if next_url:
            body['next'] = next_url
        return body

    @expose.expose()
    def get_all(self, **params):
        """List the templates the caller can see."""
        return self._list(params, 'clustertemplate:get_all',
                          'clustertemplate:get_all_all_projects')

    @expose.expose()
    def detail(self, **params):
        """List templates with every field (same as the list)."""
        return self._list(params, 'clustertemplate:detail',
                          'clustertemplate:detail_all_projects')

    @expose.expose()
    def get_one(self, ident):
        """Show one template by uuid or name."""
        template = get_template(ident)
        if not template.public:
            base.enforce('clustertemplate:get', template.as_dict())
        return view(template)

    @expose.expose()
    def post(self):
        """Create a template (201 with the template)."""
        context = base.request_context()
        base.enforce('clustertemplate:create')
        new = request_body.parse(ct_types.ClusterTemplateCreate,
                                 base.body_json(), 'cluster_template')
        values = new.to_values()
        _check_publish(values)
        values.setdefault('name', names.generate('template'))
        ct_validation.prepare(context, _lookups(), values)
        values.update(uuid=uuidutils.generate_uuid(),
                      project_id=context.project_id,
                      user_id=context.user_id)
        template = objects.ClusterTemplate(context, **values)
        template.create()
        pecan.response.status = 201
        pecan.response.location = '%s/v1/%s/%s' % (
            link.base_url(), RESOURCE, template.uuid)
        return view(template)

    @expose.expose()
    def patch(self, ident=None):
        """Change a template with a JSON patch."""
        base.require_ident(ident)
        context = base.request_context()
        template = get_template(
            ident, 'clustertemplate:update_all_projects')
        base.enforce('clustertemplate:update', template.as_dict())
        current = {f: getattr(template, f, None)
                   for f in ct_types.EDITABLE_FIELDS}
        patched = json_patch.apply(
            current, base.body_json(),
            internal=ct_types.INTERNAL_PATHS,
            non_removable=ct_types.NON_REMOVABLE_PATHS)
        checked = request_body.parse(
            ct_types.ClusterTemplateCreate,
            {k: v for k, v in patched.items() if v is not None},
            'cluster_template')
        values = checked.to_values()
        changed = {k: values.get(k) for k in ct_types.EDITABLE_FIELDS
                   if values.get(k) != getattr(template, k, None)}
        if not changed:
            return view(template)
        if template.is_referenced():
            blocked = sorted(set(changed) -
                             set(ct_types.REFERENCED_UPDATABLE))
            if blocked:
                raise exception.InvalidParameterValue(err=_(
                    'ClusterTemplate %(uuid)s is referenced by one or '
                    'multiple clusters; only %(allowed)s may change, not '
                    '%(blocked)s.') % {
                        'uuid': template.uuid,
                        'allowed': ', '.join(ct_types.REFERENCED_UPDATABLE),
                        'blocked': ', '.join(blocked)})
        if {'public', 'hidden'} & set(changed):
            _check_publish({'public': True})
        if set(changed) - set(ct_types.REFERENCED_UPDATABLE):
            values.pop('driver', None)
            ct_validation.prepare(context, _lookups(), values)
            for key in ('driver', 'cluster_distro', 'network_driver'):
                changed[key] = values[key]
        for key, value in changed.items():
            setattr(template, key, value)
        template.save()
        return view(template)

    @expose.expose()
    def delete(self, ident=None):
        """Delete a template that no cluster uses (204)."""
        base.require_ident(ident)
        template = get_template(
            ident, 'clustertemplate:delete_all_projects')
        base.enforce('clustertemplate:delete', template.as_dict())
        template.destroy()
        pecan.response.status = 204
