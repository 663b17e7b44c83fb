"""The server side of the conductor's RPC API (the endpoint).

It stays thin. Asynchronous operations are queued on a pool of worker
threads and run by :func:`magnum.conductor.operations.run`, so the RPC
executor is never held for the length of a driver call; certificate
calls answer directly. Its version must equal
:data:`magnum.conductor.rpcapi.RPC_API_VERSION`.
"""

import concurrent.futures
import threading

from oslo_log import log as logging
import oslo_messaging as messaging

from magnum.common import context as magnum_context
from magnum.conductor.handlers import credentials
from magnum.conductor import operations
from magnum import objects

LOG = logging.getLogger(__name__)

RPC_API_VERSION = '1.0'

# Operations this process runs at once; more wait in the pool's queue
# (their rows stay pending, so nothing is lost if the process dies).
WORKER_THREADS = 16


class ConductorManager:
    """RPC endpoint of magnum-conductor."""

    target = messaging.Target(version=RPC_API_VERSION)

    def __init__(self, host, max_workers=WORKER_THREADS):
        self.host = host
        self.owner = operations.owner_name(host)
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers, thread_name_prefix='conductor-op')
        self._lock = threading.Lock()
        self._queued = {}

    # -- plumbing ---------------------------------------------------------

    def submit(self, context, operation_uuid):
        """Queue a run of an operation unless one is queued already.

        :param context: the request context to run it with.
        :param operation_uuid: the operation.
        :returns: the future of the run (an existing one if queued).
        """
        with self._lock:
            future = self._queued.get(operation_uuid)
            if future is not None:
                return future
            future = self._pool.submit(self._run, context, operation_uuid)
            self._queued[operation_uuid] = future
            return future

    def _run(self, context, operation_uuid):
        try:
            return operations.run(context, operation_uuid, self.owner)
        except Exception:
            LOG.exception('Operation %s stopped with an error; it will be '
                          'taken over when its lease expires.',
                          operation_uuid)
        finally:
            with self._lock:
                self._queued.pop(operation_uuid, None)

    def stop(self, wait=True):
        """Stop taking work; finish (``wait``) or drop what is queued.

        Dropped operations stay pending in the database and are taken
        over later.
        """
        self._pool.shutdown(wait=wait, cancel_futures=not wait)

    # -- the RPC API ------------------------------------------------------

    def ping_conductor(self, context):
        """Answer that this conductor is alive.

        :param context: the request context.
        :returns: True.
        """
        return True

    def create_cluster(self, context, cluster_uuid, operation_uuid):
        """Run a create_cluster operation.

        :param context: the request context.
        :param cluster_uuid: the cluster, in CREATE_IN_PROGRESS.
        :param operation_uuid: its pending create_cluster operation.
        """
        self.submit(context, operation_uuid)

    def update_cluster(self, context, cluster_uuid, operation_uuid):
        """Run an update_cluster operation.

        :param context: the request context.
        :param cluster_uuid: the cluster, in UPDATE_IN_PROGRESS.
        :param operation_uuid: the operation (node_count, rollback).
        """
        self.submit(context, operation_uuid)

    def delete_cluster(self, context, cluster_uuid, operation_uuid):
        """Run a delete_cluster operation.

        :param context: the request context.
        :param cluster_uuid: the cluster, in DELETE_IN_PROGRESS.
        :param operation_uuid: the operation.
        """
        self.submit(context, operation_uuid)

    def resize_cluster(self, context, cluster_uuid, operation_uuid):
        """Run a resize_cluster operation.

        :param context: the request context.
        :param cluster_uuid: the cluster, in UPDATE_IN_PROGRESS.
        :param operation_uuid: the operation (node_count,
            nodes_to_remove).
        """
        self.submit(context, operation_uuid)

    def upgrade_cluster(self, context, cluster_uuid, operation_uuid):
        """Run an upgrade_cluster operation.

        :param context: the request context.
        :param cluster_uuid: the cluster, in UPDATE_IN_PROGRESS.
        :param operation_uuid: the operation (cluster_template_id,
            max_batch_size).
        """
        self.submit(context, operation_uuid)

    def create_nodegroup(self, context, cluster_uuid, nodegroup_uuid,
                         operation_uuid):
        """Run a create_nodegroup operation.

        :param context: the request context.
        :param cluster_uuid: the cluster, in UPDATE_IN_PROGRESS.
        :param nodegroup_uuid: the new nodegroup, in CREATE_IN_PROGRESS.
        :param operation_uuid: the operation.
        """
        self.submit(context, operation_uuid)

    def update_nodegroup(self, context, cluster_uuid, nodegroup_uuid,
                         operation_uuid):
        """Run an update_nodegroup operation.

        :param context: the request context.
        :param cluster_uuid: the cluster, in UPDATE_IN_PROGRESS.
        :param nodegroup_uuid: the nodegroup, in UPDATE_IN_PROGRESS.
        :param operation_uuid: the operation.
        """
        self.submit(context, operation_uuid)

    def delete_nodegroup(self, context, cluster_uuid, nodegroup_uuid,
                         operation_uuid):
        """Run a delete_nodegroup operation.

        :param context: the request context.
        :param cluster_uuid: the cluster, in UPDATE_IN_PROGRESS.
        :param nodegroup_uuid: the nodegroup, in DELETE_IN_PROGRESS.
        :param operation_uuid: the operation.
        """
        self.submit(context, operation_uuid)

    def rotate_ca_certificate(self, context, cluster_uuid, operation_uuid):
        """Run a rotate_ca_certificate operation.

        :param context: the request context.
        :param cluster_uuid: the cluster, in UPDATE_IN_PROGRESS.
        :param operation_uuid: the operation.
        """
        self.submit(context, operation_uuid)

    def rotate_credential(self, context, cluster_uuid, operation_uuid):
        """Run a rotate_credential operation.

        :param context: the request context.
        :param cluster_uuid: the cluster, in UPDATE_IN_PROGRESS.
        :param operation_uuid: the operation.
        """
        self.submit(context, operation_uuid)

    def get_ca_certificate(self, context, cluster_uuid, ca_cert_type=None):
        """Return the PEM of one of the cluster's CAs.

        :param context: the request context.
        :param cluster_uuid: the cluster.
        :param ca_cert_type: ``etcd``, ``front_proxy`` or None for the
            main (Kubernetes) CA.
        :returns: the CA certificate, PEM text.
        :raises: ClusterNotFound
        """
        cluster = self._load_cluster(cluster_uuid)
        return credentials.get_ca_certificate(context, cluster,
                                              ca_cert_type)

    def sign_certificate(self, context, cluster_uuid, csr,
                         ca_cert_type=None):
        """Sign a CSR with one of the cluster's CAs.

        :param context: the request context.
        :param cluster_uuid: the cluster.
        :param csr: the certificate signing request, PEM text.
        :param ca_cert_type: as for :meth:`get_ca_certificate`.
        :returns: the signed certificate, PEM text.
        :raises: ClusterNotFound, and the certificate module's errors
            for a refused CSR.
        """
        cluster = self._load_cluster(cluster_uuid)
        return credentials.sign_certificate(context, cluster, csr,
                                            ca_cert_type)

    @staticmethod
    def _load_cluster(cluster_uuid):
        # The API checked the caller may see the cluster; the conductor
        # reads it whatever project it belongs to.
        admin = magnum_context.make_admin_context(all_tenants=True)
        return objects.Cluster.get_by_uuid(admin, cluster_uuid)
