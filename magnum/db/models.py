"""SQLAlchemy models: the schema of magnum's database.

Alembic migrations under ``magnum/db/migrations`` must produce exactly this
schema; ``magnum/tests/unit/db/test_migrations.py`` holds them together.
Column names follow upstream Magnum so that a row maps one-to-one to the
REST representation.
"""

import json

from oslo_db.sqlalchemy import models
from oslo_serialization import jsonutils
import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy import types


class JSONEncodedType(types.TypeDecorator):
    """A JSON document stored as text; ``None`` is stored as empty."""

    impl = sa.Text
    cache_ok = True
    python_type = None
    empty_text = None

    def process_bind_param(self, value, dialect):
        if value is None:
            value = self.python_type()
        elif not isinstance(value, self.python_type):
            raise TypeError('%s stores %s values, got %s' % (
                type(self).__name__, self.python_type.__name__,
                type(value).__name__))
        return jsonutils.dumps(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        # Most stored documents are empty; a list page decodes thousands.
        if value == self.empty_text:
            return self.python_type()
        return json.loads(value)


class JSONEncodedDict(JSONEncodedType):
    """A dict stored as JSON text."""

    python_type = dict
    empty_text = '{}'
    cache_ok = True


class JSONEncodedList(JSONEncodedType):
    """A list stored as JSON text."""

    python_type = list
    empty_text = '[]'
    cache_ok = True


class MagnumBase(models.TimestampMixin, models.ModelBase):
    """Common behaviour: created_at/updated_at and dict conversion."""

    def as_dict(self):
        """Return the row's columns as a plain dict."""
        return {c.name: getattr(self, c.name) for c in self.__table__.columns}


Base = orm.declarative_base(cls=MagnumBase)

# InnoDB and utf8mb4 on MySQL/MariaDB; ignored by other dialects.
MYSQL_TABLE_ARGS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4'}


class ClusterTemplate(Base):
    """A reusable description of a cluster's shape."""

    __tablename__ = 'cluster_template'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_cluster_template0uuid'),
        sa.Index('cluster_template_project_id_idx', 'project_id'),
        sa.Index('cluster_template_name_idx', 'name'),
        MYSQL_TABLE_ARGS,
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    project_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    name = sa.Column(sa.String(255))
    image_id = sa.Column(sa.String(255))
    flavor_id = sa.Column(sa.String(255))
    master_flavor_id = sa.Column(sa.String(255))
    keypair_id = sa.Column(sa.String(255))
    external_network_id = sa.Column(sa.String(255))
    fixed_network = sa.Column(sa.String(255))
    fixed_subnet = sa.Column(sa.String(255))
    network_driver = sa.Column(sa.String(255))
    volume_driver = sa.Column(sa.String(255))
    dns_nameserver = sa.Column(sa.String(255))
    apiserver_port = sa.Column(sa.Integer)
    docker_volume_size = sa.Column(sa.Integer)
    docker_storage_driver = sa.Column(sa.String(255))
    cluster_distro = sa.Column(sa.String(255))
    coe = sa.Column(sa.String(255))
    http_proxy = sa.Column(sa.String(255))
    https_proxy = sa.Column(sa.String(255))
    no_proxy = sa.Column(sa.String(255))
    registry_enabled = sa.Column(sa.Boolean, default=False)
    labels = sa.Column(JSONEncodedDict)
    tls_disabled = sa.Column(sa.Boolean, default=False)
    public = sa.Column(sa.Boolean, default=False)
    server_type = sa.Column(sa.String(255))
    insecure_registry = sa.Column(sa.String(255))
    master_lb_enabled = sa.Column(sa.Boolean, default=False)
    floating_ip_enabled = sa.Column(sa.Boolean, default=True)
    hidden = sa.Column(sa.Boolean, default=False)
    tags = sa.Column(sa.String(255))
    driver = sa.Column(sa.String(255))


class Cluster(Base):
    """A cluster built from a template."""

    __tablename__ = 'cluster'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_cluster0uuid'),
        sa.Index('cluster_project_id_idx', 'project_id'),
        sa.Index('cluster_cluster_template_id_idx', 'cluster_template_id'),
        sa.Index('cluster_status_idx', 'status'),
        sa.Index('cluster_name_idx', 'name'),
        MYSQL_TABLE_ARGS,
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    project_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    name = sa.Column(sa.String(255))
    cluster_template_id = sa.Column(sa.String(255))
    keypair = sa.Column(sa.String(255))
    docker_volume_size = sa.Column(sa.Integer)
    labels = sa.Column(JSONEncodedDict)
    master_flavor_id = sa.Column(sa.String(255))
    flavor_id = sa.Column(sa.String(255))
    # The driver's opaque reference to what it built (a Heat stack id for
    # Heat drivers); shown as stack_id / cluster_id by the API.
    stack_id = sa.Column(sa.String(255))
    api_address = sa.Column(sa.String(255))
    status = sa.Column(sa.String(20))
    status_reason = sa.Column(sa.Text)
    health_status = sa.Column(sa.String(20))
    health_status_reason = sa.Column(JSONEncodedDict)
    create_timeout = sa.Column(sa.Integer)
    discovery_url = sa.Column(sa.String(255))
    trust_id = sa.Column(sa.String(255))
    trustee_username = sa.Column(sa.String(255))
    trustee_user_id = sa.Column(sa.String(255))
    trustee_password = sa.Column(sa.String(255))
    coe_version = sa.Column(sa.String(255))
    container_version = sa.Column(sa.String(255))
    ca_cert_ref = sa.Column(sa.String(512))
    magnum_cert_ref = sa.Column(sa.String(512))
    etcd_ca_cert_ref = sa.Column(sa.String(512))
    front_proxy_ca_cert_ref = sa.Column(sa.String(512))
    fixed_network = sa.Column(sa.String(255))
    fixed_subnet = sa.Column(sa.String(255))
    floating_ip_enabled = sa.Column(sa.Boolean, default=True)
    master_lb_enabled = sa.Column(sa.Boolean, default=False)


class NodeGroup(Base):
    """A set of identical nodes in a cluster (masters or workers)."""

    __tablename__ = 'nodegroup'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_nodegroup0uuid'),
        sa.UniqueConstraint('cluster_id', 'name',
                            name='uniq_nodegroup0cluster_id0name'),
        # Also answers the node sum of /v1/stats from the index alone.
        sa.Index('nodegroup_project_id_node_count_idx', 'project_id',
                 'node_count'),
        MYSQL_TABLE_ARGS,
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(255))
    cluster_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    docker_volume_size = sa.Column(sa.Integer)
    labels = sa.Column(JSONEncodedDict)
    flavor_id = sa.Column(sa.String(255))
    image_id = sa.Column(sa.String(255))
    node_addresses = sa.Column(JSONEncodedList)
    node_count = sa.Column(sa.Integer)
    role = sa.Column(sa.String(255))
    max_node_count = sa.Column(sa.Integer)
    min_node_count = sa.Column(sa.Integer)
    is_default = sa.Column(sa.Boolean, default=False)
    stack_id = sa.Column(sa.String(255))
    status = sa.Column(sa.String(20))
    status_reason = sa.Column(sa.Text)
    version = sa.Column(sa.String(20))
    node_labels = sa.Column(JSONEncodedDict)
    node_taints = sa.Column(JSONEncodedList)


