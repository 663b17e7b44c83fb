"""Map Heat stacks to an :class:`~magnum.drivers.base.Observation`.

Pure: the driver reads the stacks (:class:`~magnum.drivers.heat.stack.
StackView`, None for a stack Heat does not know) and hands them here with
the cluster. The default master and worker nodegroups live in the cluster
stack; every other nodegroup has a stack of its own.
"""

import dataclasses

from magnum.drivers import base
from magnum.objects import fields

Status = fields.ClusterStatus

TLS_PORT = 6443
INSECURE_PORT = 8080

MASTER_OUTPUTS = ('kube_masters', 'kube_masters_private')
WORKER_OUTPUTS = ('kube_minions', 'kube_minions_private')

# Heat reports a stack that vanished while magnum was waiting on it like
# this (upstream wording).
NOT_FOUND = 'Stack with id %s not found in Heat.'

_RANK = {'IN_PROGRESS': 0, 'FAILED': 1, 'COMPLETE': 2}


@dataclasses.dataclass(frozen=True)
class CoeOutputs:
    """Where a COE's templates put addresses, and how its API URL looks.

    :ivar masters: (public, private) output names of the master addresses.
    :ivar workers: (public, private) output names of the worker addresses.
    :ivar tls_url: URL of the API with TLS, ``%s`` for the address.
    :ivar insecure_url: URL of the API without TLS.
    """

    masters: tuple = MASTER_OUTPUTS
    workers: tuple = WORKER_OUTPUTS
    tls_url: str = 'https://%%s:%d' % TLS_PORT
    insecure_url: str = 'http://%%s:%d' % INSECURE_PORT


#: The outputs of the Kubernetes templates.
KUBERNETES = CoeOutputs()


def api_address(ip, tls_disabled, coe=KUBERNETES):
    """Format the COE API URL: https://ip:6443, or http://ip:8080 without
    TLS, for Kubernetes (``coe`` says otherwise). None without an address.
    """
    if not ip:
        return None
    return (coe.insecure_url if tls_disabled else coe.tls_url) % ip


def known_status(status):
    """Return ``status`` if magnum has it, else its UPDATE_* twin."""
    if status in Status.ALL:
        return status
    return 'UPDATE_' + status.rsplit('_', 1)[-1] if '_' in status else (
        Status.UPDATE_IN_PROGRESS)


def _suffix(status):
    for suffix in _RANK:
        if status.endswith(suffix):
            return suffix
    return 'COMPLETE'


def missing_status(stack_id, previous):
    """What a stack that Heat no longer has means for its owner.

    :returns: (status, reason).
    """
    previous = previous or Status.CREATE_IN_PROGRESS
    reason = NOT_FOUND % stack_id
    if previous.startswith('DELETE'):
        return Status.DELETE_COMPLETE, None
    if previous == Status.CREATE_IN_PROGRESS:
        return Status.CREATE_FAILED, reason
    if previous in Status.IN_PROGRESS:
        return Status.UPDATE_FAILED, reason
    return previous, reason


def _addresses(view, keys, floating_ip_enabled):
    public, private = keys
    wanted = public if floating_ip_enabled else private
    found = view.outputs.get(wanted) or []
    if not isinstance(found, list):
        found = [found]
    return [a for a in found if a]


def _count(view, parameter):
    try:
        return int(view.parameters.get(parameter))
    except (TypeError, ValueError):
        return None


def _nodegroup_status(view, ng):
    if view is None:
        return missing_status(ng.stack_id, ng.status)
    return known_status(view.status), view.status_reason


def observe(cluster, views, tls_disabled, floating_ip_enabled,
            coe=KUBERNETES):
    """Build the observation of a cluster from its stacks.

    :param cluster: the cluster, its ``nodegroups`` loaded.
    :param views: stack id -> StackView, or None for a missing stack.
    :param tls_disabled: the template's ``tls_disabled``.
    :param floating_ip_enabled: whether nodes have floating IPs, so the
        public address outputs are the ones to report.
    :param coe: the :class:`CoeOutputs` of the templates.
    :returns: an :class:`~magnum.drivers.base.Observation`.
    """
    if not cluster.stack_id:
        status, reason = missing_status('(none)', cluster.status)
        return base.Observation(status=status, status_reason=reason)
    view = views.get(cluster.stack_id)
    nodegroups = {}
    masters, workers = [], []
    extra = []
    for ng in cluster.nodegroups:
        own_stack = ng.stack_id and ng.stack_id != cluster.stack_id
        ng_view = views.get(ng.stack_id) if own_stack else view
        status, reason = _nodegroup_status(
            ng_view, ng if own_stack else _as_ng(cluster))
        observed = base.NodeGroupObservation(status=status,
                                             status_reason=reason)
        if ng_view is not None:
            is_master = ng.role == 'master'
            observed.node_addresses = _addresses(
                ng_view, coe.masters if is_master else coe.workers,
                floating_ip_enabled)
            observed.node_count = _count(
                ng_view,
                'number_of_masters' if is_master else 'number_of_minions')
            (masters if is_master else workers).extend(
                observed.node_addresses)
        nodegroups[ng.uuid] = observed
        if own_stack:
            extra.append((ng, observed))
    status, reason = _cluster_status(cluster, view, extra)
    api = None
    if view is not None:
        api = api_address(view.outputs.get('api_address'), tls_disabled,
                          coe)
    return base.Observation(status=status, status_reason=reason,
                            api_address=api, master_addresses=masters,
                            node_addresses=workers, nodegroups=nodegroups)


class _as_ng:
    """The cluster seen as the owner of the cluster stack."""

    def __init__(self, cluster):
        self.stack_id = cluster.stack_id
        self.status = cluster.status


def _cluster_status(cluster, view, extra):
    if view is None:
        return missing_status(cluster.stack_id, cluster.status)
    own = known_status(view.status)
    if own.startswith('DELETE') or not extra:
        return _settle_create(own, cluster.status), _reason(view, None)
    candidates = [(own, view.status_reason, None)]
    candidates += [(o.status, o.status_reason, ng.name) for ng, o in extra
                   if o.status != Status.DELETE_COMPLETE]
    worst = min(candidates, key=lambda c: _RANK[_suffix(c[0])])
    status, reason, name = worst
    suffix = _suffix(status)
    if name is not None:
        deleting = (cluster.status or '').startswith('DELETE')
        status = ('DELETE_' if deleting else 'UPDATE_') + suffix
    else:
        status = _settle_create(status, cluster.status)
    if suffix == 'FAILED':
        reason = '%s failed: %s' % (name or 'the cluster stack', reason)
    return status, reason


def _settle_create(status, previous):
    # A nodegroup operation leaves the cluster stack CREATE_COMPLETE; the
    # cluster itself was updated.
    if status == Status.CREATE_COMPLETE and previous and not (
            previous.startswith('CREATE')):
        return Status.UPDATE_COMPLETE
    return status


def _reason(view, default):
    return view.status_reason if view is not None else default
