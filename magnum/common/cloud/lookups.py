"""The look-ups one API request makes in Glance, Nova, Neutron and Cinder.

A :class:`CloudLookups` lives for one request. Every answer is kept by its
arguments, so validating a template and a cluster in the same request asks
each service at most once for the same thing. Look-ups that fail are not
kept: the request ends with their error anyway.
"""

import copy
import functools
from urllib import parse

from oslo_utils import uuidutils

from magnum.common.cloud import rest
from magnum.common import exception
from magnum.i18n import _

VOLUME_FIX = _('remove docker_volume_size and the volume type labels, or '
               'ask your operator')


def _quote(value):
    return parse.quote(str(value), safe='')


def _memoised(method):
    """Keep the method's answer on the instance, keyed by its arguments.

    Callers get copies, so changing an answer cannot change the next one.
    """
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        key = (method.__name__,) + args + tuple(sorted(kwargs.items()))
        if key not in self._answers:
            self._answers[key] = method(self, *args, **kwargs)
        return copy.deepcopy(self._answers[key])
    return wrapper


class CloudLookups:
    """Memoised look-ups made with one caller's keystoneauth session.

    :param session: a keystoneauth session carrying the caller's token
        (see :mod:`magnum.common.cloud.session`).
    :param region_name: region used for services whose ``[<x>_client]``
        group names none.
    """

    def __init__(self, session, region_name=None):
        self._session = session
        self._region_name = region_name
        self._answers = {}

    def _get(self, service, path, what, **kwargs):
        return rest.get_json(self._session, service, path, what,
                             region_name=self._region_name, **kwargs)

    def _remember(self, method, key, value):
        self._answers.setdefault((method, key), value)

    # -- Glance ----------------------------------------------------------

    @_memoised
    def image(self, ident):
        """Find an image by id or name (Glance v2).

        :returns: the image's fields; ``os_distro`` is None when the image
            lacks the property.
        :raises: ImageNotFound, Conflicts (several images with the name),
            ImageNotAuthorized, and the errors of
            :func:`magnum.common.cloud.rest.get_json`.
        """
        what = _('image %s') % ident

        def forbidden():
            return exception.ImageNotAuthorized(image_id=ident)

        if uuidutils.is_uuid_like(ident):
            found = self._get(rest.IMAGE, '/v2/images/%s' % _quote(ident),
                              what, forbidden=forbidden)
            if found is not None:
                return self._image(found)
        body = self._get(rest.IMAGE, '/v2/images', what,
                         params={'name': ident}, forbidden=forbidden) or {}
        matches = body.get('images') or []
        if not matches:
            raise exception.ImageNotFound(image_id=ident)
        if len(matches) > 1:
            raise exception.Conflicts(resource='image')
        return self._image(matches[0])

    def _image(self, raw):
        image = dict(raw)
        image['os_distro'] = image.get('os_distro') or None
        self._remember('image', image.get('id'), image)
        return image

    # -- Nova ------------------------------------------------------------

    @_memoised
    def flavor(self, ident):
        """Find a flavor by id or, failing that, by name.

        :returns: the flavor's fields (id, name, vcpus, ram, disk, ...).
        :raises: FlavorNotFound, and the errors of
            :func:`magnum.common.cloud.rest.get_json`.
        """
        if not ident:
            raise exception.FlavorNotFound(flavor=ident)
        what = _('flavor %s') % ident
        # Nova answers 400 rather than 404 for some ids it cannot parse.
        body = self._get(rest.COMPUTE, '/flavors/%s' % _quote(ident), what,
                         absent=(400, 404))
        if body and body.get('flavor'):
            return self._flavor(body['flavor'])
        body = self._get(rest.COMPUTE, '/flavors/detail', what,
                         params={'is_public': 'None'}) or {}
        for flavor in body.get('flavors') or []:
            if ident in (flavor.get('name'), flavor.get('id')):
                return self._flavor(flavor)
        raise exception.FlavorNotFound(flavor=ident)

    def _flavor(self, raw):
        flavor = dict(raw)
        flavor.pop('links', None)
        self._remember('flavor', flavor.get('id'), flavor)
        return flavor

    @_memoised
    def keypair(self, name):
        """Find one of the caller's keypairs by name.

        :raises: KeyPairNotFound, and the errors of
            :func:`magnum.common.cloud.rest.get_json`.
        """
        body = self._get(rest.COMPUTE, '/os-keypairs/%s' % _quote(name),
                         _('keypair %s') % name)
        if not body or not body.get('keypair'):
            raise exception.KeyPairNotFound(keypair=name)
        return body['keypair']

    # -- Neutron ---------------------------------------------------------

    def _find_one(self, collection, ident, filters, not_found, resource):
        what = '%s %s' % (resource, ident)
        path = '/v2.0/%s' % collection
        if uuidutils.is_uuid_like(ident):
            body = self._get(rest.NETWORK, path, what,
                             params=dict(filters, id=ident)) or {}
            if body.get(collection):
                return body[collection][0]
        body = self._get(rest.NETWORK, path, what,
                         params=dict(filters, name=ident)) or {}
        matches = body.get(collection) or []
        if not matches:
            raise not_found()
        if len(matches) > 1:
            raise exception.Conflicts(resource=resource)
        return matches[0]

    @_memoised
    def external_network(self, ident):
        """Find the one external (``router:external``) network by id/name.

        :raises: ExternalNetworkNotFound, Conflicts, and the errors of
            :func:`magnum.common.cloud.rest.get_json`.
        """
        return self._find_one(
            'networks', ident, {'router:external': 'True'},
            lambda: exception.ExternalNetworkNotFound(network=ident),
            'external network')

    @_memoised
    def fixed_network(self, ident):
        """Find the one network the caller can see with this id or name.

        :raises: FixedNetworkNotFound, Conflicts, and the errors of
            :func:`magnum.common.cloud.rest.get_json`.
        """
        return self._find_one(
            'networks', ident, {},
            lambda: exception.FixedNetworkNotFound(network=ident),
            'network')

    @_memoised
    def fixed_subnet(self, ident):
        """Find the one subnet the caller can see with this id or name.

        :raises: FixedSubnetNotFound, Conflicts, and the errors of
            :func:`magnum.common.cloud.rest.get_json`.
        """
        return self._find_one(
            'subnets', ident, {},
            lambda: exception.FixedSubnetNotFound(subnet=ident),
            'subnet')

    # -- Cinder ----------------------------------------------------------

    @_memoised
    def volume_types(self):
        """List the volume types the caller may use.

        :raises: ServiceNotInCatalog when the cloud has no Cinder, and the
            other errors of :func:`magnum.common.cloud.rest.get_json`.
        """
        body = self._get(rest.VOLUME, '/types', _('volume types'),
                         fix=VOLUME_FIX) or {}
        return body.get('volume_types') or []

    def volume_type(self, ident):
        """Find a volume type by name or id.

        :raises: VolumeTypeNotFound naming the available types, and the
            errors of :meth:`volume_types`.
        """
        types = self.volume_types()
        for volume_type in types:
            if ident in (volume_type.get('name'), volume_type.get('id')):
                return volume_type
        available = ', '.join(sorted(t.get('name') or t.get('id')
                                     for t in types)) or _('none')
        raise exception.VolumeTypeNotFound(
            message=_('Volume type %(type)s does not exist in this cloud. '
                      'Available volume types: %(available)s.')
            % {'type': ident, 'available': available},
            volume_type=ident)

    @_memoised
    def default_volume_type(self):
        """Return the cloud's default volume type, or None without one.

        :raises: ServiceNotInCatalog when the cloud has no Cinder, and the
            other errors of :func:`magnum.common.cloud.rest.get_json`.
        """
        body = self._get(rest.VOLUME, '/types/default',
                         _('the default volume type'), fix=VOLUME_FIX)
        if not body:
            return None
        return body.get('volume_type') or None
