"""One GET against an OpenStack service, its failures turned into ours.

Paths are relative to the endpoint the caller's service catalog gives for
the service, its interface and region coming from the service's
``[<name>_client]`` group.
"""

import collections

from keystoneauth1 import exceptions as ks_exc

from magnum.common.cloud import exceptions
from magnum.common import exception
import magnum.conf
from magnum.i18n import _

CONF = magnum.conf.CONF

Service = collections.namedtuple(
    'Service', ['service_type', 'label', 'client', 'group'])
Service.__doc__ = """An OpenStack service magnum looks things up in.

``service_type`` is the catalog type (keystoneauth also matches its
aliases, e.g. ``volumev3`` for ``block-storage``), ``label`` names it in
messages, ``client`` is the short name used by AuthorizationFailure and
``group`` is its configuration group.
"""

IMAGE = Service('image', 'image service (glance)', 'Glance',
                'glance_client')
COMPUTE = Service('compute', 'compute service (nova)', 'Nova',
                  'nova_client')
NETWORK = Service('network', 'network service (neutron)', 'Neutron',
                  'neutron_client')
VOLUME = Service('block-storage', 'volume service (cinder)', 'Cinder',
                 'cinder_client')

_INTERFACES = {
    'publicurl': 'public',
    'internalurl': 'internal',
    'adminurl': 'admin',
    'public': 'public',
    'internal': 'internal',
    'admin': 'admin',
}

# How much of an unexpected error body we repeat to the caller.
_DETAIL_LIMIT = 200

DEFAULT_FIX = _('ask your cloud operator to register it')


def interface_for(service):
    """Return the catalog interface named by ``[<group>] endpoint_type``.

    :raises: InvalidParameterValue for a value that names no interface.
    """
    configured = CONF[service.group].endpoint_type
    try:
        return _INTERFACES[configured.lower()]
    except KeyError:
        raise exception.InvalidParameterValue(
            err=_('[%(group)s] endpoint_type %(value)s is not one of '
                  'publicURL, internalURL or adminURL.')
            % {'group': service.group, 'value': configured})


def endpoint_filter(service, region_name=None):
    """Return the keystoneauth endpoint filter for ``service``.

    ``[<group>] region_name`` wins over ``region_name``; with neither the
    catalog's only (or first) region is used.
    """
    region = CONF[service.group].region_name or region_name
    selector = {'service_type': service.service_type,
                'interface': interface_for(service)}
    if region:
        selector['region_name'] = region
    return selector


def get_json(session, service, path, what, params=None, region_name=None,
             absent=(404,), forbidden=None, fix=None):
    """GET ``path`` from ``service`` and return the decoded JSON body.

    :param session: a keystoneauth session carrying the caller's token.
    :param service: a :class:`Service`.
    :param path: path below the service's catalog endpoint.
    :param what: what is looked up, for messages (e.g. "image foo").
    :param params: query parameters.
    :param region_name: region used when the service's group names none.
    :param absent: statuses meaning "no such thing"; they return None.
    :param forbidden: callable returning the exception to raise on 403;
        AuthorizationFailure when not given.
    :param fix: what the caller can do when the service is not in the
        catalog.
    :returns: the decoded body, or None for a status in ``absent``.
    :raises: ServiceNotInCatalog, CloudServiceUnavailable,
        AuthorizationFailure, CloudRequestRejected, or what ``forbidden``
        returns.
    """
    selector = endpoint_filter(service, region_name)
    try:
        response = session.get(path, endpoint_filter=selector, params=params,
                               raise_exc=False)
    except ks_exc.EndpointNotFound:
        raise _not_in_catalog(service, selector, fix)
    except (ks_exc.ConnectionError, ks_exc.RequestTimeout) as error:
        raise exceptions.CloudServiceUnavailable(
            service=service.label, reason=str(error))
    status = response.status_code
    if status in absent:
        return None
    if status >= 500:
        raise exceptions.CloudServiceUnavailable(
            service=service.label,
            reason=_('it answered HTTP %(status)s to the look-up of '
                     '%(what)s') % {'status': status, 'what': what})
    if status == 401:
        raise exceptions.authorization_failure(
            service.client,
            _('The caller\'s token was refused; get a new token and '
              'retry.'))
    if status == 403:
        if forbidden is not None:
            raise forbidden()
        raise exceptions.authorization_failure(
            service.client, _('Not allowed to look up %s.') % what)
    if not 200 <= status < 300:
        raise exceptions.CloudRequestRejected(
            service=service.label, what=what, status=status,
            detail=response.text[:_DETAIL_LIMIT])
    try:
        return response.json()
    except ValueError:
        raise exceptions.CloudServiceUnavailable(
            service=service.label,
            reason=_('it answered the look-up of %s with a body that is '
                     'not JSON') % what)


def _not_in_catalog(service, selector, fix):
    where = _(' (interface %s') % selector['interface']
    if 'region_name' in selector:
        where += _(', region %s') % selector['region_name']
    where += ')'
    return exceptions.ServiceNotInCatalog(
        service=service.label, where=where, fix=fix or DEFAULT_FIX)
