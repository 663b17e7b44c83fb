"""The conductor's periodic work: operation takeover and status sync.

Both passes are safe to run on every conductor at once:

* :func:`take_over_operations` finds operations nobody runs (pending
  because their cast was lost, or running under an expired lease because
  their conductor died) and runs them; the claim inside
  :func:`magnum.conductor.operations.run` lets exactly one conductor win.
* :func:`sync_cluster_status` observes in-progress clusters. The live
  conductors (by heartbeat) form a hash ring and each one observes only
  the clusters the ring gives it, so a pass costs one observation per
  cluster across the whole deployment, not per conductor. Drivers may
  observe a batch at once (``observe_clusters``); otherwise observations
  run with bounded concurrency.

See doc/source/contributor/conductor.rst for the design.
"""

import bisect
import collections
import concurrent.futures
import datetime
import fcntl
import hashlib
import os
import tempfile

from oslo_log import log as logging
from oslo_utils import timeutils
import sqlalchemy as sa

from magnum.common import context as magnum_context
from magnum.conductor import operations
from magnum.conductor import states
from magnum.conductor import status
import magnum.conf
from magnum.db.api import common as db_common
from magnum.db import models
from magnum.drivers import registry
from magnum import objects

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)

BINARY = 'magnum-conductor'

# A cast normally reaches a conductor within milliseconds; a pending
# operation older than this lost its cast (or waits in a busy pool, in
# which case the claim settles who runs it).
PENDING_GRACE_SECONDS = 10

# Operations taken over per pass, so one pass stays short.
TAKEOVER_BATCH = 100

# Points per member on the ring: enough for an even spread over a
# handful of conductors.
RING_REPLICAS = 64


def _hash(value):
    return int.from_bytes(
        hashlib.sha256(value.encode('utf-8')).digest()[:8], 'big')


class HashRing:
    """A consistent hash ring: a key belongs to the next member point.

    When a member joins or leaves, only about 1/N of the keys move.
    """

    def __init__(self, members, replicas=RING_REPLICAS):
        self.members = sorted(set(members))
        points = []
        for member in self.members:
            for i in range(replicas):
                points.append((_hash('%s-%d' % (member, i)), member))
        points.sort()
        self._keys = [p[0] for p in points]
        self._owners = [p[1] for p in points]

    def owner(self, key):
        """Return the member that owns ``key``, or None for no members."""
        if not self._keys:
            return None
        index = bisect.bisect(self._keys, _hash(key)) % len(self._keys)
        return self._owners[index]


def live_conductors(context, host):
    """Return the hosts whose conductor heartbeat is recent, with ours.
    """
    hosts = {host}
    for service in objects.MagnumService.list(context):
        if (service.binary == BINARY and not service.disabled
                and service.is_up()):
            hosts.add(service.host)
    return hosts


class HostLock:
    """A non-blocking lock shared by the worker processes of one host.

    Workers started by one ``magnum-conductor`` share ``[DEFAULT] host``
    and so one share of the ring. The first worker to take this lock
    keeps it and observes; the others skip their passes until it dies
    (the kernel releases the lock with the process).
    """

    def __init__(self, host, name):
        safe = ''.join(c if c.isalnum() or c in '.-' else '_'
                       for c in host)
        self.path = os.path.join(tempfile.gettempdir(),
                                 'magnum-%s-%s.lock' % (name, safe))
        self._file = None

    def acquire(self):
        """Return True when this process holds the lock (now or before).
        """
        if self._file is not None:
            return True
        handle = open(self.path, 'a')
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self):
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def busy_cluster_ids(cluster_uuids):
    """Return the uuids among ``cluster_uuids`` with an unfinished
    operation (pending or running).

    Such a cluster is not observed: the backend still shows the end of
    the previous operation, which must not be read as the end of this
    one.
    """
    uuids = list(cluster_uuids)
    busy = set()
    model = models.Operation
    chunk = 500
    with db_common.reading() as session:
        for start in range(0, len(uuids), chunk):
            stmt = sa.select(model.cluster_id).where(
                model.cluster_id.in_(uuids[start:start + chunk]),
                model.state.in_(['pending', 'running'])).distinct()
            busy.update(session.execute(stmt).scalars())
    return busy


