"""Tests for one GET against a service and its failure mapping."""

from keystoneauth1 import exceptions as ks_exc
from requests_mock.contrib import fixture as rm_fixture

from magnum.common.cloud import exceptions as cloud_exc
from magnum.common.cloud import rest
from magnum.common.cloud import session
from magnum.common import exception
from magnum.tests import base
from magnum.tests.unit.common.cloud import fakes


class EndpointFilterTest(base.TestCase):

    def test_default_public(self):
        self.assertEqual({'service_type': 'image', 'interface': 'public'},
                         rest.endpoint_filter(rest.IMAGE))

    def test_interface_and_region_from_group(self):
        self.config(group='nova_client', endpoint_type='adminURL',
                    region_name='RegionTwo')
        self.assertEqual({'service_type': 'compute', 'interface': 'admin',
                          'region_name': 'RegionTwo'},
                         rest.endpoint_filter(rest.COMPUTE, 'RegionOne'))

    def test_region_argument(self):
        self.config(group='neutron_client', endpoint_type='internal')
        self.assertEqual({'service_type': 'network',
                          'interface': 'internal',
                          'region_name': 'RegionOne'},
                         rest.endpoint_filter(rest.NETWORK, 'RegionOne'))

    def test_bad_endpoint_type(self):
        self.config(group='glance_client', endpoint_type='private')
        error = self.assertRaises(exception.InvalidParameterValue,
                                  rest.interface_for, rest.IMAGE)
        self.assertIn('[glance_client] endpoint_type private', str(error))


class GetJsonTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.requests = self.useFixture(rm_fixture.Fixture())
        self.session = session.session_for_context(fakes.caller_context())
        self.url = fakes.GLANCE + '/v2/images'

    def get(self, **kwargs):
        return rest.get_json(self.session, rest.IMAGE, '/v2/images',
                             'image x', **kwargs)

    def test_ok(self):
        self.requests.get(self.url, json={'images': []})
        self.assertEqual({'images': []}, self.get(params={'name': 'x'}))
        self.assertEqual({'name': ['x']}, self.requests.last_request.qs)

    def test_absent(self):
        self.requests.get(self.url, status_code=404)
        self.assertIsNone(self.get())

    def test_absent_statuses(self):
        self.requests.get(self.url, status_code=400)
        self.assertIsNone(self.get(absent=(400, 404)))

    def test_region_selects_endpoint(self):
        sess = session.session_for_context(
            fakes.caller_context(region='RegionTwo'))
        self.requests.get(self.url, json={})
        self.assertRaises(cloud_exc.ServiceNotInCatalog, rest.get_json,
                          sess, rest.IMAGE, '/v2/images', 'x',
                          region_name='RegionOne')
        self.assertEqual({}, rest.get_json(sess, rest.IMAGE, '/v2/images',
                                           'x', region_name='RegionTwo'))

    def test_not_in_catalog(self):
        self.session = session.session_for_context(
            fakes.caller_context({'compute': fakes.NOVA}))
        error = self.assertRaises(cloud_exc.ServiceNotInCatalog, self.get,
                                  region_name='RegionOne')
        self.assertEqual(400, error.code)
        self.assertIsInstance(error, exception.InvalidParameterValue)
        self.assertEqual('This cloud has no image service (glance) in its '
                         'catalog (interface public, region RegionOne); ask '
                         'your cloud operator to register it.', str(error))

    def test_not_in_catalog_with_fix(self):
        self.session = session.session_for_context(
            fakes.caller_context({}))
        error = self.assertRaises(cloud_exc.ServiceNotInCatalog, self.get,
                                  fix='do this')
        self.assertTrue(str(error).endswith('(interface public); do '
                                            'this.'))

    def test_connect_failure(self):
        self.requests.get(self.url, exc=ks_exc.ConnectFailure('refused'))
        error = self.assertRaises(cloud_exc.CloudServiceUnavailable, self.get)
        self.assertEqual(503, error.code)
        self.assertEqual('The image service (glance) of this cloud is '
                         'unavailable: refused. Retry the request later; if '
                         'this persists, ask your cloud operator.',
                         str(error))

    def test_timeout(self):
        self.requests.get(self.url, exc=ks_exc.ConnectTimeout('slow'))
        self.assertRaises(cloud_exc.CloudServiceUnavailable, self.get)

    def test_server_error(self):
        self.requests.get(self.url, status_code=500)
        error = self.assertRaises(cloud_exc.CloudServiceUnavailable, self.get)
        self.assertIn('it answered HTTP 500 to the look-up of image x',
                      str(error))

    def test_unauthorized(self):
        self.requests.get(self.url, status_code=401)
        error = self.assertRaises(exception.AuthorizationFailure, self.get)
        self.assertEqual(403, error.code)
        self.assertEqual('Glance connection failed. The caller\'s token was '
                         'refused; get a new token and retry.', str(error))

    def test_forbidden_default(self):
        self.requests.get(self.url, status_code=403)
        error = self.assertRaises(exception.AuthorizationFailure, self.get)
        self.assertEqual('Glance connection failed. Not allowed to look up '
                         'image x.', str(error))

    def test_forbidden_custom(self):
        self.requests.get(self.url, status_code=403)
        self.assertRaises(exception.ImageNotAuthorized, self.get,
                          forbidden=lambda: exception.ImageNotAuthorized(
                              image_id='x'))

    def test_other_client_error(self):
        self.requests.get(self.url, status_code=400, text='bad filter')
        error = self.assertRaises(cloud_exc.CloudRequestRejected, self.get)
        self.assertEqual(400, error.code)
        self.assertEqual('The image service (glance) refused to look up '
                         'image x (HTTP 400): bad filter', str(error))

    def test_not_json(self):
        self.requests.get(self.url, text='<html>')
        error = self.assertRaises(cloud_exc.CloudServiceUnavailable, self.get)
        self.assertIn('not JSON', str(error))
