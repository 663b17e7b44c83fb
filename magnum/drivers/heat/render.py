"""Turn a cluster into a Heat template, parameters and environment files.

Everything here is a pure function of the cluster, its template, its
nodegroups and the resolved :class:`magnum.drivers.heat.inputs.Inputs`:
no network, no clock, no randomness. A driver supplies a *definition*
(see :class:`Definition`) that names its templates and adds its own
parameters; the parameters and environment switches every Heat driver
shares are made here.
"""

import dataclasses
import json
import os

from magnum.common import exception
from magnum.i18n import _

#: Labels handed to every server as Nova metadata (boot options of the
#: cloud's instance and image stores).
SERVER_METADATA_LABELS = ('instance_store_type', 'instance_store_uuid',
                          'image_store_type', 'image_store_uuid')

CLUSTER_TEMPLATE = 'cluster.yaml'
NODEGROUP_TEMPLATE = 'nodegroup.yaml'
ENVIRONMENTS = 'environments'

TRUE_WORDS = ('true', 'yes', 'on', '1')


@dataclasses.dataclass(frozen=True)
class Rendered:
    """What to send to Heat for one stack.

    :ivar template_path: absolute path of the top template; the files it
        refers to are found next to it.
    :ivar parameters: the stack parameters.
    :ivar environment_files: absolute paths of the environment files, in
        the order Heat must merge them.
    """

    template_path: str
    parameters: dict
    environment_files: tuple

    def relative(self, root):
        """Return a JSON-friendly copy with paths relative to ``root``."""
        return {
            'template': os.path.relpath(self.template_path, root),
            'environment_files': [os.path.relpath(p, root)
                                  for p in self.environment_files],
            'parameters': self.parameters,
        }


class Definition:
    """What a Heat driver tells the renderer about its templates.

    Subclasses set :attr:`template_dir` and may override the hooks.
    """

    #: Directory holding cluster.yaml, nodegroup.yaml and environments/.
    template_dir = None

    #: Directory of the environment files, when not ``template_dir``'s
    #: environments/ (a driver may share another driver's switches).
    environment_dir = None

    #: label -> Heat parameter, for labels passed through verbatim.
    label_parameters = {}

    #: Whether the masters get the CAs' private keys, because they issue
    #: the cluster's certificates themselves (see
    #: :func:`magnum.drivers.heat.inputs.cluster_cas`).
    ca_keys_on_masters = False

    def cluster_parameters(self, cluster, cluster_template, nodegroups,
                           inputs, labels):
        """Return the driver's own parameters of the cluster stack."""
        return {}

    def nodegroup_parameters(self, cluster, cluster_template, nodegroup,
                             inputs, labels):
        """Return the driver's own parameters of a nodegroup stack."""
        return {}

    def upgrade_parameters(self, cluster, cluster_template, nodegroup):
        """Return the parameters that move a nodegroup to a new template.
        """
        image = _pick(cluster_template.image_id, nodegroup.image_id)
        if nodegroup.role == 'master':
            return {'master_image': image}
        return {'minion_image': image}

    def ca_parameters(self, inputs):
        """Return the cluster stack's parameters that carry new CAs.

        :param inputs: :class:`~magnum.drivers.heat.inputs.Inputs` of which
            only the CA fields are read.
        """
        return {'ca_cert': inputs.ca_cert}

    def nodegroup_ca_parameters(self, inputs):
        """Return a nodegroup stack's parameters that carry new CAs."""
        return self.ca_parameters(inputs)

    def credential_parameters(self, cluster):
        """Return the parameters that carry the trustee's credentials."""
        return {
            'trustee_user_id': cluster.trustee_user_id or '',
            'trustee_username': cluster.trustee_username or '',
            'trustee_password': cluster.trustee_password or '',
        }


def as_bool(value, default=False):
    """Read a label or field that may be a string as a boolean."""
    if value is None or value == '':
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in TRUE_WORDS


def merged_labels(cluster, cluster_template, nodegroup=None):
    """Template labels, overridden by cluster then nodegroup labels."""
    labels = dict(getattr(cluster_template, 'labels', None) or {})
    labels.update(getattr(cluster, 'labels', None) or {})
    if nodegroup is not None:
        labels.update(getattr(nodegroup, 'labels', None) or {})
    return labels


def server_metadata(labels):
    """The Nova metadata every server of the cluster carries."""
    return {name: labels[name] for name in SERVER_METADATA_LABELS
            if labels.get(name)}


def _pick(*values):
    for value in values:
        if value not in (None, ''):
            return value
    return None


