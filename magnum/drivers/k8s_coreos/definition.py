"""What the Kubernetes-on-CoreOS templates need beyond the shared
parameters.

Nodes are configured by Ignition. Node settings and files travel inside
Ignition ``data:`` URLs, so every value the templates paste into one is
percent-encoded here; values Heat pastes itself (addresses, counts,
versions) need no encoding. Pure, like :mod:`magnum.drivers.heat.render`.
"""

import os

from magnum.drivers.heat import label_table
from magnum.drivers.heat import node_config
from magnum.drivers.heat import render
from magnum.drivers.heat import template_files
from magnum.drivers.k8s_coreos import labels as k8s_labels

TEMPLATE_DIR = template_files.templates_beside(__file__)
BOOTSTRAP = template_files.bootstrap_path(TEMPLATE_DIR)
#: The network, load balancer, floating IP and volume switches. They only
#: map resource types, so the Mesos and Swarm mode drivers use them too.
ENVIRONMENT_DIR = os.path.join(TEMPLATE_DIR, 'environments')

#: Ignition spec version per os_distro: Container Linux only reads spec 2.
IGNITION_VERSIONS = {
    'fedora-coreos': '3.3.0',
    'flatcar': '3.3.0',
    'coreos': '2.2.0',
}

DEFAULT_NETWORK_DRIVER = 'flannel'

#: What only the masters get of the cluster's CAs (the Kubernetes CA
#: certificate, ``ca_cert``, and its pin, ``ca_cert_hash``, go to every
#: node). The parameters are named after the ``Inputs`` fields.
MASTER_CA_PARAMETERS = ('ca_key', 'etcd_ca_cert', 'etcd_ca_key',
                        'front_proxy_ca_cert', 'front_proxy_ca_key')
#: The parameters holding private keys: ``hidden`` in every template.
CA_KEY_PARAMETERS = ('ca_key', 'etcd_ca_key', 'front_proxy_ca_key')

encode = node_config.percent_encode


def bootstrap_script():
    """The node bootstrap script shipped with the templates."""
    return template_files.read(BOOTSTRAP)


def _env(lines):
    return encode(''.join('%s=%s\n' % (key, value) for key, value in lines))


def cluster_env(cluster, cluster_template, inputs, labels):
    """The cluster-wide lines of /etc/magnum/cluster.env, encoded."""
    tls_disabled = render.as_bool(cluster_template.tls_disabled)
    lines = [
        ('CLUSTER_UUID', cluster.uuid),
        ('NETWORK_DRIVER',
         cluster_template.network_driver or DEFAULT_NETWORK_DRIVER),
        ('TLS_DISABLED', str(tls_disabled).lower()),
        ('KUBE_API_PORT', '8080' if tls_disabled else '6443'),
        ('REGISTRY_ENABLED',
         str(render.as_bool(cluster_template.registry_enabled)).lower()),
        ('INSECURE_REGISTRY', cluster_template.insecure_registry or ''),
        ('AUTH_URL', inputs.auth_url),
        ('MAGNUM_URL', inputs.magnum_url),
        ('REGION_NAME', inputs.region_name),
        ('PROJECT_ID', inputs.project_id),
        ('TRUSTEE_DOMAIN_ID', inputs.trustee_domain_id),
        ('VERIFY_CA', str(inputs.verify_ca).lower()),
        ('OCTAVIA_ENABLED', str(inputs.octavia_enabled).lower()),
        ('HTTP_PROXY', cluster_template.http_proxy or ''),
        ('HTTPS_PROXY', cluster_template.https_proxy or ''),
        ('DOCKER_STORAGE_DRIVER',
         cluster_template.docker_storage_driver or 'overlay2'),
    ]
    lines.extend(label_table.node_settings(
        k8s_labels.SCHEMA, k8s_labels.TARGETS, labels))
    return _env(lines)


def _master_cas(inputs):
    return {name: encode(getattr(inputs, name))
            for name in MASTER_CA_PARAMETERS}


def _kube_tag(labels):
    return labels.get('kube_tag') or k8s_labels.SCHEMA[
        'properties']['kube_tag']['default']


class KubernetesDefinition(node_config.NodeConfigDefinition):
    """The templates of the Kubernetes-on-CoreOS driver.

    The masters' ``kubeadm init`` issues every component certificate from
    magnum's three CAs, so the cluster stack carries their keys
    (:data:`MASTER_CA_PARAMETERS`); workers check the API server's CA
    against ``ca_cert_hash`` when they join.
    """

    template_dir = TEMPLATE_DIR
    label_parameters = label_table.parameters_table(k8s_labels.TARGETS)
    encode = staticmethod(encode)
    ca_keys_on_masters = True

    def node_parameters(self, cluster, cluster_template, inputs, labels):
        params = self.secret_parameters(inputs)
        params.update(self.nodegroup_ca_parameters(inputs))
        params.update({
            'service_account_public_key': encode(
                inputs.service_account_public_key),
            'service_account_private_key': encode(
                inputs.service_account_private_key),
            'cluster_env': cluster_env(cluster, cluster_template, inputs,
                                       labels),
            'bootstrap_script': encode(bootstrap_script()),
            'ignition_version': IGNITION_VERSIONS.get(
                cluster_template.cluster_distro, '3.3.0'),
            'network_driver': (cluster_template.network_driver or
                               DEFAULT_NETWORK_DRIVER),
            'minion_kube_tag': _kube_tag(labels),
        })
        return params

    def cluster_parameters(self, cluster, cluster_template, nodegroups,
                           inputs, labels):
        params = super().cluster_parameters(cluster, cluster_template,
                                            nodegroups, inputs, labels)
        params['master_kube_tag'] = _kube_tag(labels)
        params.update(_master_cas(inputs))
        return params

    def ca_parameters(self, inputs):
        params = self.nodegroup_ca_parameters(inputs)
        params.update(_master_cas(inputs))
        return params

    def nodegroup_ca_parameters(self, inputs):
        return {'ca_cert': encode(inputs.ca_cert),
                'ca_cert_hash': encode(inputs.ca_cert_hash)}

    def upgrade_parameters(self, cluster, cluster_template, nodegroup):
        params = super().upgrade_parameters(cluster, cluster_template,
                                            nodegroup)
        labels = dict(cluster.labels or {})
        labels.update(cluster_template.labels or {})
        role = 'master' if nodegroup.role == 'master' else 'minion'
        params['%s_kube_tag' % role] = _kube_tag(labels)
        return params
