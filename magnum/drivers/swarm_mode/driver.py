"""The Docker Swarm mode driver: managers and workers on Fedora CoreOS
virtual machines.

The ``swarm`` COE of older clients is mapped to ``swarm-mode`` by the
API, so this driver serves both.
"""

from magnum.common import exception
from magnum.drivers.heat import driver as heat_driver
from magnum.drivers.heat import observe as heat_observe
from magnum.drivers.swarm_mode import definition
from magnum.drivers.swarm_mode import labels as swarm_labels
from magnum.i18n import _

NETWORK_DRIVERS = ('docker', 'flannel')
VOLUME_DRIVERS = ('cinder', 'rexray')

#: Where the templates put addresses; the API is Docker's (tcp://).
SWARM_OUTPUTS = heat_observe.CoeOutputs(
    masters=('swarm_masters', 'swarm_masters_private'),
    workers=('swarm_nodes', 'swarm_nodes_private'),
    tls_url='tcp://%%s:%d' % definition.TLS_PORT,
    insecure_url='tcp://%%s:%d' % definition.INSECURE_PORT)


class Driver(heat_driver.HeatDriver):
    """Docker Swarm mode on Fedora CoreOS virtual machines."""

    provides = [{'server_type': 'vm', 'os': 'fedora-coreos',
                 'coe': 'swarm-mode'}]

    definition = definition.SwarmDefinition()
    coe_outputs = SWARM_OUTPUTS
    network_drivers = NETWORK_DRIVERS
    network_driver_refused = _('network_driver %(value)s is not supported '
                               'for Swarm mode; use one of: %(allowed)s.')
    volume_drivers = VOLUME_DRIVERS
    volume_driver_refused = _('volume_driver %(value)s is not supported for '
                              'Swarm mode; use one of: %(allowed)s, or '
                              'leave it unset.')

    def labels_schema(self):
        return swarm_labels.SCHEMA

    def create_nodegroup(self, context, cluster, nodegroup):
        raise exception.NotSupported(
            operation=_('Adding nodegroups to a Swarm mode cluster'))

    def upgrade_cluster(self, context, cluster, cluster_template,
                        max_batch_size, nodegroup, rollback=False):
        raise exception.NotSupported(
            operation=_('Upgrading a Swarm mode cluster'))
