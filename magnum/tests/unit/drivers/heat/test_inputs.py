"""Input resolution: affinity negotiation, volume types and the CAs."""

import shutil
import subprocess
from unittest import mock

import fixtures

from magnum.common import exception
from magnum.common.x509 import authority
from magnum.common.x509 import keys
from magnum.conductor import certificates
from magnum.drivers.heat import inputs
from magnum.tests import base
from magnum.tests.unit.common.x509 import helpers
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx


class FakeLookups:

    def __init__(self, types=('lvm', 'ssd'), default='lvm'):
        self.types = [{'name': t, 'id': 'id-' + t} for t in types]
        self.default = default

    def volume_type(self, name):
        for t in self.types:
            if name in (t['name'], t['id']):
                return t
        raise exception.VolumeTypeNotFound(volume_type=name)

    def default_volume_type(self):
        return {'name': self.default} if self.default else None

    def volume_types(self):
        return self.types

    def external_network(self, ident):
        return {'id': fx.EXTERNAL_NETWORK}

    def fixed_network(self, ident):
        return {'id': fx.FIXED_NETWORK, 'name': ident,
                'subnets': [fx.FIXED_SUBNET]}

    def fixed_subnet(self, ident):
        return {'id': ident, 'cidr': '192.168.9.0/24'}


class FakeCloud:

    def __init__(self, lookups=None, microversion=(2, 95), octavia=False):
        self.lookups = lookups or FakeLookups()
        self.microversion = microversion
        self.octavia = octavia

    def endpoint(self, service_type, interface='public', region_name=None):
        return {'identity': 'http://keystone:5000',
                'container-infra': 'http://magnum:9511/',
                'load-balancer': 'http://octavia' if self.octavia else None
                }.get(service_type)

    def compute_max_microversion(self):
        return self.microversion

    def project_id(self):
        return 'p'


class TestAffinity(base.TestCase):

    def test_soft_policy_kept_on_new_nova(self):
        self.assertEqual('soft-anti-affinity',
                         inputs.negotiate_affinity_policy(
                             'soft-anti-affinity', (2, 15)))

    def test_soft_policy_falls_back_with_warning(self):
        with mock.patch.object(inputs.LOG, 'warning',
                               autospec=True) as warning:
            self.assertEqual('anti-affinity',
                             inputs.negotiate_affinity_policy(
                                 'soft-anti-affinity', (2, 14)))
            self.assertEqual('affinity',
                             inputs.negotiate_affinity_policy(
                                 'soft-affinity', None))
        self.assertEqual(2, warning.call_count)

    def test_strict_policy_untouched(self):
        self.assertEqual('anti-affinity', inputs.negotiate_affinity_policy(
            'anti-affinity', (2, 1)))

    def test_unknown_policy(self):
        self.assertRaises(exception.InvalidParameterValue,
                          inputs.negotiate_affinity_policy, 'spread', None)


class TestVolumeTypes(base.TestCase):

    def test_no_volume_no_type(self):
        self.assertEqual('', inputs.resolve_volume_type(
            FakeCloud(), 'ssd', 'lvm', 0))

    def test_label_wins(self):
        self.assertEqual('ssd', inputs.resolve_volume_type(
            FakeCloud(), 'ssd', 'lvm', 5))

    def test_config_then_cloud_default(self):
        cloud = FakeCloud(FakeLookups(default='lvm'))
        self.assertEqual('ssd', inputs.resolve_volume_type(
            cloud, None, 'ssd', 5))
        self.assertEqual('lvm', inputs.resolve_volume_type(
            cloud, None, '', 5))

    def test_first_type_without_default(self):
        cloud = FakeCloud(FakeLookups(types=('gold',), default=None))
        self.assertEqual('gold', inputs.resolve_volume_type(
            cloud, None, '', 5))

    def test_unknown_type_is_400(self):
        error = self.assertRaises(exception.VolumeTypeNotFound,
                                  inputs.resolve_volume_type,
                                  FakeCloud(), 'platinum', '', 5)
        self.assertEqual(400, error.code)

    def test_no_types_at_all_is_400(self):
        cloud = FakeCloud(FakeLookups(types=(), default=None))
        error = self.assertRaises(exception.VolumeTypeNotFound,
                                  inputs.resolve_volume_type,
                                  cloud, None, '', 5)
        self.assertIn('no volume types', str(error))


class TestResolve(base.TestCase):

    def test_resolve(self):
        self.config(group='cinder', default_docker_volume_type='ssd')
        self.config(group='trust', cluster_user_trust=True)
        ct = fx.template(docker_volume_size=5, fixed_network='net')
        cluster = fx.cluster(ct, fixed_network=None)
        got = inputs.resolve(None, cluster, ct, cluster.nodegroups,
                             cloud=FakeCloud(microversion=(2, 1),
                                             octavia=True))
        self.assertEqual('http://keystone:5000/v3', got.auth_url)
        self.assertEqual('http://magnum:9511/v1', got.magnum_url)
        self.assertEqual('ssd', got.docker_volume_type)
        self.assertEqual('', got.etcd_volume_type)
        self.assertEqual('anti-affinity', got.affinity_policy)
        self.assertEqual(fx.FIXED_NETWORK, got.fixed_network_id)
        self.assertEqual('192.168.9.0/24', got.fixed_subnet_cidr)
        self.assertEqual('trust-1', got.trust_id)
        self.assertTrue(got.octavia_enabled)
        self.assertIn('BEGIN PUBLIC KEY', got.service_account_public_key)

    def test_private_network_and_no_trust(self):
        ct = fx.template()
        cluster = fx.cluster(ct)
        got = inputs.resolve(None, cluster, ct, cluster.nodegroups,
                             cloud=FakeCloud(), new_keys=False)
        self.assertEqual('', got.fixed_network_id)
        self.assertEqual('10.0.0.0/24', got.fixed_subnet_cidr)
        self.assertEqual('', got.trust_id)
        self.assertEqual('', got.service_account_private_key)

    def test_external_network_required(self):
        ct = fx.template(external_network_id=None)
        cluster = fx.cluster(ct)
        self.assertRaises(exception.InvalidParameterValue, inputs.resolve,
                          None, cluster, ct, [], cloud=FakeCloud())


