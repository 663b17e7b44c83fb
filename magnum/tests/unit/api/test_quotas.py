"""``/v1/quotas`` through the whole WSGI pipeline."""

import fixtures
from keystoneauth1 import exceptions as ks_exc

from magnum.api.controllers.v1 import quotas as quotas_controller
from magnum.common.cloud import exceptions as cloud_exc
from magnum.common import context as magnum_context
from magnum.common import exception
from magnum.db import api as dbapi
from magnum.tests.unit.api import base
from magnum.tests.unit.api import test_certificates
from magnum.tests.unit.db import utils as db_utils


def quota_rows():
    """Every quota row, as (project, resource, hard limit)."""
    admin = magnum_context.make_admin_context(all_tenants=True)
    return sorted((q.project_id, q.resource, q.hard_limit)
                  for q in dbapi.get_quota_list(admin))


class FakeResponse:

    def __init__(self, status_code, text=''):
        self.status_code = status_code
        self.text = text


class FakeIdentitySession:
    """Answers GET projects/<id> from a set of known projects."""

    def __init__(self, projects=(), status=None, error=None):
        self.projects = set(projects)
        self.status = status
        self.error = error
        self.requests = []

    def get(self, path, endpoint_filter=None, raise_exc=True):
        self.requests.append((path, endpoint_filter, raise_exc))
        if self.error is not None:
            raise self.error
        if self.status is not None:
            return FakeResponse(self.status, 'went wrong')
        project = path.rsplit('/', 1)[-1]
        return FakeResponse(200 if project in self.projects else 404)


class QuotaTestCase(test_certificates.StrictAPITestCase):

    def create(self, project_id='project-a', hard_limit=5, **kw):
        return db_utils.create_test_quota(project_id=project_id,
                                          hard_limit=hard_limit, **kw)


class CreateQuotaTest(QuotaTestCase):

    def test_create_returns_201(self):
        body = self.request('post', '/v1/quotas',
                            {'project_id': 'project-a', 'resource': 'Cluster',
                             'hard_limit': 3}, status=201).json
        self.assertEqual({'id', 'project_id', 'resource', 'hard_limit',
                          'created_at', 'updated_at'}, set(body))
        self.assertEqual(('project-a', 'Cluster', 3),
                         (body['project_id'], body['resource'],
                          body['hard_limit']))
        self.assertIsInstance(body['id'], int)
        self.assertIsNotNone(body['created_at'])
        self.assertEqual([('project-a', 'Cluster', 3)], quota_rows())

    def test_defaults(self):
        body = self.request('post', '/v1/quotas',
                            {'project_id': 'project-a'}, status=201).json
        self.assertEqual('Cluster', body['resource'])
        self.assertEqual(1, body['hard_limit'])
        self.request('post', '/v1/quotas',
                     {'project_id': 'project-b', 'hard_limit': 0},
                     status=201)

    def test_duplicate_is_409(self):
        self.create()
        response = self.request('post', '/v1/quotas',
                                {'project_id': 'project-a'}, status=409)
        self.assertIn('project-a', response.json['errors'][0]['detail'])
        self.assertEqual([('project-a', 'Cluster', 5)], quota_rows())

    def test_bad_bodies_are_400(self):
        for body in ({}, {'project_id': ''}, {'project_id': None},
                     {'project_id': 'p', 'resource': 'Node'},
                     {'project_id': 'p', 'resource': 'cluster'},
                     {'project_id': 'p', 'hard_limit': -1},
                     {'project_id': 'p', 'hard_limit': 'many'},
                     {'project_id': 'p', 'bogus': 1},
                     {'project_id': 'x' * 256}, [], 'p'):
            self.request('post', '/v1/quotas', body, status=400)
        self.assertEqual([], quota_rows())

    def test_missing_project_message(self):
        response = self.request('post', '/v1/quotas', {'hard_limit': 2},
                                status=400)
        self.assertEqual('Must provide a valid project ID.',
                         response.json['errors'][0]['detail'])

    def test_rbac(self):
        for headers in (base.MEMBER, base.READER, base.OTHER_MEMBER):
            response = self.request('post', '/v1/quotas',
                                    {'project_id': 'project-a'},
                                    headers=headers, status=403)
            self.assertEqual(
                "Policy doesn't allow quota:create to be performed.",
                response.json['errors'][0]['detail'])
        self.assertEqual([], quota_rows())
        self.request('post', '/v1/quotas', {'project_id': 'project-a'},
                     headers=base.ADMIN, status=201)


