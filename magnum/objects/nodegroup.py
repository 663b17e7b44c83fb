"""The NodeGroup object: a set of identical nodes of one cluster."""

from oslo_utils import strutils
from oslo_utils import uuidutils
from oslo_versionedobjects import fields

from magnum.db import api as dbapi
from magnum.objects import base
from magnum.objects import fields as m_fields


@base.MagnumObjectRegistry.register
class NodeGroup(base.MagnumPersistentObject, base.MagnumObject,
                base.MagnumObjectDictCompat):
    # Version 1.0: Initial version

    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(),
        'cluster_id': fields.StringField(),
        'project_id': fields.StringField(nullable=True),
        'docker_volume_size': fields.IntegerField(nullable=True),
        'labels': fields.DictOfStringsField(nullable=True),
        'flavor_id': fields.StringField(nullable=True),
        'image_id': fields.StringField(nullable=True),
        'node_addresses': fields.ListOfStringsField(nullable=True),
        'node_count': fields.IntegerField(nullable=True, default=1),
        'role': fields.StringField(nullable=True),
        'max_node_count': fields.IntegerField(nullable=True),
        'min_node_count': fields.IntegerField(nullable=True, default=0),
        'is_default': fields.BooleanField(default=False),
        'stack_id': fields.StringField(nullable=True),
        'status': m_fields.ClusterStatusField(nullable=True),
        'status_reason': fields.StringField(nullable=True),
        'version': fields.StringField(nullable=True),
        'node_labels': fields.DictOfStringsField(nullable=True),
        'node_taints': m_fields.ListOfDictsField(nullable=True),
    }

    @classmethod
    def get(cls, context, cluster_id, ident):
        """Find a cluster's nodegroup by integer id, uuid or name.

        :param cluster_id: the cluster's uuid.
        :raises: NodeGroupNotFound
        """
        if strutils.is_int_like(ident):
            return cls.get_by_id(context, cluster_id, int(ident))
        if uuidutils.is_uuid_like(ident):
            return cls.get_by_uuid(context, cluster_id, ident)
        return cls.get_by_name(context, cluster_id, ident)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, cluster_id, nodegroup_id):
        """Find a cluster's nodegroup by its integer id."""
        row = dbapi.get_nodegroup_by_id(context, cluster_id, nodegroup_id)
        return cls._from_db_object(cls(context), row)

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, cluster_id, uuid):
        """Find a cluster's nodegroup by uuid."""
        row = dbapi.get_nodegroup_by_uuid(context, cluster_id, uuid)
        return cls._from_db_object(cls(context), row)

    @classmethod
    @base.remotable
    def get_by_name(cls, context, cluster_id, name):
        """Find a cluster's nodegroup by name."""
        row = dbapi.get_nodegroup_by_name(context, cluster_id, name)
        return cls._from_db_object(cls(context), row)

    @classmethod
    @base.remotable
    def list(cls, context, cluster_id, limit=None, marker=None,
             sort_key=None, sort_dir=None, filters=None):
        """Return one page of a cluster's nodegroups."""
        rows = dbapi.list_cluster_nodegroups(
            context, cluster_id, filters=filters, limit=limit,
            marker=marker, sort_key=sort_key, sort_dir=sort_dir)
        return cls._from_db_object_list(context, rows)

    @classmethod
    @base.remotable
    def list_for_clusters(cls, context, cluster_ids):
        """Return ``{cluster uuid: [NodeGroup, ...]}`` with one query."""
        by_cluster = dbapi.get_nodegroups_for_clusters(context, cluster_ids)
        return {uuid: cls._from_db_object_list(context, rows)
                for uuid, rows in by_cluster.items()}

    @base.remotable
    def create(self, context=None):
        """Insert this nodegroup; fills id, uuid and timestamps."""
        row = dbapi.create_nodegroup(self._db_changes())
        self._from_db_object(self, row)

    @base.remotable
    def destroy(self, context=None):
        """Delete this nodegroup."""
        dbapi.destroy_nodegroup(self.cluster_id, self.uuid)
        self.obj_reset_changes()

    @base.remotable
    def save(self, context=None):
        """Write the changed fields, whatever the current status."""
        changes = self._db_changes()
        if changes:
            row = dbapi.update_nodegroup(self.cluster_id, self.uuid, changes)
            self._from_db_object(self, row)

    @base.remotable
    def update_status(self, expected_statuses, **values):
        """Write ``values`` (and pending changes) only from a known status.

        :raises: ClusterStatusConflict when the stored status is another.
        """
        changes = self._db_changes()
        changes.update(values)
        row = dbapi.update_nodegroup_status(self.cluster_id, self.uuid,
                                            expected_statuses, changes)
        self._from_db_object(self, row)

    @base.remotable
    def refresh(self, context=None):
        """Reload every field from the database."""
        current = self.__class__.get_by_uuid(self._context, self.cluster_id,
                                             self.uuid)
        self._refresh_from(current)

    @property
    def is_master(self):
        """Tell whether this nodegroup runs the control plane."""
        return self.role == 'master'
