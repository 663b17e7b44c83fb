"""Database access for durable asynchronous operations.

See ``models.Operation``: an operation is ``pending`` until a conductor
claims it with a lease, ``running`` while a conductor holds (and renews)
the lease, and ``succeeded`` or ``failed`` at the end. An expired lease on
a running operation means its conductor died; any conductor may claim it.
"""

import datetime

from oslo_db import exception as db_exc
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from magnum.common import exception
from magnum.db.api import common
from magnum.db import models
from magnum.i18n import _

PENDING = 'pending'
RUNNING = 'running'
SUCCEEDED = 'succeeded'
FAILED = 'failed'
FINAL_STATES = (SUCCEEDED, FAILED)


def _not_found(ident):
    return exception.OperationNotFound(operation=ident)


def _by_uuid(operation_uuid):
    return sa.select(models.Operation).where(
        models.Operation.uuid == operation_uuid).execution_options(
            populate_existing=True)


def _claimable(now):
    model = models.Operation
    return sa.or_(
        model.state == PENDING,
        sa.and_(model.state == RUNNING,
                sa.or_(model.lease_expires_at.is_(None),
                       model.lease_expires_at <= now)))


def create_operation(values):
    """Insert an operation, ``pending`` unless ``values`` says otherwise.

    :param values: at least ``name`` and ``cluster_id``; a uuid is
        generated if absent.
    :returns: the new ``models.Operation`` row.
    :raises: OperationAlreadyExists if the uuid is taken.
    """
    values = dict(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    values.setdefault('state', PENDING)
    values.setdefault('attempts', 0)
    row = models.Operation()
    row.update(values)
    try:
        with common.writing() as session:
            session.add(row)
    except db_exc.DBDuplicateEntry:
        raise exception.OperationAlreadyExists(uuid=values['uuid'])
    return row


def get_operation_by_uuid(operation_uuid):
    """Return an operation.

    :raises: OperationNotFound
    """
    with common.reading() as session:
        return common.one_or_raise(session, _by_uuid(operation_uuid),
                                   _not_found(operation_uuid))


def _conditional_update(operation_uuid, condition, values):
    model = models.Operation
    stmt = sa.update(model).where(model.uuid == operation_uuid, condition
                                  ).values(**values).execution_options(
                                      synchronize_session=False)
    with common.writing() as session:
        changed = session.execute(stmt).rowcount
        row = common.one_or_raise(session, _by_uuid(operation_uuid),
                                  _not_found(operation_uuid))
    return row if changed else None


def _lease_end(lease_seconds):
    now = timeutils.utcnow()
    return now, now + datetime.timedelta(seconds=lease_seconds)


def claim_operation(operation_uuid, owner, lease_seconds):
    """Take an operation for ``owner`` if nobody holds a live lease on it.

    One conditional ``UPDATE`` sets the owner, the lease end, ``running``
    and bumps ``attempts``; of two concurrent claimers only one wins.

    :param owner: the claiming conductor's name.
    :param lease_seconds: how long the claim holds without renewal.
    :returns: the claimed row, or None when another owner holds a live
        lease or the operation has finished.
    :raises: OperationNotFound
    """
    now, expires = _lease_end(lease_seconds)
    model = models.Operation
    return _conditional_update(
        operation_uuid, _claimable(now),
        {'owner': owner, 'lease_expires_at': expires, 'state': RUNNING,
         'attempts': model.attempts + 1})


def renew_operation_lease(operation_uuid, owner, lease_seconds):
    """Extend ``owner``'s lease on a running operation.

    :returns: the row, or None when ``owner`` no longer holds the
        operation (another conductor took it over, or it finished).
    :raises: OperationNotFound
    """
    _now, expires = _lease_end(lease_seconds)
    model = models.Operation
    return _conditional_update(
        operation_uuid, sa.and_(model.owner == owner, model.state == RUNNING),
        {'lease_expires_at': expires})


def finish_operation(operation_uuid, owner, state, reason=None):
    """Record the outcome of ``owner``'s running operation.

    :param state: ``succeeded`` or ``failed``.
    :param reason: text explaining the outcome.
    :returns: the row, or None when ``owner`` no longer holds the
        operation.
    :raises: OperationNotFound, InvalidParameterValue for another state.
    """
    if state not in FINAL_STATES:
        raise exception.InvalidParameterValue(
            err=_('An operation finishes as one of %(states)s, not '
                  '%(state)s.') % {'states': ', '.join(FINAL_STATES),
                                   'state': state})
    model = models.Operation
    return _conditional_update(
        operation_uuid, sa.and_(model.owner == owner, model.state == RUNNING),
        {'state': state, 'result_reason': reason, 'lease_expires_at': None})


def list_claimable_operations(now=None, limit=None):
    """Return operations that are pending or whose lease has expired.

    :param now: the reference time (naive UTC); defaults to now.
    :param limit: at most this many, oldest first.
    :returns: a list of ``models.Operation`` rows.
    """
    now = now or timeutils.utcnow()
    model = models.Operation
    stmt = sa.select(model).where(_claimable(now)).order_by(model.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    with common.reading() as session:
        return list(session.execute(stmt).scalars())


def list_operations(cluster_id, states=None):
    """Return a cluster's operations, oldest first.

    :param cluster_id: the cluster's uuid.
    :param states: only operations in these states; None for all.
    :returns: a list of ``models.Operation`` rows.
    """
    model = models.Operation
    stmt = sa.select(model).where(model.cluster_id == cluster_id)
    if states is not None:
        stmt = stmt.where(model.state.in_(list(states)))
    with common.reading() as session:
        return list(session.execute(stmt.order_by(model.id)).scalars())