class KeystoneProjectCheckTest(QuotaTestCase):
    """With keystone auth the project must exist in Keystone."""

    def setUp(self):
        super().setUp()
        # The pipeline stays noauth; only the controller's choice changes.
        self.config(group='api', auth_strategy='keystone')
        self.session = FakeIdentitySession(projects=['project-a'])
        self.session_for_environ = self.useFixture(fixtures.MockPatch(
            'magnum.common.cloud.session.session_for_environ',
            autospec=True, return_value=self.session)).mock

    def test_known_project_is_created(self):
        self.request('post', '/v1/quotas', {'project_id': 'project-a'},
                     status=201)
        self.assertEqual(1, self.session_for_environ.call_count)
        path, endpoint_filter, raise_exc = self.session.requests[0]
        self.assertEqual('projects/project-a', path)
        self.assertEqual('identity', endpoint_filter['service_type'])
        self.assertFalse(raise_exc)

    def test_unknown_project_is_404(self):
        response = self.request('post', '/v1/quotas',
                                {'project_id': 'ghost'}, status=404)
        self.assertEqual('Project ghost could not be found.',
                         response.json['errors'][0]['detail'])
        self.assertEqual([], quota_rows())

    def test_project_id_is_quoted_in_the_path(self):
        self.request('post', '/v1/quotas', {'project_id': '../users'},
                     status=404)
        self.assertEqual('projects/..%2Fusers', self.session.requests[0][0])

    def test_no_token_is_403(self):
        self.session_for_environ.side_effect = (
            cloud_exc.authorization_failure('Keystone', 'no token'))
        self.request('post', '/v1/quotas', {'project_id': 'project-a'},
                     status=403)
        self.assertEqual([], quota_rows())

    def test_policy_is_checked_before_keystone(self):
        self.request('post', '/v1/quotas', {'project_id': 'project-a'},
                     headers=base.MEMBER, status=403)
        self.assertEqual([], self.session.requests)


class CheckProjectExistsTest(QuotaTestCase):
    """The Keystone look-up on its own, for every kind of answer."""

    def check(self, session):
        quotas_controller.check_project_exists(session, 'p1')

    def test_answers(self):
        self.check(FakeIdentitySession(projects=['p1']))
        self.assertRaises(exception.ProjectNotFound, self.check,
                          FakeIdentitySession())
        for status in (401, 403):
            self.assertRaises(exception.AuthorizationFailure, self.check,
                              FakeIdentitySession(status=status))
        self.assertRaises(cloud_exc.CloudServiceUnavailable, self.check,
                          FakeIdentitySession(status=502))
        self.assertRaises(cloud_exc.CloudRequestRejected, self.check,
                          FakeIdentitySession(status=400))

    def test_unreachable_keystone_is_503(self):
        for error in (ks_exc.EndpointNotFound(), ks_exc.ConnectFailure(),
                      ks_exc.DiscoveryFailure(), ks_exc.ConnectTimeout()):
            raised = self.assertRaises(
                cloud_exc.CloudServiceUnavailable, self.check,
                FakeIdentitySession(error=error))
            self.assertEqual(503, raised.code)