def _new_ca(testcase, name='k8s'):
    """Return (certificate PEM, unencrypted key PEM) of a fresh CA."""
    testcase.config(group='x509', rsa_key_size=helpers.TEST_KEY_SIZE)
    issued = authority.generate_ca(name)
    return issued.certificate, keys.decrypt_private_key(
        issued.private_key, issued.passphrase)


def _openssl(args, data):
    return subprocess.run(args, input=data, capture_output=True,
                          check=True).stdout


class TestCaCertHash(base.TestCase):

    def test_same_as_openssl(self):
        # What the kubeadm documentation tells to compute by hand.
        if not (shutil.which('openssl') and shutil.which('sha256sum')):
            self.skipTest('openssl or sha256sum is not installed')
        pem, _key = _new_ca(self)
        public = _openssl(['openssl', 'x509', '-pubkey', '-noout'],
                          pem.encode())
        der = _openssl(['openssl', 'pkey', '-pubin', '-outform', 'der'],
                       public)
        digest = _openssl(['sha256sum'], der).decode().split()[0]
        self.assertEqual('sha256:' + digest, inputs.ca_cert_hash(pem))
        self.assertEqual('sha256:' + digest,
                         inputs.ca_cert_hash(pem.encode()))

    def test_empty_without_a_certificate(self):
        self.assertEqual('', inputs.ca_cert_hash(''))

    def test_not_a_certificate(self):
        self.assertRaises(ValueError, inputs.ca_cert_hash, 'garbage')


class TestClusterCas(base.TestCase):

    def setUp(self):
        super().setUp()
        self.pairs = {kind: _new_ca(self, kind)
                      for kind in certificates.CA_REF_FIELDS}
        self.get_pairs = self.useFixture(fixtures.MockPatchObject(
            certificates, 'get_ca_key_pairs', autospec=True,
            return_value=self.pairs)).mock
        self.get_ca = self.useFixture(fixtures.MockPatchObject(
            certificates, 'get_ca_certificate', autospec=True,
            return_value=self.pairs[certificates.KUBERNETES][0])).mock
        self.cluster = fx.cluster(ca_cert_ref='ref')

    def test_with_keys(self):
        got = inputs.cluster_cas('ctx', self.cluster, with_keys=True)
        self.get_pairs.assert_called_once_with('ctx', self.cluster)
        kube, etcd, proxy = (self.pairs[certificates.KUBERNETES],
                             self.pairs[certificates.ETCD],
                             self.pairs[certificates.FRONT_PROXY])
        self.assertEqual({
            'ca_cert': kube[0], 'ca_key': kube[1],
            'etcd_ca_cert': etcd[0], 'etcd_ca_key': etcd[1],
            'front_proxy_ca_cert': proxy[0], 'front_proxy_ca_key': proxy[1],
            'ca_cert_hash': inputs.ca_cert_hash(kube[0])}, got)
        self.assertIn('BEGIN PRIVATE KEY', got['ca_key'])

    def test_without_keys_the_certificate_and_its_pin(self):
        got = inputs.cluster_cas('ctx', self.cluster)
        self.get_pairs.assert_not_called()
        kube = self.pairs[certificates.KUBERNETES][0]
        self.assertEqual(dict(dict.fromkeys(inputs.CA_FIELDS, ''),
                              ca_cert=kube,
                              ca_cert_hash=inputs.ca_cert_hash(kube)), got)

    def test_secrets_stay_out_of_repr(self):
        shown = repr(inputs.Inputs(**inputs.cluster_cas(
            'ctx', self.cluster, with_keys=True)))
        for _cert, key in self.pairs.values():
            self.assertNotIn(key.splitlines()[1], shown)
        self.assertIn('ca_cert_hash', shown)
        self.assertNotIn('p@ss word', repr(fx.resolved()))

    def test_a_cluster_without_certificates_gets_nothing(self):
        cluster = fx.cluster(ca_cert_ref=None)
        got = inputs.cluster_cas('ctx', cluster, with_keys=True)
        self.assertEqual(dict.fromkeys(inputs.CA_FIELDS, ''), got)
        self.get_pairs.assert_not_called()
        self.get_ca.assert_not_called()

    def test_resolve_gathers_them(self):
        ct = fx.template()
        got = inputs.resolve(None, self.cluster, ct, self.cluster.nodegroups,
                             cloud=FakeCloud(), new_keys=False, ca_keys=True)
        self.assertEqual(self.pairs[certificates.ETCD][1], got.etcd_ca_key)
        self.assertTrue(got.ca_cert_hash.startswith('sha256:'))
        got = inputs.resolve(None, self.cluster, ct, self.cluster.nodegroups,
                             cloud=FakeCloud(), new_keys=False)
        self.assertEqual('', got.etcd_ca_key)
        self.assertEqual('', got.ca_key)
