"""wsme types of nodegroups: the create body and the views."""

import wsme
from wsme import types as wtypes

from magnum.api.types import common

_TEXT = wtypes.StringType(min_length=1, max_length=255)


class NodeGroupCreate(wtypes.Base):
    """The body of ``POST /v1/clusters/{id}/nodegroups``."""

    name = wsme.wsattr(_TEXT, mandatory=True)
    docker_volume_size = wtypes.IntegerType(minimum=1)
    labels = common.labels
    flavor_id = _TEXT
    image_id = _TEXT
    node_count = wsme.wsattr(wtypes.IntegerType(minimum=0), default=1)
    role = wsme.wsattr(_TEXT, default='worker')
    min_node_count = wsme.wsattr(wtypes.IntegerType(minimum=0), default=0)
    max_node_count = wtypes.IntegerType(minimum=0)
    merge_labels = wsme.wsattr(common.boolean, default=False)
    node_labels = common.string_dict
    # Checked key by key in magnum.api.validation.nodegroup.
    node_taints = [wtypes.DictType(wtypes.text, wtypes.text)]


# The list view (upstream also shows the wsme defaults of min/max node
# count and merge_labels).
SHORT_FIELDS = ('uuid', 'name', 'flavor_id', 'node_count', 'role',
                'is_default', 'image_id', 'status', 'stack_id',
                'min_node_count', 'max_node_count', 'merge_labels', 'links')

DETAIL_FIELDS = SHORT_FIELDS + (
    'cluster_id', 'project_id', 'docker_volume_size', 'labels',
    'node_addresses', 'status_reason', 'version', 'created_at',
    'updated_at', 'node_labels', 'node_taints')

# The only fields a PATCH may change.
PATCHABLE = ('min_node_count', 'max_node_count', 'node_labels',
             'node_taints')
PATCH_DOCUMENT_FIELDS = (
    'name', 'cluster_id', 'project_id', 'docker_volume_size', 'labels',
    'flavor_id', 'image_id', 'node_addresses', 'node_count', 'role',
    'is_default', 'stack_id', 'status', 'status_reason', 'version',
    'min_node_count', 'max_node_count', 'node_labels', 'node_taints')
INTERNAL_PATHS = tuple('/' + f for f in PATCH_DOCUMENT_FIELDS
                       if f not in PATCHABLE)

SORT_KEYS = ('id', 'uuid', 'name', 'flavor_id', 'node_count', 'role',
             'is_default', 'image_id', 'status', 'stack_id',
             'min_node_count', 'max_node_count', 'created_at',
             'updated_at', 'docker_volume_size', 'version')