class ListQuotasTest(QuotaTestCase):

    def setUp(self):
        super().setUp()
        self.create('admin-project', 1)
        self.create('project-a', 2)
        self.create('project-b', 3)

    def test_admin_sees_own_project_by_default(self):
        body = self.get_json('/v1/quotas')
        self.assertEqual(['admin-project'],
                         [q['project_id'] for q in body['quotas']])
        self.assertNotIn('next', body)

    def test_admin_all_tenants(self):
        for value in ('true', 'True', '1'):
            body = self.get_json('/v1/quotas?all_tenants=%s' % value)
            self.assertEqual(['admin-project', 'project-a', 'project-b'],
                             [q['project_id'] for q in body['quotas']])
        body = self.get_json('/v1/quotas?all_tenants=false')
        self.assertEqual(1, len(body['quotas']))

    def test_pagination_with_integer_marker(self):
        body = self.get_json('/v1/quotas?all_tenants=True&limit=2')
        self.assertEqual(2, len(body['quotas']))
        self.assertIn('marker=%d' % body['quotas'][1]['id'], body['next'])
        self.assertIn('all_tenants=True', body['next'])
        rest = self.get_json(body['next'].replace('http://localhost', ''))
        self.assertEqual(['project-b'],
                         [q['project_id'] for q in rest['quotas']])
        self.assertNotIn('next', rest)

    def test_sorting(self):
        body = self.get_json('/v1/quotas?all_tenants=1&sort_key=hard_limit'
                             '&sort_dir=desc')
        self.assertEqual([3, 2, 1],
                         [q['hard_limit'] for q in body['quotas']])

    def test_bad_parameters_are_400(self):
        for query in ('marker=abc', 'marker=99999', 'limit=0', 'limit=x',
                      'marker=1&marker=2', 'limit=1&limit=2',
                      'all_tenants=1&all_tenants=0',
                      'sort_key=bogus', 'sort_dir=up',
                      'all_tenants=maybe'):
            self.request('get', '/v1/quotas?all_tenants=1&' + query,
                         status=400)

    def test_every_version(self):
        for version in ('1.1', '1.6', 'latest'):
            self.request('get', '/v1/quotas', status=200, version=version)
            self.request('get', '/v1/quotas/project-a/Cluster', status=200,
                         version=version)

    def test_rbac(self):
        for headers in (base.MEMBER, base.READER, base.OTHER_MEMBER):
            response = self.request('get', '/v1/quotas?all_tenants=1',
                                    headers=headers, status=403)
            self.assertEqual(
                "Policy doesn't allow quota:get_all to be performed.",
                response.json['errors'][0]['detail'])


class ShowQuotaTest(QuotaTestCase):

    def test_show_set_quota(self):
        quota = self.create('project-a', 7)
        body = self.get_json('/v1/quotas/project-a/Cluster',
                             headers=base.READER)
        self.assertEqual(quota.id, body['id'])
        self.assertEqual(7, body['hard_limit'])

    def test_unset_quota_shows_the_default(self):
        self.config(group='quotas', max_clusters_per_project=13)
        body = self.get_json('/v1/quotas/project-a/Cluster',
                             headers=base.MEMBER)
        self.assertEqual({'id': None, 'project_id': 'project-a',
                          'resource': 'Cluster', 'hard_limit': 13,
                          'created_at': None, 'updated_at': None}, body)
        self.assertEqual([], quota_rows())

    def test_unknown_resource_is_400(self):
        self.request('get', '/v1/quotas/project-a/Node',
                     headers=base.MEMBER, status=400)

    def test_missing_resource_segment_is_404(self):
        self.request('get', '/v1/quotas/project-a', status=404)

    def test_rbac(self):
        self.create('project-a', 7)
        self.create('project-b', 8)
        for headers, project, status in (
                (base.ADMIN, 'project-a', 200),
                (base.ADMIN, 'project-b', 200),
                (base.MEMBER, 'project-a', 200),
                (base.READER, 'project-a', 200),
                (base.MEMBER, 'project-b', 403),
                (base.READER, 'project-b', 403),
                (base.OTHER_MEMBER, 'project-a', 403),
                (base.OTHER_MEMBER, 'project-b', 200)):
            self.request('get', '/v1/quotas/%s/Cluster' % project,
                         headers=headers, status=status)

    def test_no_role_is_403(self):
        nobody = {'X-User-Id': 'u', 'X-Project-Id': 'project-a',
                  'X-Roles': 'nothing'}
        response = self.request('get', '/v1/quotas/project-a/Cluster',
                                headers=nobody, status=403)
        self.assertIn('quota:get', response.json['errors'][0]['detail'])


