"""The magnum-conductor service: RPC server, heartbeat, periodic work."""

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_service import service

from magnum.common import context
from magnum.common import rpc
from magnum.conductor import manager
import magnum.conf
from magnum import objects

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)

BINARY = 'magnum-conductor'


class ConductorService(service.Service):
    """Serve the conductor RPC API and report a heartbeat."""

    def __init__(self, host=None, topic=None):
        super().__init__()
        self.host = host or CONF.host
        self.topic = topic or CONF.conductor.topic
        self.manager = manager.ConductorManager(self.host)
        self.rpcserver = None

    def start(self):
        """Start serving RPC and schedule the heartbeat."""
        super().start()
        target = messaging.Target(topic=self.topic, server=self.host)
        self.rpcserver = rpc.get_server(target, [self.manager])
        self.rpcserver.start()
        self.report_state()
        interval = max(1, CONF.service_down_time // 6)
        self.tg.add_timer(interval, self.report_state, interval)
        LOG.info('magnum-conductor %s serving topic %s', self.host,
                 self.topic)

    def report_state(self):
        """Record that this conductor is alive (its heartbeat)."""
        try:
            objects.MagnumService.report_state_up(
                context.make_admin_context(), self.host, BINARY)
        except Exception:
            # A database hiccup must not kill the conductor; the next
            # beat retries, and the service shows down meanwhile.
            LOG.exception('Could not record the heartbeat of %s', self.host)

    def stop(self, graceful=True):
        """Stop the RPC server and the periodic work."""
        if self.rpcserver is not None:
            self.rpcserver.stop()
            self.rpcserver.wait()
        super().stop(graceful=graceful)
