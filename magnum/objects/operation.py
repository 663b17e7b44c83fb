"""The Operation object: a durable, leased asynchronous operation."""

from oslo_versionedobjects import fields

from magnum.db import api as dbapi
from magnum.objects import base
from magnum.objects import fields as m_fields


@base.MagnumObjectRegistry.register
class Operation(base.MagnumPersistentObject, base.MagnumObject,
                base.MagnumObjectDictCompat):
    # Version 1.0: Initial version

    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(),
        'cluster_id': fields.StringField(),
        'nodegroup_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'state': m_fields.OperationStateField(
            default=m_fields.OperationState.PENDING),
        'params': m_fields.DictOfAnyField(nullable=True),
        'owner': fields.StringField(nullable=True),
        'lease_expires_at': fields.DateTimeField(nullable=True),
        'attempts': fields.IntegerField(default=0),
        'result_reason': fields.StringField(nullable=True),
    }

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid):
        """Find an operation by uuid.

        :raises: OperationNotFound
        """
        row = dbapi.get_operation_by_uuid(uuid)
        return cls._from_db_object(cls(context), row)

    @classmethod
    @base.remotable
    def list_for_cluster(cls, context, cluster_id, states=None):
        """Return a cluster's operations, oldest first."""
        rows = dbapi.list_operations(cluster_id, states=states)
        return cls._from_db_object_list(context, rows)

    @classmethod
    @base.remotable
    def list_claimable(cls, context, now=None, limit=None):
        """Return pending operations and those with an expired lease."""
        rows = dbapi.list_claimable_operations(now=now, limit=limit)
        return cls._from_db_object_list(context, rows)

    @classmethod
    @base.remotable
    def claim(cls, context, uuid, owner, lease_seconds):
        """Take the operation for ``owner`` unless a live lease holds it.

        :returns: the claimed Operation, or None.
        """
        row = dbapi.claim_operation(uuid, owner, lease_seconds)
        if row is None:
            return None
        return cls._from_db_object(cls(context), row)

    @base.remotable
    def create(self, context=None):
        """Insert this operation (``pending`` unless set otherwise)."""
        row = dbapi.create_operation(self._db_changes())
        self._from_db_object(self, row)

    @base.remotable
    def renew(self, lease_seconds):
        """Extend this owner's lease.

        :returns: True, or False when the owner lost the operation.
        """
        row = dbapi.renew_operation_lease(self.uuid, self.owner,
                                          lease_seconds)
        if row is None:
            return False
        self._from_db_object(self, row)
        return True

    @base.remotable
    def finish(self, state, reason=None):
        """Record the outcome (``succeeded`` or ``failed``).

        :returns: True, or False when the owner lost the operation.
        """
        row = dbapi.finish_operation(self.uuid, self.owner, state, reason)
        if row is None:
            return False
        self._from_db_object(self, row)
        return True

    @base.remotable
    def refresh(self, context=None):
        """Reload every field from the database."""
        current = self.__class__.get_by_uuid(self._context, self.uuid)
        self._refresh_from(current)