class X509KeyPair(Base):
    """A certificate and its (encrypted) private key."""

    __tablename__ = 'x509keypair'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_x509keypair0uuid'),
        MYSQL_TABLE_ARGS,
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    certificate = sa.Column(sa.Text)
    private_key = sa.Column(sa.Text)
    private_key_passphrase = sa.Column(sa.Text)
    intermediates = sa.Column(sa.Text)
    project_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))


class MagnumService(Base):
    """A running magnum service and its last heartbeat."""

    __tablename__ = 'magnum_service'
    __table_args__ = (
        sa.UniqueConstraint('host', 'binary',
                            name='uniq_magnum_service0host0binary'),
        MYSQL_TABLE_ARGS,
    )
    id = sa.Column(sa.Integer, primary_key=True)
    host = sa.Column(sa.String(255))
    binary = sa.Column(sa.String(255))
    disabled = sa.Column(sa.Boolean, default=False)
    disabled_reason = sa.Column(sa.String(255))
    last_seen_up = sa.Column(sa.DateTime, nullable=True)
    forced_down = sa.Column(sa.Boolean, default=False)
    report_count = sa.Column(sa.Integer, nullable=False, default=0)


class Quota(Base):
    """A per-project limit on a resource."""

    __tablename__ = 'quotas'
    __table_args__ = (
        sa.UniqueConstraint('project_id', 'resource',
                            name='uniq_quotas0project_id0resource'),
        MYSQL_TABLE_ARGS,
    )
    id = sa.Column(sa.Integer, primary_key=True)
    project_id = sa.Column(sa.String(255))
    resource = sa.Column(sa.String(255))
    hard_limit = sa.Column(sa.Integer)


class Operation(Base):
    """A durable record of one asynchronous operation on a cluster.

    The API inserts it in the same transaction as the status change it
    starts (``state='pending'``) and casts its uuid to the conductors. A
    conductor claims it by taking a lease (``owner`` + ``lease_expires_at``);
    a conductor that finds an expired lease on an unfinished operation takes
    it over, so a crash or a lost cast never leaves a cluster stuck.
    """

    __tablename__ = 'operation'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_operation0uuid'),
        sa.Index('operation_state_lease_idx', 'state', 'lease_expires_at'),
        sa.Index('operation_cluster_id_idx', 'cluster_id'),
        MYSQL_TABLE_ARGS,
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    # The operation's name, as in rpcapi, manager and driver
    # (create_cluster, delete_nodegroup, ...).
    name = sa.Column(sa.String(64), nullable=False)
    cluster_id = sa.Column(sa.String(36), nullable=False)
    nodegroup_id = sa.Column(sa.String(36))
    project_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    # pending -> running -> succeeded | failed
    state = sa.Column(sa.String(20), nullable=False)
    # The operation's arguments (node counts, nodes_to_remove, ...).
    params = sa.Column(JSONEncodedDict)
    owner = sa.Column(sa.String(255))
    lease_expires_at = sa.Column(sa.DateTime)
    attempts = sa.Column(sa.Integer, nullable=False, default=0)
    result_reason = sa.Column(sa.Text)
