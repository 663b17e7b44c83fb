"""The database API: module-level functions, one transaction each.

Use it as ``from magnum.db import api as dbapi``. Each resource has its
own module; this package re-exports their public functions. Single rows
come back as ``magnum.db.models`` instances detached from their session;
pages of a list as read-only rows (``sqlalchemy.engine.Row``) with the
same attribute names, which are cheaper to load.
"""

from magnum.db.api import cluster_templates as _templates
from magnum.db.api import clusters as _clusters
from magnum.db.api import lifecycle as _lifecycle
from magnum.db.api import nodegroups as _nodegroups
from magnum.db.api import operations as _operations
from magnum.db.api import quotas as _quotas
from magnum.db.api import services as _services
from magnum.db.api import x509keypairs as _keypairs

create_cluster_template = _templates.create_cluster_template
get_cluster_template_by_id = _templates.get_cluster_template_by_id
get_cluster_template_by_uuid = _templates.get_cluster_template_by_uuid
get_cluster_template_by_name = _templates.get_cluster_template_by_name
get_cluster_template_list = _templates.get_cluster_template_list
is_cluster_template_referenced = _templates.is_cluster_template_referenced
update_cluster_template = _templates.update_cluster_template
destroy_cluster_template = _templates.destroy_cluster_template

create_cluster = _clusters.create_cluster
get_cluster_by_id = _clusters.get_cluster_by_id
get_cluster_by_uuid = _clusters.get_cluster_by_uuid
get_cluster_by_name = _clusters.get_cluster_by_name
get_cluster_list = _clusters.get_cluster_list
get_cluster_count_all = _clusters.get_cluster_count_all
count_clusters = _clusters.count_clusters
get_cluster_stats = _clusters.get_cluster_stats
update_cluster = _clusters.update_cluster
update_cluster_status = _clusters.update_cluster_status
destroy_cluster = _clusters.destroy_cluster

create_nodegroup = _nodegroups.create_nodegroup
get_nodegroup_by_id = _nodegroups.get_nodegroup_by_id
get_nodegroup_by_uuid = _nodegroups.get_nodegroup_by_uuid
get_nodegroup_by_name = _nodegroups.get_nodegroup_by_name
list_cluster_nodegroups = _nodegroups.list_cluster_nodegroups
get_nodegroups_for_clusters = _nodegroups.get_nodegroups_for_clusters
count_nodegroups = _nodegroups.count_nodegroups
update_nodegroup = _nodegroups.update_nodegroup
update_nodegroup_status = _nodegroups.update_nodegroup_status
destroy_nodegroup = _nodegroups.destroy_nodegroup

create_operation = _operations.create_operation
get_operation_by_uuid = _operations.get_operation_by_uuid
claim_operation = _operations.claim_operation
renew_operation_lease = _operations.renew_operation_lease
finish_operation = _operations.finish_operation
list_claimable_operations = _operations.list_claimable_operations
list_operations = _operations.list_operations

create_quota = _quotas.create_quota
get_quota_by_id = _quotas.get_quota_by_id
get_quota_by_project_id_resource = _quotas.get_quota_by_project_id_resource
quota_get_all_by_project_id = _quotas.quota_get_all_by_project_id
get_quota_list = _quotas.get_quota_list
update_quota = _quotas.update_quota
delete_quota = _quotas.delete_quota

create_magnum_service = _services.create_magnum_service
get_magnum_service_by_host_and_binary = (
    _services.get_magnum_service_by_host_and_binary)
get_magnum_service_list = _services.get_magnum_service_list
update_magnum_service = _services.update_magnum_service
destroy_magnum_service = _services.destroy_magnum_service
report_state_up = _services.report_state_up

create_x509keypair = _keypairs.create_x509keypair
get_x509keypair_by_id = _keypairs.get_x509keypair_by_id
get_x509keypair_by_uuid = _keypairs.get_x509keypair_by_uuid
get_x509keypair_list = _keypairs.get_x509keypair_list
update_x509keypair = _keypairs.update_x509keypair
destroy_x509keypair = _keypairs.destroy_x509keypair

create_cluster_with_operation = _lifecycle.create_cluster_with_operation
start_cluster_operation = _lifecycle.start_cluster_operation
