"""The base classes of magnum's versioned objects and their serializer."""

import collections
import datetime
import functools

from oslo_utils import strutils
from oslo_utils import timeutils
from oslo_utils import uuidutils
from oslo_versionedobjects import base as ovo_base
from oslo_versionedobjects import fields

remotable = ovo_base.remotable

_UTC = datetime.timezone.utc


class MagnumObjectRegistry(ovo_base.VersionedObjectRegistry):
    """The registry every magnum object class is registered with."""


class MagnumObject(ovo_base.VersionedObject):
    """Base class of magnum's objects.

    Subclasses set ``fields`` and ``VERSION``; a field whose name is a
    column of the backing table is loaded by :meth:`_from_db_object`.
    """

    OBJ_SERIAL_NAMESPACE = 'magnum_object'
    OBJ_PROJECT_NAMESPACE = 'magnum'

    # Fields that are not columns of the backing table.
    NON_DB_FIELDS = ()

    def as_dict(self):
        """Return the fields that are set, as a plain dict."""
        return {name: getattr(self, name) for name in self.fields
                if self.obj_attr_is_set(name)}

    @classmethod
    def _db_columns(cls):
        """Return ``(field, state attribute)`` for each column field.

        Computed once per class: a list page loads thousands of objects.
        """
        columns = cls.__dict__.get('_db_columns_cache')
        if columns is None:
            columns = tuple((name, '_obj_' + name) for name in cls.fields
                            if name not in cls.NON_DB_FIELDS)
            cls._db_columns_cache = columns
        return columns

    @classmethod
    def _from_db_object(cls, obj, db_row):
        """Copy a row's columns into ``obj`` and mark it unchanged.

        The values come from our own schema, whose column types match the
        fields, so they are stored without the per-field coercion a
        setattr does: that coercion was two thirds of the time of a
        1000-row list. Naive datetimes become UTC-aware, as the fields
        would make them.

        :param obj: an instance of ``cls`` (holding the context).
        :param db_row: a ``magnum.db.models`` instance, or a read-only
            row of a list page (read through its mapping, which is ten
            times quicker than its attributes).
        :returns: ``obj``.
        """
        mapping = getattr(db_row, '_mapping', None)
        read = (mapping.__getitem__ if mapping is not None
                else functools.partial(getattr, db_row))
        state = obj.__dict__
        for name, attribute in cls._db_columns():
            value = read(name)
            if value.__class__ is datetime.datetime and value.tzinfo is None:
                value = value.replace(tzinfo=_UTC)
            state[attribute] = value
        obj.obj_reset_changes()
        return obj

    @classmethod
    def _from_db_object_list(cls, context, db_rows):
        """Return one object of ``cls`` per row."""
        return [cls._from_db_object(cls(context), row) for row in db_rows]

    def _db_changes(self):
        """Return the changed DB columns, ready to be written."""
        return {name: _to_db_value(value)
                for name, value in self.obj_get_changes().items()
                if name not in self.NON_DB_FIELDS}

    def _refresh_from(self, other):
        """Take every set field of ``other`` and mark self unchanged."""
        for name in self.fields:
            if other.obj_attr_is_set(name):
                setattr(self, name, getattr(other, name))
        self.obj_reset_changes()


def _to_db_value(value):
    # Objects hold timezone-aware datetimes; the schema stores naive UTC.
    if isinstance(value, datetime.datetime):
        return timeutils.normalize_time(value)
    return value


class MagnumPersistentObject:
    """Mixin for objects backed by a row with timestamps."""

    fields = {
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }


# The ``magnum.db.api`` readers of one table, for IdentLookupMixin.
DBReaders = collections.namedtuple('DBReaders',
                                   ['by_uuid', 'by_name', 'page'])


class IdentLookupMixin:
    """Finders for objects that have an integer id, a uuid and a name.

    Subclasses set ``DB_READERS`` and define ``get_by_id`` themselves:
    the name of its argument is part of the object's fingerprint.
    """

    DB_READERS = None

    @classmethod
    def get(cls, context, ident):
        """Find an object by integer id, uuid or name.

        :raises: the table's NotFound, Conflicts for a shared name.
        """
        if strutils.is_int_like(ident):
            return cls.get_by_id(context, int(ident))
        if uuidutils.is_uuid_like(ident):
            return cls.get_by_uuid(context, ident)
        return cls.get_by_name(context, ident)

    @classmethod
    @remotable
    def get_by_uuid(cls, context, uuid):
        """Find an object by uuid."""
        row = cls.DB_READERS.by_uuid(context, uuid)
        return cls._from_db_object(cls(context), row)

    @classmethod
    @remotable
    def get_by_name(cls, context, name):
        """Find the one object called ``name`` the caller may see."""
        row = cls.DB_READERS.by_name(context, name)
        return cls._from_db_object(cls(context), row)

    @classmethod
    @remotable
    def list(cls, context, limit=None, marker=None, sort_key=None,
             sort_dir=None, filters=None):
        """Return one page of the objects the caller may list."""
        return cls._list_page(context, limit, marker, sort_key, sort_dir,
                              filters)

    @classmethod
    def _list_page(cls, context, limit, marker, sort_key, sort_dir,
                   filters):
        rows = cls.DB_READERS.page(
            context, filters=filters, limit=limit, marker=marker,
            sort_key=sort_key, sort_dir=sort_dir)
        return cls._from_db_object_list(context, rows)


class MagnumObjectDictCompat(ovo_base.VersionedObjectDictCompat):
    """Let objects be read like dicts (``obj['name']``)."""


class MagnumObjectSerializer(ovo_base.VersionedObjectSerializer):
    """Turns magnum objects into primitives and back for oslo.messaging."""

    OBJ_BASE_CLASS = MagnumObject
