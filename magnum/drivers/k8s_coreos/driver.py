"""The Kubernetes-on-VMs driver for Ignition-configured distributions."""

from magnum.common import exception
from magnum.drivers.heat import driver as heat_driver
from magnum.drivers.heat import render
from magnum.drivers.k8s_coreos import definition
from magnum.drivers.k8s_coreos import labels as k8s_labels
from magnum.i18n import _

NETWORK_DRIVERS = ('flannel', 'calico')
VOLUME_DRIVERS = ('cinder',)
DEVICEMAPPER_MIN_GB = 3


def _vm(distro):
    return {'server_type': 'vm', 'os': distro, 'coe': 'kubernetes'}


class Driver(heat_driver.HeatDriver):
    """Kubernetes on Fedora CoreOS, Flatcar or CoreOS virtual machines."""

    provides = [_vm('fedora-coreos'), _vm('flatcar'), _vm('coreos')]

    definition = definition.KubernetesDefinition()

    def labels_schema(self):
        return k8s_labels.SCHEMA

    def validate_cluster_template(self, context, cluster_template):
        super().validate_cluster_template(context, cluster_template)
        _check_template(cluster_template)

    def validate_cluster(self, context, cluster, cluster_template):
        super().validate_cluster(context, cluster, cluster_template)
        _check_template(cluster_template)
        size = render.docker_volume_size(cluster, cluster_template, None)
        _check_storage(cluster_template.docker_storage_driver, size)
        masters = _master_count(cluster)
        lb = cluster.master_lb_enabled
        if lb is None:
            lb = cluster_template.master_lb_enabled
        if masters > 1 and not lb:
            raise exception.InvalidParameterValue(
                err=_('A cluster with %d masters needs a load balancer in '
                      'front of their API; use a cluster template with '
                      'master_lb_enabled, or one master.') % masters)


def _master_count(cluster):
    try:
        return cluster.master_count or 0
    except (AttributeError, exception.MagnumException):
        return 0


def _check_template(cluster_template):
    network = cluster_template.network_driver
    if network and network not in NETWORK_DRIVERS:
        raise exception.InvalidParameterValue(
            err=_('network_driver %(value)s is not supported for '
                  'Kubernetes; use one of: %(allowed)s.')
            % {'value': network, 'allowed': ', '.join(NETWORK_DRIVERS)})
    volume = cluster_template.volume_driver
    if volume and volume not in VOLUME_DRIVERS:
        raise exception.InvalidParameterValue(
            err=_('volume_driver %(value)s is not supported for '
                  'Kubernetes; use cinder or leave it unset.')
            % {'value': volume})
    _check_storage(cluster_template.docker_storage_driver,
                   cluster_template.docker_volume_size or 0)


def _check_storage(storage_driver, size):
    if storage_driver == 'devicemapper' and size < DEVICEMAPPER_MIN_GB:
        raise exception.InvalidParameterValue(
            err=_('docker_storage_driver devicemapper needs '
                  'docker_volume_size of at least %d GB; set it or use '
                  'overlay2.') % DEVICEMAPPER_MIN_GB)
