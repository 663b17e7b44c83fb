"""The real ``openstack coe`` CLI against ``magnum-all-in-one``.

The development mode needs no cloud: the CLI talks to it with
``--os-auth-type none --os-endpoint URL``, and a template on any image
name gives a cluster the fake driver builds. Only the CLI comes from the
local cloud (its venv); the local cloud's services are not used.
"""

from oslotest import base as oslo_base

from magnum.tests import cloudcli
from magnum.tests import fixtures as magnum_fixtures
from magnum.tests import services


class TestAllInOneCli(oslo_base.BaseTestCase):

    def setUp(self):
        super().setUp()
        cloud = cloudcli.load()
        if cloud is None:
            services.skip_or_fail(
                self, 'no openstack CLI: %s does not exist (run '
                'tools/localcloud up)' % cloudcli.cloud_json_path())
        self.aio = self.useFixture(magnum_fixtures.AllInOne())
        self.cli = cloudcli.Cli(cloud, None)

    def coe(self, *argv):
        """Return the arguments of ``openstack coe argv`` against the
        all-in-one API, without authentication.
        """
        return ('--os-auth-type', 'none', '--os-endpoint', self.aio.url,
                'coe') + argv

    def test_template_cluster_list_delete(self):
        template = self.cli.json(*self.coe(
            'cluster', 'template', 'create', 'dev-template',
            '--coe', 'kubernetes', '--image', 'any-image',
            '--external-network', 'public', '--keypair', 'dev-key'))
        self.assertEqual('fake', template['cluster_distro'])
        result = self.cli.run(*self.coe(
            'cluster', 'create', 'dev-cluster', '--cluster-template',
            'dev-template', '--node-count', '2'))
        self.assertIn('Request to create cluster', result.output)

        cluster = cloudcli.wait_status(
            'cluster dev-cluster',
            lambda: self.cli.show(*self.coe('cluster', 'show',
                                            'dev-cluster')),
            'CREATE_COMPLETE', 60, interval=1)
        self.assertEqual(2, cluster['node_count'])
        self.assertEqual(template['uuid'], cluster['cluster_template_id'])
        listed = self.cli.json(*self.coe('cluster', 'list'))
        self.assertEqual(['dev-cluster'], [c['name'] for c in listed])

        result = self.cli.run(*self.coe('cluster', 'delete', 'dev-cluster'))
        self.assertIn('has been accepted', result.output)
        cloudcli.wait_for(
            'deletion of dev-cluster',
            lambda: self.cli.show(*self.coe(
                'cluster', 'show', 'dev-cluster')) is None, 60, interval=1)
