"""The labels the Kubernetes-on-CoreOS driver understands, declared once
as :mod:`magnum.drivers.heat.label_table` describes; a test holds them
against the templates and the node bootstrap script.
"""

from magnum.drivers.heat import label_table

Target = label_table.Target
_with = label_table.described

_PROPERTIES = {
    'kube_tag': _with(
        {'type': 'string',
         'pattern': r'^v?[0-9]+\.[0-9]+\.[0-9]+([-+.][0-9A-Za-z.-]+)?$'},
        'Kubernetes version the nodes run, such as v1.30.4.',
        default='v1.30.4'),
    'etcd_volume_size': _with(
        label_table.SIZE, 'Size in GB of a Cinder volume for etcd data on '
        'each master; 0 keeps etcd on the boot disk.', default='0'),
    'etcd_volume_type': _with(
        {'type': 'string'}, 'Cinder volume type of the etcd volume; '
        'else [cinder] default_etcd_volume_type, else the cloud default.'),
    'flannel_backend': _with(
        {'type': 'string', 'enum': ['vxlan', 'host-gw', 'udp']},
        'Flannel backend when network_driver is flannel.',
        default='vxlan'),
    'flannel_network_cidr': _with(
        label_table.CIDR, 'Pod network of flannel.',
        default='10.100.0.0/16'),
    'flannel_network_subnetlen': _with(
        label_table.SIZE, 'Prefix length of the pod subnet of each node '
        '(flannel).', default='24'),
    'calico_ipv4pool': _with(
        label_table.CIDR, 'Pod network of calico.', default='10.100.0.0/16'),
    'calico_tag': _with(
        {'type': 'string'}, 'Calico version.', default='v3.28.2'),
    'service_cluster_ip_range': _with(
        label_table.CIDR, 'Network of Kubernetes Service cluster IPs.',
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
        label_table.BOOL, 'Run the OpenStack cloud provider (load '
        'balancers, volumes).', default='true'),
    'registry_container': _with(
        {'type': 'string'}, 'Swift container of the private registry.',
        default='container'),
    'swift_region': _with(
        {'type': 'string'}, 'Swift region of the private registry.'),
}
_PROPERTIES.update(label_table.shared_properties('API'))

SCHEMA = label_table.schema(
    'Labels of the Kubernetes on Fedora CoreOS / Flatcar driver',
    _PROPERTIES)

TARGETS = {
    'kube_tag': Target('parameter', 'kube_tag'),
    'etcd_volume_size': Target('parameter', 'etcd_volume_size'),
    'etcd_volume_type': Target('input', 'etcd_volume_type'),
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
TARGETS.update(label_table.SHARED_TARGETS)
