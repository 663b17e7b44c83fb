"""A cluster driver that only pretends, for tests and local development.

It keeps an in-memory record per cluster uuid, shared by every instance in
the process, and never does I/O. Every operation starts "in progress"; the
next call to :meth:`FakeDriver.observe_cluster` reports it finished, with
made-up addresses from the documentation ranges (RFC 5737).

Two labels steer it (cluster labels, and nodegroup labels for nodegroup
operations):

``fake_fail``
    Comma-separated operation names that end ``*_FAILED``: ``create``,
    ``update``, ``resize``, ``upgrade``, ``delete``, ``create_nodegroup``,
    ``update_nodegroup``, ``delete_nodegroup``, ``rotate_ca_certificate``,
    ``rotate_credential``. ``validate`` makes validation reject the
    cluster or template and ``pre_delete`` makes ``pre_delete_cluster``
    raise.
``fake_steps``
    How many observations report ``*_IN_PROGRESS`` before the operation
    finishes (default 0).

The records live in the process, so a conductor that restarts forgets
them, and a conductor observing a cluster another process created does
not know it. When the environment variable ``MAGNUM_FAKE_DRIVER_STATE``
names a file, the records live in that file instead (JSON, locked with
``flock`` around every call), shared by every process that sets it: this
is how several conductor processes (or workers) share one pretend cloud,
as real ones share Heat.
"""

import contextlib
import copy
import dataclasses
import fcntl
import json
import os
import threading

from magnum.common import exception
from magnum.drivers import base

STATE_ENV = 'MAGNUM_FAKE_DRIVER_STATE'

MASTER_NET = '192.0.2.'
WORKER_NET = '198.51.100.'
API_PORT = 6443

# Cluster operation -> the status prefix it reports, as Heat-backed
# clusters do (resize and upgrade show UPDATE_*).
_CLUSTER_STATUS = {
    'create': 'CREATE',
    'update': 'UPDATE',
    'resize': 'UPDATE',
    'upgrade': 'UPDATE',
    'rotate_ca_certificate': 'UPDATE',
    'rotate_credential': 'UPDATE',
    'create_nodegroup': 'UPDATE',
    'update_nodegroup': 'UPDATE',
    'delete_nodegroup': 'UPDATE',
    'delete': 'DELETE',
}


@dataclasses.dataclass
class FakeNodeGroup:
    """The fake's record of one nodegroup."""

    role: str
    node_count: int
    operation: str | None = None


@dataclasses.dataclass
class FakeCluster:
    """The fake's record of one cluster."""

    operation: str
    steps_left: int = 0
    failure: str | None = None
    nodegroups: dict = dataclasses.field(default_factory=dict)
    calls: list = dataclasses.field(default_factory=list)
    nodes_removed: list = dataclasses.field(default_factory=list)
    cluster_template_id: str | None = None
    ca_rotations: int = 0
    credential_rotations: int = 0
    pre_deleted: bool = False


def _labels(*owners):
    labels = {}
    for owner in owners:
        labels.update(getattr(owner, 'labels', None) or {})
    return labels


def _fail_list(labels):
    return {v.strip() for v in labels.get('fake_fail', '').split(',')
            if v.strip()}


def _nodegroups_of(cluster):
    """Return {key: FakeNodeGroup} for the cluster's nodegroups.

    Clusters without nodegroup objects get two unnamed groups from their
    master and node counts; their keys start with ``_`` and are never
    reported as nodegroups.
    """
    ngs = getattr(cluster, 'nodegroups', None) or []
    if ngs:
        return {ng.uuid: FakeNodeGroup(role=ng.role,
                                       node_count=ng.node_count)
                for ng in ngs}
    return {
        '_master': FakeNodeGroup('master',
                                 getattr(cluster, 'master_count', 1) or 1),
        '_worker': FakeNodeGroup('worker',
                                 getattr(cluster, 'node_count', 1) or 0),
    }


def _dump_records(clusters):
    return json.dumps({uuid: dataclasses.asdict(record)
                       for uuid, record in clusters.items()})


def _load_records(text):
    clusters = {}
    for uuid, values in (json.loads(text) if text else {}).items():
        values['nodegroups'] = {key: FakeNodeGroup(**ng) for key, ng
                                in values['nodegroups'].items()}
        clusters[uuid] = FakeCluster(**values)
    return clusters


