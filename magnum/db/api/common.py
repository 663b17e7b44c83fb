"""Helpers shared by the resource modules of the database API.

Transactions, project scoping, filters and keyset pagination live here so
that every resource module applies them the same way.
"""

import types

import sqlalchemy as sa

from magnum.common import exception
from magnum.db import engine
from magnum.i18n import _

SORT_DIRS = ('asc', 'desc')


def _scope(context):
    # enginefacade keeps its transaction state on the object it is given.
    # A request context lets nested calls share one transaction; a fresh
    # holder gives a context-less call a transaction of its own.
    if context is None:
        return types.SimpleNamespace()
    return context


def reading(context=None):
    """Return a context manager yielding a session in a read transaction.

    :param context: the request context, or None for a private transaction.
    """
    return engine.reader().using(_scope(context))


def writing(context=None):
    """Return a context manager yielding a session in a write transaction.

    :param context: the request context, or None for a private transaction.
    """
    return engine.writer().using(_scope(context))


def sees_all_projects(context):
    """Tell whether ``context`` may see every project's rows."""
    return bool(context.is_admin and context.all_tenants)


def project_condition(context, model):
    """Return the condition selecting the caller's rows, or None for all.

    An admin listing with ``all_tenants`` sees everything; a caller
    without a project (a bare user token) sees what it created.
    """
    if sees_all_projects(context):
        return None
    if context.project_id:
        return model.project_id == context.project_id
    return model.user_id == context.user_id


def scope_to_project(context, stmt, model):
    """Restrict ``stmt`` to the rows the caller's project owns."""
    condition = project_condition(context, model)
    return stmt if condition is None else stmt.where(condition)


def apply_filters(stmt, model, filters, allowed):
    """Add equality (or ``IN`` for lists) conditions for ``filters``.

    :param filters: a dict of column name to value; a list or tuple value
        matches any of its items.
    :param allowed: the column names that may be filtered on.
    :raises: InvalidParameterValue for a filter outside ``allowed``.
    """
    for name, value in (filters or {}).items():
        if name not in allowed:
            msg = _('Filtering on "%(name)s" is not supported; use one of '
                    '%(allowed)s.') % {'name': name,
                                       'allowed': ', '.join(sorted(allowed))}
            raise exception.InvalidParameterValue(err=msg)
        column = getattr(model, name)
        if isinstance(value, (list, tuple, set, frozenset)):
            stmt = stmt.where(column.in_(list(value)))
        elif value is None:
            stmt = stmt.where(column.is_(None))
        else:
            stmt = stmt.where(column == value)
    return stmt


def _sort_column(model, sort_key):
    if sort_key not in model.__table__.columns:
        raise exception.InvalidParameterValue(
            err=_('The sort_key value "%(key)s" is an invalid field for '
                  'sorting') % {'key': sort_key})
    return getattr(model, sort_key)


def _check_sort_dir(sort_dir):
    if sort_dir not in SORT_DIRS:
        raise exception.InvalidParameterValue(
            err=_("Invalid sort direction: %s. Acceptable values are "
                  "'asc' or 'desc'") % sort_dir)


def _order_by(column, id_column, ascending, nullable):
    order = []
    if nullable:
        # Put NULLs first in ascending order on every backend (PostgreSQL
        # puts them last by default), so keyset markers mean the same
        # thing everywhere.
        nulls_last = column.is_not(None)
        order.append(nulls_last.asc() if ascending else nulls_last.desc())
    if ascending:
        order.extend([column.asc(), id_column.asc()])
    else:
        order.extend([column.desc(), id_column.desc()])
    return order


def _after_marker(column, id_column, ascending, nullable, marker_row,
                  sort_key):
    value = getattr(marker_row, sort_key)
    marker_id = marker_row.id
    if column is id_column:
        return column > marker_id if ascending else column < marker_id
    if ascending:
        if value is None:
            return sa.or_(column.is_not(None),
                          sa.and_(column.is_(None), id_column > marker_id))
        return sa.or_(column > value,
                      sa.and_(column == value, id_column > marker_id))
    if value is None:
        return sa.and_(column.is_(None), id_column < marker_id)
    after = [column < value, sa.and_(column == value, id_column < marker_id)]
    if nullable:
        after.append(column.is_(None))
    return sa.or_(*after)


