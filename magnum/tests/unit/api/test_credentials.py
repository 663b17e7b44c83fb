"""``/v1/credentials/{cluster}`` through the whole WSGI pipeline."""

import fixtures

from magnum.db import api as dbapi
from magnum.drivers import base as driver_base
from magnum.drivers.fake import driver as fake_driver
from magnum.tests.unit.api import base
from magnum.tests.unit.api import test_certificates as cluster_cases

CLUSTER_UUID = cluster_cases.CLUSTER_UUID
PATH = '/v1/credentials/%s' % CLUSTER_UUID
ROTATE = '1.12'


class RotateCredentialTest(cluster_cases.ClusterAPITestCase):

    def test_rotate_commits_then_casts(self):
        response = self.request('patch', PATH, headers=base.MEMBER,
                                status=202, version=ROTATE)
        self.assertEqual({'uuid': CLUSTER_UUID}, response.json)
        self.assertEqual(['rotate_credential'], self.conductor.methods())
        cast = self.conductor.casts[0]
        self.assertEqual('UPDATE_IN_PROGRESS', cast.cluster.status)
        self.assertEqual('rotate_credential', cast.operation.name)
        self.assertEqual('pending', cast.operation.state)
        self.assertEqual(cast.operation.uuid,
                         cast.kwargs['operation_uuid'])
        self.assertEqual('UPDATE_IN_PROGRESS', self.stored().status)
        self.assertEqual(1, len(self.operations()))

    def test_by_name_and_at_latest(self):
        self.request('patch', '/v1/credentials/cluster1',
                     headers=base.MEMBER, status=202, version='latest')

    def test_below_1_12_is_406_with_empty_title(self):
        for version in (None, '1.1', '1.11'):
            response = self.request('patch', PATH, headers=base.MEMBER,
                                    status=406, version=version)
            error = response.json['errors'][0]
            self.assertEqual('magnum.microversion-unsupported',
                             error['code'])
            self.assertEqual('', error['title'])
        self.assert_unchanged()

    def test_bad_version_is_406(self):
        self.request('patch', PATH, headers=base.MEMBER, status=406,
                     version='1.99')
        self.assert_unchanged()

    def test_allowed_after_a_failed_update(self):
        dbapi.update_cluster(CLUSTER_UUID, {'status': 'UPDATE_FAILED'})
        self.request('patch', PATH, headers=base.MEMBER, status=202,
                     version=ROTATE)

    def test_busy_cluster_is_409(self):
        dbapi.update_cluster(CLUSTER_UUID,
                             {'status': 'DELETE_IN_PROGRESS'})
        self.request('patch', PATH, headers=base.MEMBER, status=409,
                     version=ROTATE)
        self.assertEqual('DELETE_IN_PROGRESS', self.stored().status)
        self.assertEqual([], self.operations())
        self.assertEqual([], self.conductor.casts)

    def test_driver_without_rotation_is_400(self):
        self.useFixture(fixtures.MockPatchObject(
            fake_driver.FakeDriver, 'rotate_credential',
            driver_base.Driver.rotate_credential))
        response = self.request('patch', PATH, headers=base.MEMBER,
                                status=400, version=ROTATE)
        self.assertEqual('Credential rotation is not supported by driver.',
                         response.json['errors'][0]['detail'])
        self.assert_unchanged()

    def test_unknown_cluster_is_404(self):
        self.request('patch', '/v1/credentials/nope', headers=base.MEMBER,
                     status=404, version=ROTATE)
        self.assert_unchanged()

    def test_collection_is_405(self):
        self.request('patch', '/v1/credentials', headers=base.MEMBER,
                     status=405, version=ROTATE)
        self.assert_unchanged()

    def test_rbac(self):
        # credential:rotate is project_member: administrators of other
        # projects are refused, as upstream.
        for headers, status in ((base.ADMIN, 403), (base.READER, 403),
                                (base.OTHER_MEMBER, 404)):
            self.request('patch', PATH, headers=headers, status=status,
                         version=ROTATE)
            self.assert_unchanged()
        admin_in_project = {'X-User-Id': 'admin-user',
                            'X-Project-Id': cluster_cases.PROJECT,
                            'X-Roles': 'admin,member,reader'}
        self.request('patch', PATH, headers=admin_in_project, status=202,
                     version=ROTATE)
        dbapi.update_cluster(CLUSTER_UUID, {'status': 'UPDATE_COMPLETE'})
        self.request('patch', PATH, headers=base.MEMBER, status=202,
                     version=ROTATE)
        self.assertEqual(2, len(self.conductor.casts))
