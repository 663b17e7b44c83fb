"""Bind every port to every segment, as if an agent had wired it.

The local cloud runs Neutron without agents and Nova with the fake compute
driver, so nothing plugs a port in.  Without a binding Nova's boot fails
with PortBindingFailed; this driver claims each port for the first segment
offered and reports it ACTIVE.
"""

from neutron_lib.api.definitions import portbindings
from neutron_lib.plugins.ml2 import api


class NoopBindDriver(api.MechanismDriver):
    """Mechanism driver ``noop_bind``: binds ports, does nothing else."""

    def initialize(self):
        """Nothing to set up."""

    def bind_port(self, context):
        """Bind the port to the first segment offered, status ACTIVE."""
        for segment in context.segments_to_bind:
            context.set_binding(segment[api.ID], portbindings.VIF_TYPE_OVS,
                                {portbindings.CAP_PORT_FILTER: False},
                                status='ACTIVE')
            return
