"""Delete what Kubernetes made in the cloud before the stack goes.

The OpenStack cloud provider in a cluster creates Octavia load balancers
(with floating IPs) for Services of type LoadBalancer and for Ingresses.
Heat knows nothing of them, yet they sit on the cluster's subnet, so the
stack delete would fail on them. They are recognised by their
description, ``Kubernetes ... from cluster <cluster uuid>``.
"""

import re
import time

from keystoneauth1 import exceptions as ks_exc
from oslo_log import log as logging

from magnum.common import exception
import magnum.conf
from magnum.i18n import _

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)

POLL_SECONDS = 2
_GONE = ('DELETED',)


def owned_by(description, cluster_uuid):
    """Whether a load balancer description names this cluster."""
    pattern = r'Kubernetes .+ from cluster %s$' % re.escape(cluster_uuid)
    return bool(re.search(pattern, description or ''))


class CloudNetworking:
    """The Octavia and Neutron calls pre-delete makes, over one session.

    :param session: a keystoneauth session of the cluster's project.
    """

    def __init__(self, session, region_name=None):
        self._session = session
        self._region = region_name

    def _filter(self, service_type):
        selector = {'service_type': service_type, 'interface': 'public'}
        if self._region:
            selector['region_name'] = self._region
        return selector

    def has_load_balancers(self):
        try:
            return bool(self._session.get_endpoint(
                **self._filter('load-balancer')))
        except ks_exc.EndpointNotFound:
            return False

    def _request(self, method, service_type, path, **kwargs):
        return self._session.request(
            path, method, endpoint_filter=self._filter(service_type),
            raise_exc=False, **kwargs)

    def load_balancers(self, project_id):
        response = self._request('GET', 'load-balancer',
                                 '/v2/lbaas/loadbalancers',
                                 params={'project_id': project_id})
        _check(response, 'list load balancers')
        return response.json().get('loadbalancers') or []

    def load_balancer(self, lb_id):
        response = self._request('GET', 'load-balancer',
                                 '/v2/lbaas/loadbalancers/%s' % lb_id)
        if response.status_code == 404:
            return None
        _check(response, 'read load balancer %s' % lb_id)
        return response.json().get('loadbalancer')

    def delete_load_balancer(self, lb_id):
        """Cascade delete; False when the balancer is busy (409)."""
        response = self._request('DELETE', 'load-balancer',
                                 '/v2/lbaas/loadbalancers/%s' % lb_id,
                                 params={'cascade': 'true'})
        if response.status_code == 409:
            return False
        if response.status_code != 404:
            _check(response, 'delete load balancer %s' % lb_id)
        return True

    def floating_ips(self, port_id):
        response = self._request('GET', 'network', '/v2.0/floatingips',
                                 params={'port_id': port_id})
        _check(response, 'list floating IPs of port %s' % port_id)
        return response.json().get('floatingips') or []

    def delete_floating_ip(self, fip_id):
        response = self._request('DELETE', 'network',
                                 '/v2.0/floatingips/%s' % fip_id)
        if response.status_code != 404:
            _check(response, 'delete floating IP %s' % fip_id)


class _Failure(Exception):
    pass


def _check(response, action):
    if not 200 <= response.status_code < 300:
        raise _Failure(_('could not %(action)s (HTTP %(status)s)')
                       % {'action': action,
                          'status': response.status_code})


def delete_load_balancers(cloud, cluster, timeout=None,
                          clock=time.monotonic, sleep=time.sleep):
    """Delete the cluster's Kubernetes load balancers and their FIPs.

    Does nothing when the cloud has no load-balancer service.

    :param cloud: a :class:`CloudNetworking` (or a fake of it).
    :param cluster: the cluster about to be deleted.
    :param timeout: seconds to wait; ``[cluster] pre_delete_lb_timeout``
        when None.
    :raises: PreDeletionFailed naming what is left and what to do.
    """
    if not cloud.has_load_balancers():
        return
    if timeout is None:
        timeout = CONF.cluster.pre_delete_lb_timeout
    try:
        pending = _start_deletes(cloud, cluster)
        _wait(cloud, pending, timeout, clock, sleep)
    except (_Failure, ks_exc.ClientException) as error:
        raise exception.PreDeletionFailed(cluster_uuid=cluster.uuid,
                                          msg=str(error))


def _start_deletes(cloud, cluster):
    pending = {}
    for lb in cloud.load_balancers(cluster.project_id):
        if not owned_by(lb.get('description'), cluster.uuid):
            continue
        for fip in cloud.floating_ips(lb.get('vip_port_id')):
            if ('from cluster %s' % cluster.uuid) in (
                    fip.get('description') or ''):
                cloud.delete_floating_ip(fip['id'])
        LOG.info('Deleting load balancer %(lb)s that Kubernetes created '
                 'for cluster %(cluster)s.',
                 {'lb': lb['id'], 'cluster': cluster.uuid})
        pending[lb['id']] = cloud.delete_load_balancer(lb['id'])
    return pending


def _wait(cloud, pending, timeout, clock, sleep):
    deadline = clock() + timeout
    while pending:
        for lb_id, requested in list(pending.items()):
            lb = cloud.load_balancer(lb_id)
            if lb is None or lb.get('provisioning_status') in _GONE:
                del pending[lb_id]
            elif not requested:
                pending[lb_id] = cloud.delete_load_balancer(lb_id)
            elif lb.get('provisioning_status') == 'ERROR':
                raise _Failure(_('load balancer %s went to ERROR while '
                                 'being deleted; delete it by hand '
                                 '(openstack loadbalancer delete --cascade '
                                 '%s) and delete the cluster again')
                               % (lb_id, lb_id))
        if not pending:
            return
        if clock() >= deadline:
            raise _Failure(_('load balancers %(ids)s were still there after '
                             '%(timeout)s seconds; delete them by hand or '
                             'raise [cluster] pre_delete_lb_timeout, then '
                             'delete the cluster again')
                           % {'ids': ', '.join(sorted(pending)),
                              'timeout': timeout})
        sleep(POLL_SECONDS)
