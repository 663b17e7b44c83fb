"""The server side of the conductor's RPC API (the endpoint).

It stays thin: it loads what a request names and hands the work to the
modules that own it. Its version must equal
:data:`magnum.conductor.rpcapi.RPC_API_VERSION`.
"""

import oslo_messaging as messaging

RPC_API_VERSION = '1.0'


class ConductorManager:
    """RPC endpoint of magnum-conductor."""

    target = messaging.Target(version=RPC_API_VERSION)

    def __init__(self, host):
        self.host = host

    def ping_conductor(self, context):
        """Answer that this conductor is alive.

        :param context: the request context.
        :returns: True.
        """
        return True
