"""Encoding what reaches the nodes of self-configuring drivers."""

import base64

from magnum.drivers.heat import node_config
from magnum.tests import base
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx


class Base64Definition(node_config.NodeConfigDefinition):

    encode = staticmethod(node_config.base64_encode)

    def node_parameters(self, cluster, cluster_template, inputs, labels):
        return {'cluster_uuid_b64': self.encode(cluster.uuid)}


class TestNodeConfig(base.TestCase):

    def test_encoders(self):
        self.assertEqual('p%40ss%20word%0A',
                         node_config.percent_encode('p@ss word\n'))
        self.assertEqual('', node_config.base64_encode(None))
        self.assertEqual(b'x y', base64.b64decode(
            node_config.base64_encode('x y')))

    def test_node_no_proxy(self):
        inputs = fx.resolved(fixed_subnet_cidr='10.0.0.0/24')
        self.assertEqual('10.0.0.0/24', node_config.node_no_proxy(
            fx.template(), inputs))
        self.assertEqual('a,b,10.0.0.0/24', node_config.node_no_proxy(
            fx.template(no_proxy='a,b'), inputs))

    def test_every_stack_gets_the_node_parameters(self):
        defn = Base64Definition()
        ct = fx.template()
        cluster = fx.cluster(ct)
        expected = {'cluster_uuid_b64': node_config.base64_encode(
            cluster.uuid)}
        self.assertEqual(expected, defn.cluster_parameters(
            cluster, ct, cluster.nodegroups, fx.resolved(), {}))
        self.assertEqual(expected, defn.nodegroup_parameters(
            cluster, ct, cluster.default_ng_worker, fx.resolved(), {}))

    def test_secrets_and_credentials_are_encoded(self):
        defn = Base64Definition()
        secrets = defn.secret_parameters(fx.resolved())
        self.assertEqual('p@ss word', base64.b64decode(
            secrets['trustee_password']).decode())
        self.assertEqual({'ca_cert': node_config.base64_encode('PEM')},
                         defn.ca_parameters(fx.resolved(ca_cert='PEM')))
        self.assertEqual(defn.ca_parameters(fx.resolved()),
                         defn.nodegroup_ca_parameters(fx.resolved()))
        creds = defn.credential_parameters(fx.cluster())
        self.assertEqual('trustee', base64.b64decode(
            creds['trustee_username']).decode())
