"""Cluster templates through the real CLI."""

from magnum.tests.e2e import base

UPSTREAM_TEXT = 'Cluster type (vm, None, kubernetes) not supported'
FIX_TEXT = 'openstack image set --property os_distro='


class TestTemplateImage(base.TestCase):

    def test_image_without_os_distro_is_refused_with_the_fix(self):
        name = base.unique('no-distro')
        self.addCleanup(self.delete_template, name)
        result = self.cli.run(
            'coe', 'cluster', 'template', 'create', name,
            '--coe', 'kubernetes',
            '--image', self.cloud['image_without_os_distro'],
            '--external-network', self.cloud['external_network'],
            check=False)
        output = result.output
        self.assertNotEqual(0, result.code, output)
        self.assertIn('HTTP 400', output)
        self.assertIn(UPSTREAM_TEXT, output)
        # The CLI prints the error's title only: the fix must be in it.
        self.assertIn(FIX_TEXT, output)

    def test_image_with_os_distro_makes_a_template(self):
        template = self.new_template()
        self.assertEqual('kubernetes', template['coe'])
        image = self.cloud['image_with_os_distro']
        self.assertIn(template['image_id'],
                      (image, self.cloud['images'][image]))
