"""Row factories for tests.

``get_test_X(**kw)`` returns a dict of column values with sensible
defaults, overridden by ``kw``; ``create_test_X(**kw)`` inserts it through
the database API and returns the row.
"""

from oslo_db.sqlalchemy import exc_filters
from oslo_utils import uuidutils
import sqlalchemy as sa

from magnum.db import api as dbapi
from magnum.tests import base

PROJECT_ID = 'fake_project'
USER_ID = 'fake_user'
TEMPLATE_UUID = 'e74c40e0-d825-11e2-a28f-0800200c9a66'
CLUSTER_UUID = '5d12f6fd-a196-4bf0-ae4c-1f639a523a52'


class DbTestCase(base.DbTestCase):
    """A database test whose engine raises oslo.db's exceptions.

    Production engines come from oslo.db and turn driver errors into
    ``DBDuplicateEntry`` and friends; the plain test engine needs the same
    translation for duplicate checks to be testable.
    """

    def setUp(self):
        super().setUp()
        engine = self.database.engine
        if not sa.event.contains(engine, 'handle_error',
                                 exc_filters.handler):
            exc_filters.register_engine(engine)


def get_test_cluster_template(**kw):
    """Return the column values of a kubernetes cluster template."""
    values = {
        'uuid': TEMPLATE_UUID,
        'project_id': PROJECT_ID,
        'user_id': USER_ID,
        'name': 'clustermodel1',
        'image_id': 'ubuntu',
        'flavor_id': 'm1.small',
        'master_flavor_id': 'm1.small',
        'keypair_id': 'keypair1',
        'external_network_id': 'd1f02cfb-d27f-4068-9332-84d907cb0e2e',
        'fixed_network': 'private',
        'fixed_subnet': 'private-subnet',
        'network_driver': 'flannel',
        'volume_driver': 'cinder',
        'dns_nameserver': '8.8.1.1',
        'apiserver_port': 8080,
        'docker_volume_size': 20,
        'docker_storage_driver': 'overlay2',
        'cluster_distro': 'fedora-coreos',
        'coe': 'kubernetes',
        'http_proxy': None,
        'https_proxy': None,
        'no_proxy': None,
        'registry_enabled': False,
        'labels': {'key1': 'val1', 'key2': 'val2'},
        'tls_disabled': False,
        'public': False,
        'server_type': 'vm',
        'insecure_registry': None,
        'master_lb_enabled': True,
        'floating_ip_enabled': True,
        'hidden': False,
        'tags': None,
        'driver': None,
    }
    values.update(kw)
    return values


def create_test_cluster_template(**kw):
    """Insert a cluster template; ``id`` in ``kw`` is dropped."""
    values = get_test_cluster_template(**kw)
    values.pop('id', None)
    return dbapi.create_cluster_template(values)


def get_test_cluster(**kw):
    """Return the column values of a CREATE_COMPLETE cluster."""
    values = {
        'uuid': CLUSTER_UUID,
        'name': 'cluster1',
        'project_id': PROJECT_ID,
        'user_id': USER_ID,
        'cluster_template_id': TEMPLATE_UUID,
        'keypair': 'keypair1',
        'docker_volume_size': 20,
        'labels': {'key1': 'val1', 'key2': 'val2'},
        'master_flavor_id': 'm1.small',
        'flavor_id': 'm1.small',
        'stack_id': '047c6319-7abd-4bd9-a033-8c6af0173cd0',
        'api_address': '172.17.2.3',
        'status': 'CREATE_COMPLETE',
        'status_reason': 'Completed successfully',
        'health_status': 'HEALTHY',
        'health_status_reason': {'api': 'ok'},
        'create_timeout': 60,
        'discovery_url': 'https://discovery.test.io/123456789',
        'trust_id': None,
        'trustee_username': None,
        'trustee_user_id': None,
        'trustee_password': None,
        'coe_version': 'v1.30.1',
        'container_version': '1.12.6',
        'ca_cert_ref': 'http://barbican/v1/containers/xx-xx-xx-xx',
        'magnum_cert_ref': 'http://barbican/v1/containers/xx-xx-xx-yy',
        'etcd_ca_cert_ref': None,
        'front_proxy_ca_cert_ref': None,
        'fixed_network': None,
        'fixed_subnet': None,
        'floating_ip_enabled': True,
        'master_lb_enabled': True,
    }
    values.update(kw)
    return values


