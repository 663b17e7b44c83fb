"""Database access for per-project quotas."""

from oslo_db import exception as db_exc
import sqlalchemy as sa

from magnum.common import exception
from magnum.db.api import common
from magnum.db import models
from magnum.i18n import _

_FILTERS = frozenset(['project_id', 'resource'])


def _not_found(project_id, resource):
    return exception.QuotaNotFound(
        msg=_('project %(project)s has no quota for resource '
              '%(resource)s.') % {'project': project_id,
                                  'resource': resource})


def _one(project_id, resource):
    model = models.Quota
    return sa.select(model).where(model.project_id == project_id,
                                  model.resource == resource)


def create_quota(values):
    """Insert a quota.

    :param values: ``project_id``, ``resource`` and ``hard_limit``.
    :returns: the new ``models.Quota`` row.
    :raises: QuotaAlreadyExists if the project has a quota for the
        resource.
    """
    row = models.Quota()
    row.update(values)
    try:
        with common.writing() as session:
            session.add(row)
    except db_exc.DBDuplicateEntry:
        raise exception.QuotaAlreadyExists(project_id=values['project_id'],
                                           resource=values['resource'])
    return row


def get_quota_by_id(context, quota_id):
    """Return the quota with this integer id, if the caller sees it.

    :raises: QuotaNotFound
    """
    stmt = common.scope_to_project(
        context, sa.select(models.Quota), models.Quota).where(
            models.Quota.id == quota_id)
    with common.reading(context) as session:
        return common.one_or_raise(
            session, stmt, exception.QuotaNotFound(
                msg=_('no quota with id %s.') % quota_id))


def get_quota_by_project_id_resource(project_id, resource):
    """Return a project's quota for a resource.

    :raises: QuotaNotFound
    """
    with common.reading() as session:
        return common.one_or_raise(session, _one(project_id, resource),
                                   _not_found(project_id, resource))


def quota_get_all_by_project_id(project_id):
    """Return every quota of a project.

    :returns: a list of ``models.Quota`` rows, ordered by id.
    """
    stmt = sa.select(models.Quota).where(
        models.Quota.project_id == project_id).order_by(models.Quota.id)
    with common.reading() as session:
        return list(session.execute(stmt).scalars())


def get_quota_list(context, filters=None, limit=None, marker=None,
                   sort_key=None, sort_dir=None):
    """Return one page of the quotas the caller sees.

    An admin with ``all_tenants`` sees every project's quotas, anybody
    else their own project's.

    :param marker: the integer id of the previous page's last quota.
    :returns: a list of read-only rows with the columns of
        ``models.Quota``.
    :raises: InvalidParameterValue for a bad filter, sort key, direction
        or marker.
    """
    model = models.Quota
    visible = common.scope_to_project(context, sa.select(model), model)
    stmt = common.apply_filters(visible, model, filters, _FILTERS)
    with common.reading(context) as session:
        return common.paginate(session, model, stmt, limit, marker,
                               sort_key, sort_dir, marker_stmt=visible,
                               marker_column='id')


def update_quota(project_id, values):
    """Change the hard limit of a project's quota.

    :param values: ``resource`` (which quota) and ``hard_limit``.
    :returns: the updated row.
    :raises: QuotaNotFound
    """
    resource = values['resource']
    with common.writing() as session:
        row = common.one_or_raise(session, _one(project_id, resource),
                                  _not_found(project_id, resource))
        row.update({k: v for k, v in values.items()
                    if k not in ('id', 'project_id', 'resource')})
        session.flush()
    return row


def delete_quota(project_id, resource):
    """Delete a project's quota for a resource.

    :raises: QuotaNotFound
    """
    model = models.Quota
    with common.writing() as session:
        deleted = session.execute(sa.delete(model).where(
            model.project_id == project_id,
            model.resource == resource)).rowcount
    if not deleted:
        raise _not_found(project_id, resource)
