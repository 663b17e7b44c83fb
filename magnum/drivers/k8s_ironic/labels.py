"""The labels of the bare-metal Kubernetes driver.

The Kubernetes-on-CoreOS labels, without the Cinder ones (bare-metal
nodes get no volumes), plus the server group policy of bare metal. The
targets keep the meaning of :mod:`magnum.drivers.k8s_coreos.labels`.
"""

from magnum.drivers.heat import label_table
from magnum.drivers.k8s_coreos import labels as k8s_labels

Target = label_table.Target

#: Labels of the VM driver that ask for Cinder volumes.
VOLUME_LABELS = ('etcd_volume_size', 'etcd_volume_type',
                 'docker_volume_type', 'boot_volume_size',
                 'boot_volume_type')

#: Nova server group policies bare metal can use. Nova applies them per
#: nova-compute service, and one service usually drives many Ironic
#: nodes, so soft and affinity policies mean nothing useful here.
POLICIES = ('anti-affinity',)

_PROPERTIES = {name: prop for name, prop in
               k8s_labels.SCHEMA['properties'].items()
               if name not in VOLUME_LABELS}
_PROPERTIES['server_group_policy'] = {
    'type': 'string', 'enum': list(POLICIES), 'default': POLICIES[0],
    'description': 'Nova server group policy of the masters and of the '
    'workers; bare metal takes no soft policy.'}

SCHEMA = label_table.schema(
    'Labels of the Kubernetes on bare metal (Ironic) driver', _PROPERTIES)

TARGETS = {name: target for name, target in k8s_labels.TARGETS.items()
           if name not in VOLUME_LABELS}
TARGETS['server_group_policy'] = Target('parameter', 'nodes_affinity_policy')
