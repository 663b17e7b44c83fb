"""What the Swarm mode templates need beyond the shared parameters.

Nodes are configured by Ignition; values pasted into its ``data:`` URLs
are percent-encoded here. Pure, like :mod:`magnum.drivers.heat.render`.
"""

from magnum.drivers.heat import label_table
from magnum.drivers.heat import node_config
from magnum.drivers.heat import render
from magnum.drivers.heat import template_files
from magnum.drivers.k8s_coreos import definition as k8s_definition
from magnum.drivers.swarm_mode import labels as swarm_labels

TEMPLATE_DIR = template_files.templates_beside(__file__)
BOOTSTRAP = template_files.bootstrap_path(TEMPLATE_DIR)
#: The Kubernetes driver's switches (see there).
ENVIRONMENT_DIR = k8s_definition.ENVIRONMENT_DIR

DEFAULT_NETWORK_DRIVER = 'docker'
TLS_PORT = 2376
INSECURE_PORT = 2375

encode = node_config.percent_encode


def bootstrap_script():
    """The node bootstrap script shipped with the templates."""
    return template_files.read(BOOTSTRAP)


def cluster_env(cluster, cluster_template, inputs, labels, no_proxy):
    """The cluster-wide lines of /etc/magnum/swarm.env, encoded."""
    tls_disabled = render.as_bool(cluster_template.tls_disabled)
    lines = [
        ('CLUSTER_UUID', cluster.uuid),
        ('NETWORK_DRIVER',
         cluster_template.network_driver or DEFAULT_NETWORK_DRIVER),
        ('VOLUME_DRIVER', cluster_template.volume_driver or ''),
        ('TLS_DISABLED', str(tls_disabled).lower()),
        ('AUTH_URL', inputs.auth_url),
        ('MAGNUM_URL', inputs.magnum_url),
        ('REGION_NAME', inputs.region_name),
        ('VERIFY_CA', str(inputs.verify_ca).lower()),
        ('HTTP_PROXY', cluster_template.http_proxy or ''),
        ('HTTPS_PROXY', cluster_template.https_proxy or ''),
        ('NO_PROXY', no_proxy),
    ]
    lines.extend(label_table.node_settings(
        swarm_labels.SCHEMA, swarm_labels.TARGETS, labels))
    return encode(''.join('%s=%s\n' % line for line in lines))


class SwarmDefinition(node_config.NodeConfigDefinition):
    """The templates of the Swarm mode driver."""

    template_dir = TEMPLATE_DIR
    environment_dir = ENVIRONMENT_DIR
    label_parameters = label_table.parameters_table(swarm_labels.TARGETS)
    encode = staticmethod(encode)

    def node_parameters(self, cluster, cluster_template, inputs, labels):
        no_proxy = node_config.node_no_proxy(cluster_template, inputs)
        params = self.secret_parameters(inputs)
        params.update({
            'cluster_env': cluster_env(cluster, cluster_template, inputs,
                                       labels, no_proxy),
            'bootstrap_script': encode(bootstrap_script()),
            'network_driver': (cluster_template.network_driver or
                               DEFAULT_NETWORK_DRIVER),
            'volume_driver': cluster_template.volume_driver or '',
        })
        return params
