"""The Cluster object.

Node counts and addresses are not stored on the cluster: they come from
its nodegroups. A list of clusters fetches the nodegroups of the whole
page with one query (:meth:`Cluster.attach_nodegroups`).
"""

from oslo_versionedobjects import fields

from magnum.db import api as dbapi
from magnum.objects import base
from magnum.objects import cluster_template
from magnum.objects import fields as m_fields
from magnum.objects import nodegroup

MASTER_ROLE = 'master'


@base.MagnumObjectRegistry.register
class Cluster(base.MagnumPersistentObject, base.IdentLookupMixin,
              base.MagnumObject, base.MagnumObjectDictCompat):
    # Version 1.0: Initial version

    VERSION = '1.0'

    NON_DB_FIELDS = ('cluster_template',)

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(nullable=True),
        'name': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'cluster_template_id': fields.StringField(nullable=True),
        'keypair': fields.StringField(nullable=True),
        'docker_volume_size': fields.IntegerField(nullable=True),
        'labels': fields.DictOfStringsField(nullable=True),
        'master_flavor_id': fields.StringField(nullable=True),
        'flavor_id': fields.StringField(nullable=True),
        'stack_id': fields.StringField(nullable=True),
        'api_address': fields.StringField(nullable=True),
        'status': m_fields.ClusterStatusField(nullable=True),
        'status_reason': fields.StringField(nullable=True),
        'health_status': m_fields.ClusterHealthStatusField(nullable=True),
        'health_status_reason': fields.DictOfStringsField(nullable=True),
        'create_timeout': fields.IntegerField(nullable=True),
        'discovery_url': fields.StringField(nullable=True),
        'trust_id': fields.StringField(nullable=True),
        'trustee_username': fields.StringField(nullable=True),
        'trustee_user_id': fields.StringField(nullable=True),
        'trustee_password': fields.StringField(nullable=True),
        'coe_version': fields.StringField(nullable=True),
        'container_version': fields.StringField(nullable=True),
        'ca_cert_ref': fields.StringField(nullable=True),
        'magnum_cert_ref': fields.StringField(nullable=True),
        'etcd_ca_cert_ref': fields.StringField(nullable=True),
        'front_proxy_ca_cert_ref': fields.StringField(nullable=True),
        'fixed_network': fields.StringField(nullable=True),
        'fixed_subnet': fields.StringField(nullable=True),
        'floating_ip_enabled': fields.BooleanField(default=True),
        'master_lb_enabled': fields.BooleanField(default=False),
        # Loaded on first access from cluster_template_id.
        'cluster_template': fields.ObjectField('ClusterTemplate'),
    }

    DB_READERS = base.DBReaders(by_uuid=dbapi.get_cluster_by_uuid,
                                by_name=dbapi.get_cluster_by_name,
                                page=dbapi.get_cluster_list)

    def __init__(self, context=None, **kwargs):
        super().__init__(context, **kwargs)
        self._nodegroups = None

    # -- nodegroups and what is computed from them -------------------------

    @property
    def nodegroups(self):
        """The cluster's nodegroups, loaded on first use and kept."""
        if self._nodegroups is None:
            self._nodegroups = nodegroup.NodeGroup.list(self._context,
                                                        self.uuid)
        return self._nodegroups

    def set_nodegroups(self, nodegroups):
        """Use ``nodegroups`` (fetched elsewhere) instead of a query."""
        self._nodegroups = list(nodegroups)

    @classmethod
    def attach_nodegroups(cls, context, clusters):
        """Give each of ``clusters`` its nodegroups with one query.

        :returns: ``clusters``.
        """
        by_cluster = nodegroup.NodeGroup.list_for_clusters(
            context, [c.uuid for c in clusters])
        for cluster in clusters:
            cluster.set_nodegroups(by_cluster.get(cluster.uuid, []))
        return clusters

    def _groups(self, masters):
        return [ng for ng in self.nodegroups
                if (ng.role == MASTER_ROLE) == masters]

    @property
    def node_count(self):
        """The number of worker nodes (all non-master nodegroups)."""
        return sum(ng.node_count or 0 for ng in self._groups(False))

    @property
    def master_count(self):
        """The number of master nodes."""
        return sum(ng.node_count or 0 for ng in self._groups(True))

    @property
    def node_addresses(self):
        """The worker nodes' addresses."""
        return [a for ng in self._groups(False)
                for a in (ng.node_addresses or [])]

    @property
    def master_addresses(self):
        """The master nodes' addresses."""
        return [a for ng in self._groups(True)
                for a in (ng.node_addresses or [])]

    def _default_group(self, masters):
        for ng in self._groups(masters):
            if ng.is_default:
                return ng
        return None

    @property
    def default_ng_worker(self):
        """The default worker nodegroup, or None."""
        return self._default_group(False)

    @property
    def default_ng_master(self):
        """The default master nodegroup, or None."""
        return self._default_group(True)

    def obj_load_attr(self, attrname):
        if attrname != 'cluster_template':
            return super().obj_load_attr(attrname)
        template = cluster_template.ClusterTemplate.get_by_uuid(
            self._context, self.cluster_template_id)
        self.cluster_template = template
        self.obj_reset_changes(['cluster_template'])

    # -- persistence -------------------------------------------------------

    @classmethod
    @base.remotable
    def get_by_id(cls, context, cluster_id):
        """Find a cluster by its integer id."""
        row = dbapi.get_cluster_by_id(context, cluster_id)
        return cls._from_db_object(cls(context), row)

    @classmethod
    @base.remotable
    def list(cls, context, limit=None, marker=None, sort_key=None,
             sort_dir=None, filters=None, with_nodegroups=False):
        """Return one page of the caller's clusters.

        :param with_nodegroups: also fetch the page's nodegroups, with
            one more query, so that node counts and addresses need none.
        """
        clusters = cls._list_page(context, limit, marker, sort_key,
                                  sort_dir, filters)
        if with_nodegroups:
            cls.attach_nodegroups(context, clusters)
        return clusters

    @classmethod
    @base.remotable
    def get_count_all(cls, context, filters=None):
        """Count the caller's clusters matching ``filters``."""
        return dbapi.get_cluster_count_all(context, filters=filters)

    @base.remotable
    def create(self, context=None):
        """Insert this cluster; fills id, uuid and timestamps."""
        row = dbapi.create_cluster(self._db_changes())
        self._from_db_object(self, row)

    @base.remotable
    def destroy(self, context=None):
        """Delete this cluster and its nodegroups."""
        dbapi.destroy_cluster(self.uuid)
        self._nodegroups = None
        self.obj_reset_changes()

    @base.remotable
    def save(self, context=None):
        """Write the changed fields, whatever the current status."""
        changes = self._db_changes()
        if changes:
            row = dbapi.update_cluster(self.uuid, changes)
            self._from_db_object(self, row)

    @base.remotable
    def update_status(self, expected_statuses, **values):
        """Write ``values`` (and pending changes) only from a known status.

        :param expected_statuses: the statuses the change is valid from.
        :raises: ClusterStatusConflict when the stored status is another.
        """
        changes = self._db_changes()
        changes.update(values)
        row = dbapi.update_cluster_status(self.uuid, expected_statuses,
                                          changes)
        self._from_db_object(self, row)

    @base.remotable
    def refresh(self, context=None):
        """Reload every field from the database and forget nodegroups."""
        current = self.__class__.get_by_uuid(self._context, self.uuid)
        self._refresh_from(current)
        self._nodegroups = None
        if self.obj_attr_is_set('cluster_template'):
            delattr(self, '_obj_cluster_template')
