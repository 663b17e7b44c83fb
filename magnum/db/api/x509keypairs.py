"""Database access for x509 key pairs (the ``x509keypair`` cert store)."""

from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa

from magnum.common import exception
from magnum.db.api import common
from magnum.db import models

_FILTERS = frozenset(['uuid', 'project_id', 'user_id'])


def _not_found(ident):
    return exception.X509KeyPairNotFound(x509keypair=ident)


def _visible(context):
    return common.scope_to_project(
        context, sa.select(models.X509KeyPair), models.X509KeyPair)


def create_x509keypair(values):
    """Insert a key pair.

    :param values: a dict of column values; a uuid is generated if absent.
    :returns: the new ``models.X509KeyPair`` row.
    :raises: X509KeyPairAlreadyExists if the uuid is taken.
    """
    values = dict(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    row = models.X509KeyPair()
    row.update(values)
    try:
        with common.writing() as session:
            session.add(row)
    except db_exc.DBDuplicateEntry:
        raise exception.X509KeyPairAlreadyExists(uuid=values['uuid'])
    return row


def get_x509keypair_by_id(context, keypair_id):
    """Return the caller's key pair with this integer id.

    :raises: X509KeyPairNotFound
    """
    with common.reading(context) as session:
        return common.one_or_raise(
            session,
            _visible(context).where(models.X509KeyPair.id == keypair_id),
            _not_found(keypair_id))


def get_x509keypair_by_uuid(context, keypair_uuid):
    """Return the caller's key pair with this uuid.

    :raises: X509KeyPairNotFound
    """
    with common.reading(context) as session:
        return common.one_or_raise(
            session,
            _visible(context).where(models.X509KeyPair.uuid == keypair_uuid),
            _not_found(keypair_uuid))


def get_x509keypair_list(context, filters=None, limit=None, marker=None,
                         sort_key=None, sort_dir=None):
    """Return one page of the caller's key pairs.

    :returns: a list of read-only rows with the columns of
        ``models.X509KeyPair``.
    :raises: InvalidParameterValue for a bad filter, sort key, direction
        or marker.
    """
    visible = _visible(context)
    stmt = common.apply_filters(visible, models.X509KeyPair, filters,
                                _FILTERS)
    with common.reading(context) as session:
        return common.paginate(session, models.X509KeyPair, stmt, limit,
                               marker, sort_key, sort_dir,
                               marker_stmt=visible)


def update_x509keypair(keypair_uuid, values):
    """Change columns of a key pair.

    :returns: the updated row.
    :raises: X509KeyPairNotFound, InvalidParameterValue when ``values``
        holds ``id`` or ``uuid``.
    """
    common.reject_identity_change(values, 'X509KeyPair')
    stmt = sa.select(models.X509KeyPair).where(
        models.X509KeyPair.uuid == keypair_uuid)
    with common.writing() as session:
        row = common.one_or_raise(session, stmt, _not_found(keypair_uuid))
        row.update(values)
        session.flush()
    return row


def destroy_x509keypair(keypair_uuid):
    """Delete a key pair.

    :raises: X509KeyPairNotFound
    """
    with common.writing() as session:
        deleted = session.execute(sa.delete(models.X509KeyPair).where(
            models.X509KeyPair.uuid == keypair_uuid)).rowcount
    if not deleted:
        raise _not_found(keypair_uuid)
