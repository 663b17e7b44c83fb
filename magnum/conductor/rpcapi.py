"""The client side of the conductor's RPC API.

Asynchronous operations are casts that carry the uuid of a committed
``operation`` row (and of the cluster or nodegroup it is about), never
objects: the conductor reloads what it needs, and an operation whose cast
is lost is still found and run from the database. Calls are used only
where the API needs the answer (certificates).

Version history (bump the minor version for every compatible change,
note it here, and keep :data:`RPC_API_VERSION` equal to the server's in
:mod:`magnum.conductor.manager`):

* 1.0 - Initial version: ``ping_conductor``, ``create_cluster``,
  ``update_cluster``, ``delete_cluster``, ``resize_cluster``,
  ``upgrade_cluster``, ``create_nodegroup``, ``update_nodegroup``,
  ``delete_nodegroup``, ``rotate_ca_certificate``, ``rotate_credential``,
  ``get_ca_certificate``, ``sign_certificate``.
"""

import oslo_messaging as messaging

from magnum.common import rpc
import magnum.conf

CONF = magnum.conf.CONF

RPC_API_VERSION = '1.0'


class ConductorAPI:
    """Calls and casts to the conductors on ``[conductor] topic``."""

    def __init__(self, topic=None, timeout=None):
        target = messaging.Target(topic=topic or CONF.conductor.topic,
                                  version=RPC_API_VERSION)
        self._client = rpc.get_client(target, version_cap=RPC_API_VERSION,
                                      timeout=timeout)

    def _cast(self, context, method, **kwargs):
        self._client.prepare(version='1.0').cast(context, method, **kwargs)

    def _call(self, context, method, **kwargs):
        return self._client.prepare(version='1.0').call(
            context, method, **kwargs)

    def ping_conductor(self, context):
        """Ask any conductor whether it is alive.

        :returns: True when a conductor answered.
        :raises oslo_messaging.MessagingTimeout: when none did in time.
        """
        return self._call(context, 'ping_conductor')

    def create_cluster(self, context, cluster_uuid, operation_uuid):
        """Start building a cluster whose row and operation are committed.

        :param cluster_uuid: the cluster, in CREATE_IN_PROGRESS.
        :param operation_uuid: its pending ``create_cluster`` operation.
        """
        self._cast(context, 'create_cluster', cluster_uuid=cluster_uuid,
                   operation_uuid=operation_uuid)

    def update_cluster(self, context, cluster_uuid, operation_uuid):
        """Apply an update (node count, rollback flag in the params)."""
        self._cast(context, 'update_cluster', cluster_uuid=cluster_uuid,
                   operation_uuid=operation_uuid)

    def delete_cluster(self, context, cluster_uuid, operation_uuid):
        """Tear a cluster down and remove its credentials."""
        self._cast(context, 'delete_cluster', cluster_uuid=cluster_uuid,
                   operation_uuid=operation_uuid)

    def resize_cluster(self, context, cluster_uuid, operation_uuid):
        """Resize a nodegroup (count and nodes_to_remove in the params)."""
        self._cast(context, 'resize_cluster', cluster_uuid=cluster_uuid,
                   operation_uuid=operation_uuid)

    def upgrade_cluster(self, context, cluster_uuid, operation_uuid):
        """Upgrade a nodegroup to another template (in the params)."""
        self._cast(context, 'upgrade_cluster', cluster_uuid=cluster_uuid,
                   operation_uuid=operation_uuid)

    def create_nodegroup(self, context, cluster_uuid, nodegroup_uuid,
                         operation_uuid):
        """Build a nodegroup whose row is committed."""
        self._cast(context, 'create_nodegroup', cluster_uuid=cluster_uuid,
                   nodegroup_uuid=nodegroup_uuid,
                   operation_uuid=operation_uuid)

    def update_nodegroup(self, context, cluster_uuid, nodegroup_uuid,
                         operation_uuid):
        """Apply a nodegroup update."""
        self._cast(context, 'update_nodegroup', cluster_uuid=cluster_uuid,
                   nodegroup_uuid=nodegroup_uuid,
                   operation_uuid=operation_uuid)

    def delete_nodegroup(self, context, cluster_uuid, nodegroup_uuid,
                         operation_uuid):
        """Remove a nodegroup and its nodes."""
        self._cast(context, 'delete_nodegroup', cluster_uuid=cluster_uuid,
                   nodegroup_uuid=nodegroup_uuid,
                   operation_uuid=operation_uuid)

    def rotate_ca_certificate(self, context, cluster_uuid, operation_uuid):
        """Regenerate the cluster's CAs and push them to the cluster."""
        self._cast(context, 'rotate_ca_certificate',
                   cluster_uuid=cluster_uuid, operation_uuid=operation_uuid)

    def rotate_credential(self, context, cluster_uuid, operation_uuid):
        """Replace the credentials the cluster uses to reach the cloud."""
        self._cast(context, 'rotate_credential', cluster_uuid=cluster_uuid,
                   operation_uuid=operation_uuid)

    def get_ca_certificate(self, context, cluster_uuid, ca_cert_type=None):
        """Return the PEM of one of the cluster's CAs.

        :param ca_cert_type: ``etcd``, ``front_proxy`` or None for the
            main (Kubernetes) CA.
        :returns: the CA certificate, PEM text.
        """
        return self._call(context, 'get_ca_certificate',
                          cluster_uuid=cluster_uuid,
                          ca_cert_type=ca_cert_type)

    def sign_certificate(self, context, cluster_uuid, csr,
                         ca_cert_type=None):
        """Sign a CSR with one of the cluster's CAs.

        :returns: the signed certificate, PEM text.
        """
        return self._call(context, 'sign_certificate',
                          cluster_uuid=cluster_uuid, csr=csr,
                          ca_cert_type=ca_cert_type)
