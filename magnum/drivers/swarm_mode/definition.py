"""What the Swarm mode templates need beyond the shared parameters.

Nodes are configured by Ignition; values pasted into its ``data:`` URLs
are percent-encoded here. Pure, like :mod:`magnum.drivers.heat.render`.
"""

import functools
import os
from urllib import parse

from magnum.drivers.heat import render
from magnum.drivers.k8s_coreos import definition as k8s_definition
from magnum.drivers.swarm_mode import labels as swarm_labels

TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            'templates')
BOOTSTRAP = os.path.join(TEMPLATE_DIR, 'fragments', 'bootstrap.sh')

DEFAULT_NETWORK_DRIVER = 'docker'
TLS_PORT = 2376
INSECURE_PORT = 2375


def encode(value):
    """Percent-encode a value for an Ignition ``data:`` URL."""
    return parse.quote(str(value), safe='')


@functools.lru_cache(maxsize=None)
def bootstrap_script():
    """The node bootstrap script shipped with the templates."""
    with open(BOOTSTRAP) as script:
        return script.read()


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
    lines.extend(swarm_labels.node_settings(labels))
    return encode(''.join('%s=%s\n' % line for line in lines))


class SwarmDefinition(render.Definition):
    """The templates of the Swarm mode driver."""

    template_dir = TEMPLATE_DIR
    # The network, load balancer, floating IP and volume switches are the
    # Kubernetes driver's: they only map resource types.
    environment_dir = os.path.join(k8s_definition.TEMPLATE_DIR,
                                   'environments')
    label_parameters = swarm_labels.parameters_table()

    def _common(self, cluster, cluster_template, inputs, labels):
        no_proxy = ','.join(
            e for e in [cluster_template.no_proxy or '',
                        inputs.fixed_subnet_cidr] if e)
        return {
            'cluster_env': cluster_env(cluster, cluster_template, inputs,
                                       labels, no_proxy),
            'bootstrap_script': encode(bootstrap_script()),
            'network_driver': (cluster_template.network_driver or
                               DEFAULT_NETWORK_DRIVER),
            'volume_driver': cluster_template.volume_driver or '',
            'ca_cert': encode(inputs.ca_cert),
            'openstack_ca': encode(inputs.openstack_ca),
            'trustee_user_id': encode(inputs.trustee_user_id),
            'trustee_username': encode(inputs.trustee_username),
            'trustee_password': encode(inputs.trustee_password),
            'trust_id': encode(inputs.trust_id),
        }

    def cluster_parameters(self, cluster, cluster_template, nodegroups,
                           inputs, labels):
        return self._common(cluster, cluster_template, inputs, labels)

    def nodegroup_parameters(self, cluster, cluster_template, nodegroup,
                             inputs, labels):
        return self._common(cluster, cluster_template, inputs, labels)

    def ca_parameters(self, ca_cert):
        return {'ca_cert': encode(ca_cert)}

    def credential_parameters(self, cluster):
        return {key: encode(value) for key, value in
                super().credential_parameters(cluster).items()}
