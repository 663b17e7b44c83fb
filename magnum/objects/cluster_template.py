"""The ClusterTemplate object: a reusable description of a cluster."""

from oslo_versionedobjects import fields

from magnum.db import api as dbapi
from magnum.objects import base
from magnum.objects import fields as m_fields


@base.MagnumObjectRegistry.register
class ClusterTemplate(base.MagnumPersistentObject, base.IdentLookupMixin,
                      base.MagnumObject, base.MagnumObjectDictCompat):
    # Version 1.0: Initial version

    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'name': fields.StringField(nullable=True),
        'image_id': fields.StringField(nullable=True),
        'flavor_id': fields.StringField(nullable=True),
        'master_flavor_id': fields.StringField(nullable=True),
        'keypair_id': fields.StringField(nullable=True),
        'external_network_id': fields.StringField(nullable=True),
        'fixed_network': fields.StringField(nullable=True),
        'fixed_subnet': fields.StringField(nullable=True),
        'network_driver': fields.StringField(nullable=True),
        'volume_driver': fields.StringField(nullable=True),
        'dns_nameserver': fields.StringField(nullable=True),
        'apiserver_port': fields.IntegerField(nullable=True),
        'docker_volume_size': fields.IntegerField(nullable=True),
        'docker_storage_driver': fields.StringField(nullable=True),
        'cluster_distro': fields.StringField(nullable=True),
        'coe': m_fields.ClusterTypeField(nullable=True),
        'http_proxy': fields.StringField(nullable=True),
        'https_proxy': fields.StringField(nullable=True),
        'no_proxy': fields.StringField(nullable=True),
        'registry_enabled': fields.BooleanField(default=False),
        'labels': fields.DictOfStringsField(nullable=True),
        'tls_disabled': fields.BooleanField(default=False),
        'public': fields.BooleanField(default=False),
        'server_type': m_fields.ServerTypeField(nullable=True),
        'insecure_registry': fields.StringField(nullable=True),
        'master_lb_enabled': fields.BooleanField(default=False),
        'floating_ip_enabled': fields.BooleanField(default=True),
        'hidden': fields.BooleanField(default=False),
        'tags': fields.StringField(nullable=True),
        'driver': fields.StringField(nullable=True),
    }

    DB_READERS = base.DBReaders(by_uuid=dbapi.get_cluster_template_by_uuid,
                                by_name=dbapi.get_cluster_template_by_name,
                                page=dbapi.get_cluster_template_list)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, template_id):
        """Find a template by its integer id."""
        row = dbapi.get_cluster_template_by_id(context, template_id)
        return cls._from_db_object(cls(context), row)

    @base.remotable
    def create(self, context=None):
        """Insert this template; fills id, uuid and timestamps."""
        row = dbapi.create_cluster_template(self._db_changes())
        self._from_db_object(self, row)

    @base.remotable
    def destroy(self, context=None):
        """Delete this template unless a cluster uses it."""
        dbapi.destroy_cluster_template(self.uuid)
        self.obj_reset_changes()

    @base.remotable
    def save(self, context=None):
        """Write the changed fields."""
        changes = self._db_changes()
        if changes:
            row = dbapi.update_cluster_template(self.uuid, changes)
            self._from_db_object(self, row)

    @base.remotable
    def refresh(self, context=None):
        """Reload every field from the database."""
        current = self.__class__.get_by_uuid(self._context, self.uuid)
        self._refresh_from(current)

    @base.remotable
    def is_referenced(self, context=None):
        """Tell whether any cluster was built from this template."""
        return dbapi.is_cluster_template_referenced(self.uuid)
