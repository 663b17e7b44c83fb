"""The CLI wrapper and output readers the CLI suites rely on."""

import base64
import datetime
import os

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography import x509
from cryptography.x509.oid import NameOID
import fixtures
from oslotest import base

from magnum.tests import cloudcli


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject, key, issuer=None, issuer_key=None):
    """Return a certificate for ``key``, self-signed without an issuer."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(
        _name(issuer or subject)).public_key(key.public_key()).serial_number(
        x509.random_serial_number()).not_valid_before(now).not_valid_after(
        now + datetime.timedelta(days=1)).sign(issuer_key or key,
                                               hashes.SHA256())


class TestCliEnvironment(base.BaseTestCase):

    def setUp(self):
        super().setUp()
        tmp = self.useFixture(fixtures.TempDir()).path
        self.openrc = os.path.join(tmp, 'openrc')
        with open(self.openrc, 'w') as openrc:
            openrc.write("export OS_USERNAME=demo\n"
                         "export OS_PASSWORD='s3cret word'\n")
        self.cloud = {'files': {'venv': os.path.join(tmp, 'venv')}}

    def test_shell_defaults_when_unset(self):
        # magnumclient's cluster config raises KeyError without $SHELL.
        self.useFixture(fixtures.EnvironmentVariable('SHELL'))
        cli = cloudcli.Cli(self.cloud, self.openrc)
        self.assertEqual('/bin/sh', cli.env['SHELL'])

    def test_shell_of_the_caller_is_kept(self):
        self.useFixture(fixtures.EnvironmentVariable('SHELL', '/bin/csh'))
        cli = cloudcli.Cli(self.cloud, self.openrc)
        self.assertEqual('/bin/csh', cli.env['SHELL'])

    def test_only_the_openrc_credentials_are_used(self):
        self.useFixture(fixtures.EnvironmentVariable('OS_CLOUD', 'other'))
        cli = cloudcli.Cli(self.cloud, self.openrc)
        self.assertNotIn('OS_CLOUD', cli.env)
        self.assertEqual('demo', cli.env['OS_USERNAME'])
        self.assertEqual('s3cret word', cli.env['OS_PASSWORD'])
        self.assertTrue(cli.env['PATH'].startswith(
            os.path.join(self.cloud['files']['venv'], 'bin')))


class TestReaders(base.BaseTestCase):

    def test_http_status_and_not_found(self):
        result = cloudcli.Result(
            ['coe', 'cluster', 'show', 'x'], 1, '',
            'Cluster x could not be found. (HTTP 404) (Request-ID: req-1)')
        self.assertEqual(404, result.http_status())
        self.assertTrue(result.not_found())
        ok = cloudcli.Result(['coe', 'cluster', 'list'], 0, '[]', '')
        self.assertIsNone(ok.http_status())
        self.assertFalse(ok.not_found())

    def test_parse_json_skips_a_leading_message(self):
        self.assertEqual({'a': 1}, cloudcli.parse_json(
            'Request to create cluster template accepted\n{"a": 1}\n'))
        self.assertRaises(AssertionError, cloudcli.parse_json, 'no json')

    def test_issued_by_and_kubeconfig_certificate(self):
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca = _certificate('ca', ca_key)
        other_key = ec.generate_private_key(ec.SECP256R1())
        other_ca = _certificate('other', other_key)
        client = _certificate('admin', ec.generate_private_key(
            ec.SECP256R1()), issuer='ca', issuer_key=ca_key)
        self.assertTrue(cloudcli.issued_by(client, [other_ca, ca]))
        self.assertFalse(cloudcli.issued_by(client, [other_ca]))

        pem = client.public_bytes(serialization.Encoding.PEM)
        self.assertEqual([ca], cloudcli.certificates(
            'header\n' + ca.public_bytes(
                serialization.Encoding.PEM).decode()))
        inline = {'users': [{'user': {
            'client-certificate-data': base64.b64encode(pem).decode()}}]}
        self.assertEqual(client, cloudcli.kubeconfig_certificate(
            inline, '/nonexistent'))
        folder = self.useFixture(fixtures.TempDir()).path
        with open(os.path.join(folder, 'cert.pem'), 'wb') as cert_file:
            cert_file.write(pem)
        on_disk = {'users': [{'user': {'client-certificate': 'cert.pem'}}]}
        self.assertEqual(client, cloudcli.kubeconfig_certificate(
            on_disk, folder))


class TestWaitStatus(base.BaseTestCase):

    def test_returns_the_resource_once_wanted(self):
        states = iter([{'status': 'CREATE_IN_PROGRESS'},
                       {'status': 'CREATE_COMPLETE', 'name': 'c'}])
        found = cloudcli.wait_status('cluster c', lambda: next(states),
                                     'CREATE_COMPLETE', 5, interval=0)
        self.assertEqual('c', found['name'])

    def test_a_failed_status_stops_the_wait_with_its_reason(self):
        failed = {'status': 'CREATE_FAILED', 'status_reason': 'no quota'}
        exc = self.assertRaises(
            AssertionError, cloudcli.wait_status, 'cluster c',
            lambda: failed, 'CREATE_COMPLETE', 5, interval=0)
        self.assertIn('CREATE_FAILED: no quota', str(exc))

    def test_a_vanished_resource_stops_the_wait(self):
        exc = self.assertRaises(
            AssertionError, cloudcli.wait_status, 'nodegroup n',
            lambda: None, 'CREATE_COMPLETE', 5, interval=0)
        self.assertIn('nodegroup n vanished', str(exc))

    def test_unreachable_api_is_retried_then_times_out(self):
        calls = []

        def show():
            calls.append(1)
            if len(calls) < 3:
                raise cloudcli.ApiUnreachable('restarting')
            return {'status': 'UPDATE_IN_PROGRESS', 'status_reason': ''}
        exc = self.assertRaises(
            AssertionError, cloudcli.wait_status, 'cluster c', show,
            'UPDATE_COMPLETE', 0.05, interval=0.01)
        self.assertGreaterEqual(len(calls), 3)
        self.assertIn('last status UPDATE_IN_PROGRESS', str(exc))


class TestDeleteCluster(base.BaseTestCase):

    class FakeCli(object):
        def __init__(self):
            self.commands = []

        def run(self, *args, **kwargs):
            self.commands.append(args)

    def test_deletes_then_waits_until_gone(self):
        cli = self.FakeCli()
        shown = iter([{'status': 'CREATE_COMPLETE'},
                      {'status': 'DELETE_IN_PROGRESS'}, None])
        cloudcli.delete_cluster(cli, lambda ident: next(shown), 'c', 5,
                                interval=0)
        self.assertEqual([('coe', 'cluster', 'delete', 'c')], cli.commands)

    def test_gone_or_deleting_is_not_asked_again(self):
        cli = self.FakeCli()
        cloudcli.delete_cluster(cli, lambda ident: None, 'c', 5, interval=0)
        shown = iter([{'status': 'DELETE_IN_PROGRESS'}, None])
        cloudcli.delete_cluster(cli, lambda ident: next(shown), 'c', 5,
                                interval=0)
        self.assertEqual([], cli.commands)

    def test_delete_failed_is_retried_and_a_new_failure_stops(self):
        cli = self.FakeCli()
        failed = {'status': 'DELETE_FAILED', 'status_reason': 'stack stuck'}
        exc = self.assertRaises(AssertionError, cloudcli.delete_cluster,
                                cli, lambda ident: failed, 'c', 5,
                                interval=0)
        self.assertIn('DELETE_FAILED: stack stuck', str(exc))
        self.assertEqual([('coe', 'cluster', 'delete', 'c')], cli.commands)
