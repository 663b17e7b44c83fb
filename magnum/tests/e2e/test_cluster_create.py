"""One cluster built through the real CLI, and read-only checks on it."""

import os
import shutil
import tempfile

import yaml

from magnum.tests import cloudcli
from magnum.tests.e2e import base


def kubeconfig_of(testcase, cli, cluster_uuid):
    """Run ``coe cluster config``; return (kubeconfig dict, its dir)."""
    folder = tempfile.mkdtemp(prefix='e2e-kube-')
    testcase.addCleanup(_remove_tree, folder)
    cli.run('coe', 'cluster', 'config', cluster_uuid, '--dir', folder,
            '--force')
    with open(os.path.join(folder, 'config')) as f:
        return yaml.safe_load(f), folder


def _remove_tree(folder):
    shutil.rmtree(folder, ignore_errors=True)


def served_ca(cli, cluster_uuid):
    """Return the CA certificates the API serves for a cluster."""
    output = cli.run('coe', 'ca', 'show', cluster_uuid).output
    return cloudcli.certificates(output)


class TestClusterCreate(base.SharedClusterTestCase):

    def test_create_complete_with_addresses(self):
        cluster = self.shared
        self.assertEqual('CREATE_COMPLETE', cluster['status'])
        self.assertTrue(cluster['api_address'], cluster)
        self.assertEqual(1, len(cluster['master_addresses']), cluster)
        self.assertEqual(1, len(cluster['node_addresses']), cluster)
        self.assertTrue(all(cluster['master_addresses']))
        self.assertTrue(all(cluster['node_addresses']))
        self.assertTrue(self.stack_ids(cluster['uuid']))

    def test_servers_active_in_nova(self):
        servers = self.servers_of(self.shared['uuid'])
        self.assertEqual(2, len(servers), servers)
        for server_id in servers:
            server = self.services.server(server_id)
            self.assertIsNotNone(server, server_id)
            self.assertEqual('ACTIVE', server['status'], server)
            self.assertEqual(self.cloud['demo']['project_id'],
                             server['tenant_id'])

    def test_cluster_list_shows_it(self):
        listed = self.cli.json('coe', 'cluster', 'list')
        self.assertIn(self.shared['uuid'], [c['uuid'] for c in listed])

    def test_config_client_certificate_verifies_against_served_ca(self):
        kubeconfig, folder = kubeconfig_of(self, self.cli,
                                           self.shared['uuid'])
        self.assertEqual(self.shared['api_address'],
                         kubeconfig['clusters'][0]['cluster']['server'])
        certificate = cloudcli.kubeconfig_certificate(kubeconfig, folder)
        cas = served_ca(self.cli, self.shared['uuid'])
        self.assertTrue(cloudcli.issued_by(certificate, cas),
                        'the client certificate does not verify against '
                        'the CA served by GET /v1/certificates')
