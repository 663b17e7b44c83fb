"""Ask a Kubernetes cluster's API how healthy the cluster is.

The conductor's health poller calls :func:`poll_health` for each cluster
and writes what it returns; nothing here touches the database.
"""

from oslo_log import log as logging
from oslo_utils import strutils
import requests

from magnum.conductor import certificates
from magnum.objects import fields

LOG = logging.getLogger(__name__)

# A dead API must not hold up the poll of every other cluster.
TIMEOUT = 5

AUTO_HEALER = 'magnum-auto-healer'


def auto_healer_running(cluster):
    """Whether magnum-auto-healer watches the cluster (then we do not)."""
    labels = cluster.labels or {}
    return (strutils.bool_from_string(labels.get('auto_healing_enabled')) and
            labels.get('auto_healing_controller') == AUTO_HEALER)


def api_reachable(cluster):
    """Whether the cluster's API is published where magnum can reach it.

    Without floating IPs (on the masters, or on the master load balancer)
    the API lives on the cluster's private network only.
    """
    floating = cluster.floating_ip_enabled
    if cluster.master_lb_enabled:
        floating = (cluster.labels or {}).get(
            'master_lb_floating_ip_enabled', floating)
    return strutils.bool_from_string(floating)


def _unknown(reason):
    return fields.ClusterHealthStatus.UNKNOWN, {'api': reason}


def _node_ready(node):
    for condition in node.get('status', {}).get('conditions') or []:
        if condition.get('type') == 'Ready':
            return strutils.bool_from_string(condition.get('status'))
    return False


def _ask(cluster, **tls):
    base = cluster.api_address.rstrip('/')
    healthz = requests.get(base + '/healthz', timeout=TIMEOUT, **tls)
    if not healthz.ok:
        return fields.ClusterHealthStatus.UNHEALTHY, {
            'api': healthz.text.strip() or 'HTTP %s' % healthz.status_code}
    api = healthz.text.strip()
    nodes = requests.get(base + '/api/v1/nodes', timeout=TIMEOUT, **tls)
    nodes.raise_for_status()
    reason = {'%s.Ready' % node['metadata']['name']: _node_ready(node)
              for node in nodes.json().get('items', [])}
    healthy = api == 'ok' and all(reason.values())
    reason['api'] = api
    if healthy:
        return fields.ClusterHealthStatus.HEALTHY, reason
    return fields.ClusterHealthStatus.UNHEALTHY, reason


def poll_health(context, cluster):
    """Return the health of a Kubernetes cluster and why.

    HEALTHY only when ``/healthz`` answers ``ok`` and every node is Ready;
    UNHEALTHY when the API answers otherwise; UNKNOWN when the API cannot
    be asked (no public address, unreachable, no client certificate).

    :param context: a context allowed to read the cluster's certificates.
    :param cluster: a :class:`magnum.objects.Cluster`.
    :returns: (health_status, reason dict such as
        ``{'api': 'ok', 'node-0.Ready': True}``), or (None, None) when
        magnum-auto-healer owns the cluster's health and it is skipped.
    """
    if auto_healer_running(cluster):
        return None, None
    if not api_reachable(cluster):
        return _unknown('The cluster %s is not accessible: its API has no '
                        'floating IP.' % (cluster.name or cluster.uuid))
    if not cluster.api_address:
        return _unknown('The cluster %s has no API address yet.'
                        % (cluster.name or cluster.uuid))
    try:
        if cluster.cluster_template.tls_disabled:
            return _ask(cluster)
        with certificates.client_files(context, cluster) as files:
            return _ask(cluster, verify=files.ca_file,
                        cert=(files.cert_file, files.key_file))
    except requests.RequestException as e:
        LOG.debug('Health of cluster %(cluster)s unknown: %(error)s',
                  {'cluster': cluster.uuid, 'error': e})
        return _unknown('The cluster API at %s is not reachable: %s'
                        % (cluster.api_address, type(e).__name__))
    except Exception as e:
        LOG.warning('Cannot poll the health of cluster %(cluster)s: '
                    '%(error)s', {'cluster': cluster.uuid, 'error': e})
        return _unknown('The health of cluster %s cannot be checked: %s'
                        % (cluster.uuid, e))
