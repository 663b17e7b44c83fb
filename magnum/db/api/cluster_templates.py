"""Database access for cluster templates."""

from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa

from magnum.common import exception
from magnum.db.api import common
from magnum.db import models

_FILTERS = frozenset([
    'name', 'uuid', 'coe', 'public', 'hidden', 'server_type',
    'cluster_distro', 'image_id', 'flavor_id', 'master_flavor_id',
    'keypair_id', 'external_network_id', 'dns_nameserver', 'project_id',
    'user_id', 'driver', 'tags',
])


def _visible(context, for_list):
    model = models.ClusterTemplate
    stmt = sa.select(model)
    owner = common.project_condition(context, model)
    if owner is None:
        return stmt
    if for_list and not context.is_admin:
        # Hidden public templates stay usable by name or uuid but do not
        # clutter other projects' listings.
        shared = sa.and_(model.public.is_(True), model.hidden.is_(False))
    else:
        shared = model.public.is_(True)
    return stmt.where(sa.or_(owner, shared))


def _not_found(ident):
    return exception.ClusterTemplateNotFound(clustertemplate=ident)


def create_cluster_template(values):
    """Insert a cluster template.

    :param values: a dict of column values; a uuid is generated if absent.
    :returns: the new ``models.ClusterTemplate`` row.
    :raises: ClusterTemplateAlreadyExists if the uuid is taken.
    """
    values = dict(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    row = models.ClusterTemplate()
    row.update(values)
    try:
        with common.writing() as session:
            session.add(row)
    except db_exc.DBDuplicateEntry:
        raise exception.ClusterTemplateAlreadyExists(uuid=values['uuid'])
    return row


def get_cluster_template_by_id(context, template_id):
    """Return the template with this integer id, as the caller sees it.

    :raises: ClusterTemplateNotFound
    """
    with common.reading(context) as session:
        return common.one_or_raise(
            session, _visible(context, False).where(
                models.ClusterTemplate.id == template_id),
            _not_found(template_id))


def get_cluster_template_by_uuid(context, template_uuid):
    """Return the template with this uuid, as the caller sees it.

    :raises: ClusterTemplateNotFound
    """
    with common.reading(context) as session:
        return common.one_or_raise(
            session, _visible(context, False).where(
                models.ClusterTemplate.uuid == template_uuid),
            _not_found(template_uuid))


def get_cluster_template_by_name(context, name):
    """Return the one template called ``name`` that the caller sees.

    :raises: ClusterTemplateNotFound, or Conflicts if the name is shared.
    """
    with common.reading(context) as session:
        return common.one_by_name(
            session, _visible(context, False), models.ClusterTemplate.name,
            name, _not_found(name), 'ClusterTemplates')


def get_cluster_template_list(context, filters=None, limit=None, marker=None,
                              sort_key=None, sort_dir=None):
    """Return one page of the templates the caller may list.

    A caller sees its project's templates plus public ones; hidden public
    templates are listed only for admins; an admin with ``all_tenants``
    sees every template.

    :param filters: column equality filters (``name``, ``coe``,
        ``public``, ``hidden``, ...).
    :returns: a list of read-only rows with the columns of
        ``models.ClusterTemplate``.
    :raises: InvalidParameterValue for a bad filter, sort key, direction
        or marker.
    """
    model = models.ClusterTemplate
    visible = _visible(context, True)
    stmt = common.apply_filters(visible, model, filters, _FILTERS)
    with common.reading(context) as session:
        return common.paginate(session, model, stmt, limit, marker,
                               sort_key, sort_dir, marker_stmt=visible)


def _referenced(session, template_uuid):
    stmt = sa.select(models.Cluster.id).where(
        models.Cluster.cluster_template_id == template_uuid).limit(1)
    return session.execute(stmt).first() is not None


def is_cluster_template_referenced(template_uuid):
    """Tell whether any cluster was built from this template.

    :param template_uuid: the template's uuid.
    :returns: a bool.
    """
    with common.reading() as session:
        return _referenced(session, template_uuid)


def _get_for_write(session, template_uuid):
    # Row lock on backends that have one, so a delete and an update of the
    # same template serialise.
    return common.one_or_raise(
        session, sa.select(models.ClusterTemplate).where(
            models.ClusterTemplate.uuid == template_uuid).with_for_update(),
        _not_found(template_uuid))


def update_cluster_template(template_uuid, values):
    """Change columns of a template.

    The API decides which fields may change on a referenced template; this
    layer only guards the identity columns.

    :returns: the updated row.
    :raises: ClusterTemplateNotFound, InvalidParameterValue when ``values``
        holds ``id`` or ``uuid``.
    """
    common.reject_identity_change(values, 'ClusterTemplate')
    with common.writing() as session:
        row = _get_for_write(session, template_uuid)
        row.update(values)
        session.flush()
    return row


def destroy_cluster_template(template_uuid):
    """Delete a template no cluster refers to.

    The reference check and the delete share one transaction.

    :raises: ClusterTemplateNotFound, ClusterTemplateReferenced.
    """
    with common.writing() as session:
        row = _get_for_write(session, template_uuid)
        if _referenced(session, template_uuid):
            raise exception.ClusterTemplateReferenced(
                clustertemplate=template_uuid)
        session.delete(row)
