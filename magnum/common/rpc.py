"""oslo.messaging plumbing: transport, serializer, RPC servers and clients.

``[DEFAULT] transport_url`` names the broker; oslo.messaging's default is
RabbitMQ on localhost. The all-in-one development mode makes the
in-process ``fake://`` transport the default instead
(:func:`default_to_in_process`), as does an empty ``transport_url``.
"""

import oslo_messaging as messaging
from oslo_messaging.rpc import dispatcher

from magnum.common import context as magnum_context
import magnum.conf

CONF = magnum.conf.CONF

# The exchange our topics live in.
CONTROL_EXCHANGE = 'magnum'
IN_PROCESS_URL = 'fake://'

ALLOWED_EXMODS = ['magnum.common.exception',
                  'magnum.common.cloud.exceptions',
                  'magnum.api.expose']

_TRANSPORT = None
_NOTIFICATION_TRANSPORT = None


def init(conf=None):
    """Create the RPC and notification transports from configuration."""
    global _TRANSPORT, _NOTIFICATION_TRANSPORT
    conf = conf or CONF
    messaging.set_transport_defaults(CONTROL_EXCHANGE)
    # Parsing registers [DEFAULT] transport_url (and validates it) before
    # we read it.
    messaging.TransportURL.parse(conf)
    url = conf.transport_url or IN_PROCESS_URL
    # Our exceptions cross RPC as themselves, so a conductor's 400 stays
    # a 400 at the API instead of becoming a RemoteError (500).
    _TRANSPORT = messaging.get_rpc_transport(
        conf, url=url, allowed_remote_exmods=ALLOWED_EXMODS)
    _NOTIFICATION_TRANSPORT = messaging.get_notification_transport(
        conf, url=url)


def default_to_in_process(conf=None):
    """Make the in-process ``fake://`` transport the default
    ``[DEFAULT] transport_url`` (a configuration file still wins).
    """
    conf = conf or CONF
    # Parsing registers [DEFAULT] transport_url, which set_default needs.
    messaging.TransportURL.parse(conf)
    conf.set_default('transport_url', IN_PROCESS_URL)


def cleanup():
    """Close the transports (tests and shutdown)."""
    global _TRANSPORT, _NOTIFICATION_TRANSPORT
    for transport in (_TRANSPORT, _NOTIFICATION_TRANSPORT):
        if transport is not None:
            transport.cleanup()
    _TRANSPORT = _NOTIFICATION_TRANSPORT = None


def get_transport():
    """Return the RPC transport, creating it on first use."""
    if _TRANSPORT is None:
        init()
    return _TRANSPORT


def get_notification_transport():
    """Return the notification transport, creating it on first use."""
    if _NOTIFICATION_TRANSPORT is None:
        init()
    return _NOTIFICATION_TRANSPORT


class RequestContextSerializer(messaging.Serializer):
    """Carry the request context across RPC and (de)serialise payloads."""

    def __init__(self, base=None):
        self._base = base

    def serialize_entity(self, context, entity):
        if self._base is None:
            return entity
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context, entity):
        if self._base is None:
            return entity
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context):
        return context.to_dict()

    def deserialize_context(self, context):
        return magnum_context.RequestContext.from_dict(context)


def _serializer():
    from magnum.objects import base as objects_base
    return RequestContextSerializer(objects_base.MagnumObjectSerializer())


def get_server(target, endpoints):
    """Return an RPC server using the threading executor."""
    access_policy = dispatcher.DefaultRPCAccessPolicy
    return messaging.get_rpc_server(
        get_transport(), target, endpoints, executor='threading',
        serializer=_serializer(), access_policy=access_policy)


def get_client(target, version_cap=None, timeout=None):
    """Return an RPC client for ``target``."""
    return messaging.get_rpc_client(
        get_transport(), target, version_cap=version_cap,
        serializer=_serializer(), timeout=timeout)


def get_notifier(publisher_id):
    """Return a notifier publishing as ``publisher_id``."""
    return messaging.Notifier(get_notification_transport(),
                              publisher_id=publisher_id,
                              serializer=_serializer())
