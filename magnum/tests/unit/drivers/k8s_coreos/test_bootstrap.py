"""The node bootstrap script, run by bash with kubeadm and kubectl stubbed.

The script is sourced (it then only defines its functions) and one of
its steps is called with the settings a node of each kind gets; the
stubs record the commands it runs.
"""

import os
import subprocess

import fixtures

from magnum.drivers.k8s_coreos import definition
from magnum.tests import base

PIN = 'sha256:' + 'ab' * 32
VIP = '10.0.0.100'
LB_FIP = '172.24.4.50'
NODE_FIP = '172.24.4.60'
NODE_IP = '10.0.0.5'

STUBS = """
source "$SCRIPT"
PKI="$WORK/pki"
ETC="$WORK/etc"
kubeadm() { echo "kubeadm $*" >> "$WORK/calls"; }
kubectl() { echo "kubectl $*" >> "$WORK/calls"; }
hostname() { echo "%s fe80::1"; }
sleep() { :; }
""" % NODE_IP


class BootstrapTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.work = self.useFixture(fixtures.TempDir()).path
        for folder in ('pki', 'etc'):
            os.mkdir(os.path.join(self.work, folder))
        self.script = os.path.join(self.work, 'bootstrap.sh')
        with open(self.script, 'w') as stream:
            stream.write(definition.bootstrap_script())

    def run_step(self, step, **settings):
        """Run ``step`` in the sourced script; return (exit code, calls,
        stderr).
        """
        env = {
            'PATH': os.environ.get('PATH', '/usr/bin:/bin'),
            'SCRIPT': self.script, 'WORK': self.work,
            'CLUSTER_UUID': 'c0ffee', 'TRUSTEE_PASSWORD': 'pw',
            'KUBE_TAG': 'v1.30.4', 'KUBE_API_PORT': '6443',
            'NETWORK_DRIVER': 'flannel',
            'FLANNEL_NETWORK_CIDR': '10.100.0.0/16',
            'FLANNEL_NETWORK_SUBNETLEN': '24', 'FLANNEL_BACKEND': 'vxlan',
            'PORTAL_NETWORK_CIDR': '10.254.0.0/16',
            'DNS_CLUSTER_DOMAIN': 'cluster.local',
        }
        env.update(settings)
        done = subprocess.run(['bash', '-c', STUBS + step], env=env,
                              stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=60)
        calls = []
        calls_file = os.path.join(self.work, 'calls')
        if os.path.exists(calls_file):
            with open(calls_file) as stream:
                calls = stream.read().splitlines()
        return done.returncode, calls, done.stderr

    def kubeadm(self, calls):
        return [c for c in calls if c.startswith('kubeadm ')]

    @staticmethod
    def option(call, name):
        words = call.split()
        return words[words.index(name) + 1]


