"""The MagnumService object: a running service and its heartbeat."""

from oslo_utils import timeutils
from oslo_versionedobjects import fields

import magnum.conf
from magnum.db import api as dbapi
from magnum.objects import base
from magnum.objects import fields as m_fields

CONF = magnum.conf.CONF


@base.MagnumObjectRegistry.register
class MagnumService(base.MagnumPersistentObject, base.MagnumObject,
                    base.MagnumObjectDictCompat):
    # Version 1.0: Initial version

    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'host': fields.StringField(nullable=True),
        'binary': fields.StringField(nullable=True),
        'disabled': fields.BooleanField(default=False),
        'disabled_reason': fields.StringField(nullable=True),
        'last_seen_up': fields.DateTimeField(nullable=True),
        'forced_down': fields.BooleanField(default=False),
        'report_count': fields.IntegerField(default=0),
    }

    @classmethod
    @base.remotable
    def get_by_host_and_binary(cls, context, host, binary):
        """Find the record of ``binary`` on ``host``.

        :returns: a MagnumService, or None if the service never reported.
        """
        row = dbapi.get_magnum_service_by_host_and_binary(host, binary)
        if row is None:
            return None
        return cls._from_db_object(cls(context), row)

    @classmethod
    @base.remotable
    def list(cls, context, limit=None, marker=None, sort_key=None,
             sort_dir=None):
        """Return one page of service records (marker: integer id)."""
        rows = dbapi.get_magnum_service_list(
            limit=limit, marker=marker, sort_key=sort_key,
            sort_dir=sort_dir)
        return cls._from_db_object_list(context, rows)

    @classmethod
    @base.remotable
    def report_state_up(cls, context, host, binary):
        """Record a heartbeat, creating the record on the first one."""
        row = dbapi.report_state_up(host, binary)
        return cls._from_db_object(cls(context), row)

    @base.remotable
    def create(self, context=None):
        """Insert this record."""
        row = dbapi.create_magnum_service(self._db_changes())
        self._from_db_object(self, row)

    @base.remotable
    def destroy(self, context=None):
        """Delete this record."""
        dbapi.destroy_magnum_service(self.id)
        self.obj_reset_changes()

    @base.remotable
    def save(self, context=None):
        """Write the changed fields."""
        changes = self._db_changes()
        if changes:
            row = dbapi.update_magnum_service(self.id, changes)
            self._from_db_object(self, row)

    @base.remotable
    def refresh(self, context=None):
        """Reload every field from the database."""
        current = self.__class__.get_by_host_and_binary(
            self._context, self.host, self.binary)
        self._refresh_from(current)

    def last_heartbeat(self):
        """Return the last sign of life as a naive UTC datetime, or None."""
        for name in ('last_seen_up', 'updated_at', 'created_at'):
            if self.obj_attr_is_set(name) and getattr(self, name):
                return timeutils.normalize_time(getattr(self, name))
        return None

    def is_up(self, service_down_time=None):
        """Tell whether the service beat recently and is not forced down.

        :param service_down_time: seconds without a heartbeat after which
            the service counts as down; ``[DEFAULT] service_down_time`` by
            default.
        """
        if self.forced_down:
            return False
        if service_down_time is None:
            service_down_time = CONF.service_down_time
        last = self.last_heartbeat()
        if last is None:
            return False
        elapsed = timeutils.delta_seconds(last, timeutils.utcnow())
        return abs(elapsed) <= service_down_time

    def state(self, service_down_time=None):
        """Return ``up`` or ``down``, as the API shows it."""
        if self.is_up(service_down_time):
            return m_fields.MagnumServiceState.UP
        return m_fields.MagnumServiceState.DOWN
