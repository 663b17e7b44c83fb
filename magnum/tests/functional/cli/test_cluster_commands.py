"""The cluster, nodegroup, CA, credential and stats commands of
``openstack coe`` on one cluster, in the order a user runs them."""

import os
import re

from cryptography.hazmat.primitives import hashes
from cryptography import x509
import yaml

from magnum.tests import cloudcli
from magnum.tests.functional.cli import base


class TestClusterCommands(base.CoeCliTestCase):
    """The cluster, nodegroup, CA, credential and stats commands.

    They share one cluster and run in the order a user would run them.
    """

    def test_cluster_commands(self):
        newer = self.create_template('--labels', 'kube_tag=v1.31.1')
        template = self.create_template('--labels', 'kube_tag=v1.30.4')
        name = base.unique('cluster')

        with self.step('coe cluster create'):
            result = self.demo.run(
                'coe', 'cluster', 'create', name,
                '--cluster-template', template['uuid'],
                '--master-count', '1', '--node-count', '1',
                '--timeout', '30')
            match = re.search(r'Request to create cluster (%s) accepted'
                              % base.UUID_RE, result.output)
            self.assertIsNotNone(match, result)
            ident = match.group(1)
            self.addCleanup(self.delete_cluster, ident)

        with self.step('coe cluster list'):
            listed = self.demo.json('coe', 'cluster', 'list')
            mine = [c for c in listed if c['uuid'] == ident]
            self.assertEqual(1, len(mine), listed)
            self.assertEqual(name, mine[0]['name'])
            self.assertEqual(self.cloud['keypair'], mine[0]['keypair'])
            self.assertEqual(1, mine[0]['node_count'])
            self.assertEqual(1, mine[0]['master_count'])
            self.assertIn(mine[0]['status'],
                          ('CREATE_IN_PROGRESS', 'CREATE_COMPLETE'))

        with self.step('coe cluster show (CREATE_COMPLETE)'):
            cluster = self.wait_cluster(name, 'CREATE_COMPLETE')
            self.assertEqual(ident, cluster['uuid'])
            self.assertEqual(template['uuid'],
                             cluster['cluster_template_id'])
            self.assertEqual(30, cluster['create_timeout'])
            self.assertEqual(self.project_id, cluster['project_id'])
            self.assertEqual(1, len(cluster['master_addresses']), cluster)
            self.assertEqual(1, len(cluster['node_addresses']), cluster)
            self.assertTrue(cluster['api_address'], cluster)
            self.assertEqual({'kube_tag': 'v1.30.4'}, cluster['labels'])

        with self.step('coe cluster template delete (in use)'):
            result = self.demo.run('coe', 'cluster', 'template', 'delete',
                                   template['uuid'])
            self.assertIn('failed', result.output)
            self.assertEqual(400, result.http_status(), result)
            self.assertIn('referenced by one or multiple clusters',
                          result.output)

        with self.step('coe stats list'):
            result = self.demo.run('coe', 'stats', 'list', self.project_id)
            stats = base.table_dict(result.stdout)
            self.assertGreaterEqual(int(stats['clusters']), 1, stats)
            self.assertGreaterEqual(int(stats['nodes']), 2, stats)

        with self.step('coe ca show'):
            result = self.demo.run('coe', 'ca', 'show', name)
            cas = cloudcli.certificates(result.stdout)
            for ca in cas:
                constraints = ca.extensions.get_extension_for_class(
                    x509.BasicConstraints).value
                self.assertTrue(constraints.ca)

        with self.step('coe ca sign'):
            old_certificate = self.sign(name)
            self.assertTrue(cloudcli.issued_by(old_certificate, cas),
                            'the signed certificate is not issued by the '
                            'CA that coe ca show gives')

        with self.step('coe cluster config'):
            folder = os.path.join(self.tmp, 'kube')
            os.mkdir(folder)
            result = self.demo.run('coe', 'cluster', 'config', name,
                                   '--dir', folder, '--force')
            path = os.path.join(folder, 'config')
            self.assertIn('export KUBECONFIG=%s' % path, result.output)
            with open(path) as config_file:
                kubeconfig = yaml.safe_load(config_file)
            self.assertEqual(cluster['api_address'],
                             kubeconfig['clusters'][0]['cluster']['server'])
            client = cloudcli.kubeconfig_certificate(kubeconfig, folder)
            self.assertTrue(cloudcli.issued_by(client, cas),
                            'the kubeconfig\'s client certificate is not '
                            'issued by the CA that coe ca show gives')

        with self.step('coe cluster update'):
            result = self.demo.run('coe', 'cluster', 'update', name,
                                   '--node-count', '2')
            self.assertIn('Request to update cluster %s has been accepted.'
                          % name, result.output)
            cluster = self.wait_cluster(ident, 'UPDATE_COMPLETE')
            self.assertEqual(2, cluster['node_count'])
            self.assertEqual(2, len(cluster['node_addresses']), cluster)

        with self.step('coe cluster resize'):
            workers = self.workers(name)
            self.assertEqual(2, len(workers), workers)
            remove = sorted(workers, key=workers.get)[-1]
            result = self.demo.run('coe', 'cluster', 'resize', name, '1',
                                   '--nodes-to-remove', remove)
            self.assertIn('Request to resize cluster %s has been accepted.'
                          % name, result.output)
            cluster = self.wait_cluster(ident, 'UPDATE_COMPLETE')
            self.assertEqual(1, cluster['node_count'])
            self.assertEqual(1, len(cluster['node_addresses']), cluster)
            self.assertEqual(set(workers) - {remove},
                             set(self.workers(name)))

        upgraded = False
        with self.step('coe cluster upgrade'):
            before = {role: self.servers(name, role)
                      for role in ('master', 'node')}
            result = self.demo.run('coe', 'cluster', 'upgrade', name,
                                   newer['uuid'], '--max-batch-size', '1',
                                   check=False)
            if result.code == 0:
                self.assertIn('Request to upgrade cluster %s has been '
                              'accepted.' % name, result.output)
                cluster = self.wait_cluster(ident, 'UPDATE_COMPLETE')
                self.assertEqual(newer['uuid'],
                                 cluster['cluster_template_id'])
                upgraded = True
            else:
                # A driver may refuse; it must say so clearly.
                status = result.http_status()
                self.assertIsNotNone(status, result)
                self.assertTrue(400 <= status < 500, result)
                self.assertRegex(result.output, r'(?i)upgrad', result)
                self.assertEqual(template['uuid'], self.cluster(ident)[
                    'cluster_template_id'])

        if upgraded:
            with self.step('coe cluster upgrade: the cluster reports the new '
                           'kube_tag', fatal=False):
                self.assertEqual('v1.31.1', cluster['labels'].get(
                    'kube_tag'), cluster['labels'])
                worker = self.demo.json('coe', 'nodegroup', 'show', ident,
                                        'default-worker')
                self.assertEqual('v1.31.1', worker['labels'].get(
                    'kube_tag'), worker['labels'])
            with self.step('coe cluster upgrade: every worker is replaced',
                           fatal=False):
                # Without --nodegroup the default worker nodegroup is
                # upgraded, as upstream does; masters keep their servers.
                for role, old in sorted(before.items()):
                    if role == 'master':
                        continue
                    now = self.servers(name, role)
                    self.assertEqual(len(old), len(now), (role, now))
                    self.assertFalse(set(old) & set(now),
                                     '%s servers were not replaced: %s'
                                     % (role, sorted(set(old) & set(now))))

        ng_name = base.unique('ng')[:20]
        with self.step('coe nodegroup create'):
            result = self.demo.run(
                'coe', 'nodegroup', 'create', ident, ng_name,
                '--node-count', '1', '--min-nodes', '1', '--max-nodes', '2',
                '--role', 'worker', '--node-labels', 'pool=cli')
            match = re.search(r'Request to create nodegroup (%s) accepted'
                              % base.UUID_RE, result.output)
            self.assertIsNotNone(match, result)
            ng_uuid = match.group(1)
            nodegroup = self.wait_nodegroup(ident, ng_name,
                                            'CREATE_COMPLETE')
            self.assertEqual(ng_uuid, nodegroup['uuid'])
            self.assertEqual(1, nodegroup['node_count'])
            self.assertEqual('worker', nodegroup['role'])
            self.assertFalse(nodegroup['is_default'])

        if upgraded:
            with self.step('coe nodegroup create: a nodegroup made after '
                           'the upgrade has the new kube_tag', fatal=False):
                self.assertEqual('v1.31.1', nodegroup['labels'].get(
                    'kube_tag'), nodegroup['labels'])

        with self.step('coe nodegroup list'):
            listed = self.demo.json('coe', 'nodegroup', 'list', ident)
            by_name = {ng['name']: ng for ng in listed}
            self.assertEqual({'default-master', 'default-worker', ng_name},
                             set(by_name), listed)
            self.assertEqual(ng_uuid, by_name[ng_name]['uuid'])
            self.assertEqual('master', by_name['default-master']['role'])
            self.assertEqual(1, by_name['default-worker']['node_count'])
            masters = self.demo.json('coe', 'nodegroup', 'list', ident,
                                     '--role', 'master')
            self.assertEqual(['default-master'],
                             [ng['name'] for ng in masters])

        with self.step('coe nodegroup show'):
            shown = self.demo.json('coe', 'nodegroup', 'show', name,
                                   ng_uuid)
            self.assertEqual(ng_name, shown['name'])
            self.assertEqual(ident, shown['cluster_id'])
            self.assertEqual(1, shown['min_node_count'])
            self.assertEqual(2, shown['max_node_count'])
            self.assertEqual(template['image_id'], shown['image_id'])

        with self.step('coe nodegroup update'):
            result = self.demo.run('coe', 'nodegroup', 'update', ident,
                                   ng_name, '--min-nodes', '0',
                                   '--max-nodes', '3')
            self.assertIn('Request to update nodegroup %s has been '
                          'accepted.' % ng_name, result.output)

            def updated():
                nodegroup = self.nodegroup(ident, ng_name)
                if nodegroup['status'].endswith('_FAILED'):
                    raise AssertionError(str(nodegroup))
                return (not nodegroup['status'].endswith('_IN_PROGRESS')
                        and nodegroup)
            nodegroup = base.wait_for('update of nodegroup %s' % ng_name,
                                      updated)
            self.assertEqual(0, nodegroup['min_node_count'])
            self.assertEqual(3, nodegroup['max_node_count'])
            self.assertEqual(1, nodegroup['node_count'])

        with self.step('coe nodegroup delete'):
            result = self.demo.run('coe', 'nodegroup', 'delete', ident,
                                   ng_name)
            self.assertIn('Request to delete nodegroup %s has been '
                          'accepted.' % ng_name, result.output)

            def gone():
                nodegroup = self.nodegroup(ident, ng_name)
                if nodegroup and nodegroup['status'] == 'DELETE_FAILED':
                    raise AssertionError(str(nodegroup))
                return nodegroup is None
            base.wait_for('deletion of nodegroup %s' % ng_name, gone)
            self.wait_settled(ident)

        with self.step('coe ca rotate'):
            result = self.demo.run('coe', 'ca', 'rotate', name)
            self.assertIn('Request to rotate the CA certificate for cluster '
                          '%s has been accepted.' % ident, result.output)
            self.wait_cluster(ident, 'UPDATE_COMPLETE')
            new_cas = cloudcli.certificates(
                self.demo.run('coe', 'ca', 'show', ident).stdout)
            self.assertNotEqual(
                {ca.fingerprint(hashes.SHA256()) for ca in cas},
                {ca.fingerprint(hashes.SHA256()) for ca in new_cas})
            self.assertFalse(cloudcli.issued_by(old_certificate, new_cas),
                             'a certificate of the old CA still verifies')
            new_certificate = self.sign(ident)
            self.assertTrue(cloudcli.issued_by(new_certificate, new_cas))

        with self.step('coe credential rotate'):
            result = self.demo.run('coe', 'credential', 'rotate', name)
            # The command prints a failure and still exits 0.
            self.assertNotIn('failed', result.output)
            self.assertIn('Request to rotate credentials for cluster %s '
                          'accepted.' % ident, result.output)
            cluster = self.wait_settled(ident)
            self.assertTrue(cluster['status'].endswith('_COMPLETE'),
                            '%s: %s' % (cluster['status'],
                                        cluster['status_reason']))

        with self.step('coe cluster delete'):
            result = self.demo.run('coe', 'cluster', 'delete', name)
            self.assertIn('Request to delete cluster %s has been accepted.'
                          % name, result.output)

            def gone():
                cluster = self.cluster(ident)
                if cluster and cluster['status'] == 'DELETE_FAILED':
                    raise AssertionError(cluster['status_reason'])
                return cluster is None
            base.wait_for('deletion of cluster %s' % ident, gone)
            self.assertNotIn(ident, [c['uuid'] for c in self.demo.json(
                'coe', 'cluster', 'list')])
            self.assertEqual({}, self.workers(name))
        self.assert_no_failed_checks()