class TestMasters(BootstrapTestCase):

    def test_first_master_behind_a_load_balancer(self):
        code, calls, err = self.run_step(
            'start_master', NODE_ROLE='master', NODE_NAME='k-master-0',
            API_ADDRESS=VIP, API_PUBLIC_ADDRESS=LB_FIP, CA_CERT_HASH=PIN)
        self.assertEqual(0, code, err)
        [init] = self.kubeadm(calls)
        self.assertTrue(init.startswith('kubeadm init '), init)
        self.assertEqual('%s:6443' % VIP,
                         self.option(init, '--control-plane-endpoint'))
        self.assertEqual('0', self.option(init, '--token-ttl'))
        self.assertEqual([NODE_IP, VIP, LB_FIP], self.option(
            init, '--apiserver-cert-extra-sans').split(','))
        # The pod network is installed once, by the first master.
        self.assertTrue(any(c.startswith('kubectl apply') for c in calls))

    def test_single_master_with_a_floating_ip(self):
        code, calls, err = self.run_step(
            'start_master', NODE_ROLE='master', NODE_NAME='k-master-0',
            NODE_PUBLIC_ADDRESS=NODE_FIP)
        self.assertEqual(0, code, err)
        [init] = self.kubeadm(calls)
        self.assertNotIn('--control-plane-endpoint', init)
        self.assertEqual([NODE_IP, NODE_FIP], self.option(
            init, '--apiserver-cert-extra-sans').split(','))

    def test_other_masters_join_the_control_plane(self):
        code, calls, err = self.run_step(
            'start_master', NODE_ROLE='master', NODE_NAME='k-master-2',
            API_ADDRESS=VIP, CA_CERT_HASH=PIN)
        self.assertEqual(0, code, err)
        [join] = self.kubeadm(calls)
        self.assertTrue(join.startswith('kubeadm join %s:6443 ' % VIP), join)
        self.assertIn('--control-plane', join.split())
        self.assertEqual(PIN, self.option(
            join, '--discovery-token-ca-cert-hash'))
        self.assertFalse(any(c.startswith('kubectl') for c in calls))

    def test_second_master_without_a_load_balancer_stops(self):
        code, calls, err = self.run_step(
            'start_master', NODE_ROLE='master', NODE_NAME='k-master-1',
            CA_CERT_HASH=PIN)
        self.assertEqual(1, code)
        self.assertEqual([], self.kubeadm(calls))
        self.assertIn('more than one master needs the API load balancer',
                      err)

    def test_every_node_derives_the_same_token(self):
        _, first, _ = self.run_step(
            'start_master', NODE_ROLE='master', NODE_NAME='k-master-0')
        _, calls, _ = self.run_step(
            'start_worker', NODE_ROLE='worker', NODE_NAME='k-node-3',
            API_ADDRESS=VIP, CA_CERT_HASH=PIN)
        init, join = self.kubeadm(calls)
        self.assertEqual(self.option(init, '--token'),
                         self.option(join, '--token'))


class TestWorkers(BootstrapTestCase):

    def test_join_pinned_to_the_ca(self):
        code, calls, err = self.run_step(
            'start_worker', NODE_ROLE='worker', NODE_NAME='k-node-0',
            API_ADDRESS=VIP, CA_CERT_HASH=PIN)
        self.assertEqual(0, code, err)
        [join] = self.kubeadm(calls)
        self.assertEqual(PIN, self.option(
            join, '--discovery-token-ca-cert-hash'))
        self.assertNotIn('--control-plane', join.split())

    def test_no_pin_no_join(self):
        code, calls, err = self.run_step(
            'start_worker', NODE_ROLE='worker', NODE_NAME='k-node-0',
            API_ADDRESS=VIP)
        self.assertEqual(1, code)
        self.assertEqual([], self.kubeadm(calls))
        self.assertIn('no CA pin', err)


class TestFiles(BootstrapTestCase):

    def _write(self, relative, text, mode=0o600):
        path = os.path.join(self.work, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as stream:
            stream.write(text)
        os.chmod(path, mode)
        return path

    def test_empty_ca_files_are_dropped_and_full_ones_kept(self):
        empty = self._write('pki/etcd/ca.key', '')
        full = self._write('pki/ca.crt', 'CERT')
        code, _, err = self.run_step('drop_empty_pki_files')
        self.assertEqual(0, code, err)
        self.assertFalse(os.path.exists(empty))
        self.assertTrue(os.path.exists(full))

    def test_service_account_keys_go_where_kubeadm_looks(self):
        self._write('etc/service-account.key', 'PRIVATE')
        self._write('etc/service-account.pub', 'PUBLIC', 0o644)
        code, _, err = self.run_step('install_service_account_keys')
        self.assertEqual(0, code, err)
        key = os.path.join(self.work, 'pki', 'sa.key')
        with open(key) as stream:
            self.assertEqual('PRIVATE', stream.read())
        self.assertEqual(0o600, os.stat(key).st_mode & 0o777)
        with open(os.path.join(self.work, 'pki', 'sa.pub')) as stream:
            self.assertEqual('PUBLIC', stream.read())

    def test_no_volume_nothing_mounted(self):
        code, _, err = self.run_step(
            'mount_volume "" /var/lib/etcd && echo skipped >&2')
        self.assertEqual(0, code, err)
        self.assertIn('skipped', err)

    def test_a_volume_is_found_by_its_id(self):
        volume = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b'
        code, _, err = self.run_step(
            'mount_volume %s /var/lib/etcd' % volume)
        # No such disk here: after its wait the step says which it wanted.
        self.assertEqual(1, code)
        self.assertIn('/dev/disk/by-id/virtio-%s' % volume[:20], err)
