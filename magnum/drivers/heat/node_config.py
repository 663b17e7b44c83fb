"""Definitions of drivers whose nodes configure themselves.

The nodes of these drivers read their settings, secrets and bootstrap
script from files that Heat pastes into their cloud-init or Ignition
configuration, so every such value travels encoded the way that format
needs; values Heat pastes itself (addresses, counts, versions) need no
encoding.
"""

import base64
from urllib import parse

from magnum.drivers.heat import render


def percent_encode(value):
    """Percent-encode a value for an Ignition ``data:`` URL."""
    return parse.quote(str(value), safe='')


def base64_encode(value):
    """Base64 of a value, for a cloud-init ``b64`` file."""
    return base64.b64encode(str(value or '').encode()).decode()


def node_no_proxy(cluster_template, inputs):
    """Return the NO_PROXY of the nodes: the template's, then the subnet.
    """
    return ','.join(e for e in [cluster_template.no_proxy or '',
                                inputs.fixed_subnet_cidr] if e)


class NodeConfigDefinition(render.Definition):
    """A :class:`~magnum.drivers.heat.render.Definition` whose parameters
    reach the nodes encoded.

    Subclasses set :attr:`encode` and implement :meth:`node_parameters`,
    which the cluster stack and nodegroup stacks both get.
    """

    #: Encodes one value for the nodes' configuration format, such as
    #: :func:`percent_encode` or :func:`base64_encode`.
    encode = None

    def node_parameters(self, cluster, cluster_template, inputs, labels):
        """Return the driver's parameters every stack of a cluster gets."""
        raise NotImplementedError()

    def secret_parameters(self, inputs):
        """Return the encoded CA certificates and trustee credentials."""
        return {name: self.encode(getattr(inputs, name))
                for name in ('ca_cert', 'openstack_ca', 'trustee_user_id',
                             'trustee_username', 'trustee_password',
                             'trust_id')}

    def cluster_parameters(self, cluster, cluster_template, nodegroups,
                           inputs, labels):
        return self.node_parameters(cluster, cluster_template, inputs,
                                    labels)

    def nodegroup_parameters(self, cluster, cluster_template, nodegroup,
                             inputs, labels):
        return self.node_parameters(cluster, cluster_template, inputs,
                                    labels)

    def ca_parameters(self, inputs):
        return {'ca_cert': self.encode(inputs.ca_cert)}

    def credential_parameters(self, cluster):
        return {key: self.encode(value) for key, value in
                super().credential_parameters(cluster).items()}
