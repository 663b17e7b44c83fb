"""What each operation asks of the driver.

A handler gets the request context, the claimed operation and the
cluster (already in the operation's ``*_IN_PROGRESS`` status), calls the
driver method of the same name and saves what the driver set on the
cluster (its backend reference, ``stack_id``). It raises when the driver
refuses; :mod:`magnum.conductor.operations` records the failure.

A handler may run twice for one operation (its conductor died and
another took it over), so each is safe to repeat: a create whose cluster
already has a backend reference is not started again, credentials that
exist are kept, and updates apply the same values again.

Operation parameters (``operation.params``), as the API records them:

* create_cluster: ``create_timeout`` (minutes; else the cluster's, else
  ``[cluster_heat] create_timeout``).
* update_cluster: ``node_count`` (default worker nodegroup, optional),
  ``rollback``.
* resize_cluster: ``node_count``, ``nodes_to_remove``; the nodegroup is
  ``operation.nodegroup_id`` (else the default worker).
* upgrade_cluster: ``cluster_template_id``, ``max_batch_size``,
  ``rollback``; nodegroup as for resize.
* any operation: ``previous_status`` / ``previous_nodegroup_status``, to
  go back to when the driver does not support the operation at all.
"""

from oslo_log import log as logging

from magnum.common import context as magnum_context
from magnum.common import exception
from magnum.conductor.handlers import credentials
from magnum.conductor import notifications
from magnum.conductor import states
import magnum.conf
from magnum.drivers import base as driver_base
from magnum.drivers import registry
from magnum import objects

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)


def _admin():
    return magnum_context.make_admin_context(all_tenants=True)


def _params(operation):
    return operation.params or {}


def _nodegroup(operation, cluster):
    """Return the nodegroup an operation names, else the default worker.
    """
    uuid = operation.nodegroup_id or _params(operation).get('nodegroup_id')
    if uuid:
        return objects.NodeGroup.get_by_uuid(_admin(), cluster.uuid, uuid)
    return cluster.default_ng_worker


def _copy_backend_ref(cluster):
    """Give nodegroups without one the cluster's backend reference."""
    for ng in cluster.nodegroups:
        if cluster.stack_id and not ng.stack_id:
            ng.stack_id = cluster.stack_id
            ng.save()


def create_cluster(context, operation, cluster):
    if operation.attempts <= 1:
        notifications.notify(context, states.ACTION_CREATE,
                             notifications.PENDING, cluster)
    credentials.create_for_cluster(context, cluster)
    cluster.refresh()
    if cluster.stack_id:
        LOG.info('Cluster %s already has backend reference %s; not '
                 'creating it again.', cluster.uuid, cluster.stack_id)
        _copy_backend_ref(cluster)
        return
    timeout = (_params(operation).get('create_timeout')
               or cluster.create_timeout
               or CONF.cluster_heat.create_timeout)
    driver = registry.get_driver_for_cluster(cluster)
    driver.create_cluster(credentials.driver_context(context, cluster),
                          cluster, timeout)
    cluster.save()
    _copy_backend_ref(cluster)


def update_cluster(context, operation, cluster):
    params = _params(operation)
    driver = registry.get_driver_for_cluster(cluster)
    worker = cluster.default_ng_worker
    node_count = params.get('node_count')
    previous = None
    if node_count is not None and worker is not None:
        previous = params.get('previous_node_count', worker.node_count)
        worker.node_count = node_count
        worker.save()
    try:
        driver.update_cluster(credentials.driver_context(context, cluster),
                              cluster,
                              rollback=bool(params.get('rollback')))
    except Exception:
        if previous is not None:
            worker.node_count = previous
            worker.save()
        raise
    cluster.save()


def resize_cluster(context, operation, cluster):
    params = _params(operation)
    driver = registry.get_driver_for_cluster(cluster)
    nodegroup = _nodegroup(operation, cluster)
    node_count = params.get('node_count', nodegroup.node_count)
    previous = params.get('previous_node_count', nodegroup.node_count)
    nodegroup.node_count = node_count
    nodegroup.save()
    try:
        driver.resize_cluster(credentials.driver_context(context, cluster),
                              cluster, node_count,
                              list(params.get('nodes_to_remove') or []),
                              nodegroup)
    except Exception:
        nodegroup.node_count = previous
        nodegroup.save()
        raise
    cluster.save()


def _with_versions_of(labels, template):
    """Return ``labels`` with ``template``'s version labels.

    Those are the ``*_tag`` and ``*_version`` labels: the versions an
    upgrade to ``template`` moves to.
    """
    labels = dict(labels or {})
    labels.update({key: value for key, value in
                   (template.labels or {}).items()
                   if key.endswith(('_tag', '_version'))})
    return labels


