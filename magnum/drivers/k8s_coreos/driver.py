"""The Kubernetes-on-VMs driver for Ignition-configured distributions."""

from magnum.common import exception
from magnum.drivers.heat import driver as heat_driver
from magnum.drivers.heat import render
from magnum.drivers.heat import template_checks
from magnum.drivers.k8s_coreos import definition
from magnum.drivers.k8s_coreos import labels as k8s_labels
from magnum.i18n import _

NETWORK_DRIVERS = ('flannel', 'calico')
VOLUME_DRIVERS = ('cinder',)
DEVICEMAPPER_MIN_GB = 3
#: The error of a network driver Kubernetes cannot use (the bare-metal
#: driver's too).
NETWORK_DRIVER_REFUSED = _('network_driver %(value)s is not supported for '
                           'Kubernetes; use one of: %(allowed)s.')


def _vm(distro):
    return {'server_type': 'vm', 'os': distro, 'coe': 'kubernetes'}


class Driver(heat_driver.HeatDriver):
    """Kubernetes on Fedora CoreOS, Flatcar or CoreOS virtual machines."""

    provides = [_vm('fedora-coreos'), _vm('flatcar'), _vm('coreos')]

    definition = definition.KubernetesDefinition()
    network_drivers = NETWORK_DRIVERS
    network_driver_refused = NETWORK_DRIVER_REFUSED
    volume_drivers = VOLUME_DRIVERS
    volume_driver_refused = _('volume_driver %(value)s is not supported for '
                              'Kubernetes; use cinder or leave it unset.')

    def labels_schema(self):
        return k8s_labels.SCHEMA

    def check_template(self, cluster_template):
        super().check_template(cluster_template)
        _check_storage(cluster_template.docker_storage_driver,
                       cluster_template.docker_volume_size or 0)

    def validate_cluster(self, context, cluster, cluster_template):
        super().validate_cluster(context, cluster, cluster_template)
        size = render.docker_volume_size(cluster, cluster_template, None)
        _check_storage(cluster_template.docker_storage_driver, size)
        template_checks.check_master_lb(cluster, cluster_template,
                                        _master_count(cluster))


def _master_count(cluster):
    try:
        return cluster.master_count or 0
    except (AttributeError, exception.MagnumException):
        return 0


def _check_storage(storage_driver, size):
    if storage_driver == 'devicemapper' and size < DEVICEMAPPER_MIN_GB:
        raise exception.InvalidParameterValue(
            err=_('docker_storage_driver devicemapper needs '
                  'docker_volume_size of at least %d GB; set it or use '
                  'overlay2.') % DEVICEMAPPER_MIN_GB)
