"""The root and v1 documents, microversion negotiation, error bodies."""

from magnum.api import versions
from magnum.tests.unit.api import base


class RootDocumentTest(base.APITestCase):

    def test_root_lists_v1_without_version_headers(self):
        response = self.app.get('/', headers={})
        self.assertEqual('OpenStack Magnum API', response.json['name'])
        version = response.json['versions'][0]
        self.assertEqual('v1', version['id'])
        self.assertEqual('1.14', version['max_version'])
        self.assertEqual('1.1', version['min_version'])
        self.assertEqual('http://localhost/v1/', version['links'][0]['href'])
        self.assertNotIn(versions.HEADER, response.headers)

    def test_v1_document_links_resources_but_not_federations(self):
        body = self.get_json('/v1')
        self.assertEqual('v1', body['id'])
        self.assertEqual('http://localhost/v1/clusters/',
                         body['clusters'][0]['href'])
        self.assertEqual('http://localhost/clusters/',
                         body['clusters'][1]['href'])
        self.assertIn('clusters/{cluster_id}/nodegroups',
                      body['nodegroups'][0]['href'])
        self.assertNotIn('federations', body)

    def test_v1_response_carries_version_headers(self):
        response = self.app.get('/v1', headers={
            versions.HEADER: 'container-infra 1.9'})
        self.assertEqual('container-infrastructure-management 1.9',
                         response.headers[versions.HEADER])
        self.assertEqual('container-infrastructure-management 1.1',
                         response.headers[versions.MIN_HEADER])
        self.assertEqual('container-infrastructure-management 1.14',
                         response.headers[versions.MAX_HEADER])
        self.assertEqual(versions.HEADER, response.headers['Vary'])

    def test_latest_resolves_to_max(self):
        response = self.app.get('/v1', headers={
            versions.HEADER: 'container-infra latest'})
        self.assertTrue(response.headers[versions.HEADER].endswith('1.14'))

    def test_no_header_means_base_version(self):
        response = self.app.get('/v1')
        self.assertTrue(response.headers[versions.HEADER].endswith(' 1.1'))

    def test_out_of_range_version_is_406_with_title(self):
        response = self.app.get('/v1', status=406, headers={
            versions.HEADER: 'container-infra 1.99'})
        error = response.json['errors'][0]
        self.assertEqual('Requested microversion is unsupported',
                         error['title'])
        self.assertEqual('magnum.microversion-unsupported', error['code'])
        self.assertEqual('1.14', error['max_version'])
        self.assertTrue(error['request_id'].startswith('req-'))

    def test_unknown_service_and_garbage_are_406_without_title(self):
        for value in ('compute 1.2', 'container-infra one.two',
                      'container-infra', 'container-infra 1.02.3'):
            response = self.app.get('/v1', status=406, headers={
                versions.HEADER: value})
            self.assertEqual('', response.json['errors'][0]['title'], value)


class ErrorBodyTest(base.APITestCase):

    def test_unknown_path_is_404_in_upstream_shape(self):
        response = self.app.get('/v1/no-such-thing', status=404)
        self.assertEqual('application/json', response.content_type)
        error = response.json['errors'][0]
        self.assertEqual(404, error['status'])
        self.assertEqual('client', error['code'])
        self.assertEqual([], error['links'])
        self.assertTrue(error['request_id'].startswith('req-'))
        self.assertEqual(response.headers['x-openstack-request-id'],
                         error['request_id'])

    def test_oversized_body_is_413_in_upstream_shape(self):
        self.config(group='oslo_middleware', max_request_body_size=1024)
        response = self.app.post('/v1/clusters', params='x' * 4096,
                                 content_type='application/json',
                                 status=413)
        self.assertEqual(413, response.json['errors'][0]['status'])

    def test_healthcheck_answers(self):
        response = self.app.get('/healthcheck')
        self.assertEqual(200, response.status_int)