def observe_clusters(driver, context, clusters, max_concurrency=None):
    """Observe many clusters of one driver.

    Uses the driver's optional ``observe_clusters(context, clusters)``
    (one backend listing per project, say) when it has one; otherwise
    calls ``observe_cluster`` for each, at most ``max_concurrency`` at a
    time (``[conductor] max_concurrent_status_gets``).

    :returns: {cluster uuid: Observation}; clusters whose observation
        failed are left out (and logged).
    """
    bulk = getattr(driver, 'observe_clusters', None)
    if bulk is not None:
        try:
            return dict(bulk(context, clusters))
        except Exception:
            LOG.exception('Driver %s could not observe %d clusters',
                          driver.name, len(clusters))
            return {}
    max_concurrency = (max_concurrency
                       or CONF.conductor.max_concurrent_status_gets)

    def observe(cluster):
        try:
            return cluster.uuid, driver.observe_cluster(context, cluster)
        except Exception:
            LOG.exception('Could not observe cluster %s', cluster.uuid)
            return cluster.uuid, None

    if max_concurrency <= 1 or len(clusters) <= 1:
        results = map(observe, clusters)
        return {uuid: seen for uuid, seen in results if seen is not None}
    with concurrent.futures.ThreadPoolExecutor(max_concurrency) as pool:
        results = list(pool.map(observe, clusters))
    return {uuid: seen for uuid, seen in results if seen is not None}


def _attach_templates(context, clusters):
    """Load each template once for the pass, not once per cluster."""
    templates = {}
    for cluster in clusters:
        ident = cluster.cluster_template_id
        if ident not in templates:
            templates[ident] = objects.ClusterTemplate.get_by_uuid(
                context, ident)
        cluster.cluster_template = templates[ident]
        cluster.obj_reset_changes(['cluster_template'])


def _by_driver(context, clusters):
    groups = collections.defaultdict(list)
    drivers = {}
    _attach_templates(context, clusters)
    for cluster in clusters:
        try:
            driver = registry.get_driver_for_cluster(cluster)
        except Exception:
            LOG.exception('No driver for cluster %s; not observed.',
                          cluster.uuid)
            continue
        drivers[id(driver)] = driver
        groups[id(driver)].append(cluster)
    return [(drivers[key], group) for key, group in groups.items()]


def in_progress_clusters(context, host, members=None):
    """Return the in-progress clusters this conductor should observe.

    :param members: the live conductors; looked up when None.
    :returns: (clusters, total in progress).
    """
    clusters = objects.Cluster.list(
        context, filters={'status': sorted(states.IN_PROGRESS)})
    total = len(clusters)
    ring = HashRing(members if members is not None
                    else live_conductors(context, host))
    mine = [c for c in clusters if ring.owner(c.uuid) == host]
    busy = busy_cluster_ids(c.uuid for c in mine)
    mine = [c for c in mine if c.uuid not in busy]
    objects.Cluster.attach_nodegroups(context, mine)
    return mine, total


def sync_cluster_status(host, members=None):
    """Observe this conductor's share of in-progress clusters; record it.

    :param host: this conductor's ``[DEFAULT] host``.
    :param members: the live conductors (tests); looked up when None.
    :returns: a dict of counts: ``in_progress``, ``observed``,
        ``changed``.
    """
    context = magnum_context.make_admin_context(all_tenants=True)
    clusters, total = in_progress_clusters(context, host, members)
    observed = changed = 0
    for driver, group in _by_driver(context, clusters):
        seen = observe_clusters(driver, context, group)
        for cluster in group:
            observation = seen.get(cluster.uuid)
            if observation is None:
                continue
            observed += 1
            before = cluster.status
            try:
                after = status.apply_observation(context, cluster,
                                                 observation)
            except Exception:
                LOG.exception('Could not record the status of cluster %s',
                              cluster.uuid)
                continue
            if after != before:
                changed += 1
    return {'in_progress': total, 'observed': observed, 'changed': changed}


def claimable_operations(context, now=None):
    """Return operations to take over: pending past the grace period, or
    running under an expired lease.
    """
    now = now or timeutils.utcnow()
    grace = datetime.timedelta(seconds=PENDING_GRACE_SECONDS)
    found = []
    for operation in objects.Operation.list_claimable(
            context, now=now, limit=TAKEOVER_BATCH):
        created = operation.created_at
        if created is not None:
            created = timeutils.normalize_time(created)
        if (operation.state == 'pending' and created is not None
                and now - created < grace):
            continue
        found.append(operation)
    return found


def take_over_operations(submit, now=None):
    """Hand every operation nobody runs to ``submit``.

    :param submit: called as ``submit(context, operation_uuid)``; the
        manager queues the run on its worker pool.
    :returns: the uuids handed over.
    """
    context = magnum_context.make_admin_context(all_tenants=True)
    handed = []
    for operation in claimable_operations(context, now):
        LOG.info('Taking over %(name)s operation %(op)s (%(state)s, '
                 '%(n)d attempts so far)',
                 {'name': operation.name, 'op': operation.uuid,
                  'state': operation.state, 'n': operation.attempts})
        submit(operations.context_for_takeover(operation), operation.uuid)
        handed.append(operation.uuid)
    return handed
