"""``/v1/quotas``: per-project limits on how many clusters may exist.

Administrators manage quotas; a project's members may read their own.
A project without a quota row gets ``[quotas] max_clusters_per_project``.
"""

from urllib import parse

from keystoneauth1 import exceptions as ks_exc
from oslo_utils import strutils
import pecan
from pecan import rest
import webob.exc

from magnum.api import body as request_body
from magnum.api.controllers import base
from magnum.api.controllers import link
from magnum.api import expose
from magnum.api import pagination
from magnum.api.types import quota as quota_types
from magnum.api import views
from magnum.common.cloud import exceptions as cloud_exc
from magnum.common.cloud import session as cloud_session
from magnum.common import exception
import magnum.conf
from magnum.i18n import _
from magnum import objects
from magnum.objects import fields

CONF = magnum.conf.CONF

RESOURCE = 'quotas'

# Where keystoneauth finds Identity v3 in the caller's catalog.
_IDENTITY_V3 = {'service_type': 'identity', 'interface': 'public',
                'min_version': '3.0', 'max_version': '3.latest'}
_IDENTITY = 'identity service (keystone)'


def check_project_exists(session, project_id):
    """Ask Keystone whether ``project_id`` names a project.

    :param session: a keystoneauth session with the caller's token.
    :raises: ProjectNotFound (404) when Keystone does not know it;
        AuthorizationFailure (403) when the caller may not look it up;
        CloudServiceUnavailable (503) when Keystone can't be asked.
    """
    path = 'projects/%s' % parse.quote(project_id, safe='')
    try:
        response = session.get(path, endpoint_filter=_IDENTITY_V3,
                               raise_exc=False)
    except (ks_exc.EndpointNotFound, ks_exc.DiscoveryFailure,
            ks_exc.ConnectionError, ks_exc.RequestTimeout) as error:
        raise cloud_exc.CloudServiceUnavailable(service=_IDENTITY,
                                                reason=str(error))
    status = response.status_code
    if status == 404:
        raise exception.ProjectNotFound(name=project_id)
    if status in (401, 403):
        raise cloud_exc.authorization_failure(
            'Keystone', _('Not allowed to look up project %s.')
            % project_id)
    if status >= 500:
        raise cloud_exc.CloudServiceUnavailable(
            service=_IDENTITY,
            reason=_('it answered HTTP %s') % status)
    if not 200 <= status < 300:
        raise cloud_exc.CloudRequestRejected(
            service=_IDENTITY, what=_('project %s') % project_id,
            status=status, detail=response.text[:200])


def _check_project(project_id):
    # Without Keystone (noauth development mode) there is nothing to ask.
    if CONF.api.auth_strategy != 'keystone':
        return
    session = cloud_session.session_for_environ(pecan.request.environ)
    check_project_exists(session, project_id)


def _check_resource(resource):
    if resource not in fields.QuotaResourceName.ALL:
        raise exception.InvalidParameterValue(err=_(
            'Invalid quota resource %(resource)s; use one of '
            '%(allowed)s.') % {
                'resource': resource,
                'allowed': ', '.join(fields.QuotaResourceName.ALL)})


def _require_quota_path(project_id, resource):
    # PATCH and DELETE address one quota: /quotas/<project>/<resource>.
    base.require_ident(project_id)
    if resource is None:
        raise webob.exc.HTTPNotFound()


def view(quota):
    """Return the API document of a quota (quotas have no links)."""
    document = views.document(quota, quota_types.VIEW_FIELDS, RESOURCE,
                              ident=str(quota.id))
    del document['links']
    return document


def _int_marker(marker):
    # Quotas have no uuid; their pages are marked by the integer id.
    try:
        return int(marker)
    except (TypeError, ValueError):
        raise exception.InvalidParameterValue(err=_(
            'Invalid marker %s: quota markers are integer ids.') % marker)


def _bool_param(params, name):
    value = params.get(name)
    if value in (None, ''):
        return False
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise exception.InvalidParameterValue(err=_(
            'Invalid value for %(name)s: %(value)s; use true or '
            'false.') % {'name': name, 'value': value})


class QuotasController(rest.RestController):
    """CRUD on quotas, addressed by project id and resource."""

    @expose.expose()
    def get_all(self, **params):
        """List quotas: every project's for ``all_tenants`` admins."""
        marker, limit, sort_key, sort_dir = pagination.list_params(
            params, quota_types.SORT_KEYS)
        all_tenants = _bool_param(params, 'all_tenants')
        if marker is not None:
            marker = _int_marker(marker)
        base.enforce('quota:get_all')
        context = base.request_context()
        context.all_tenants = bool(all_tenants and context.is_admin)
        quotas = objects.Quota.list(context, limit=limit, marker=marker,
                                    sort_key=sort_key, sort_dir=sort_dir)
        body = {'quotas': [view(q) for q in quotas]}
        next_url = pagination.next_link(
            link.base_url(), RESOURCE, quotas, limit, sort_key, sort_dir,
            marker_attr='id',
            extra={'all_tenants': 'True'} if all_tenants else None)
        if next_url:
            body['next'] = next_url
        return body

    @expose.expose()
    def get_one(self, project_id, resource):
        """Show a project's quota, or the default when none is set."""
        base.enforce('quota:get')
        context = base.request_context()
        if not context.is_admin and project_id != context.project_id:
            raise exception.NotAuthorized()
        _check_resource(resource)
        try:
            quota = objects.Quota.get_quota_by_project_id_resource(
                context, project_id, resource)
        except exception.QuotaNotFound:
            return {'id': None, 'project_id': project_id,
                    'resource': resource,
                    'hard_limit': CONF.quotas.max_clusters_per_project,
                    'created_at': None, 'updated_at': None}
        return view(quota)

    @expose.expose()
    def post(self):
        """Set a project's quota (201 with the quota)."""
        base.enforce('quota:create')
        new = request_body.parse(quota_types.Quota, base.body_json(),
                                 'quota')
        values = new.to_values()
        if not values.get('project_id'):
            raise exception.InvalidParameterValue(
                err=_('Must provide a valid project ID.'))
        _check_project(values['project_id'])
        quota = objects.Quota(base.request_context(), **values)
        quota.create()
        pecan.response.status = 201
        return view(quota)

    @expose.expose()
    def patch(self, project_id=None, resource=None):
        """Change a project's hard limit (202 with the quota).

        The body is a quota, not a JSON patch; the project and resource
        come from the URL.
        """
        _require_quota_path(project_id, resource)
        base.enforce('quota:update')
        changed = request_body.parse(quota_types.Quota, base.body_json(),
                                     'quota')
        quota = objects.Quota.get_quota_by_project_id_resource(
            base.request_context(), project_id, resource)
        quota.hard_limit = changed.hard_limit
        quota.save()
        pecan.response.status = 202
        return view(quota)

    @expose.expose()
    def delete(self, project_id=None, resource=None):
        """Remove a project's quota (204)."""
        _require_quota_path(project_id, resource)
        base.enforce('quota:delete')
        quota = objects.Quota(base.request_context(), project_id=project_id,
                              resource=resource)
        quota.delete()
        pecan.response.status = 204
        # Returning the response itself keeps the JSON renderer from
        # writing "null" into a 204.
        return pecan.response