def paginate(session, model, stmt, limit=None, marker=None, sort_key=None,
             sort_dir=None, marker_stmt=None, marker_column='uuid'):
    """Run ``stmt`` as one sorted page and return the rows.

    Rows are ordered by ``sort_key`` and then by ``id`` in the same
    direction; the page starts after the ``marker`` row.

    :param session: the session to run in.
    :param model: the model class ``stmt`` selects.
    :param stmt: a ``select(model)`` with scoping and filters applied.
    :param limit: the page size; None for all rows.
    :param marker: the ``marker_column`` value of the last row of the
        previous page.
    :param sort_key: a column name; defaults to ``id``.
    :param sort_dir: ``asc`` (default) or ``desc``.
    :param marker_stmt: where to look the marker up (defaults to
        ``stmt``); pass the scoped statement without filters so that the
        marker stays valid when filters change.
    :param marker_column: the column the marker names (``uuid``, or
        ``id`` for quotas).
    :returns: a list of read-only rows (``sqlalchemy.engine.Row``), one
        attribute per column of ``model``.
    :raises: InvalidParameterValue for a bad sort key or direction, or a
        marker that does not exist.
    """
    sort_key = sort_key or 'id'
    sort_dir = sort_dir or 'asc'
    column = _sort_column(model, sort_key)
    _check_sort_dir(sort_dir)
    ascending = sort_dir == 'asc'
    nullable = (column is not model.id
                and model.__table__.columns[sort_key].nullable)
    if marker is not None:
        lookup = marker_stmt if marker_stmt is not None else stmt
        marker_row = session.execute(
            lookup.where(getattr(model, marker_column) == marker)
        ).scalars().first()
        if marker_row is None:
            raise exception.InvalidParameterValue(
                err=_('Marker %s could not be found; list again without a '
                      'marker.') % marker)
        stmt = stmt.where(_after_marker(column, model.id, ascending,
                                        nullable, marker_row, sort_key))
    stmt = stmt.order_by(*_order_by(column, model.id, ascending, nullable))
    if limit is not None:
        stmt = stmt.limit(limit)
    return session.execute(as_columns(stmt, model)).all()


def as_columns(stmt, model):
    """Make ``stmt`` select ``model``'s columns instead of instances.

    A page is only read, never changed and flushed: plain rows skip the
    per-instance state the ORM builds (a third of the time of loading a
    thousand rows) and still expose every column as an attribute.
    """
    return stmt.with_only_columns(*model.__table__.columns)


def one_by_name(session, stmt, name_column, name, not_found, plural):
    """Return the single row of ``stmt`` named ``name``.

    :param not_found: the exception to raise when no row matches.
    :param plural: the resource's plural for the ambiguity message.
    :raises: ``not_found``, or Conflicts when more than one row matches.
    """
    rows = session.execute(
        stmt.where(name_column == name).limit(2)).scalars().all()
    if not rows:
        raise not_found
    if len(rows) > 1:
        raise exception.Conflicts(
            message=_('Multiple %(plural)s exist with same name. Please use '
                      'the %(singular)s uuid instead.') % {
                          'plural': plural, 'singular': plural[:-1]},
            resource=plural)
    return rows[0]


def one_or_raise(session, stmt, not_found):
    """Return the first row of ``stmt`` or raise ``not_found``."""
    row = session.execute(stmt).scalars().first()
    if row is None:
        raise not_found
    return row


def reject_identity_change(values, resource):
    """Refuse updates that would change a row's id or uuid.

    :raises: InvalidParameterValue
    """
    for key in ('id', 'uuid'):
        if key in values:
            raise exception.InvalidParameterValue(
                err=_('Cannot overwrite %(key)s of an existing %(res)s.') % {
                    'key': key.upper(), 'res': resource})