def upgrade_cluster(context, operation, cluster):
    params = _params(operation)
    driver = registry.get_driver_for_cluster(cluster)
    template = objects.ClusterTemplate.get_by_uuid(
        _admin(), params['cluster_template_id'])
    nodegroup = _nodegroup(operation, cluster)
    driver.upgrade_cluster(credentials.driver_context(context, cluster),
                           cluster, template,
                           params.get('max_batch_size') or 1, nodegroup,
                           rollback=bool(params.get('rollback')))
    # Labels override the template's (render.merged_labels): without this
    # the API keeps showing the old versions and a nodegroup made later
    # (its labels start as the cluster's) gets the old kube_tag.
    # Only the nodegroup named is replaced (upstream's rule; masters are
    # upgraded with --nodegroup default-master), so only its labels move.
    if nodegroup.is_default:
        cluster.labels = _with_versions_of(cluster.labels, template)
    nodegroup.labels = _with_versions_of(nodegroup.labels, template)
    nodegroup.save()
    cluster.cluster_template_id = template.uuid
    cluster.save()


def delete_cluster(context, operation, cluster):
    if operation.attempts <= 1:
        notifications.notify(context, states.ACTION_DELETE,
                             notifications.PENDING, cluster)
    driver = registry.get_driver_for_cluster(cluster)
    acting = credentials.driver_context(context, cluster)
    driver.pre_delete_cluster(acting, cluster)
    driver.delete_cluster(acting, cluster)
    cluster.save()


def create_nodegroup(context, operation, cluster):
    driver = registry.get_driver_for_cluster(cluster)
    nodegroup = _nodegroup(operation, cluster)
    driver.create_nodegroup(credentials.driver_context(context, cluster),
                            cluster, nodegroup)
    nodegroup.save()


def update_nodegroup(context, operation, cluster):
    driver = registry.get_driver_for_cluster(cluster)
    nodegroup = _nodegroup(operation, cluster)
    driver.update_nodegroup(credentials.driver_context(context, cluster),
                            cluster, nodegroup)
    nodegroup.save()


def delete_nodegroup(context, operation, cluster):
    driver = registry.get_driver_for_cluster(cluster)
    nodegroup = _nodegroup(operation, cluster)
    driver.delete_nodegroup(credentials.driver_context(context, cluster),
                            cluster, nodegroup)


def rotate_ca_certificate(context, operation, cluster):
    driver = registry.get_driver_for_cluster(cluster)
    if (type(driver).rotate_ca_certificate
            is driver_base.Driver.rotate_ca_certificate):
        # Refuse before the CAs change: new CAs the nodes never get
        # would lock every client out.
        driver.rotate_ca_certificate(context, cluster)
        raise exception.NotSupported(operation='Rotating the CA '
                                               'certificate')
    credentials.rotate_ca_certificate(context, cluster)
    cluster.refresh()
    driver.rotate_ca_certificate(
        credentials.driver_context(context, cluster), cluster)
    cluster.save()


def rotate_credential(context, operation, cluster):
    """New trustee, password and trust; pushed; then the old deleted.

    When the push fails the old ones are put back (the nodes still use
    them) and the new ones deleted.
    """
    driver = registry.get_driver_for_cluster(cluster)
    if (type(driver).rotate_credential
            is driver_base.Driver.rotate_credential):
        # Refuse before anything changes in Keystone.
        driver.rotate_credential(context, cluster)
        raise exception.CredentialRotationNotSupported()
    old = credentials.rotate_trust(context, cluster)
    try:
        driver.rotate_credential(context, cluster)
    except Exception:
        credentials.undo_trust_rotation(context, cluster, old)
        raise
    cluster.save()
    credentials.retire_trust(context, cluster, old)


HANDLERS = {
    states.CREATE_CLUSTER: create_cluster,
    states.UPDATE_CLUSTER: update_cluster,
    states.DELETE_CLUSTER: delete_cluster,
    states.RESIZE_CLUSTER: resize_cluster,
    states.UPGRADE_CLUSTER: upgrade_cluster,
    states.CREATE_NODEGROUP: create_nodegroup,
    states.UPDATE_NODEGROUP: update_nodegroup,
    states.DELETE_NODEGROUP: delete_nodegroup,
    states.ROTATE_CA_CERTIFICATE: rotate_ca_certificate,
    states.ROTATE_CREDENTIAL: rotate_credential,
}
