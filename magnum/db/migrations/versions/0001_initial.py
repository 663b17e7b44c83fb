"""Create magnum's initial schema.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-25 18:42:40
"""

from alembic import op
import sqlalchemy as sa

revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None

# InnoDB and utf8mb4 on MySQL/MariaDB; other dialects ignore these.
TABLE_ARGS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4'}


def _string(name, length=255, **kwargs):
    return sa.Column(name, sa.String(length=length), **kwargs)


def _common(*columns):
    """Return the id primary key, the timestamps, then ``columns``."""
    return (
        sa.Column('id', sa.Integer(), primary_key=True, nullable=False),
        sa.Column('created_at', sa.DateTime()),
        sa.Column('updated_at', sa.DateTime()),
    ) + columns


def _create_cluster_template():
    op.create_table(
        'cluster_template',
        *_common(
            _string('uuid', 36, nullable=False),
            _string('project_id'),
            _string('user_id'),
            _string('name'),
            _string('image_id'),
            _string('flavor_id'),
            _string('master_flavor_id'),
            _string('keypair_id'),
            _string('external_network_id'),
            _string('fixed_network'),
            _string('fixed_subnet'),
            _string('network_driver'),
            _string('volume_driver'),
            _string('dns_nameserver'),
            sa.Column('apiserver_port', sa.Integer()),
            sa.Column('docker_volume_size', sa.Integer()),
            _string('docker_storage_driver'),
            _string('cluster_distro'),
            _string('coe'),
            _string('http_proxy'),
            _string('https_proxy'),
            _string('no_proxy'),
            sa.Column('registry_enabled', sa.Boolean()),
            sa.Column('labels', sa.Text()),
            sa.Column('tls_disabled', sa.Boolean()),
            sa.Column('public', sa.Boolean()),
            _string('server_type'),
            _string('insecure_registry'),
            sa.Column('master_lb_enabled', sa.Boolean()),
            sa.Column('floating_ip_enabled', sa.Boolean()),
            sa.Column('hidden', sa.Boolean()),
            _string('tags'),
            _string('driver'),
        ),
        sa.UniqueConstraint('uuid', name='uniq_cluster_template0uuid'),
        **TABLE_ARGS)
    op.create_index('cluster_template_project_id_idx', 'cluster_template',
                    ['project_id'])
    op.create_index('cluster_template_name_idx', 'cluster_template',
                    ['name'])


def _create_cluster():
    op.create_table(
        'cluster',
        *_common(
            _string('uuid', 36, nullable=False),
            _string('project_id'),
            _string('user_id'),
            _string('name'),
            _string('cluster_template_id'),
            _string('keypair'),
            sa.Column('docker_volume_size', sa.Integer()),
            sa.Column('labels', sa.Text()),
            _string('master_flavor_id'),
            _string('flavor_id'),
            _string('stack_id'),
            _string('api_address'),
            _string('status', 20),
            sa.Column('status_reason', sa.Text()),
            _string('health_status', 20),
            sa.Column('health_status_reason', sa.Text()),
            sa.Column('create_timeout', sa.Integer()),
            _string('discovery_url'),
            _string('trust_id'),
            _string('trustee_username'),
            _string('trustee_user_id'),
            _string('trustee_password'),
            _string('coe_version'),
            _string('container_version'),
            _string('ca_cert_ref', 512),
            _string('magnum_cert_ref', 512),
            _string('etcd_ca_cert_ref', 512),
            _string('front_proxy_ca_cert_ref', 512),
            _string('fixed_network'),
            _string('fixed_subnet'),
            sa.Column('floating_ip_enabled', sa.Boolean()),
            sa.Column('master_lb_enabled', sa.Boolean()),
        ),
        sa.UniqueConstraint('uuid', name='uniq_cluster0uuid'),
        **TABLE_ARGS)
    op.create_index('cluster_project_id_idx', 'cluster', ['project_id'])
    op.create_index('cluster_cluster_template_id_idx', 'cluster',
                    ['cluster_template_id'])
    op.create_index('cluster_status_idx', 'cluster', ['status'])
    op.create_index('cluster_name_idx', 'cluster', ['name'])


