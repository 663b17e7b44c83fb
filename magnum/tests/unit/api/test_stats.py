"""``/v1/stats`` through the whole WSGI pipeline."""

from oslo_utils import uuidutils

from magnum.tests.unit.api import base
from magnum.tests.unit.api import test_certificates
from magnum.tests.unit.db import utils as db_utils


class StatsTest(test_certificates.StrictAPITestCase):

    def setUp(self):
        super().setUp()
        # project-a: 2 clusters, 1+3 and 3+2 nodes plus a 4-node group;
        # project-b: 1 cluster of 1+1; admin-project: none.
        self.cluster('project-a', 1, 3)
        extra = self.cluster('project-a', 3, 2)
        db_utils.create_test_nodegroup(
            uuid=uuidutils.generate_uuid(), name='extra',
            cluster_id=extra.uuid, project_id='project-a', node_count=4)
        self.cluster('project-b', 1, 1)

    def cluster(self, project_id, masters, workers):
        return db_utils.create_test_cluster(
            uuid=uuidutils.generate_uuid(), name=None,
            project_id=project_id, master_count=masters,
            node_count=workers)

    def test_member_counts_own_project(self):
        for headers in (base.MEMBER, base.READER):
            self.assertEqual({'clusters': 2, 'nodes': 13},
                             self.get_json('/v1/stats', headers=headers))
            self.assertEqual({'clusters': 2, 'nodes': 13},
                             self.get_json('/v1/stats?project_id=project-a',
                                           headers=headers))
        self.assertEqual({'clusters': 1, 'nodes': 2},
                         self.get_json('/v1/stats',
                                       headers=base.OTHER_MEMBER))

    def test_admin_counts_everything_or_one_project(self):
        self.assertEqual({'clusters': 3, 'nodes': 15},
                         self.get_json('/v1/stats'))
        self.assertEqual({'clusters': 1, 'nodes': 2},
                         self.get_json('/v1/stats?project_id=project-b'))
        self.assertEqual({'clusters': 0, 'nodes': 0},
                         self.get_json('/v1/stats?project_id=nobody'))

    def test_type(self):
        for value in ('cluster', 'Cluster', 'CLUSTER'):
            self.assertEqual(3, self.get_json('/v1/stats?type=%s'
                                              % value)['clusters'])
        for value in ('node', 'clusters', ''):
            response = self.request('get', '/v1/stats?type=%s' % value,
                                    status=400)
            self.assertEqual("Invalid stats type. Allowed values are "
                             "'cluster'",
                             response.json['errors'][0]['detail'])

    def test_repeated_parameters_are_400(self):
        for query in ('type=cluster&type=cluster',
                      'project_id=project-a&project_id=project-b'):
            self.request('get', '/v1/stats?' + query, status=400)

    def test_other_project_is_403(self):
        for headers in (base.MEMBER, base.READER):
            self.request('get', '/v1/stats?project_id=project-b',
                         headers=headers, status=403)

    def test_rbac(self):
        nobody = {'X-User-Id': 'u', 'X-Project-Id': 'project-a',
                  'X-Roles': 'nothing'}
        response = self.request('get', '/v1/stats', headers=nobody,
                                status=403)
        self.assertEqual("Policy doesn't allow stats:get_all to be "
                         "performed.",
                         response.json['errors'][0]['detail'])

    def test_every_version(self):
        for version in ('1.1', '1.4', 'latest'):
            self.request('get', '/v1/stats', status=200, version=version)
