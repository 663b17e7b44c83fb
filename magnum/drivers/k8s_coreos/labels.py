"""The labels the Kubernetes-on-CoreOS driver understands, declared once.

:data:`SCHEMA` is the JSON Schema the API checks labels against;
:data:`TARGETS` says where each label goes. A test holds the two against
each other and against the templates and the node bootstrap script.

Targets:

``parameter``
    passed verbatim as the named parameter of ``cluster.yaml``.
``node``
    written to ``/etc/magnum/cluster.env`` on every node as the named
    variable, which ``fragments/bootstrap.sh`` reads.
``input``
    used while resolving inputs; ends up in the named parameter.
``environment``
    picks the named environment file (``environments/``).
``metadata``
    handed to every server as Nova metadata (``server_metadata``).
"""

import collections

Target = collections.namedtuple('Target', ['kind', 'name'])

_BOOL = {'type': 'string', 'enum': ['true', 'false']}
_SIZE = {'type': 'string', 'pattern': '^[0-9]+$'}
_CIDR = {'type': 'string',
         'pattern': r'^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$'}


def _with(base, description, **extra):
    prop = dict(base, description=description)
    prop.update(extra)
    return prop


_PROPERTIES = {
    'kube_tag': _with(
        {'type': 'string',
         'pattern': r'^v?[0-9]+\.[0-9]+\.[0-9]+([-+.][0-9A-Za-z.-]+)?$'},
        'Kubernetes version the nodes run, such as v1.30.4.',
        default='v1.30.4'),
    'etcd_volume_size': _with(
        _SIZE, 'Size in GB of a Cinder volume for etcd data on each '
        'master; 0 keeps etcd on the boot disk.', default='0'),
    'etcd_volume_type': _with(
        {'type': 'string'}, 'Cinder volume type of the etcd volume; '
        'else [cinder] default_etcd_volume_type, else the cloud default.'),
    'docker_volume_type': _with(
        {'type': 'string'}, 'Cinder volume type of the container storage '
        'volume; else [cinder] default_docker_volume_type, else the cloud '
        'default.'),
    'fixed_subnet_cidr': _with(
        _CIDR, 'CIDR of the private subnet made for the cluster.',
        default='10.0.0.0/24'),
    'availability_zone': _with(
        {'type': 'string'}, 'Nova availability zone of every server.'),
    'master_lb_floating_ip_enabled': _with(
        _BOOL, 'Give the API load balancer a floating IP; defaults to '
        'the floating_ip_enabled of the cluster.'),
    'instance_store_type': _with(
        {'type': 'string'}, 'Passed to every server as Nova metadata.'),
    'instance_store_uuid': _with(
        {'type': 'string'}, 'Passed to every server as Nova metadata.'),
    'image_store_type': _with(
        {'type': 'string'}, 'Passed to every server as Nova metadata.'),
    'image_store_uuid': _with(
        {'type': 'string'}, 'Passed to every server as Nova metadata.'),
    'flannel_backend': _with(
        {'type': 'string', 'enum': ['vxlan', 'host-gw', 'udp']},
        'Flannel backend when network_driver is flannel.',
        default='vxlan'),
    'flannel_network_cidr': _with(
        _CIDR, 'Pod network of flannel.', default='10.100.0.0/16'),
    'flannel_network_subnetlen': _with(
        _SIZE, 'Prefix length of the pod subnet of each node (flannel).',
        default='24'),
    'calico_ipv4pool': _with(
        _CIDR, 'Pod network of calico.', default='10.100.0.0/16'),
    'calico_tag': _with(
        {'type': 'string'}, 'Calico version.', default='v3.28.2'),
    'service_cluster_ip_range': _with(
        _CIDR, 'Network of Kubernetes Service cluster IPs.',
        default='10.254.0.0/16'),
    'dns_cluster_domain': _with(
        {'type': 'string'}, 'DNS domain of the cluster.',
        default='cluster.local'),
    'container_runtime': _with(
        {'type': 'string', 'enum': ['containerd', 'docker']},
        'Container runtime of the kubelet.', default='containerd'),
    'cgroup_driver': _with(
        {'type': 'string', 'enum': ['systemd', 'cgroupfs']},
        'cgroup driver of the kubelet and the runtime.', default='systemd'),
    'cloud_provider_enabled': _with(
        _BOOL, 'Run the OpenStack cloud provider (load balancers, '
        'volumes).', default='true'),
    'registry_container': _with(
        {'type': 'string'}, 'Swift container of the private registry.',
        default='container'),
    'swift_region': _with(
        {'type': 'string'}, 'Swift region of the private registry.'),
}

SCHEMA = {
    '$schema': 'http://json-schema.org/draft-07/schema#',
    'title': 'Labels of the Kubernetes on Fedora CoreOS / Flatcar driver',
    'type': 'object',
    'properties': _PROPERTIES,
    'additionalProperties': {'type': 'string'},
}

TARGETS = {
    'kube_tag': Target('parameter', 'kube_tag'),
    'etcd_volume_size': Target('parameter', 'etcd_volume_size'),
    'etcd_volume_type': Target('input', 'etcd_volume_type'),
    'docker_volume_type': Target('input', 'docker_volume_type'),
    'fixed_subnet_cidr': Target('input', 'fixed_subnet_cidr'),
    'availability_zone': Target('parameter', 'availability_zone'),
    'master_lb_floating_ip_enabled': Target('environment',
                                            'enable_lb_floating_ip.yaml'),
    'instance_store_type': Target('metadata', 'server_metadata'),
    'instance_store_uuid': Target('metadata', 'server_metadata'),
    'image_store_type': Target('metadata', 'server_metadata'),
    'image_store_uuid': Target('metadata', 'server_metadata'),
    'flannel_backend': Target('node', 'FLANNEL_BACKEND'),
    'flannel_network_cidr': Target('node', 'FLANNEL_NETWORK_CIDR'),
    'flannel_network_subnetlen': Target('node', 'FLANNEL_NETWORK_SUBNETLEN'),
    'calico_ipv4pool': Target('node', 'CALICO_IPV4POOL'),
    'calico_tag': Target('node', 'CALICO_TAG'),
    'service_cluster_ip_range': Target('node', 'PORTAL_NETWORK_CIDR'),
    'dns_cluster_domain': Target('node', 'DNS_CLUSTER_DOMAIN'),
    'container_runtime': Target('node', 'CONTAINER_RUNTIME'),
    'cgroup_driver': Target('node', 'CGROUP_DRIVER'),
    'cloud_provider_enabled': Target('node', 'CLOUD_PROVIDER_ENABLED'),
    'registry_container': Target('node', 'REGISTRY_CONTAINER'),
    'swift_region': Target('node', 'SWIFT_REGION'),
}


def parameters_table():
    """label -> Heat parameter, for labels passed through verbatim."""
    return {label: target.name for label, target in TARGETS.items()
            if target.kind == 'parameter'}


def node_settings(labels):
    """Return [(variable, value)] of the node settings, schema defaults
    filling labels that are not set, in a stable order.
    """
    settings = []
    for label, target in sorted(TARGETS.items(),
                                key=lambda item: item[1].name):
        if target.kind != 'node':
            continue
        value = labels.get(label)
        if value in (None, ''):
            value = _PROPERTIES[label].get('default', '')
        settings.append((target.name, value))
    return settings
