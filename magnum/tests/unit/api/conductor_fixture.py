"""A conductor client that records casts and the DB rows at cast time."""

import fixtures

from magnum.common import context as magnum_context
from magnum.db import api as dbapi
from magnum import objects


class Cast:
    """One recorded cast, with the rows committed when it was sent."""

    def __init__(self, method, kwargs, operation, cluster, nodegroup):
        self.method = method
        self.kwargs = kwargs
        self.operation = operation
        self.cluster = cluster
        self.nodegroup = nodegroup


class RecordingConductorAPI:
    """Stands in for ConductorAPI; each cast reads the DB first.

    The operation, cluster and nodegroup rows are read in new
    transactions, so a cast sent before the API's commit finds nothing
    and the test fails.
    """

    def __init__(self):
        self.casts = []

    def _record(self, method, cluster_uuid, operation_uuid,
                nodegroup_uuid=None):
        admin = magnum_context.make_admin_context(all_tenants=True)
        operation = dbapi.get_operation_by_uuid(operation_uuid)
        cluster = objects.Cluster.get_by_uuid(admin, cluster_uuid)
        nodegroup = None
        if nodegroup_uuid:
            nodegroup = objects.NodeGroup.get_by_uuid(admin, cluster_uuid,
                                                      nodegroup_uuid)
        self.casts.append(Cast(method, {
            'cluster_uuid': cluster_uuid, 'operation_uuid': operation_uuid,
            'nodegroup_uuid': nodegroup_uuid}, operation, cluster,
            nodegroup))

    def _cluster_cast(method):
        def cast(self, context, cluster_uuid, operation_uuid):
            self._record(method, cluster_uuid, operation_uuid)
        cast.__name__ = method
        return cast

    def _nodegroup_cast(method):
        def cast(self, context, cluster_uuid, nodegroup_uuid,
                 operation_uuid):
            self._record(method, cluster_uuid, operation_uuid,
                         nodegroup_uuid)
        cast.__name__ = method
        return cast

    create_cluster = _cluster_cast('create_cluster')
    update_cluster = _cluster_cast('update_cluster')
    delete_cluster = _cluster_cast('delete_cluster')
    resize_cluster = _cluster_cast('resize_cluster')
    upgrade_cluster = _cluster_cast('upgrade_cluster')
    rotate_ca_certificate = _cluster_cast('rotate_ca_certificate')
    rotate_credential = _cluster_cast('rotate_credential')
    create_nodegroup = _nodegroup_cast('create_nodegroup')
    update_nodegroup = _nodegroup_cast('update_nodegroup')
    delete_nodegroup = _nodegroup_cast('delete_nodegroup')

    def methods(self):
        """Return the names of the methods cast so far, in order."""
        return [c.method for c in self.casts]


class ConductorRecorder(fixtures.Fixture):
    """Replace :func:`magnum.api.rpc.conductor_api` with a recorder.

    ``self.api`` is the :class:`RecordingConductorAPI`.
    """

    def _setUp(self):
        self.api = RecordingConductorAPI()
        self.useFixture(fixtures.MonkeyPatch(
            'magnum.api.rpc.conductor_api', lambda: self.api))
