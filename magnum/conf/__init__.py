"""Magnum's configuration: one module per option group.

Import ``CONF`` from here; importing this package registers every option.
"""

from oslo_config import cfg

from magnum.conf import api
from magnum.conf import certificates
from magnum.conf import cinder
from magnum.conf import clients
from magnum.conf import cluster
from magnum.conf import cluster_heat
from magnum.conf import cluster_templates
from magnum.conf import conductor
from magnum.conf import database
from magnum.conf import docker_registry
from magnum.conf import drivers
from magnum.conf import keystone
from magnum.conf import kubernetes
from magnum.conf import paths
from magnum.conf import quota
from magnum.conf import service
from magnum.conf import trust
from magnum.conf import utils
from magnum.conf import x509

CONF = cfg.CONF

# Every module that defines options; opts.py lists them from here too.
MODULES = (
    api,
    certificates,
    cinder,
    clients,
    cluster,
    cluster_heat,
    cluster_templates,
    conductor,
    database,
    docker_registry,
    drivers,
    keystone,
    kubernetes,
    paths,
    quota,
    service,
    trust,
    utils,
    x509,
)


def register_opts(conf):
    """Register all of magnum's options on ``conf``.

    :param conf: an ``oslo_config.cfg.ConfigOpts`` instance
    """
    for module in MODULES:
        module.register_opts(conf)


register_opts(CONF)