class UpdateQuotaTest(QuotaTestCase):

    def setUp(self):
        super().setUp()
        self.quota = self.create('project-a', 2)

    def test_update_returns_202(self):
        body = self.request('patch', '/v1/quotas/project-a/Cluster',
                            {'project_id': 'project-a',
                             'resource': 'Cluster', 'hard_limit': 9},
                            status=202).json
        self.assertEqual(9, body['hard_limit'])
        self.assertEqual(self.quota.id, body['id'])
        self.assertEqual([('project-a', 'Cluster', 9)], quota_rows())

    def test_url_wins_over_body(self):
        self.request('patch', '/v1/quotas/project-a/Cluster',
                     {'project_id': 'project-b', 'hard_limit': 4},
                     status=202)
        self.assertEqual([('project-a', 'Cluster', 4)], quota_rows())

    def test_left_out_hard_limit_takes_the_default(self):
        self.request('patch', '/v1/quotas/project-a/Cluster', {},
                     status=202)
        self.assertEqual([('project-a', 'Cluster', 1)], quota_rows())

    def test_missing_quota_is_404(self):
        for path in ('/v1/quotas/project-b/Cluster',
                     '/v1/quotas/project-a/Node'):
            self.request('patch', path, {'hard_limit': 4}, status=404)
        self.assertEqual([('project-a', 'Cluster', 2)], quota_rows())

    def test_bad_bodies_are_400(self):
        for body in ({'hard_limit': -1}, {'hard_limit': 'x'},
                     {'bogus': 1}, {'resource': 'Node'},
                     [{'op': 'replace', 'path': '/hard_limit',
                       'value': 3}]):
            self.request('patch', '/v1/quotas/project-a/Cluster', body,
                         status=400)
        self.assertEqual([('project-a', 'Cluster', 2)], quota_rows())

    def test_rbac(self):
        for headers in (base.MEMBER, base.READER, base.OTHER_MEMBER):
            self.request('patch', '/v1/quotas/project-a/Cluster',
                         {'hard_limit': 50}, headers=headers, status=403)
        self.assertEqual([('project-a', 'Cluster', 2)], quota_rows())


class DeleteQuotaTest(QuotaTestCase):

    def setUp(self):
        super().setUp()
        self.create('project-a', 2)

    def test_delete_returns_204(self):
        response = self.request('delete', '/v1/quotas/project-a/Cluster',
                                status=204)
        self.assertEqual(b'', response.body)
        self.assertEqual([], quota_rows())
        self.request('delete', '/v1/quotas/project-a/Cluster', status=404)

    def test_incomplete_paths(self):
        self.request('delete', '/v1/quotas', status=405)
        self.request('patch', '/v1/quotas', {'hard_limit': 3}, status=405)
        self.request('delete', '/v1/quotas/project-a', status=404)
        self.request('patch', '/v1/quotas/project-a', {'hard_limit': 3},
                     status=404)
        self.assertEqual([('project-a', 'Cluster', 2)], quota_rows())

    def test_missing_quota_is_404(self):
        self.request('delete', '/v1/quotas/project-b/Cluster', status=404)
        self.assertEqual([('project-a', 'Cluster', 2)], quota_rows())

    def test_rbac(self):
        for headers in (base.MEMBER, base.READER, base.OTHER_MEMBER):
            self.request('delete', '/v1/quotas/project-a/Cluster',
                         headers=headers, status=403)
        self.assertEqual([('project-a', 'Cluster', 2)], quota_rows())
