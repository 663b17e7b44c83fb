"""The Quota object: a project's limit on a resource."""

from oslo_versionedobjects import fields

from magnum.db import api as dbapi
from magnum.objects import base


@base.MagnumObjectRegistry.register
class Quota(base.MagnumPersistentObject, base.MagnumObject,
            base.MagnumObjectDictCompat):
    # Version 1.0: Initial version

    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'project_id': fields.StringField(nullable=True),
        'resource': fields.StringField(nullable=True),
        'hard_limit': fields.IntegerField(nullable=True),
    }

    @classmethod
    @base.remotable
    def get_by_id(cls, context, quota_id):
        """Find a quota by its integer id."""
        row = dbapi.get_quota_by_id(context, quota_id)
        return cls._from_db_object(cls(context), row)

    @classmethod
    @base.remotable
    def get_quota_by_project_id_resource(cls, context, project_id,
                                         resource):
        """Find a project's quota for a resource.

        :raises: QuotaNotFound
        """
        row = dbapi.get_quota_by_project_id_resource(project_id, resource)
        return cls._from_db_object(cls(context), row)

    @classmethod
    @base.remotable
    def get_all_by_project_id(cls, context, project_id):
        """Return every quota of a project."""
        rows = dbapi.quota_get_all_by_project_id(project_id)
        return cls._from_db_object_list(context, rows)

    @classmethod
    @base.remotable
    def list(cls, context, limit=None, marker=None, sort_key=None,
             sort_dir=None, filters=None):
        """Return one page of quotas (marker: integer id)."""
        rows = dbapi.get_quota_list(context, filters=filters, limit=limit,
                                    marker=marker, sort_key=sort_key,
                                    sort_dir=sort_dir)
        return cls._from_db_object_list(context, rows)

    @base.remotable
    def create(self, context=None):
        """Insert this quota.

        :raises: QuotaAlreadyExists
        """
        row = dbapi.create_quota(self._db_changes())
        self._from_db_object(self, row)

    @base.remotable
    def save(self, context=None):
        """Write a changed hard limit."""
        changes = self._db_changes()
        if changes:
            changes['resource'] = self.resource
            row = dbapi.update_quota(self.project_id, changes)
            self._from_db_object(self, row)

    @base.remotable
    def delete(self, context=None):
        """Delete this quota."""
        dbapi.delete_quota(self.project_id, self.resource)
        self.obj_reset_changes()

    destroy = delete

    @base.remotable
    def refresh(self, context=None):
        """Reload every field from the database."""
        current = self.__class__.get_quota_by_project_id_resource(
            self._context, self.project_id, self.resource)
        self._refresh_from(current)
