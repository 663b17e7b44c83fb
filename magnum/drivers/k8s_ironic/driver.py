"""Kubernetes on bare metal: Fedora CoreOS or Flatcar on Ironic nodes,
booted through Nova with a bare-metal flavor.

Choices (see the release note):

* The nodes join an existing Neutron network, the cluster's or its
  template's ``fixed_network`` (and ``fixed_subnet``), which must be one
  Ironic can deploy to (a flat provider network, or a tenant network when
  Ironic's ``neutron`` network interface moves nodes off its provisioning
  network). Magnum makes no private network for bare metal: Ironic could
  not deploy nodes onto it.
* No Cinder volumes: docker_volume_size, etcd_volume_size and
  boot_volume_size are refused with a 400; containers and etcd use the
  node's disks.
* Server groups use the strict ``anti-affinity`` policy, never a soft
  one, whatever ``[cluster] nodes_affinity_policy`` says.
"""

from magnum.common import exception
from magnum.drivers.heat import driver as heat_driver
from magnum.drivers.heat import render
from magnum.drivers.heat import template_checks
from magnum.drivers.k8s_coreos import driver as vm_driver
from magnum.drivers.k8s_ironic import definition
from magnum.drivers.k8s_ironic import labels as bm_labels
from magnum.i18n import _

NETWORK_DRIVERS = ('flannel', 'calico')
SIZE_LABELS = ('etcd_volume_size', 'boot_volume_size')


def _bm(distro):
    return {'server_type': 'bm', 'os': distro, 'coe': 'kubernetes'}


class Driver(heat_driver.HeatDriver):
    """Kubernetes on Fedora CoreOS or Flatcar bare-metal servers."""

    provides = [_bm('fedora-coreos'), _bm('flatcar')]

    definition = definition.BareMetalDefinition()
    network_drivers = NETWORK_DRIVERS
    network_driver_refused = vm_driver.NETWORK_DRIVER_REFUSED
    # Ironic nodes attach no Cinder volumes, so no volume driver works.
    volume_drivers = ()
    volume_driver_refused = _('volume_driver %(value)s is not supported on '
                              'bare metal (server_type bm): Ironic nodes get '
                              'no Cinder volumes; unset it.')

    def labels_schema(self):
        return bm_labels.SCHEMA

    def validate_cluster_template(self, context, cluster_template):
        super().validate_cluster_template(context, cluster_template)
        check_no_volumes(cluster_template.docker_volume_size,
                         cluster_template.labels or {})

    def validate_cluster(self, context, cluster, cluster_template):
        super().validate_cluster(context, cluster, cluster_template)
        labels = render.merged_labels(cluster, cluster_template)
        check_no_volumes(
            render.docker_volume_size(cluster, cluster_template, None),
            labels)
        if not (cluster.fixed_network or cluster_template.fixed_network):
            raise exception.InvalidParameterValue(
                err=_('Bare-metal clusters need an existing network that '
                      'Ironic can deploy nodes to; set fixed_network (and '
                      'fixed_subnet) on the cluster or its template.'))
        template_checks.check_master_lb(
            cluster, cluster_template,
            getattr(cluster, 'master_count', None) or 0)

    def create_nodegroup(self, context, cluster, nodegroup):
        check_no_volumes(getattr(nodegroup, 'docker_volume_size', None),
                         {})
        return super().create_nodegroup(context, cluster, nodegroup)


def check_no_volumes(docker_volume_size, labels):
    """Refuse Cinder volumes, which bare-metal nodes cannot attach.

    :raises: InvalidParameterValue (400) naming the setting to remove.
    """
    asked = []
    if int(docker_volume_size or 0) > 0:
        asked.append('docker_volume_size')
    for name in SIZE_LABELS:
        try:
            if int(labels.get(name) or 0) > 0:
                asked.append(name)
        except ValueError:
            asked.append(name)
    if asked:
        raise exception.InvalidParameterValue(
            err=_('Bare-metal nodes (server_type bm) cannot attach Cinder '
                  'volumes; remove %s, containers and etcd then use the '
                  'node\'s own disks.') % ', '.join(asked))
