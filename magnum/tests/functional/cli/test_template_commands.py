"""``openstack coe cluster template ...`` against the live API."""

from magnum.tests.functional.cli import base


class TestClusterTemplateCommands(base.CoeCliTestCase):
    """``coe cluster template create|list|show|update|delete``."""

    def test_template_create_list_show_update_delete(self):
        name = base.unique('template')
        self.addCleanup(self.delete_template, name)
        with self.step('coe cluster template create'):
            created = self.demo.json(*self.template_argv(
                name, '--labels', 'kube_tag=v1.30.4,flannel_backend=vxlan'))
            self.addCleanup(self.delete_template, created['uuid'])
            self.assertEqual(name, created['name'])
            self.assertEqual('kubernetes', created['coe'])
            image = self.cloud['image_with_os_distro']
            self.assertIn(created['image_id'],
                          (image, self.cloud['images'][image]))
            self.assertEqual('fedora-coreos', created['cluster_distro'])
            self.assertEqual(self.cloud['keypair'], created['keypair_id'])
            self.assertEqual({'kube_tag': 'v1.30.4',
                              'flannel_backend': 'vxlan'},
                             created['labels'])
            self.assertEqual('flannel', created['network_driver'])
            self.assertEqual('overlay2', created['docker_storage_driver'])
            # magnumclient shows a null as '-'.
            self.assertIn(created['docker_volume_size'], (None, '-'))
            self.assertFalse(created['public'])
            self.assertFalse(created['tls_disabled'])
            self.assertEqual('vm', created['server_type'])

        with self.step('coe cluster template list'):
            listed = self.demo.json('coe', 'cluster', 'template', 'list')
            mine = [t for t in listed if t['uuid'] == created['uuid']]
            self.assertEqual(1, len(mine), listed)
            self.assertEqual(name, mine[0]['name'])
            detailed = self.demo.json('coe', 'cluster', 'template', 'list',
                                      '--fields', 'uuid,name,coe')
            mine = [t for t in detailed if t['uuid'] == created['uuid']]
            self.assertEqual(1, len(mine), detailed)
            self.assertEqual('kubernetes', mine[0]['coe'])

        with self.step('coe cluster template show'):
            shown = self.demo.json('coe', 'cluster', 'template', 'show',
                                   name)
            self.assertEqual(created['uuid'], shown['uuid'])
            self.assertEqual(created['labels'], shown['labels'])
            self.assertIn(shown['external_network_id'],
                          (self.cloud['external_network'],
                           self.cloud['external_network_id']))

        new_name = base.unique('renamed')
        self.addCleanup(self.delete_template, new_name)
        with self.step('coe cluster template update'):
            updated = self.demo.json(
                'coe', 'cluster', 'template', 'update', created['uuid'],
                '--name', new_name, '--label', 'container_runtime=containerd')
            self.assertEqual(new_name, updated['name'])
            self.assertEqual({'kube_tag': 'v1.30.4',
                              'flannel_backend': 'vxlan',
                              'container_runtime': 'containerd'},
                             updated['labels'])
            shown = self.demo.json('coe', 'cluster', 'template', 'show',
                                   new_name)
            self.assertEqual(updated['labels'], shown['labels'])
            self.assertNotEqual(shown['created_at'], None)
            self.assertIsNotNone(shown['updated_at'])

        with self.step('coe cluster template delete'):
            result = self.demo.run('coe', 'cluster', 'template', 'delete',
                                   new_name)
            # The command prints a failure and still exits 0.
            self.assertIn('Request to delete cluster template %s has been '
                          'accepted.' % new_name, result.output)
            self.assertNotIn('failed', result.output)
            gone = self.demo.fails('coe', 'cluster', 'template', 'show',
                                   created['uuid'])
            self.assertEqual(404, gone.http_status(), gone)

    def test_template_on_an_image_without_os_distro_fails(self):
        name = base.unique('no-distro')
        self.addCleanup(self.delete_template, name)
        result = self.demo.fails(*self.template_argv(
            name, image=self.cloud['image_without_os_distro']))
        self.assertEqual(400, result.http_status(), result)
        self.assertIn(base.OS_DISTRO_TEXT, result.output)
        # SPEC.md: the message then says how to fix it, and the CLI
        # shows only what the API puts in the error's title.
        self.assertIn(base.OS_DISTRO_FIX, result.output)
        listed = self.demo.json('coe', 'cluster', 'template', 'list')
        self.assertNotIn(name, [t['name'] for t in listed])
