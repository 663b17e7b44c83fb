"""The X509KeyPair object: a certificate and its encrypted key."""

from oslo_utils import strutils
from oslo_utils import uuidutils
from oslo_versionedobjects import fields

from magnum.common import exception
from magnum.db import api as dbapi
from magnum.objects import base


@base.MagnumObjectRegistry.register
class X509KeyPair(base.MagnumPersistentObject, base.MagnumObject,
                  base.MagnumObjectDictCompat):
    # Version 1.0: Initial version

    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(nullable=True),
        'certificate': fields.StringField(nullable=True),
        'private_key': fields.StringField(nullable=True),
        'private_key_passphrase': fields.StringField(nullable=True),
        'intermediates': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
    }

    @classmethod
    def get(cls, context, ident):
        """Find a key pair by integer id or uuid.

        :raises: X509KeyPairNotFound, InvalidIdentity for anything else.
        """
        if strutils.is_int_like(ident):
            return cls.get_by_id(context, int(ident))
        if uuidutils.is_uuid_like(ident):
            return cls.get_by_uuid(context, ident)
        raise exception.InvalidIdentity(identity=ident)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, keypair_id):
        """Find a key pair by its integer id."""
        row = dbapi.get_x509keypair_by_id(context, keypair_id)
        return cls._from_db_object(cls(context), row)

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid):
        """Find a key pair by uuid."""
        row = dbapi.get_x509keypair_by_uuid(context, uuid)
        return cls._from_db_object(cls(context), row)

    @classmethod
    @base.remotable
    def list(cls, context, limit=None, marker=None, sort_key=None,
             sort_dir=None, filters=None):
        """Return one page of the caller's key pairs."""
        rows = dbapi.get_x509keypair_list(
            context, filters=filters, limit=limit, marker=marker,
            sort_key=sort_key, sort_dir=sort_dir)
        return cls._from_db_object_list(context, rows)

    @base.remotable
    def create(self, context=None):
        """Insert this key pair; fills id, uuid and timestamps."""
        row = dbapi.create_x509keypair(self._db_changes())
        self._from_db_object(self, row)

    @base.remotable
    def destroy(self, context=None):
        """Delete this key pair."""
        dbapi.destroy_x509keypair(self.uuid)
        self.obj_reset_changes()

    @base.remotable
    def save(self, context=None):
        """Write the changed fields."""
        changes = self._db_changes()
        if changes:
            row = dbapi.update_x509keypair(self.uuid, changes)
            self._from_db_object(self, row)

    @base.remotable
    def refresh(self, context=None):
        """Reload every field from the database."""
        current = self.__class__.get_by_uuid(self._context, self.uuid)
        self._refresh_from(current)
