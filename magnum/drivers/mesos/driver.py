"""The Mesos driver: Mesos masters with Marathon and ZooKeeper, and Mesos
slaves, on Ubuntu virtual machines.
"""

from magnum.common import exception
from magnum.drivers.heat import driver as heat_driver
from magnum.drivers.heat import observe as heat_observe
from magnum.drivers.mesos import definition
from magnum.drivers.mesos import labels as mesos_labels
from magnum.i18n import _

NETWORK_DRIVERS = ('docker',)
VOLUME_DRIVERS = ('rexray',)

#: Where the templates put addresses; the API is the Mesos master's, plain
#: HTTP whether or not the template asks for TLS (Marathon: port 8080).
MESOS_OUTPUTS = heat_observe.CoeOutputs(
    masters=('mesos_masters', 'mesos_masters_private'),
    workers=('mesos_slaves', 'mesos_slaves_private'),
    tls_url='http://%%s:%d' % definition.API_PORT,
    insecure_url='http://%%s:%d' % definition.API_PORT)


class Driver(heat_driver.HeatDriver):
    """Mesos and Marathon on Ubuntu virtual machines."""

    provides = [{'server_type': 'vm', 'os': 'ubuntu', 'coe': 'mesos'}]

    definition = definition.MesosDefinition()
    coe_outputs = MESOS_OUTPUTS
    network_drivers = NETWORK_DRIVERS
    network_driver_refused = _('network_driver %(value)s is not supported '
                               'for Mesos; use docker or leave it unset.')
    volume_drivers = VOLUME_DRIVERS
    volume_driver_refused = _('volume_driver %(value)s is not supported for '
                              'Mesos; use rexray or leave it unset.')

    def labels_schema(self):
        return mesos_labels.SCHEMA

    def create_nodegroup(self, context, cluster, nodegroup):
        raise exception.NotSupported(
            operation=_('Adding nodegroups to a Mesos cluster'))

    def upgrade_cluster(self, context, cluster, cluster_template,
                        max_batch_size, nodegroup, rollback=False):
        raise exception.NotSupported(
            operation=_('Upgrading a Mesos cluster'))

    def rotate_ca_certificate(self, context, cluster):
        raise exception.NotSupported(
            operation=_('Rotating the CA of a Mesos cluster (its APIs do '
                        'not use the cluster CA)'))
