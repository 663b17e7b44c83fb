"""The magnum-conductor service: RPC server, heartbeat, periodic work."""

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_service import service

from magnum.common import context
from magnum.common import rpc
from magnum.conductor import manager
from magnum.conductor import periodic
import magnum.conf
from magnum import objects

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)

BINARY = periodic.BINARY


class ConductorService(service.Service):
    """Serve the conductor RPC API, report a heartbeat, run periodic work.
    """

    def __init__(self, host=None, topic=None):
        super().__init__()
        self.host = host or CONF.host
        self.topic = topic or CONF.conductor.topic
        self.manager = manager.ConductorManager(self.host)
        self.rpcserver = None
        self._sync_lock = periodic.HostLock(self.host, 'status-sync')

    def start(self):
        """Start serving RPC and schedule the heartbeat and periodic work.
        """
        super().start()
        target = messaging.Target(topic=self.topic, server=self.host)
        self.rpcserver = rpc.get_server(target, [self.manager])
        self.rpcserver.start()
        self.report_state()
        interval = max(1, CONF.service_down_time // 6)
        self.tg.add_timer(interval, self.report_state, interval)
        if CONF.periodic_enable:
            sync = CONF.conductor.status_sync_interval
            self.tg.add_timer(sync, self.take_over_operations, 0)
            self.tg.add_timer(sync, self.sync_cluster_status, sync)
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

    def take_over_operations(self):
        """Run operations whose cast was lost or whose conductor died."""
        try:
            periodic.take_over_operations(self.manager.submit)
        except Exception:
            # A failed pass must not stop the timer; the next one retries.
            LOG.exception('The operation takeover pass failed')

    def sync_cluster_status(self):
        """Observe this conductor's share of in-progress clusters."""
        if not self._sync_lock.acquire():
            LOG.debug('Another worker on %s runs the status sync.',
                      self.host)
            return
        try:
            counts = periodic.sync_cluster_status(self.host)
            LOG.debug('Status sync: %s', counts)
        except Exception:
            LOG.exception('The status sync pass failed')

    def stop(self, graceful=True):
        """Stop the RPC server, the periodic work and the worker pool."""
        if self.rpcserver is not None:
            self.rpcserver.stop()
            self.rpcserver.wait()
        super().stop(graceful=graceful)
        self.manager.stop(wait=graceful)
        self._sync_lock.release()