class _RecordsLock:
    """The lock around the records: a re-entrant thread lock and, with
    ``MAGNUM_FAKE_DRIVER_STATE`` set, an exclusive ``flock`` on that file,
    whose records replace the in-memory ones on entry and are written
    back on exit.
    """

    def __init__(self, clusters):
        self._clusters = clusters
        self._lock = threading.RLock()
        self._depth = 0
        self._file = None

    def __enter__(self):
        self._lock.acquire()
        self._depth += 1
        if self._depth == 1:
            try:
                self._open_shared()
            except Exception:
                self._depth -= 1
                self._lock.release()
                raise
        return self

    def __exit__(self, *exc_info):
        try:
            if self._depth == 1 and self._file is not None:
                with contextlib.closing(self._file) as handle:
                    self._file = None
                    handle.seek(0)
                    handle.truncate()
                    handle.write(_dump_records(self._clusters).encode())
                    handle.flush()
        finally:
            self._depth -= 1
            self._lock.release()
        return False

    def _open_shared(self):
        path = os.environ.get(STATE_ENV)
        if not path:
            return
        handle = open(os.open(path, os.O_RDWR | os.O_CREAT, 0o600), 'r+b')
        try:
            # Closing the file releases the lock.
            fcntl.flock(handle, fcntl.LOCK_EX)
            records = _load_records(handle.read().decode())
        except Exception:
            handle.close()
            raise
        self._clusters.clear()
        self._clusters.update(records)
        self._file = handle


