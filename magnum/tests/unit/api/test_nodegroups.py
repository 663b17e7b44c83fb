"""``/v1/clusters/{id}/nodegroups`` (microversion 1.9)."""

from magnum.db import api as dbapi
from magnum.tests.unit.api import base
from magnum.tests.unit.api import test_clusters


class NodeGroupTestCase(test_clusters.ClusterTestCase):

    def setUp(self):
        super().setUp()
        self.uuid = self.make_cluster(node_count=2)
        self.path = '/v1/clusters/%s/nodegroups' % self.uuid

    def ng(self, method, suffix='', body=None, status=None,
           headers=base.MEMBER, version='1.9'):
        return self.request(method, self.path + suffix, body,
                            headers=headers, status=status, version=version)

    def add(self, status=202, headers=base.MEMBER, **overrides):
        body = {'name': 'extra', 'node_count': 2}
        body.update(overrides)
        return self.ng('post', body=body, status=status, headers=headers)


class ListNodeGroupsTest(NodeGroupTestCase):

    def test_list_and_role_filter(self):
        body = self.ng('get', status=200).json
        names = sorted(g['name'] for g in body['nodegroups'])
        self.assertEqual(['default-master', 'default-worker'], names)
        item = body['nodegroups'][0]
        self.assertEqual(
            {'uuid', 'name', 'flavor_id', 'node_count', 'role',
             'is_default', 'image_id', 'status', 'stack_id',
             'min_node_count', 'max_node_count', 'merge_labels', 'links'},
            set(item))
        self.assertIn('/v1/clusters/%s/nodegroups/' % self.uuid,
                      item['links'][0]['href'])
        masters = self.ng('get', '?role=master', status=200).json
        self.assertEqual(['default-master'],
                         [g['name'] for g in masters['nodegroups']])

    def test_pagination(self):
        page = self.ng('get', '?limit=1', status=200).json
        self.assertEqual(1, len(page['nodegroups']))
        self.assertIn('clusters/%s/nodegroups?' % self.uuid, page['next'])
        rest = self.app.get(page['next'], headers=dict(
            base.MEMBER, **{'OpenStack-API-Version': 'container-infra 1.9'}))
        self.assertEqual(1, len(rest.json['nodegroups']))
        self.ng('get', '?sort_key=bogus', status=400)

    def test_show(self):
        body = self.ng('get', '/default-worker', status=200).json
        self.assertEqual('worker', body['role'])
        self.assertEqual(self.uuid, body['cluster_id'])
        self.assertEqual({}, body['labels_overridden'])
        for key in ('node_labels', 'node_taints', 'labels_added',
                    'labels_skipped', 'status_reason', 'project_id'):
            self.assertIn(key, body)
        self.ng('get', '/nope', status=404)

    def test_version_gate(self):
        for method in ('get', 'post'):
            response = self.ng(method, body={'name': 'x'}, version='1.8',
                               status=406)
            self.assertEqual('', response.json['errors'][0]['title'])
        self.ng('get', '/default-worker', version='1.1', status=406)
        self.ng('delete', '/default-worker', version='1.1', status=406)

    def test_rbac_reads(self):
        for headers, status in ((base.ADMIN, 200), (base.MEMBER, 200),
                                (base.READER, 200),
                                (base.OTHER_MEMBER, 404)):
            self.ng('get', headers=headers, status=status)
            self.ng('get', '/default-worker', headers=headers,
                    status=status)