def _create_nodegroup():
    op.create_table(
        'nodegroup',
        *_common(
            _string('uuid', 36, nullable=False),
            _string('name'),
            _string('cluster_id'),
            _string('project_id'),
            sa.Column('docker_volume_size', sa.Integer()),
            sa.Column('labels', sa.Text()),
            _string('flavor_id'),
            _string('image_id'),
            sa.Column('node_addresses', sa.Text()),
            sa.Column('node_count', sa.Integer()),
            _string('role'),
            sa.Column('max_node_count', sa.Integer()),
            sa.Column('min_node_count', sa.Integer()),
            sa.Column('is_default', sa.Boolean()),
            _string('stack_id'),
            _string('status', 20),
            sa.Column('status_reason', sa.Text()),
            _string('version', 20),
            sa.Column('node_labels', sa.Text()),
            sa.Column('node_taints', sa.Text()),
        ),
        sa.UniqueConstraint('uuid', name='uniq_nodegroup0uuid'),
        sa.UniqueConstraint('cluster_id', 'name',
                            name='uniq_nodegroup0cluster_id0name'),
        **TABLE_ARGS)
    op.create_index('nodegroup_project_id_idx', 'nodegroup', ['project_id'])


def _create_x509keypair():
    op.create_table(
        'x509keypair',
        *_common(
            _string('uuid', 36, nullable=False),
            sa.Column('certificate', sa.Text()),
            sa.Column('private_key', sa.Text()),
            sa.Column('private_key_passphrase', sa.Text()),
            sa.Column('intermediates', sa.Text()),
            _string('project_id'),
            _string('user_id'),
        ),
        sa.UniqueConstraint('uuid', name='uniq_x509keypair0uuid'),
        **TABLE_ARGS)


def _create_magnum_service():
    op.create_table(
        'magnum_service',
        *_common(
            _string('host'),
            _string('binary'),
            sa.Column('disabled', sa.Boolean()),
            _string('disabled_reason'),
            sa.Column('last_seen_up', sa.DateTime()),
            sa.Column('forced_down', sa.Boolean()),
            sa.Column('report_count', sa.Integer(), nullable=False),
        ),
        sa.UniqueConstraint('host', 'binary',
                            name='uniq_magnum_service0host0binary'),
        **TABLE_ARGS)


def _create_quotas():
    op.create_table(
        'quotas',
        *_common(
            _string('project_id'),
            _string('resource'),
            sa.Column('hard_limit', sa.Integer()),
        ),
        sa.UniqueConstraint('project_id', 'resource',
                            name='uniq_quotas0project_id0resource'),
        **TABLE_ARGS)


def _create_operation():
    op.create_table(
        'operation',
        *_common(
            _string('uuid', 36, nullable=False),
            _string('name', 64, nullable=False),
            _string('cluster_id', 36, nullable=False),
            _string('nodegroup_id', 36),
            _string('project_id'),
            _string('user_id'),
            _string('state', 20, nullable=False),
            sa.Column('params', sa.Text()),
            _string('owner'),
            sa.Column('lease_expires_at', sa.DateTime()),
            sa.Column('attempts', sa.Integer(), nullable=False),
            sa.Column('result_reason', sa.Text()),
        ),
        sa.UniqueConstraint('uuid', name='uniq_operation0uuid'),
        **TABLE_ARGS)
    op.create_index('operation_state_lease_idx', 'operation',
                    ['state', 'lease_expires_at'])
    op.create_index('operation_cluster_id_idx', 'operation', ['cluster_id'])


def upgrade():
    _create_cluster_template()
    _create_cluster()
    _create_nodegroup()
    _create_x509keypair()
    _create_magnum_service()
    _create_quotas()
    _create_operation()
