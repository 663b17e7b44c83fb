"""CADF notifications about cluster operations.

Events go through the oslo.messaging notifier as
``magnum.cluster.<create|update|delete>`` with the outcome ``pending``,
``success`` or ``failure``, published as ``container-infra.<host>``. The
payload carries a copy of the cluster's public fields only: credentials
(trustee password, trust id), certificate references, private keys and
tokens never leave the conductor in a notification.
"""

from oslo_log import log as logging
from pycadf import attachment
from pycadf import cadftaxonomy as taxonomy
from pycadf import cadftype
from pycadf import eventfactory
from pycadf import resource

from magnum.common import rpc
import magnum.conf

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)

PENDING = taxonomy.OUTCOME_PENDING
SUCCESS = taxonomy.OUTCOME_SUCCESS
FAILURE = taxonomy.OUTCOME_FAILURE
OUTCOMES = (PENDING, SUCCESS, FAILURE)

CLUSTER_TYPE_URI = 'service/magnum/cluster'
EVENT_TYPE = 'magnum.cluster.%s'

# The cluster fields a notification may carry. An allow-list, so that a
# column added later (a new secret, say) stays out until someone decides
# it is safe to publish.
_CLUSTER_DATA_FIELDS = (
    'uuid', 'name', 'status', 'status_reason', 'project_id', 'user_id',
    'cluster_template_id', 'keypair', 'labels', 'master_flavor_id',
    'flavor_id', 'stack_id', 'health_status', 'create_timeout',
    'api_address', 'discovery_url', 'coe_version', 'container_version',
    'docker_volume_size', 'fixed_network', 'fixed_subnet',
    'floating_ip_enabled', 'master_lb_enabled',
)

_notifier = None


def _get_notifier():
    global _notifier
    if _notifier is None:
        _notifier = rpc.get_notifier('container-infra.%s' % CONF.host)
    return _notifier


def reset():
    """Forget the cached notifier (tests, transport changes)."""
    global _notifier
    _notifier = None


def cluster_data(cluster):
    """Return the publishable fields of ``cluster`` as a plain dict."""
    data = {}
    for name in _CLUSTER_DATA_FIELDS:
        if cluster.obj_attr_is_set(name):
            data[name] = getattr(cluster, name)
    try:
        data['node_count'] = cluster.node_count
        data['master_count'] = cluster.master_count
        data['node_addresses'] = cluster.node_addresses
        data['master_addresses'] = cluster.master_addresses
    except Exception:
        # A cluster whose nodegroups are already gone (delete) still
        # deserves its event.
        LOG.debug('No nodegroups for the notification of cluster %s',
                  cluster.uuid)
    return data


def _initiator(context):
    initiator = resource.Resource(
        typeURI=taxonomy.ACCOUNT_USER,
        id=context.user_id or taxonomy.UNKNOWN,
        name=context.user_name or taxonomy.UNKNOWN)
    initiator.project_id = context.project_id
    initiator.domain_id = context.user_domain_id
    return initiator


def _target(cluster):
    target = resource.Resource(typeURI=CLUSTER_TYPE_URI, id=cluster.uuid,
                               name=cluster.name or cluster.uuid)
    target.add_attachment(attachment.Attachment(
        typeURI='mime:application/json', name='cluster_data',
        content=cluster_data(cluster)))
    return target


def build_event(context, action, outcome, cluster):
    """Return the CADF event of an operation on ``cluster`` as a dict.

    :param action: ``create``, ``update`` or ``delete``.
    :param outcome: one of :data:`OUTCOMES`.
    """
    event = eventfactory.EventFactory().new_event(
        eventType=cadftype.EVENTTYPE_ACTIVITY,
        outcome=outcome,
        action=action,
        initiator=_initiator(context),
        target=_target(cluster),
        observer=resource.Resource(typeURI=CLUSTER_TYPE_URI))
    return event.as_dict()


def notify(context, action, outcome, cluster):
    """Publish the CADF event; never raise (a lost event beats a stuck
    cluster).
    """
    try:
        payload = build_event(context, action, outcome, cluster)
        notifier = _get_notifier()
        event_type = EVENT_TYPE % action
        # The envelope carries the context too: send it without tokens.
        public = context.redacted_copy()
        if outcome == FAILURE:
            notifier.error(public, event_type, payload)
        else:
            notifier.info(public, event_type, payload)
    except Exception:
        LOG.exception('Could not send the %(action)s/%(outcome)s '
                      'notification of cluster %(uuid)s',
                      {'action': action, 'outcome': outcome,
                       'uuid': getattr(cluster, 'uuid', None)})
