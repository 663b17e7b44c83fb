"""What the Mesos templates need beyond the shared parameters.

Nodes are configured by cloud-init; values that may hold any character
travel base64-encoded. Pure, like :mod:`magnum.drivers.heat.render`.
"""

import base64
import functools
import os
import shlex

from magnum.drivers.heat import render
from magnum.drivers.k8s_coreos import definition as k8s_definition
from magnum.drivers.mesos import labels as mesos_labels

TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            'templates')
BOOTSTRAP = os.path.join(TEMPLATE_DIR, 'fragments', 'bootstrap.sh')

API_PORT = 5050
MARATHON_PORT = 8080


def encode(value):
    """Base64 of a value, for a cloud-init ``b64`` file."""
    return base64.b64encode(str(value or '').encode()).decode()


@functools.lru_cache(maxsize=None)
def bootstrap_script():
    """The node bootstrap script shipped with the templates."""
    with open(BOOTSTRAP) as script:
        return script.read()


def cluster_env(cluster, cluster_template, inputs, labels):
    """The lines of /etc/magnum/mesos.env (shell-quoted), base64."""
    no_proxy = ','.join(e for e in [cluster_template.no_proxy or '',
                                    inputs.fixed_subnet_cidr] if e)
    lines = [
        ('CLUSTER_UUID', cluster.uuid),
        ('CLUSTER_NAME', cluster.name or cluster.uuid),
        ('VOLUME_DRIVER', cluster_template.volume_driver or ''),
        ('AUTH_URL', inputs.auth_url),
        ('REGION_NAME', inputs.region_name),
        ('HTTP_PROXY', cluster_template.http_proxy or ''),
        ('HTTPS_PROXY', cluster_template.https_proxy or ''),
        ('NO_PROXY', no_proxy),
    ]
    lines.extend(mesos_labels.node_settings(labels))
    return encode(''.join('%s=%s\n' % (key, shlex.quote(str(value)))
                          for key, value in lines))


class MesosDefinition(render.Definition):
    """The templates of the Mesos driver."""

    template_dir = TEMPLATE_DIR
    # The network, load balancer, floating IP and volume switches are the
    # Kubernetes driver's: they only map resource types.
    environment_dir = os.path.join(k8s_definition.TEMPLATE_DIR,
                                   'environments')
    label_parameters = mesos_labels.parameters_table()

    def _common(self, cluster, cluster_template, inputs, labels):
        return {
            'cluster_env': cluster_env(cluster, cluster_template, inputs,
                                       labels),
            'bootstrap_script': encode(bootstrap_script()),
            'network_driver': 'docker',
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