class FakeDriver(base.Driver):
    """A driver for tests: instant, in-memory, scriptable by labels."""

    provides = [
        {'server_type': 'vm', 'os': 'fake', 'coe': 'kubernetes'},
        {'server_type': 'bm', 'os': 'fake', 'coe': 'kubernetes'},
    ]

    _clusters = {}
    _lock = _RecordsLock(_clusters)

    # -- helpers for tests ----------------------------------------------------

    @classmethod
    def reset(cls):
        """Forget every cluster."""
        with cls._lock:
            cls._clusters.clear()

    @classmethod
    def get_record(cls, cluster_uuid):
        """Return a copy of the record of a cluster, or None."""
        with cls._lock:
            return copy.deepcopy(cls._clusters.get(cluster_uuid))

    # -- validation -----------------------------------------------------------

    def labels_schema(self):
        return {
            'type': 'object',
            'properties': {
                'fake_fail': {'type': 'string'},
                'fake_steps': {'type': 'string', 'pattern': '^[0-9]+$'},
            },
        }

    def validate_cluster_template(self, context, cluster_template):
        self._check_valid(cluster_template)

    def validate_cluster(self, context, cluster, cluster_template):
        self._check_valid(cluster)

    def _check_valid(self, owner):
        if 'validate' in _fail_list(_labels(owner)):
            raise exception.InvalidParameterValue(
                err='The fake driver rejects this as asked by the label '
                    'fake_fail=validate; remove that label.')

    # -- operations -----------------------------------------------------------

    def create_cluster(self, context, cluster, timeout):
        with self._lock:
            record = FakeCluster(operation='create',
                                 nodegroups=_nodegroups_of(cluster),
                                 cluster_template_id=getattr(
                                     cluster, 'cluster_template_id', None))
            self._clusters[cluster.uuid] = record
            self._start(record, 'create', cluster)

    def update_cluster(self, context, cluster, rollback=False):
        with self._lock:
            record = self._record(cluster)
            counts = _nodegroups_of(cluster)
            for key, ng in counts.items():
                if key in record.nodegroups:
                    record.nodegroups[key].node_count = ng.node_count
            self._start(record, 'update', cluster)

    def resize_cluster(self, context, cluster, node_count, nodes_to_remove,
                       nodegroup):
        with self._lock:
            record = self._record(cluster)
            key = self._nodegroup_key(record, nodegroup)
            record.nodegroups[key].node_count = node_count
            record.nodes_removed.extend(nodes_to_remove or [])
            self._start(record, 'resize', cluster)

    def upgrade_cluster(self, context, cluster, cluster_template,
                        max_batch_size, nodegroup, rollback=False):
        with self._lock:
            record = self._record(cluster)
            record.cluster_template_id = cluster_template.uuid
            self._start(record, 'upgrade', cluster)

    def rotate_ca_certificate(self, context, cluster):
        with self._lock:
            record = self._record(cluster)
            record.ca_rotations += 1
            self._start(record, 'rotate_ca_certificate', cluster)

    def rotate_credential(self, context, cluster):
        with self._lock:
            record = self._record(cluster)
            record.credential_rotations += 1
            self._start(record, 'rotate_credential', cluster)

    def pre_delete_cluster(self, context, cluster):
        if 'pre_delete' in _fail_list(_labels(cluster)):
            raise exception.PreDeletionFailed(
                cluster_uuid=cluster.uuid,
                msg='the label fake_fail=pre_delete asked for it')
        with self._lock:
            record = self._record(cluster)
            record.pre_deleted = True
            record.calls.append('pre_delete')

    def delete_cluster(self, context, cluster):
        with self._lock:
            self._start(self._record(cluster), 'delete', cluster)

    def create_nodegroup(self, context, cluster, nodegroup):
        with self._lock:
            record = self._record(cluster)
            record.nodegroups[nodegroup.uuid] = FakeNodeGroup(
                role=nodegroup.role, node_count=nodegroup.node_count,
                operation='CREATE')
            self._start(record, 'create_nodegroup', cluster, nodegroup)

    def update_nodegroup(self, context, cluster, nodegroup):
        with self._lock:
            record = self._record(cluster)
            key = self._nodegroup_key(record, nodegroup)
            record.nodegroups[key].node_count = nodegroup.node_count
            record.nodegroups[key].operation = 'UPDATE'
            self._start(record, 'update_nodegroup', cluster, nodegroup)

    def delete_nodegroup(self, context, cluster, nodegroup):
        with self._lock:
            record = self._record(cluster)
            key = self._nodegroup_key(record, nodegroup)
            record.nodegroups[key].operation = 'DELETE'
            self._start(record, 'delete_nodegroup', cluster, nodegroup)

    # -- observation ----------------------------------------------------------

    def observe_cluster(self, context, cluster):
        with self._lock:
            record = self._clusters.get(cluster.uuid)
            if record is None:
                return self._observe_unknown(cluster)
            prefix = _CLUSTER_STATUS[record.operation]
            if record.steps_left > 0:
                record.steps_left -= 1
                return base.Observation(
                    status=prefix + '_IN_PROGRESS',
                    nodegroups=self._observe_nodegroups(
                        record, 'IN_PROGRESS', prefix))
            if record.failure:
                return base.Observation(
                    status=prefix + '_FAILED',
                    status_reason=record.failure,
                    nodegroups=self._observe_nodegroups(
                        record, 'FAILED', prefix))
            if record.operation == 'delete':
                del self._clusters[cluster.uuid]
                return base.Observation(status='DELETE_COMPLETE')
            return self._observe_complete(record, prefix)

    def _observe_complete(self, record, prefix):
        nodegroups = self._observe_nodegroups(record, 'COMPLETE', prefix)
        for key, ng in list(record.nodegroups.items()):
            if ng.operation == 'DELETE':
                del record.nodegroups[key]
            ng.operation = None
        masters, workers = self._addresses(record)
        master_addresses = [a for key in sorted(masters)
                            for a in masters[key]]
        api_address = None
        if master_addresses:
            api_address = 'https://%s:%d' % (master_addresses[0], API_PORT)
        return base.Observation(
            status=prefix + '_COMPLETE',
            api_address=api_address,
            master_addresses=master_addresses,
            node_addresses=[a for key in sorted(workers)
                            for a in workers[key]],
            nodegroups=nodegroups)

    def _observe_nodegroups(self, record, suffix, cluster_prefix):
        masters, workers = self._addresses(record)
        observed = {}
        for key, ng in record.nodegroups.items():
            if key.startswith('_'):
                continue
            addresses = masters.get(key) or workers.get(key) or []
            status = (ng.operation or cluster_prefix) + '_' + suffix
            if (ng.operation is None and suffix == 'FAILED'
                    and record.operation.endswith('_nodegroup')):
                # Only the nodegroup the failed operation touched failed.
                status = cluster_prefix + '_COMPLETE'
            observed[key] = base.NodeGroupObservation(
                status=status, node_count=ng.node_count,
                node_addresses=addresses)
        return observed

    def _observe_unknown(self, cluster):
        status = getattr(cluster, 'status', None) or ''
        if status.startswith('DELETE'):
            return base.Observation(status='DELETE_COMPLETE')
        prefix = status.split('_')[0] or 'CREATE'
        return base.Observation(
            status=prefix + '_FAILED',
            status_reason='The fake driver has no record of cluster %s; '
                          'its records live in memory and are lost when '
                          'the process restarts.' % cluster.uuid)

    # -- internals ------------------------------------------------------------

    def _record(self, cluster):
        record = self._clusters.get(cluster.uuid)
        if record is None:
            # Adopt clusters created before this process started.
            record = FakeCluster(operation='update',
                                 nodegroups=_nodegroups_of(cluster))
            self._clusters[cluster.uuid] = record
        return record

    @staticmethod
    def _nodegroup_key(record, nodegroup):
        if nodegroup.uuid not in record.nodegroups:
            record.nodegroups[nodegroup.uuid] = FakeNodeGroup(
                role=nodegroup.role, node_count=nodegroup.node_count)
        return nodegroup.uuid

    @staticmethod
    def _start(record, operation, cluster, nodegroup=None):
        labels = _labels(cluster, nodegroup)
        record.operation = operation
        record.calls.append(operation)
        record.steps_left = int(labels.get('fake_steps', 0) or 0)
        record.failure = None
        if operation in _fail_list(labels):
            record.failure = ('The fake driver failed %s as asked by the '
                              'label fake_fail.' % operation)

    @staticmethod
    def _addresses(record):
        """Number the nodes: masters from MASTER_NET, workers from
        WORKER_NET, in a stable order of nodegroups.
        """
        masters, workers = {}, {}
        next_master = next_worker = 1
        for key in sorted(record.nodegroups):
            ng = record.nodegroups[key]
            if ng.operation == 'DELETE':
                continue
            if ng.role == 'master':
                masters[key] = [MASTER_NET + str(next_master + i)
                                for i in range(ng.node_count)]
                next_master += ng.node_count
            else:
                workers[key] = [WORKER_NET + str(next_worker + i)
                                for i in range(ng.node_count)]
                next_worker += ng.node_count
        return masters, workers
