"""``/v1/clustertemplates`` through the whole WSGI pipeline."""

from magnum import objects
from magnum.tests.unit.api import base
from magnum.tests.unit.api import fakes


def template_body(**overrides):
    body = {'name': 'k8s', 'coe': 'kubernetes',
            'image_id': 'fedora-coreos-latest',
            'external_network_id': 'public', 'flavor_id': 'm1.small',
            'master_flavor_id': 'm1.medium', 'keypair_id': 'demo-key'}
    body.update(overrides)
    return body


class CreateTemplateTest(base.APITestCase):

    def test_create_returns_201_with_location_and_defaults(self):
        response = self.request('post', '/v1/clustertemplates',
                                template_body(), headers=base.MEMBER,
                                status=201)
        body = response.json
        self.assertTrue(response.location.endswith(
            '/v1/clustertemplates/%s' % body['uuid']))
        self.assertEqual('fake', body['cluster_distro'])
        self.assertEqual('fake', body['driver'])
        self.assertEqual('flannel', body['network_driver'])
        self.assertFalse(body['public'])
        self.assertFalse(body['tls_disabled'])
        self.assertTrue(body['floating_ip_enabled'])
        self.assertEqual('vm', body['server_type'])
        self.assertEqual('project-a', body['project_id'])
        stored = objects.ClusterTemplate.get_by_uuid(
            self._admin_context(), body['uuid'])
        self.assertEqual('k8s', stored.name)

    def _admin_context(self):
        from magnum.common import context
        return context.make_admin_context(all_tenants=True)

    def test_image_without_os_distro_is_400_with_fix(self):
        response = self.request(
            'post', '/v1/clustertemplates',
            template_body(image_id='no-os-distro-image'), status=400)
        error = response.json['errors'][0]
        # The CLI shows only the title: it must carry the fix too.
        for shown in (error['title'], error['detail']):
            self.assertIn('Cluster type (vm, None, kubernetes) not supported',
                          shown)
            self.assertIn('openstack image set --property os_distro=', shown)

    def test_unknown_image_is_400(self):
        response = self.request('post', '/v1/clustertemplates',
                                template_body(image_id='nope'), status=400)
        self.assertIn('nope', response.json['errors'][0]['detail'])

    def test_missing_mandatory_fields_are_400(self):
        for missing in ('coe', 'image_id'):
            body = template_body()
            del body[missing]
            response = self.request('post', '/v1/clustertemplates', body,
                                    status=400)
            self.assertIn(missing, response.json['errors'][0]['detail'])

    def test_unknown_field_wrong_type_and_range_are_400(self):
        for bad in ({'bogus': 1}, {'docker_volume_size': 0},
                    {'apiserver_port': 80}, {'docker_volume_size': 'x'},
                    {'labels': 'nope'}, {'public': 'maybe'},
                    {'server_type': 'cloud'}, {'coe': 'nomad'},
                    {'dns_nameserver': 'not-an-ip'}):
            self.request('post', '/v1/clustertemplates',
                         template_body(**bad), status=400)
        self.assertEqual([], objects.ClusterTemplate.list(
            self._admin_context()))

    def test_network_driver_rules(self):
        response = self.request(
            'post', '/v1/clustertemplates',
            template_body(network_driver='Flannel'), status=400)
        self.assertIn('Network driver type Flannel is not supported',
                      response.json['errors'][0]['detail'])
        self.request('post', '/v1/clustertemplates',
                     template_body(network_driver='calico'), status=201)

    def test_devicemapper_needs_3gb(self):
        response = self.request(
            'post', '/v1/clustertemplates',
            template_body(docker_storage_driver='devicemapper',
                          docker_volume_size=2), status=400)
        self.assertIn('minimum value 3GB',
                      response.json['errors'][0]['detail'])

    def test_unknown_volume_type_label_is_400(self):
        self.request('post', '/v1/clustertemplates',
                     template_body(docker_volume_size=5,
                                   labels={'docker_volume_type': 'gold'}),
                     status=400)
        self.request('post', '/v1/clustertemplates',
                     template_body(docker_volume_size=5,
                                   labels={'docker_volume_type': 'ssd'}),
                     status=201)

    def test_flavor_without_disk_needs_boot_volume(self):
        self.request('post', '/v1/clustertemplates',
                     template_body(flavor_id='m1.nodisk'), status=400)
        self.request('post', '/v1/clustertemplates',
                     template_body(flavor_id='m1.nodisk',
                                   labels={'boot_volume_size': '10'}),
                     status=201)

    def test_public_needs_publish_rule(self):
        response = self.request('post', '/v1/clustertemplates',
                                template_body(public=True),
                                headers=base.MEMBER, status=403)
        self.assertIn('public or hidden',
                      response.json['errors'][0]['detail'])
        self.request('post', '/v1/clustertemplates',
                     template_body(public=True), status=201)

    def test_reader_cannot_create(self):
        self.request('post', '/v1/clustertemplates', template_body(),
                     headers=base.READER, status=403)

    def test_lookups_are_done_once_per_request(self):
        self.request('post', '/v1/clustertemplates',
                     template_body(flavor_id='m1.small',
                                   master_flavor_id='m1.small'),
                     status=201)
        images = [c for c in self.cloud.calls if c[0] == 'images']
        self.assertEqual(1, len(images))


