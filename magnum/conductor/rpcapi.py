"""The client side of the conductor's RPC API.

Version history (bump the minor version for every compatible change,
document it here, and update :data:`RPC_API_VERSION` together with the
server in :mod:`magnum.conductor.manager`):

* 1.0 - Initial version: ``ping_conductor``.
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

    def ping_conductor(self, context):
        """Ask any conductor whether it is alive.

        :param context: the request context.
        :returns: True when a conductor answered.
        :raises oslo_messaging.MessagingTimeout: when none did in time.
        """
        return self._client.prepare(version='1.0').call(
            context, 'ping_conductor')
