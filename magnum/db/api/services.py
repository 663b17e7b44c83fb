"""Database access for magnum service records and their heartbeats."""

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from magnum.common import exception
from magnum.db.api import common
from magnum.db import models

_FILTERS = frozenset(['host', 'binary', 'disabled', 'forced_down'])


def _not_found(ident):
    return exception.MagnumServiceNotFound(magnum_service_id=ident)


def create_magnum_service(values):
    """Insert a service record.

    :param values: a dict of column values including ``host`` and
        ``binary``.
    :returns: the new ``models.MagnumService`` row.
    :raises: MagnumServiceAlreadyExists if (host, binary) is taken.
    """
    row = models.MagnumService()
    row.update(values)
    try:
        with common.writing() as session:
            session.add(row)
    except db_exc.DBDuplicateEntry:
        raise exception.MagnumServiceAlreadyExists(
            id='%s/%s' % (values.get('host'), values.get('binary')))
    return row


def get_magnum_service_by_host_and_binary(host, binary):
    """Return the record of ``binary`` running on ``host``.

    :returns: a ``models.MagnumService`` row, or None if there is none.
    """
    model = models.MagnumService
    stmt = sa.select(model).where(model.host == host, model.binary == binary)
    with common.reading() as session:
        return session.execute(stmt).scalars().first()


def get_magnum_service_list(disabled=None, limit=None, marker=None,
                            sort_key=None, sort_dir=None):
    """Return one page of service records.

    :param disabled: only disabled (True) or enabled (False) services;
        None for all.
    :param marker: the integer id of the previous page's last record.
    :returns: a list of read-only rows with the columns of
        ``models.MagnumService``.
    :raises: InvalidParameterValue for a bad sort key, direction or
        marker.
    """
    model = models.MagnumService
    stmt = sa.select(model)
    if disabled is not None:
        stmt = stmt.where(model.disabled.is_(bool(disabled)))
    with common.reading() as session:
        return common.paginate(session, model, stmt, limit, marker,
                               sort_key, sort_dir,
                               marker_stmt=sa.select(model),
                               marker_column='id')


def update_magnum_service(service_id, values):
    """Change columns of a service record.

    :returns: the updated row.
    :raises: MagnumServiceNotFound
    """
    common.reject_identity_change(values, 'MagnumService')
    stmt = sa.select(models.MagnumService).where(
        models.MagnumService.id == service_id)
    with common.writing() as session:
        row = common.one_or_raise(session, stmt, _not_found(service_id))
        row.update(values)
        session.flush()
    return row


def destroy_magnum_service(service_id):
    """Delete a service record.

    :raises: MagnumServiceNotFound
    """
    with common.writing() as session:
        deleted = session.execute(sa.delete(models.MagnumService).where(
            models.MagnumService.id == service_id)).rowcount
    if not deleted:
        raise _not_found(service_id)


def _bump(host, binary, now):
    model = models.MagnumService
    stmt = sa.update(model).where(
        model.host == host, model.binary == binary
    ).values(report_count=model.report_count + 1, last_seen_up=now
             ).execution_options(synchronize_session=False)
    with common.writing() as session:
        return session.execute(stmt).rowcount


def report_state_up(host, binary):
    """Record a heartbeat of ``binary`` on ``host``.

    Creates the record on the first beat; afterwards bumps
    ``report_count`` and ``last_seen_up`` in one ``UPDATE`` so concurrent
    beats never lose a count.

    :returns: the service's ``models.MagnumService`` row.
    """
    now = timeutils.utcnow()
    if not _bump(host, binary, now):
        try:
            create_magnum_service({'host': host, 'binary': binary,
                                   'report_count': 1, 'last_seen_up': now})
        except exception.MagnumServiceAlreadyExists:
            # Another worker of the same service inserted it first.
            _bump(host, binary, now)
    return get_magnum_service_by_host_and_binary(host, binary)
