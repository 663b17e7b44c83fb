"""magnum's versioned objects.

``from magnum import objects`` gives ``objects.Cluster``,
``objects.ClusterTemplate``, ... Importing the package registers every
class; :func:`register_all` is there for entry points that want to say so.
"""

from magnum.objects import cluster
from magnum.objects import cluster_template
from magnum.objects import magnum_service
from magnum.objects import nodegroup
from magnum.objects import operation
from magnum.objects import quota
from magnum.objects import x509keypair

Cluster = cluster.Cluster
ClusterTemplate = cluster_template.ClusterTemplate
MagnumService = magnum_service.MagnumService
NodeGroup = nodegroup.NodeGroup
Operation = operation.Operation
Quota = quota.Quota
X509KeyPair = x509keypair.X509KeyPair

__all__ = ('Cluster', 'ClusterTemplate', 'MagnumService', 'NodeGroup',
           'Operation', 'Quota', 'X509KeyPair', 'register_all')


def register_all():
    """Make sure every object class is registered.

    The classes register themselves when their modules are imported,
    which importing this package already did; this returns their names.
    """
    return sorted(__all__[:-1])
