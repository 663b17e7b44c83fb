"""wsme types of clusters: the create body, the actions and the views."""

import wsme
from wsme import types as wtypes

from magnum.api.types import common

# Upstream's cluster name rule: a letter, then letters, digits, _ . -
NAME_PATTERN = '^[a-zA-Z][a-zA-Z0-9_.-]*$'
_NAME = wtypes.StringType(min_length=1, max_length=242,
                          pattern=NAME_PATTERN)
_TEXT = wtypes.StringType(min_length=1, max_length=255)


def given_values(obj):
    """Return the attributes of a wsme object that were given, as a dict.
    """
    values = {}
    for attr in wtypes.list_attributes(type(obj)):
        value = getattr(obj, attr.key)
        if value is not wtypes.Unset:
            values[attr.key] = value
    return values


class ClusterCreate(wtypes.Base):
    """The body of ``POST /v1/clusters``."""

    name = _NAME
    cluster_template_id = wsme.wsattr(_TEXT, mandatory=True)
    keypair = _TEXT
    node_count = wsme.wsattr(wtypes.IntegerType(minimum=0), default=1)
    master_count = wsme.wsattr(wtypes.IntegerType(minimum=1), default=1)
    docker_volume_size = wtypes.IntegerType(minimum=1)
    labels = common.labels
    master_flavor_id = _TEXT
    flavor_id = _TEXT
    create_timeout = wsme.wsattr(wtypes.IntegerType(minimum=0), default=60)
    discovery_url = wtypes.StringType(max_length=255)
    fixed_network = _TEXT
    fixed_subnet = _TEXT
    floating_ip_enabled = common.boolean
    master_lb_enabled = common.boolean
    merge_labels = wsme.wsattr(common.boolean, default=False)

    def to_values(self):
        """Return the fields that were given (or defaulted) as a dict."""
        return given_values(self)


class ClusterResize(wtypes.Base):
    """The body of ``POST /v1/clusters/{id}/actions/resize``."""

    node_count = wsme.wsattr(wtypes.IntegerType(minimum=0), mandatory=True)
    nodes_to_remove = wsme.wsattr([wtypes.text], default=[])
    nodegroup = _TEXT


class ClusterUpgrade(wtypes.Base):
    """The body of ``POST /v1/clusters/{id}/actions/upgrade``."""

    cluster_template = wsme.wsattr(_TEXT, mandatory=True)
    max_batch_size = wsme.wsattr(wtypes.IntegerType(minimum=1), default=1)
    nodegroup = _TEXT


# The list view, in upstream's order; ``stack_id`` becomes ``cluster_id``
# from microversion 1.13 on.
SHORT_FIELDS = (
    'uuid', 'name', 'cluster_template_id', 'keypair', 'docker_volume_size',
    'labels', 'node_count', 'master_count', 'status', 'master_flavor_id',
    'flavor_id', 'create_timeout', 'health_status', 'stack_id', 'links')

# Added by the detail list and by GET of one cluster.
DETAIL_FIELDS = SHORT_FIELDS + (
    'status_reason', 'api_address', 'node_addresses', 'master_addresses',
    'coe_version', 'container_version', 'discovery_url', 'fixed_network',
    'fixed_subnet', 'floating_ip_enabled', 'master_lb_enabled',
    'health_status_reason', 'project_id', 'user_id', 'created_at',
    'updated_at')

# What a PATCH sees of a cluster; only PATCHABLE may change.
PATCH_DOCUMENT_FIELDS = (
    'name', 'cluster_template_id', 'keypair', 'node_count', 'master_count',
    'docker_volume_size', 'labels', 'master_flavor_id', 'flavor_id',
    'create_timeout', 'discovery_url', 'fixed_network', 'fixed_subnet',
    'floating_ip_enabled', 'master_lb_enabled', 'status', 'status_reason',
    'health_status', 'health_status_reason', 'coe_version',
    'container_version')
PATCHABLE = ('node_count', 'health_status', 'health_status_reason')
INTERNAL_PATHS = ('/api_address', '/node_addresses', '/master_addresses',
                  '/stack_id', '/cluster_id', '/ca_cert_ref',
                  '/magnum_cert_ref', '/etcd_ca_cert_ref',
                  '/front_proxy_ca_cert_ref', '/trust_id',
                  '/trustee_username', '/trustee_user_id',
                  '/trustee_password')

# Fields a list may be sorted by.
SORT_KEYS = ('id', 'uuid', 'name', 'cluster_template_id', 'keypair',
             'docker_volume_size', 'status', 'master_flavor_id', 'flavor_id',
             'create_timeout', 'health_status', 'stack_id', 'api_address',
             'created_at', 'updated_at', 'project_id', 'user_id')
