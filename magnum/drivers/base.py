"""The contract between magnum and a cluster driver.

A driver turns cluster operations into work on some backend (Heat stacks,
Cluster API objects, an in-memory table for tests) and reports what it
sees. Drivers are discovered through the ``magnum.drivers`` entry-point
group by :mod:`magnum.drivers.registry`.

The contract, in the order the conductor uses it. Mandatory methods are
abstract; optional ones have a default:

* ``validate_cluster_template``, ``validate_cluster``: accept.
* ``validate_master_size``: odd and at least 1.
* ``labels_schema``: any object.
* ``create_cluster``, ``update_cluster``, ``resize_cluster``: mandatory.
* ``create_nodegroup``, ``update_nodegroup``, ``delete_nodegroup``:
  mandatory.
* ``upgrade_cluster``, ``rotate_ca_certificate``: NotSupported (400).
* ``rotate_credential``: CredentialRotationNotSupported (400).
* ``pre_delete_cluster``: nothing to do.
* ``delete_cluster``, ``observe_cluster``: mandatory.

Operations start work and return quickly; the conductor learns the outcome
by calling :meth:`Driver.observe_cluster` later. Drivers never write
``status`` or ``status_reason``: they describe what they observe in an
:class:`Observation` and the conductor records it.
"""

import abc
import dataclasses

from magnum.common import exception


@dataclasses.dataclass
class NodeGroupObservation:
    """What a driver sees of one nodegroup.

    :ivar status: a nodegroup status such as ``CREATE_COMPLETE``.
    :ivar status_reason: why the nodegroup is in that status, if known.
    :ivar node_count: how many nodes the nodegroup has now, if known.
    :ivar node_addresses: the addresses of its nodes.
    """

    status: str
    status_reason: str | None = None
    node_count: int | None = None
    node_addresses: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Observation:
    """What a driver sees of a cluster at one moment.

    :ivar status: a cluster status such as ``CREATE_IN_PROGRESS`` or
        ``UPDATE_FAILED``.
    :ivar status_reason: why the cluster is in that status, if known.
    :ivar api_address: the URL of the COE API, once there is one.
    :ivar master_addresses: the addresses of the control plane nodes.
    :ivar node_addresses: the addresses of the worker nodes.
    :ivar nodegroups: per nodegroup uuid, what the driver sees of it.
        Nodegroups missing here are left as they are.
    :ivar coe_version: the version of the COE the cluster runs, if known.
    """

    status: str
    status_reason: str | None = None
    api_address: str | None = None
    master_addresses: list[str] = dataclasses.field(default_factory=list)
    node_addresses: list[str] = dataclasses.field(default_factory=list)
    nodegroups: dict[str, NodeGroupObservation] = dataclasses.field(
        default_factory=dict)
    coe_version: str | None = None