class CreateNodeGroupTest(NodeGroupTestCase):

    def test_create(self):
        response = self.add(labels={'x': '1'}, merge_labels=True,
                            node_labels={'tier': 'web'},
                            node_taints=[{'key': 'k', 'value': 'v',
                                          'effect': 'NoSchedule'}],
                            max_node_count=3)
        body = response.json
        self.assertEqual('extra', body['name'])
        self.assertEqual('m1.small', body['flavor_id'])
        self.assertEqual('fedora-coreos-latest', body['image_id'])
        self.assertEqual({'x': '1'}, body['labels_added'])
        cast = self.recorder.casts[-1]
        self.assertEqual('create_nodegroup', cast.method)
        self.assertEqual(body['uuid'], cast.kwargs['nodegroup_uuid'])
        self.assertEqual('CREATE_IN_PROGRESS', cast.nodegroup.status)
        self.assertEqual({'tier': 'web'}, cast.nodegroup.node_labels)
        self.assertEqual('UPDATE_IN_PROGRESS', cast.cluster.status)
        self.assertEqual(body['uuid'], cast.operation.nodegroup_id)

    def test_needs_api_address(self):
        dbapi.update_cluster(self.uuid, {'api_address': None})
        self.add(status=409)

    def test_rules(self):
        self.add(role='master', status=400)
        self.add(name='default-worker', status=409)
        self.add(min_node_count=3, status=409)
        self.add(max_node_count=1, status=409)
        self.add(node_count=1, min_node_count=2, max_node_count=1,
                 status=409)
        self.add(flavor_id='nope', status=400)
        for bad in ({'node_labels': {'kubernetes.io/role': 'x'}},
                    {'node_labels': {'foo.k8s.io/x': 'y'}},
                    {'node_taints': [{'key': 'k', 'effect': 'Never'}]},
                    {'node_taints': [{'effect': 'NoSchedule'}]},
                    {'node_taints': [{'key': 'k', 'effect': 'NoSchedule',
                                      'extra': 'x'}]},
                    {'node_count': -1}, {'bogus': 1}, {'name': ''}):
            self.add(status=400, **bad)
        self.ng('post', body={'node_count': 1}, status=400)
        self.add(node_labels={'node.kubernetes.io/pool': 'a',
                              'kubernetes.io/arch': 'amd64',
                              'topology.kubernetes.io/zone': 'z1',
                              'example.com/x': 'y'})

    def test_in_progress_is_409(self):
        self.add()
        self.add(name='other', status=409)

    def test_rbac(self):
        self.add(headers=base.READER, status=403)
        self.add(headers=base.OTHER_MEMBER, status=404)
        self.add(headers=base.ADMIN)


class UpdateNodeGroupTest(NodeGroupTestCase):

    def patch(self, ops, status=202, headers=base.MEMBER,
              name='default-worker'):
        return self.ng('patch', '/' + name, ops, status=status,
                       headers=headers)

    def test_update(self):
        body = self.patch([
            {'op': 'replace', 'path': '/max_node_count', 'value': 5},
            {'op': 'replace', 'path': '/min_node_count', 'value': 1},
            {'op': 'replace', 'path': '/node_labels',
             'value': "{'tier': 'db'}"}]).json
        self.assertEqual(5, body['max_node_count'])
        cast = self.recorder.casts[-1]
        self.assertEqual('update_nodegroup', cast.method)
        self.assertEqual((1, 5, {'tier': 'db'}, 'UPDATE_IN_PROGRESS'),
                         (cast.nodegroup.min_node_count,
                          cast.nodegroup.max_node_count,
                          cast.nodegroup.node_labels,
                          cast.nodegroup.status))

    def test_rules(self):
        for ops in ([{'op': 'replace', 'path': '/node_count', 'value': 3}],
                    [{'op': 'replace', 'path': '/name', 'value': 'x'}],
                    [{'op': 'replace', 'path': '/min_node_count',
                      'value': 'x'}],
                    [{'op': 'add', 'path': '/node_taints',
                      'value': [{'key': 'k'}]}]):
            self.patch(ops, status=400)
        self.patch([{'op': 'replace', 'path': '/max_node_count',
                     'value': 1}], status=409)
        self.patch([{'op': 'add', 'path': '/node_labels',
                     'value': {'a': 'b'}}], name='default-master',
                   status=400)

    def test_rbac(self):
        ops = [{'op': 'replace', 'path': '/max_node_count', 'value': 5}]
        self.patch(ops, headers=base.READER, status=403)
        self.patch(ops, headers=base.OTHER_MEMBER, status=404)
        self.patch(ops, headers=base.ADMIN)
        # The admin's update is in progress: another change conflicts.
        self.patch([{'op': 'replace', 'path': '/max_node_count',
                     'value': 6}], status=409)


class DeleteNodeGroupTest(NodeGroupTestCase):

    def test_delete(self):
        uuid = self.add().json['uuid']
        self.set_status(self.uuid, 'UPDATE_COMPLETE')
        self.ng('delete', '/extra', status=204)
        cast = self.recorder.casts[-1]
        self.assertEqual('delete_nodegroup', cast.method)
        self.assertEqual(uuid, cast.kwargs['nodegroup_uuid'])
        self.assertEqual('DELETE_IN_PROGRESS', cast.nodegroup.status)

    def test_default_is_400(self):
        self.ng('delete', '/default-worker', status=400)
        self.ng('delete', '/nope', status=404)

    def test_rbac(self):
        self.add()
        self.set_status(self.uuid, 'UPDATE_COMPLETE')
        self.ng('delete', '/extra', headers=base.READER, status=403)
        self.ng('delete', '/extra', headers=base.OTHER_MEMBER, status=404)
        self.ng('delete', '/extra', headers=base.ADMIN, status=204)