def create_test_cluster(master_count=None, node_count=None,
                        master_addresses=None, node_addresses=None, **kw):
    """Insert a cluster and, when counts are given, its default nodegroups.

    :param master_count: create a ``default-master`` nodegroup this big.
    :param node_count: create a ``default-worker`` nodegroup this big.
    """
    values = get_test_cluster(**kw)
    values.pop('id', None)
    cluster = dbapi.create_cluster(values)
    common = {'cluster_id': cluster.uuid, 'project_id': cluster.project_id,
              'is_default': True, 'status': cluster.status,
              'stack_id': cluster.stack_id}
    if master_count is not None:
        create_test_nodegroup(
            uuid=uuidutils.generate_uuid(), name='default-master',
            role='master', node_count=master_count,
            node_addresses=list(master_addresses or []), **common)
    if node_count is not None:
        create_test_nodegroup(
            uuid=uuidutils.generate_uuid(), name='default-worker',
            role='worker', node_count=node_count,
            node_addresses=list(node_addresses or []), **common)
    return cluster


def get_test_nodegroup(**kw):
    """Return the column values of a worker nodegroup."""
    values = {
        'uuid': '483203a3-dbee-4a9c-9d65-9820512f4df8',
        'name': 'nodegroup1',
        'cluster_id': CLUSTER_UUID,
        'project_id': PROJECT_ID,
        'docker_volume_size': None,
        'labels': {},
        'flavor_id': 'm1.small',
        'image_id': 'fedora-coreos',
        'node_addresses': [],
        'node_count': 3,
        'role': 'worker',
        'max_node_count': None,
        'min_node_count': 1,
        'is_default': False,
        'stack_id': '047c6319-7abd-4bd9-a033-8c6af0173cd0',
        'status': 'CREATE_COMPLETE',
        'status_reason': 'Completed successfully',
        'version': None,
        'node_labels': {},
        'node_taints': [],
    }
    values.update(kw)
    return values


def create_test_nodegroup(**kw):
    """Insert a nodegroup; ``id`` in ``kw`` is dropped."""
    values = get_test_nodegroup(**kw)
    values.pop('id', None)
    return dbapi.create_nodegroup(values)


def get_test_x509keypair(**kw):
    """Return the column values of a key pair."""
    values = {
        'uuid': '72625085-c507-4410-9b28-cd7cf1fbf1ad',
        'project_id': PROJECT_ID,
        'user_id': USER_ID,
        'certificate': 'certificate',
        'private_key': 'private_key',
        'private_key_passphrase': 'private_key_passphrase',
        'intermediates': 'intermediates',
    }
    values.update(kw)
    return values


def create_test_x509keypair(**kw):
    """Insert a key pair; ``id`` in ``kw`` is dropped."""
    values = get_test_x509keypair(**kw)
    values.pop('id', None)
    return dbapi.create_x509keypair(values)


def get_test_magnum_service(**kw):
    """Return the column values of a conductor's service record."""
    values = {
        'host': 'fakehost',
        'binary': 'magnum-conductor',
        'disabled': False,
        'disabled_reason': None,
        'last_seen_up': None,
        'forced_down': False,
        'report_count': 13,
    }
    values.update(kw)
    return values


def create_test_magnum_service(**kw):
    """Insert a service record; ``id`` in ``kw`` is dropped."""
    values = get_test_magnum_service(**kw)
    values.pop('id', None)
    return dbapi.create_magnum_service(values)


def get_test_quota(**kw):
    """Return the column values of a Cluster quota."""
    values = {
        'project_id': PROJECT_ID,
        'resource': 'Cluster',
        'hard_limit': 10,
    }
    values.update(kw)
    return values


def create_test_quota(**kw):
    """Insert a quota; ``id`` in ``kw`` is dropped."""
    values = get_test_quota(**kw)
    values.pop('id', None)
    return dbapi.create_quota(values)


def get_test_operation(**kw):
    """Return the column values of a pending create_cluster operation."""
    values = {
        'uuid': 'a5b3c6a1-5d1e-4f7b-9a6b-3f1d2c4e5f60',
        'name': 'create_cluster',
        'cluster_id': CLUSTER_UUID,
        'nodegroup_id': None,
        'project_id': PROJECT_ID,
        'user_id': USER_ID,
        'state': 'pending',
        'params': {'create_timeout': 60},
        'owner': None,
        'lease_expires_at': None,
        'attempts': 0,
        'result_reason': None,
    }
    values.update(kw)
    return values


def create_test_operation(**kw):
    """Insert an operation; ``id`` in ``kw`` is dropped."""
    values = get_test_operation(**kw)
    values.pop('id', None)
    return dbapi.create_operation(values)