def _flag(cluster, cluster_template, name, default):
    value = getattr(cluster, name, None)
    if value is None:
        value = getattr(cluster_template, name, None)
    return as_bool(value, default)


def split_nodegroups(nodegroups):
    """Return (default master, default worker, other workers).

    :raises: InvalidParameterValue when a default nodegroup is missing.
    """
    master = worker = None
    others = []
    for ng in nodegroups:
        if ng.role == 'master' and ng.is_default and master is None:
            master = ng
        elif ng.role != 'master' and ng.is_default and worker is None:
            worker = ng
        elif ng.role != 'master':
            others.append(ng)
    if master is None or worker is None:
        raise exception.InvalidParameterValue(
            err=_('A cluster needs a default master and a default worker '
                  'nodegroup.'))
    return master, worker, others


def docker_volume_size(cluster, cluster_template, nodegroup):
    return int(_pick(getattr(nodegroup, 'docker_volume_size', None),
                     cluster.docker_volume_size,
                     cluster_template.docker_volume_size) or 0)


def _shared_parameters(cluster, cluster_template, inputs, labels):
    tls_disabled = as_bool(cluster_template.tls_disabled)
    return {
        'cluster_uuid': str(cluster.uuid),
        'ssh_key_name': cluster.keypair or cluster_template.keypair_id or '',
        'dns_nameserver': cluster_template.dns_nameserver or '8.8.8.8',
        'http_proxy': cluster_template.http_proxy or '',
        'https_proxy': cluster_template.https_proxy or '',
        'no_proxy': _no_proxy(cluster_template.no_proxy,
                              inputs.fixed_subnet_cidr),
        'docker_volume_type': inputs.docker_volume_type,
        'nodes_affinity_policy': inputs.affinity_policy,
        'server_metadata': server_metadata(labels),
        'auth_url': inputs.auth_url,
        'magnum_url': inputs.magnum_url,
        'region_name': inputs.region_name,
        'project_id': inputs.project_id,
        'trustee_domain_id': inputs.trustee_domain_id,
        'trustee_user_id': inputs.trustee_user_id,
        'trustee_username': inputs.trustee_username,
        'trustee_password': inputs.trustee_password,
        'trust_id': inputs.trust_id,
        'verify_ca': inputs.verify_ca,
        'tls_disabled': tls_disabled,
        'registry_enabled': as_bool(cluster_template.registry_enabled),
        'floating_ip_enabled': _flag(cluster, cluster_template,
                                     'floating_ip_enabled', True),
    }


def _no_proxy(configured, cidr):
    entries = [e for e in (configured or '').split(',') if e]
    if cidr and cidr not in entries:
        entries.append(cidr)
    return ','.join(entries)


def _label_parameters(definition, labels):
    return {param: labels[label]
            for label, param in sorted(definition.label_parameters.items())
            if labels.get(label) not in (None, '')}


def _environment(definition, *names):
    root = definition.environment_dir or os.path.join(
        definition.template_dir, ENVIRONMENTS)
    return tuple(os.path.join(root, name) for name in names)


def _switch(flag, on, off):
    return on if flag else off


def cluster_environment_names(cluster, cluster_template, worker, inputs,
                              labels):
    """Pick the environment files of the cluster stack."""
    master_lb = _flag(cluster, cluster_template, 'master_lb_enabled', False)
    floating = _flag(cluster, cluster_template, 'floating_ip_enabled', True)
    lb_floating = master_lb and as_bool(
        labels.get('master_lb_floating_ip_enabled'), floating)
    return (
        _switch(inputs.fixed_network_id, 'no_private_network.yaml',
                'with_private_network.yaml'),
        _switch(master_lb, 'with_master_lb.yaml', 'no_master_lb.yaml'),
        _switch(floating, 'enable_floating_ip.yaml',
                'disable_floating_ip.yaml'),
        _switch(lb_floating, 'enable_lb_floating_ip.yaml',
                'disable_lb_floating_ip.yaml'),
        _switch(docker_volume_size(cluster, cluster_template, worker),
                'with_docker_volume.yaml', 'no_docker_volume.yaml'),
        _switch(int(labels.get('etcd_volume_size') or 0),
                'with_etcd_volume.yaml', 'no_etcd_volume.yaml'),
    )


