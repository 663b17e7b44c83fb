"""Changing a cluster: resize, nodegroups, CA and credential rotation,
upgrade.  Each test builds and deletes its own cluster.
"""

from magnum.tests import cloudcli
from magnum.tests.e2e import base
from magnum.tests.e2e import test_cluster_create as create


class ActionTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.template = self.new_template()
        self.cluster = self.new_cluster(self.template['uuid'])
        self.uuid = self.cluster['uuid']

    def workers(self):
        """Return {server id: name} of the cluster's worker servers."""
        found = {}
        for server_id in self.servers_of(self.uuid):
            server = self.services.server(server_id)
            if server and '-master-' not in server['name']:
                found[server_id] = server['name']
        return found

    def assert_gone(self, server_ids):
        for server_id in server_ids:
            server = self.services.server(server_id)
            self.assertTrue(server is None or server['status'] == 'DELETED',
                            'server %s still exists: %s' % (server_id,
                                                            server))


class TestResize(ActionTestCase):

    def test_resize_up_then_down_removing_the_named_nodes(self):
        self.cli.run('coe', 'cluster', 'resize', self.uuid, '3')
        cluster = self.wait_status(self.uuid, 'UPDATE_COMPLETE',
                                   base.UPDATE_TIMEOUT)
        self.assertEqual(3, cluster['node_count'])
        before = self.workers()
        self.assertEqual(3, len(before), before)
        remove = sorted(before)[:2]
        argv = ['coe', 'cluster', 'resize', self.uuid, '1']
        for server_id in remove:
            argv += ['--nodes-to-remove', server_id]
        self.cli.run(*argv)
        cluster = self.wait_status(self.uuid, 'UPDATE_COMPLETE',
                                   base.UPDATE_TIMEOUT)
        self.assertEqual(1, cluster['node_count'])
        after = self.workers()
        self.assertEqual(set(before) - set(remove), set(after))
        self.assert_gone(remove)


class TestNodegroups(ActionTestCase):

    def nodegroup(self, name):
        return self.cli.show('coe', 'nodegroup', 'show', self.uuid, name)

    def test_nodegroup_create_and_delete(self):
        before = self.workers()
        name = base.unique('ng')[:20]
        self.cli.run('coe', 'nodegroup', 'create', self.uuid, name,
                     '--node-count', '1')

        def complete():
            ng = self.nodegroup(name)
            if ng and ng['status'].endswith('_FAILED'):
                raise AssertionError('nodegroup %s: %s' % (
                    ng['status'], ng['status_reason']))
            return ng and ng['status'] == 'CREATE_COMPLETE'
        cloudcli.wait_for('nodegroup %s' % name, complete,
                          base.CREATE_TIMEOUT)
        during = self.workers()
        self.assertEqual(len(before) + 1, len(during), during)
        self.cli.run('coe', 'nodegroup', 'delete', self.uuid, name)
        cloudcli.wait_for('deletion of nodegroup %s' % name,
                          lambda: self.nodegroup(name) is None,
                          base.DELETE_TIMEOUT)
        self.assertEqual(set(before), set(self.workers()))
        self.assert_gone(set(during) - set(before))


class TestRotation(ActionTestCase):

    def test_ca_rotate_gives_a_new_ca_and_voids_old_certificates(self):
        kubeconfig, folder = create.kubeconfig_of(self, self.cli, self.uuid)
        old_certificate = cloudcli.kubeconfig_certificate(kubeconfig, folder)
        old_cas = create.served_ca(self.cli, self.uuid)
        self.cli.run('coe', 'ca', 'rotate', self.uuid)
        self.wait_status(self.uuid, 'UPDATE_COMPLETE', base.UPDATE_TIMEOUT)
        new_cas = create.served_ca(self.cli, self.uuid)
        self.assertNotEqual(
            {ca.fingerprint(ca.signature_hash_algorithm) for ca in old_cas},
            {ca.fingerprint(ca.signature_hash_algorithm) for ca in new_cas})
        self.assertFalse(cloudcli.issued_by(old_certificate, new_cas))
        kubeconfig, folder = create.kubeconfig_of(self, self.cli, self.uuid)
        new_certificate = cloudcli.kubeconfig_certificate(kubeconfig, folder)
        self.assertTrue(cloudcli.issued_by(new_certificate, new_cas))

    def test_credential_rotate_gives_new_trustee_credentials(self):
        old = dict(self.services.cluster_row(self.uuid))
        self.assertTrue(self.services.trust_exists(old['trust_id']))
        self.cli.run('coe', 'credential', 'rotate', self.uuid)
        self.wait_status(self.uuid, 'UPDATE_COMPLETE', base.UPDATE_TIMEOUT)
        new = self.services.cluster_row(self.uuid)
        self.assertNotEqual(
            (old['trust_id'], old['trustee_password']),
            (new['trust_id'], new['trustee_password']),
            'neither the trust nor the trustee password changed')
        self.assertTrue(self.services.trust_exists(new['trust_id']))
        if new['trust_id'] != old['trust_id']:
            self.assertFalse(self.services.trust_exists(old['trust_id']))


class TestUpgrade(ActionTestCase):

    def test_upgrade_to_a_new_kube_tag_replaces_the_workers(self):
        # Without --nodegroup the default worker nodegroup is upgraded.
        newer = self.new_template('--labels', 'kube_tag=v1.31.1')
        before = set(self.workers())
        self.cli.run('coe', 'cluster', 'upgrade', self.uuid, newer['uuid'],
                     '--max-batch-size', '1')
        cluster = self.wait_status(self.uuid, 'UPDATE_COMPLETE',
                                   base.UPDATE_TIMEOUT)
        self.assertEqual(newer['uuid'], cluster['cluster_template_id'])
        after = set(self.workers())
        self.assertEqual(len(before), len(after))
        self.assertFalse(before & after, 'servers were not replaced')
        self.assert_gone(before)
