"""``/v1/clusters/{id}/actions/{resize,upgrade}``."""

from magnum.db import api as dbapi
from magnum.tests.unit.api import base
from magnum.tests.unit.api import test_cluster_templates
from magnum.tests.unit.api import test_clusters


class ActionTestCase(test_clusters.ClusterTestCase):

    def setUp(self):
        super().setUp()
        self.uuid = self.make_cluster(node_count=2)

    def resize(self, body, status=202, headers=base.MEMBER, version='1.7',
               ident=None):
        return self.request(
            'post', '/v1/clusters/%s/actions/resize' % (ident or self.uuid),
            body, headers=headers, status=status, version=version)

    def upgrade(self, body, status=202, headers=base.MEMBER, version='1.8',
                ident=None):
        return self.request(
            'post', '/v1/clusters/%s/actions/upgrade' % (ident or self.uuid),
            body, headers=headers, status=status, version=version)


class ResizeTest(ActionTestCase):

    def test_resize_default_worker(self):
        response = self.resize({'node_count': 4,
                                'nodes_to_remove': ['n1']})
        self.assertEqual({'uuid': self.uuid}, response.json)
        cast = self.recorder.casts[-1]
        self.assertEqual('resize_cluster', cast.method)
        worker = self.cluster(self.uuid).default_ng_worker
        params = cast.operation.params
        self.assertEqual((worker.uuid, 4, ['n1'], 2),
                         (params['nodegroup_id'], params['node_count'],
                          params['nodes_to_remove'],
                          params['previous_node_count']))
        self.assertEqual(worker.uuid, cast.operation.nodegroup_id)
        self.assertEqual('UPDATE_IN_PROGRESS', cast.cluster.status)

    def test_version_gates(self):
        response = self.resize({'node_count': 3}, version='1.6', status=406)
        self.assertEqual('', response.json['errors'][0]['title'])
        self.resize({'node_count': 0}, version='1.9', status=400)
        self.resize({'node_count': 0}, version='1.10')

    def test_bounds(self):
        worker = self.cluster(self.uuid).default_ng_worker
        dbapi.update_nodegroup(self.uuid, worker.uuid,
                               {'min_node_count': 1, 'max_node_count': 3})
        response = self.resize({'node_count': 4}, status=400)
        self.assertIn('outside the allowed range', self.detail(response))
        self.resize({'node_count': 0}, status=400, version='1.10')
        self.resize({'node_count': 3, 'nodegroup': 'default-worker'})

    def test_master_is_400(self):
        response = self.resize({'node_count': 3,
                                'nodegroup': 'default-master'}, status=400)
        self.assertIn('master nodegroup is not supported',
                      self.detail(response))

    def test_bad_bodies(self):
        for body in ({}, {'node_count': -1}, {'node_count': 'x'},
                     {'node_count': 1, 'bogus': 1},
                     {'node_count': 1, 'nodes_to_remove': 'n1'}):
            self.resize(body, status=400)
        self.resize({'node_count': 1, 'nodegroup': 'nope'}, status=404)
        self.resize({'node_count': 1}, ident='nope', status=404)

    def test_in_progress_is_409(self):
        self.resize({'node_count': 3})
        self.resize({'node_count': 4}, status=409)

    def test_rbac(self):
        self.resize({'node_count': 3}, headers=base.READER, status=403)
        self.resize({'node_count': 3}, headers=base.OTHER_MEMBER,
                    status=404)
        self.resize({'node_count': 3}, headers=base.ADMIN)
        self.set_status(self.uuid, 'UPDATE_COMPLETE')
        self.resize({'node_count': 1})


class UpgradeTest(ActionTestCase):

    def new_template(self, **overrides):
        body = test_cluster_templates.template_body(name='k8s-new',
                                                    **overrides)
        return self.request('post', '/v1/clustertemplates', body,
                            headers=base.MEMBER, status=201).json['uuid']

    def test_upgrade(self):
        template = self.new_template()
        response = self.upgrade({'cluster_template': 'k8s-new',
                                 'max_batch_size': 2})
        self.assertEqual({'uuid': self.uuid}, response.json)
        cast = self.recorder.casts[-1]
        self.assertEqual('upgrade_cluster', cast.method)
        params = cast.operation.params
        self.assertEqual((template, 2), (params['cluster_template_id'],
                                         params['max_batch_size']))
        self.assertEqual('UPDATE_IN_PROGRESS', cast.cluster.status)

    def test_version_gates(self):
        body = {'cluster_template': self.template['uuid']}
        self.upgrade(body, version='1.6', status=406)
        response = self.upgrade(body, version='1.7', status=400)
        self.assertIn('1.8', self.detail(response))
        self.upgrade(body, version='latest')

    def test_bad_bodies(self):
        self.upgrade({}, status=400)
        self.upgrade({'cluster_template': self.template['uuid'],
                      'max_batch_size': 0}, status=400)
        self.upgrade({'cluster_template': 'nope'}, status=404)

    def test_non_default_nodegroup_needs_cluster_template(self):
        dbapi.create_nodegroup({'cluster_id': self.uuid, 'name': 'extra',
                                'role': 'worker', 'node_count': 1,
                                'project_id': 'project-a',
                                'status': 'CREATE_COMPLETE'})
        self.new_template()
        response = self.upgrade({'cluster_template': 'k8s-new',
                                 'nodegroup': 'extra'}, status=409)
        self.assertIn('extra', self.detail(response))
        self.upgrade({'cluster_template': self.template['uuid'],
                      'nodegroup': 'extra'})

    def test_rbac(self):
        body = {'cluster_template': self.template['uuid']}
        self.upgrade(body, headers=base.READER, status=403)
        self.upgrade(body, headers=base.OTHER_MEMBER, status=404)
        self.upgrade(body, headers=base.ADMIN)
        self.upgrade(body, status=409)
