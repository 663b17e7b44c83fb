"""The bare-metal Kubernetes templates: the Kubernetes-on-CoreOS ones.

Bare metal differs in what it refuses (volumes, soft server group
policies, a private network, which Ironic cannot deploy to) rather than in
what it builds, so the driver renders the VM driver's templates with
other inputs: the fixed network Ironic deploys on, no volumes, and a
strict server group policy.
"""

from magnum.drivers.heat import label_table
from magnum.drivers.k8s_coreos import definition as k8s_definition
from magnum.drivers.k8s_ironic import labels as bm_labels

TEMPLATE_DIR = k8s_definition.TEMPLATE_DIR


def server_group_policy(labels):
    """The strict policy bare metal uses (never a soft one)."""
    return labels.get('server_group_policy') or bm_labels.POLICIES[0]


class BareMetalDefinition(k8s_definition.KubernetesDefinition):
    """The Kubernetes-on-CoreOS templates with bare-metal inputs."""

    label_parameters = label_table.parameters_table(bm_labels.TARGETS)

    def node_parameters(self, cluster, cluster_template, inputs, labels):
        params = super().node_parameters(cluster, cluster_template, inputs,
                                         labels)
        params['nodes_affinity_policy'] = server_group_policy(labels)
        return params
