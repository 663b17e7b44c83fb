"""What the Mesos templates need beyond the shared parameters.

Nodes are configured by cloud-init; values that may hold any character
travel base64-encoded. Pure, like :mod:`magnum.drivers.heat.render`.
"""

import shlex

from magnum.drivers.heat import label_table
from magnum.drivers.heat import node_config
from magnum.drivers.heat import template_files
from magnum.drivers.k8s_coreos import definition as k8s_definition
from magnum.drivers.mesos import labels as mesos_labels

TEMPLATE_DIR = template_files.templates_beside(__file__)
BOOTSTRAP = template_files.bootstrap_path(TEMPLATE_DIR)
#: The Kubernetes driver's switches (see there).
ENVIRONMENT_DIR = k8s_definition.ENVIRONMENT_DIR

API_PORT = 5050
MARATHON_PORT = 8080

encode = node_config.base64_encode


def bootstrap_script():
    """The node bootstrap script shipped with the templates."""
    return template_files.read(BOOTSTRAP)


def cluster_env(cluster, cluster_template, inputs, labels):
    """The lines of /etc/magnum/mesos.env (shell-quoted), base64."""
    lines = [
        ('CLUSTER_UUID', cluster.uuid),
        ('CLUSTER_NAME', cluster.name or cluster.uuid),
        ('VOLUME_DRIVER', cluster_template.volume_driver or ''),
        ('AUTH_URL', inputs.auth_url),
        ('REGION_NAME', inputs.region_name),
        ('HTTP_PROXY', cluster_template.http_proxy or ''),
        ('HTTPS_PROXY', cluster_template.https_proxy or ''),
        ('NO_PROXY', node_config.node_no_proxy(cluster_template, inputs)),
    ]
    lines.extend(label_table.node_settings(
        mesos_labels.SCHEMA, mesos_labels.TARGETS, labels))
    return encode(''.join('%s=%s\n' % (key, shlex.quote(str(value)))
                          for key, value in lines))


class MesosDefinition(node_config.NodeConfigDefinition):
    """The templates of the Mesos driver."""

    template_dir = TEMPLATE_DIR
    environment_dir = ENVIRONMENT_DIR
    label_parameters = label_table.parameters_table(mesos_labels.TARGETS)
    encode = staticmethod(encode)

    def node_parameters(self, cluster, cluster_template, inputs, labels):
        params = self.secret_parameters(inputs)
        params.update({
            'cluster_env': cluster_env(cluster, cluster_template, inputs,
                                       labels),
            'bootstrap_script': encode(bootstrap_script()),
            'network_driver': 'docker',
            'volume_driver': cluster_template.volume_driver or '',
        })
        return params