class ReadTemplateTest(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.mine = self.request('post', '/v1/clustertemplates',
                                 template_body(name='mine'),
                                 headers=base.MEMBER).json
        self.theirs = self.request('post', '/v1/clustertemplates',
                                   template_body(name='theirs'),
                                   headers=base.OTHER_MEMBER).json
        self.public = self.request('post', '/v1/clustertemplates',
                                   template_body(name='shared',
                                                 public=True)).json

    def test_member_sees_own_and_public(self):
        body = self.request('get', '/v1/clustertemplates',
                            headers=base.MEMBER).json
        names = sorted(t['name'] for t in body['clustertemplates'])
        self.assertEqual(['mine', 'shared'], names)

    def test_admin_sees_all(self):
        body = self.request('get', '/v1/clustertemplates/detail').json
        self.assertEqual(3, len(body['clustertemplates']))

    def test_other_projects_template_is_404(self):
        self.request('get', '/v1/clustertemplates/%s' % self.theirs['uuid'],
                     headers=base.MEMBER, status=404)

    def test_get_by_name_and_ambiguous_name(self):
        body = self.request('get', '/v1/clustertemplates/mine',
                            headers=base.MEMBER).json
        self.assertEqual(self.mine['uuid'], body['uuid'])
        self.request('post', '/v1/clustertemplates',
                     template_body(name='mine'), headers=base.MEMBER)
        response = self.request('get', '/v1/clustertemplates/mine',
                                headers=base.MEMBER, status=409)
        self.assertIn('Multiple', response.json['errors'][0]['detail'])

    def test_pagination_and_next_link(self):
        body = self.request('get', '/v1/clustertemplates?limit=2').json
        self.assertEqual(2, len(body['clustertemplates']))
        self.assertIn('marker=%s' % body['clustertemplates'][1]['uuid'],
                      body['next'])
        rest = self.request('get', body['next'].replace(
            'http://localhost', '')).json
        self.assertEqual(1, len(rest['clustertemplates']))
        self.assertNotIn('next', rest)

    def test_bad_list_parameters_are_400(self):
        for query in ('limit=0', 'limit=-1', 'limit=x', 'sort_dir=up',
                      'sort_key=foo', 'marker=does-not-exist'):
            self.request('get', '/v1/clustertemplates?' + query,
                         status=400)

    def test_reader_can_read(self):
        self.request('get', '/v1/clustertemplates/%s' % self.mine['uuid'],
                     headers=base.READER)


class UpdateDeleteTemplateTest(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.template = self.request('post', '/v1/clustertemplates',
                                     template_body(),
                                     headers=base.MEMBER).json
        self.url = '/v1/clustertemplates/%s' % self.template['uuid']

    def test_patch_replace_and_add_label(self):
        body = self.request('patch', self.url, [
            {'op': 'replace', 'path': '/name', 'value': 'renamed'},
            {'op': 'add', 'path': '/labels/kube_tag', 'value': 'v1.30'}],
            headers=base.MEMBER).json
        self.assertEqual('renamed', body['name'])
        self.assertEqual({'kube_tag': 'v1.30'}, body['labels'])

    def test_patch_errors_are_400_and_change_nothing(self):
        for patch in ([{'op': 'replace', 'path': '/uuid', 'value': 'x'}],
                      [{'op': 'remove', 'path': '/coe'}],
                      [{'op': 'move', 'path': '/name', 'from': '/x'}],
                      [{'op': 'replace', 'path': 'name', 'value': 'x'}],
                      [{'op': 'replace', 'path': '/docker_volume_size',
                        'value': -1}],
                      [{'op': 'add', 'path': '/nothing', 'value': 1}],
                      {'op': 'replace'}, []):
            self.request('patch', self.url, patch, headers=base.MEMBER,
                         status=400)
        body = self.request('get', self.url, headers=base.MEMBER).json
        self.assertEqual(self.template, body)

    def test_patch_public_needs_publish(self):
        self.request('patch', self.url, [
            {'op': 'replace', 'path': '/public', 'value': True}],
            headers=base.MEMBER, status=403)

    def test_other_project_cannot_patch_or_delete(self):
        self.request('patch', self.url, [
            {'op': 'replace', 'path': '/name', 'value': 'x'}],
            headers=base.OTHER_MEMBER, status=404)
        self.request('delete', self.url, headers=base.OTHER_MEMBER,
                     status=404)

    def test_delete_then_404(self):
        self.request('delete', self.url, headers=base.MEMBER, status=204)
        self.request('get', self.url, headers=base.MEMBER, status=404)

    def test_referenced_template_only_renames_and_cannot_be_deleted(self):
        from magnum.tests.unit.db import utils as db_utils
        db_utils.create_test_cluster(
            cluster_template_id=self.template['uuid'],
            project_id='project-a')
        self.request('patch', self.url, [
            {'op': 'replace', 'path': '/name', 'value': 'still-ok'}],
            headers=base.MEMBER)
        response = self.request('patch', self.url, [
            {'op': 'replace', 'path': '/flavor_id', 'value': 'm1.medium'}],
            headers=base.MEMBER, status=400)
        self.assertIn('flavor_id', response.json['errors'][0]['detail'])
        response = self.request('delete', self.url, headers=base.MEMBER,
                                status=400)
        self.assertIn('is referenced by one or multiple clusters',
                      response.json['errors'][0]['detail'])


assert fakes


class CollectionMethodsTest(base.APITestCase):

    def test_patch_and_delete_without_id_are_405(self):
        self.request('patch', '/v1/clustertemplates',
                     [{'op': 'replace', 'path': '/name', 'value': 'x'}],
                     status=405)
        self.request('delete', '/v1/clustertemplates', status=405)
