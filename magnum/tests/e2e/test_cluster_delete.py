"""Deleting a cluster leaves nothing behind in the real services."""

from magnum.tests.e2e import base

CERT_REFS = ('ca_cert_ref', 'magnum_cert_ref', 'etcd_ca_cert_ref',
             'front_proxy_ca_cert_ref')


class TestClusterDelete(base.TestCase):

    def test_delete_leaves_no_stack_server_trust_user_or_certificate(self):
        template = self.new_template()
        cluster = self.new_cluster(template['uuid'])
        uuid = cluster['uuid']
        row = dict(self.services.cluster_row(uuid))
        stacks = self.stack_ids(uuid)
        servers = set(self.servers_of(uuid))
        certificates = {row[ref] for ref in CERT_REFS if row[ref]}
        self.assertEqual(4, len(certificates), row)
        self.assertTrue(stacks and servers, row)
        # The local cloud keeps certificates in Barbican: a container and
        # its secrets each.
        secrets = set()
        for ref in certificates:
            container = self.services.certificate_container(ref)
            self.assertIsNotNone(container, ref)
            secrets.update(s['secret_ref'] for s in container['secret_refs'])
        self.assertGreaterEqual(len(secrets), 8)
        self.assertTrue(self.services.user_exists(row['trustee_user_id']))
        self.assertTrue(self.services.trust_exists(row['trust_id']))

        self.delete_cluster(uuid)

        self.assertIsNone(self.services.cluster_row(uuid))
        for stack_id in stacks:
            self.assertIsNone(self.services.stack_url(stack_id),
                              'stack %s is left' % stack_id)
        for server_id in servers:
            self.assertIsNone(self.services.server(server_id),
                              'server %s is left' % server_id)
        self.assertFalse(self.services.user_exists(row['trustee_user_id']),
                         'trustee user %s is left' % row['trustee_user_id'])
        self.assertFalse(self.services.trust_exists(row['trust_id']),
                         'trust %s is left' % row['trust_id'])
        for ref in certificates:
            self.assertIsNone(self.services.certificate_container(ref),
                              'certificate container %s is left' % ref)
        for ref in secrets:
            self.assertFalse(self.services.secret_exists(ref),
                             'certificate secret %s is left' % ref)