class Driver(abc.ABC):
    """Base class of every cluster driver.

    Subclasses set :attr:`provides` and implement the abstract methods.
    The registry creates one instance per enabled driver and shares it
    between threads, so instances must not keep per-request state.
    """

    #: The entry-point name the driver was loaded under; the registry sets
    #: it on the instance.
    name = None

    #: A beta driver loads only when listed in
    #: ``[drivers] enabled_beta_drivers``.
    beta = False

    #: The cluster types the driver serves: a list of dicts with the keys
    #: ``server_type``, ``os`` and ``coe``. Two enabled drivers may not
    #: provide the same triple.
    provides = []

    #: The directory of the driver's Heat templates; None for drivers that
    #: do not use Heat.
    template_path = None

    # -- fast synchronous validation (API side) -------------------------------

    def validate_cluster_template(self, context, cluster_template):
        """Check that the driver can build clusters from a template.

        Called by the API before a template is stored or changed. It must
        be fast and must not create anything.

        :param context: the caller's request context.
        :param cluster_template: the template as it would be stored.
        :raises: magnum.common.exception.Invalid (or a subclass) naming
            what is wrong and how to fix it.
        """

    def validate_cluster(self, context, cluster, cluster_template):
        """Check that the driver can build or change a cluster.

        Called by the API before a create or update is accepted, with the
        values the cluster inherits from its template already filled in.

        :param context: the caller's request context.
        :param cluster: the cluster as it would be stored.
        :param cluster_template: the cluster's template.
        :raises: magnum.common.exception.Invalid (or a subclass) naming
            what is wrong and how to fix it.
        """

    def validate_master_size(self, node_count):
        """Check a requested number of control plane nodes.

        The default asks for an odd count of at least one, which etcd
        quorum needs.

        :param node_count: the requested master count.
        :raises: magnum.common.exception.MasterNGSizeInvalid when the count
            is even or below one.
        """
        if node_count < 1 or node_count % 2 == 0:
            raise exception.MasterNGSizeInvalid(requested_size=node_count)

    def labels_schema(self):
        """Describe the labels the driver understands.

        :returns: a JSON Schema (draft 7) dict the API validates a
            template's or cluster's labels against. The default accepts
            any object.
        """
        return {'type': 'object'}

    # -- cluster lifecycle ----------------------------------------------------

    @abc.abstractmethod
    def create_cluster(self, context, cluster, timeout):
        """Start building a cluster.

        :param context: the request context of the operation.
        :param cluster: the cluster, its nodegroups already stored.
        :param timeout: minutes the build may take before it counts as
            failed.
        :raises: magnum.common.exception.MagnumException (or a subclass)
            when the build cannot be started.
        """

    @abc.abstractmethod
    def update_cluster(self, context, cluster, rollback=False):
        """Apply the cluster's stored values (node counts, labels...).

        :param context: the request context of the operation.
        :param cluster: the cluster with its new values.
        :param rollback: whether the backend should roll back on failure.
        :raises: magnum.common.exception.MagnumException (or a subclass)
            when the update cannot be started.
        """

    @abc.abstractmethod
    def resize_cluster(self, context, cluster, node_count, nodes_to_remove,
                       nodegroup):
        """Change the size of one nodegroup.

        :param context: the request context of the operation.
        :param cluster: the cluster the nodegroup belongs to.
        :param node_count: the nodegroup's new node count.
        :param nodes_to_remove: on scale-down, ids or names of the nodes
            to remove first; may be empty.
        :param nodegroup: the nodegroup to resize.
        :raises: magnum.common.exception.MagnumException (or a subclass)
            when the resize cannot be started.
        """

    @abc.abstractmethod
    def delete_cluster(self, context, cluster):
        """Start deleting a cluster and everything the driver made for it.

        :param context: the request context of the operation.
        :param cluster: the cluster to delete.
        :raises: magnum.common.exception.MagnumException (or a subclass)
            when the delete cannot be started.
        """

    def pre_delete_cluster(self, context, cluster):
        """Clean up what the COE made outside the driver's control.

        Runs before :meth:`delete_cluster`, for example to delete the load
        balancers Kubernetes created for Services. The default does
        nothing.

        :param context: the request context of the operation.
        :param cluster: the cluster about to be deleted.
        :raises: magnum.common.exception.PreDeletionFailed when the clean
            up failed and deleting now would leave resources behind.
        """

    @abc.abstractmethod
    def observe_cluster(self, context, cluster):
        """Report the backend's view of a cluster.

        Must not change anything, neither the backend nor the cluster.

        :param context: an admin request context.
        :param cluster: the cluster to look at.
        :returns: an :class:`Observation`.
        :raises: magnum.common.exception.MagnumException (or a subclass)
            when the backend cannot be asked right now.
        """

    # Optional: a driver may also define
    #
    #     observe_clusters(self, context, clusters) -> {uuid: Observation}
    #
    # to observe many clusters with few backend calls (say one listing per
    # project). The conductor's status sync uses it when present and
    # otherwise calls observe_cluster for each cluster with bounded
    # concurrency (magnum.conductor.periodic.observe_clusters).

    # -- nodegroups -----------------------------------------------------------

    @abc.abstractmethod
    def create_nodegroup(self, context, cluster, nodegroup):
        """Start building a new nodegroup of a cluster.

        :param context: the request context of the operation.
        :param cluster: the cluster the nodegroup belongs to.
        :param nodegroup: the stored nodegroup.
        :raises: magnum.common.exception.MagnumException (or a subclass)
            when the build cannot be started.
        """

    @abc.abstractmethod
    def update_nodegroup(self, context, cluster, nodegroup):
        """Apply a nodegroup's stored values.

        :param context: the request context of the operation.
        :param cluster: the cluster the nodegroup belongs to.
        :param nodegroup: the nodegroup with its new values.
        :raises: magnum.common.exception.MagnumException (or a subclass)
            when the update cannot be started.
        """

    @abc.abstractmethod
    def delete_nodegroup(self, context, cluster, nodegroup):
        """Start deleting a nodegroup and its nodes.

        :param context: the request context of the operation.
        :param cluster: the cluster the nodegroup belongs to.
        :param nodegroup: the nodegroup to delete.
        :raises: magnum.common.exception.MagnumException (or a subclass)
            when the delete cannot be started.
        """

    # -- optional operations --------------------------------------------------

    def upgrade_cluster(self, context, cluster, cluster_template,
                        max_batch_size, nodegroup, rollback=False):
        """Move a nodegroup to the versions of another template.

        :param context: the request context of the operation.
        :param cluster: the cluster to upgrade.
        :param cluster_template: the template to upgrade to.
        :param max_batch_size: how many nodes may be replaced at once.
        :param nodegroup: the nodegroup to upgrade.
        :param rollback: whether the backend should roll back on failure.
        :raises: magnum.common.exception.NotSupported when the driver
            cannot upgrade clusters (the default).
        """
        raise exception.NotSupported(
            operation=self._operation_name('Upgrading a cluster'))

    def rotate_ca_certificate(self, context, cluster):
        """Push the cluster's newly generated CAs to its nodes.

        :param context: the request context of the operation.
        :param cluster: the cluster whose CAs were regenerated.
        :raises: magnum.common.exception.NotSupported when the driver
            cannot rotate CAs (the default).
        """
        raise exception.NotSupported(
            operation=self._operation_name('Rotating the CA certificate'))

    def rotate_credential(self, context, cluster):
        """Replace the cloud credentials the cluster uses.

        :param context: the request context of the operation.
        :param cluster: the cluster whose credentials are rotated.
        :raises: magnum.common.exception.CredentialRotationNotSupported
            when the driver cannot rotate credentials (the default).
        """
        raise exception.CredentialRotationNotSupported()

    def _operation_name(self, operation):
        if self.name:
            return '%s with the %s driver' % (operation, self.name)
        return operation