def render_cluster(definition, cluster, cluster_template, nodegroups,
                   inputs):
    """Render the cluster stack: the network, masters and default workers.

    :param definition: the driver's :class:`Definition`.
    :param cluster: the cluster.
    :param cluster_template: its template.
    :param nodegroups: all of its nodegroups; the default master and
        worker groups go into this stack.
    :param inputs: the resolved :class:`~magnum.drivers.heat.inputs.Inputs`.
    :returns: a :class:`Rendered`.
    :raises: InvalidParameterValue when the cluster cannot be rendered.
    """
    master, worker, _others = split_nodegroups(nodegroups)
    labels = merged_labels(cluster, cluster_template)
    params = _shared_parameters(cluster, cluster_template, inputs, labels)
    params.update({
        'cluster_name': cluster.name or str(cluster.uuid),
        'external_network': inputs.external_network_id,
        'fixed_network': inputs.fixed_network_id,
        'fixed_network_name': inputs.fixed_network_name,
        'fixed_subnet': inputs.fixed_subnet_id,
        'fixed_subnet_cidr': inputs.fixed_subnet_cidr,
        'master_flavor': _pick(master.flavor_id, cluster.master_flavor_id,
                               cluster_template.master_flavor_id),
        'master_image': _pick(master.image_id, cluster_template.image_id),
        'number_of_masters': master.node_count,
        'master_nodegroup_name': master.name,
        'minion_flavor': _pick(worker.flavor_id, cluster.flavor_id,
                               cluster_template.flavor_id),
        'minion_image': _pick(worker.image_id, cluster_template.image_id),
        'number_of_minions': worker.node_count,
        'worker_nodegroup_name': worker.name,
        'docker_volume_size': docker_volume_size(cluster, cluster_template,
                                                 worker),
        'etcd_volume_type': inputs.etcd_volume_type,
        'master_lb_enabled': _flag(cluster, cluster_template,
                                   'master_lb_enabled', False),
    })
    params.update(_label_parameters(definition, labels))
    params.update(definition.cluster_parameters(
        cluster, cluster_template, nodegroups, inputs, labels))
    names = cluster_environment_names(cluster, cluster_template, worker,
                                      inputs, labels)
    return Rendered(
        template_path=os.path.join(definition.template_dir,
                                   CLUSTER_TEMPLATE),
        parameters=_sorted(params),
        environment_files=_environment(definition, *names))


def render_nodegroup(definition, cluster, cluster_template, nodegroup,
                     inputs, cluster_facts):
    """Render the stack of an extra (non-default) worker nodegroup.

    :param cluster_facts: outputs of the cluster stack the nodegroup
        joins: ``api_private_address``, ``network_id``, ``subnet_id`` and
        ``worker_security_group``.
    :returns: a :class:`Rendered`.
    :raises: InvalidParameterValue for a master nodegroup.
    """
    if nodegroup.role == 'master':
        raise exception.CreateMasterNodeGroup()
    labels = merged_labels(cluster, cluster_template, nodegroup)
    params = _shared_parameters(cluster, cluster_template, inputs, labels)
    floating = params['floating_ip_enabled']
    params.update({
        'cluster_name': cluster.name or str(cluster.uuid),
        'existing_master_private_ip': cluster_facts.get(
            'api_private_address') or '',
        'existing_security_group': cluster_facts.get(
            'worker_security_group') or '',
        'fixed_network': cluster_facts.get('network_id') or '',
        'fixed_subnet': cluster_facts.get('subnet_id') or '',
        'external_network': inputs.external_network_id,
        'minion_flavor': _pick(nodegroup.flavor_id, cluster.flavor_id,
                               cluster_template.flavor_id),
        'minion_image': _pick(nodegroup.image_id, cluster_template.image_id),
        'number_of_minions': nodegroup.node_count,
        'worker_nodegroup_name': nodegroup.name,
        'docker_volume_size': docker_volume_size(cluster, cluster_template,
                                                 nodegroup),
    })
    params.update(_label_parameters(definition, labels))
    params.update(definition.nodegroup_parameters(
        cluster, cluster_template, nodegroup, inputs, labels))
    names = (
        'no_master_lb.yaml',
        _switch(floating, 'enable_floating_ip.yaml',
                'disable_floating_ip.yaml'),
        _switch(params['docker_volume_size'], 'with_docker_volume.yaml',
                'no_docker_volume.yaml'),
        'no_etcd_volume.yaml',
    )
    return Rendered(
        template_path=os.path.join(definition.template_dir,
                                   NODEGROUP_TEMPLATE),
        parameters=_sorted(params),
        environment_files=_environment(definition, *names))


def _sorted(params):
    return dict(sorted(params.items()))


def to_json(rendered, root):
    """Serialise a :class:`Rendered` for golden files."""
    return json.dumps(rendered.relative(root), indent=2, sort_keys=True)
