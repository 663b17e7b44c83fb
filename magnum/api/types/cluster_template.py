"""wsme types of cluster templates: the create body and its fields."""

import wsme
from wsme import types as wtypes

from magnum.api.types import common
from magnum.objects import fields

_NAME = wtypes.StringType(min_length=1, max_length=255)
_TEXT = wtypes.StringType(min_length=1, max_length=255)

# What upstream accepts as coe; the drivers loaded decide what is usable.
COES = ('kubernetes', 'swarm', 'swarm-mode', 'mesos')


class ClusterTemplateCreate(wtypes.Base):
    """The body of ``POST /v1/clustertemplates``."""

    name = _NAME
    coe = wsme.wsattr(wtypes.Enum(wtypes.text, *COES), mandatory=True)
    image_id = wsme.wsattr(_TEXT, mandatory=True)
    flavor_id = _TEXT
    master_flavor_id = _TEXT
    keypair_id = _TEXT
    external_network_id = _TEXT
    fixed_network = _TEXT
    fixed_subnet = _TEXT
    network_driver = _TEXT
    volume_driver = _TEXT
    dns_nameserver = common.dns_list
    apiserver_port = wtypes.IntegerType(minimum=1024, maximum=65535)
    docker_volume_size = wtypes.IntegerType(minimum=1)
    docker_storage_driver = _TEXT
    cluster_distro = _TEXT
    http_proxy = _TEXT
    https_proxy = _TEXT
    no_proxy = _TEXT
    registry_enabled = wsme.wsattr(common.boolean, default=False)
    labels = wsme.wsattr(common.labels, default={})
    tls_disabled = wsme.wsattr(common.boolean, default=False)
    public = wsme.wsattr(common.boolean, default=False)
    server_type = wsme.wsattr(
        wtypes.Enum(wtypes.text, *fields.ServerType.ALL), default='vm')
    insecure_registry = _TEXT
    master_lb_enabled = wsme.wsattr(common.boolean, default=False)
    floating_ip_enabled = wsme.wsattr(common.boolean, default=True)
    hidden = wsme.wsattr(common.boolean, default=False)
    tags = wtypes.StringType(min_length=0, max_length=255)
    driver = wtypes.StringType(min_length=0, max_length=255)

    def to_values(self):
        """Return the fields that were given (or defaulted) as a dict."""
        values = {}
        for attr in wtypes.list_attributes(type(self)):
            value = getattr(self, attr.key)
            if value is not wtypes.Unset:
                values[attr.key] = value
        return values


# Everything the API shows of a template, in upstream's order.
VIEW_FIELDS = (
    'insecure_registry', 'links', 'http_proxy', 'updated_at',
    'floating_ip_enabled',
    'fixed_subnet', 'master_flavor_id', 'user_id', 'uuid', 'no_proxy',
    'https_proxy', 'tls_disabled', 'keypair_id', 'public', 'labels',
    'docker_volume_size', 'server_type', 'external_network_id',
    'cluster_distro', 'image_id', 'volume_driver', 'registry_enabled',
    'docker_storage_driver', 'apiserver_port', 'name', 'created_at',
    'network_driver', 'fixed_network', 'coe', 'flavor_id',
    'master_lb_enabled', 'dns_nameserver', 'hidden', 'tags', 'driver',
    'project_id')

# The fields a PATCH works on (the server decides driver and distro).
EDITABLE_FIELDS = tuple(
    a.key for a in wtypes.list_attributes(ClusterTemplateCreate)
    if a.key not in ('driver', 'cluster_distro'))

# Paths a PATCH can't touch, besides the common internal ones.
INTERNAL_PATHS = ('/driver', '/cluster_distro')
NON_REMOVABLE_PATHS = ('/coe', '/image_id', '/network_driver',
                       '/external_network_id', '/tls_disabled', '/public',
                       '/server_type', '/registry_enabled',
                       '/cluster_distro', '/hidden')
# What may change on a template that clusters use.
REFERENCED_UPDATABLE = ('name', 'public', 'hidden', 'tags')
