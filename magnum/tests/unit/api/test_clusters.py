"""``/v1/clusters`` through the whole WSGI pipeline."""

import sqlalchemy as sa

from magnum.common import context as magnum_context
from magnum.db import api as dbapi
from magnum import objects
from magnum.tests.unit.api import base
from magnum.tests.unit.api import conductor_fixture
from magnum.tests.unit.api import test_cluster_templates


def admin_context():
    return magnum_context.make_admin_context(all_tenants=True)


class ClusterTestCase(base.APITestCase):
    """A template of project-a, a recorder in place of the conductor."""

    template_overrides = {}

    def setUp(self):
        super().setUp()
        self.recorder = self.useFixture(
            conductor_fixture.ConductorRecorder()).api
        body = test_cluster_templates.template_body(
            labels={'kube_tag': 'v1.30', 'shared': 'ct'},
            **self.template_overrides)
        self.template = self.request('post', '/v1/clustertemplates', body,
                                     headers=base.MEMBER,
                                     status=201).json

    def create(self, headers=base.MEMBER, status=202, version=None,
               **overrides):
        body = {'name': 'c1', 'cluster_template_id': self.template['uuid']}
        body.update(overrides)
        return self.request('post', '/v1/clusters', body, headers=headers,
                            status=status, version=version)

    def make_cluster(self, status='CREATE_COMPLETE', headers=base.MEMBER,
                     api_address='10.0.0.5', **overrides):
        """Create a cluster and move it (and its nodegroups) to ``status``.
        """
        uuid = self.create(headers=headers, **overrides).json['uuid']
        self.set_status(uuid, status, api_address=api_address)
        return uuid

    def set_status(self, uuid, status, **values):
        dbapi.update_cluster(uuid, dict(values, status=status))
        for ng in objects.NodeGroup.list(admin_context(), uuid):
            dbapi.update_nodegroup(uuid, ng.uuid, {'status': status})

    def cluster(self, uuid):
        return objects.Cluster.get_by_uuid(admin_context(), uuid)

    def detail(self, response):
        return response.json['errors'][0]['detail']


class CreateClusterTest(ClusterTestCase):

    def test_create_commits_rows_before_the_cast(self):
        response = self.create(node_count=2, labels={'extra': 'x'},
                               merge_labels=True)
        uuid = response.json['uuid']
        self.assertEqual({'uuid': uuid}, response.json)
        self.assertEqual(['create_cluster'], self.recorder.methods())
        cast = self.recorder.casts[0]
        self.assertEqual('create_cluster', cast.operation.name)
        self.assertEqual({'create_timeout': 60}, cast.operation.params)
        self.assertEqual('CREATE_IN_PROGRESS', cast.cluster.status)
        self.assertIsNone(cast.cluster.health_status)
        groups = {ng.name: ng for ng in cast.cluster.nodegroups}
        master, worker = groups['default-master'], groups['default-worker']
        self.assertEqual(('master', 1, 'm1.medium', True),
                         (master.role, master.node_count, master.flavor_id,
                          master.is_default))
        self.assertEqual(('worker', 2, 'm1.small', 0, None),
                         (worker.role, worker.node_count, worker.flavor_id,
                          worker.min_node_count, worker.max_node_count))
        self.assertEqual('fedora-coreos-latest', worker.image_id)
        self.assertEqual({'kube_tag': 'v1.30', 'shared': 'ct',
                          'extra': 'x'}, worker.labels)
        shown = self.get_json('/v1/clusters/%s' % uuid, headers=base.MEMBER)
        self.assertEqual('CREATE_IN_PROGRESS', shown['status'])
        self.assertEqual(2, shown['node_count'])
        self.assertEqual(1, shown['master_count'])
        self.assertEqual('demo-key', shown['keypair'])

    def test_defaults_and_inheritance(self):
        uuid = self.create().json['uuid']
        cluster = self.cluster(uuid)
        self.assertEqual('c1', cluster.name)
        self.assertEqual(60, cluster.create_timeout)
        self.assertEqual('m1.small', cluster.flavor_id)
        self.assertEqual('m1.medium', cluster.master_flavor_id)
        self.assertEqual({'kube_tag': 'v1.30', 'shared': 'ct'},
                         cluster.labels)
        self.assertEqual(1, cluster.node_count)
        self.assertTrue(cluster.floating_ip_enabled)
        self.assertFalse(cluster.master_lb_enabled)
        self.assertEqual('project-a', cluster.project_id)

    def test_labels_replace_without_merge(self):
        uuid = self.create(labels={'only': 'me'}).json['uuid']
        self.assertEqual({'only': 'me'}, self.cluster(uuid).labels)

    def test_random_name_and_template_by_name(self):
        body = {'cluster_template_id': 'k8s'}
        uuid = self.request('post', '/v1/clusters', body,
                            headers=base.MEMBER, status=202).json['uuid']
        self.assertTrue(self.cluster(uuid).name.endswith('-cluster'))

    def test_min_max_node_count_labels(self):
        uuid = self.create(labels={'min_node_count': '1',
                                   'max_node_count': '5'}).json['uuid']
        worker = self.cluster(uuid).default_ng_worker
        self.assertEqual((1, 5), (worker.min_node_count,
                                  worker.max_node_count))

    def test_bad_bodies_are_400_and_store_nothing(self):
        for bad in ({'name': '1abc'}, {'name': 'a' * 243},
                    {'name': 'has space'}, {'bogus': 1},
                    {'node_count': -1}, {'master_count': 0},
                    {'docker_volume_size': 0}, {'create_timeout': -1},
                    {'labels': 'x'}, {'master_lb_enabled': 'maybe'},
                    {'node_count': 'many'}):
            self.create(status=400, **bad)
        self.request('post', '/v1/clusters', {'name': 'x'}, status=400)
        self.request('post', '/v1/clusters', [1], status=400)
        self.assertEqual([], objects.Cluster.list(admin_context()))
        self.assertEqual([], self.recorder.casts)

    def test_template_not_found_is_400(self):
        response = self.create(cluster_template_id='nope', status=400)
        self.assertIn('nope', self.detail(response))

    def test_hidden_template_is_403_for_members(self):
        dbapi.update_cluster_template(self.template['uuid'],
                                      {'hidden': True, 'public': True})
        self.create(status=403)
        self.create(headers=base.ADMIN)

    def test_zero_node_count_needs_1_10(self):
        response = self.create(node_count=0, status=400, version='1.9')
        self.assertIn('1.10', self.detail(response))
        self.create(node_count=0, version='1.10')

    def test_even_master_count_is_400(self):
        response = self.create(master_count=2, master_lb_enabled=True,
                               status=400)
        self.assertIn('cannot be an even number', self.detail(response))

    def test_master_count_needs_lb(self):
        response = self.create(master_count=3, status=400)
        self.assertIn('master_count must be 1 when master_lb_enabled is '
                      'False', self.detail(response))
        self.create(master_count=3, master_lb_enabled=True)

    def test_keypair_not_found_is_404(self):
        response = self.create(keypair='nope', status=404)
        self.assertIn('nope', self.detail(response))

    def test_flavor_and_network_lookups(self):
        self.create(flavor_id='nope', status=400)
        self.create(master_flavor_id='m1.nodisk', status=400)
        self.create(fixed_network='nope', status=400)
        self.create(fixed_subnet='nope', status=400)
        self.create(fixed_network='private', fixed_subnet='private-subnet')

    def test_devicemapper_size(self):
        dbapi.update_cluster_template(
            self.template['uuid'], {'docker_storage_driver': 'devicemapper',
                                    'docker_volume_size': 5})
        response = self.create(docker_volume_size=2, status=400)
        self.assertIn('minimum value 3GB', self.detail(response))

    def test_driver_label_schema(self):
        response = self.create(labels={'fake_steps': 'x'}, status=400)
        self.assertIn('fake_steps', self.detail(response))

    def test_reader_cannot_create(self):
        self.create(headers=base.READER, status=403)

    def test_quota_default_and_row(self):
        self.config(group='quotas', max_clusters_per_project=1)
        self.create()
        response = self.create(status=403)
        self.assertEqual(
            'Resource limit exceeded: You have reached the maximum clusters '
            'per project, 1. You may delete a cluster to make room for a '
            'new one.', self.detail(response))
        objects.Quota(admin_context(), project_id='project-a',
                      resource='Cluster', hard_limit=2).create()
        self.create()
        self.create(status=403)
        # Other projects are counted apart.
        self.create(headers=base.OTHER_MEMBER,
                    cluster_template_id=self.public_template())

    def public_template(self):
        body = test_cluster_templates.template_body(name='pub', public=True)
        return self.request('post', '/v1/clustertemplates', body,
                            status=201).json['uuid']


class ListClustersTest(ClusterTestCase):

    def test_short_and_detail_views(self):
        uuid = self.make_cluster(labels={'kube_tag': 'v1.31', 'new': '1'})
        short = self.get_json('/v1/clusters', headers=base.MEMBER)
        item = short['clusters'][0]
        self.assertEqual(
            {'uuid', 'name', 'cluster_template_id', 'keypair',
             'docker_volume_size', 'labels', 'node_count', 'master_count',
             'status', 'master_flavor_id', 'flavor_id', 'create_timeout',
             'health_status', 'links', 'stack_id', 'merge_labels'},
            set(item))
        self.assertEqual(uuid, item['uuid'])
        detail = self.get_json('/v1/clusters/detail', headers=base.MEMBER)
        item = detail['clusters'][0]
        self.assertEqual({'kube_tag': 'v1.30'}, item['labels_overridden'])
        self.assertEqual({'new': '1'}, item['labels_added'])
        self.assertEqual({'shared': 'ct'}, item['labels_skipped'])
        self.assertIn('api_address', item)
        self.assertEqual('10.0.0.5', item['api_address'])

    def test_cluster_id_from_1_13(self):
        self.make_cluster()
        old = self.get_json('/v1/clusters', version='1.12')['clusters'][0]
        new = self.get_json('/v1/clusters', version='1.13')['clusters'][0]
        self.assertIn('stack_id', old)
        self.assertNotIn('cluster_id', old)
        self.assertIn('cluster_id', new)
        self.assertNotIn('stack_id', new)
        one = self.get_json('/v1/clusters/c1', version='latest')
        self.assertIn('cluster_id', one)

    def test_pagination_and_sorting(self):
        for name in ('a1', 'a2', 'a3'):
            self.create(name=name)
        page = self.get_json('/v1/clusters?limit=2&sort_key=name')
        self.assertEqual(['a1', 'a2'], [c['name'] for c in page['clusters']])
        self.assertIn('marker=', page['next'])
        self.assertIn('/v1/clusters?', page['next'])
        rest = self.app.get(page['next'], headers=base.ADMIN).json
        self.assertEqual(['a3'], [c['name'] for c in rest['clusters']])
        self.assertNotIn('next', rest)
        self.request('get', '/v1/clusters?sort_key=bogus', status=400)
        self.request('get', '/v1/clusters?limit=0', status=400)
        self.request('get', '/v1/clusters?sort_dir=up', status=400)

    def test_projects_and_all_tenants(self):
        self.create()
        self.create(headers=base.OTHER_MEMBER,
                    cluster_template_id=CreateClusterTest.public_template(
                        self))
        own = self.get_json('/v1/clusters', headers=base.MEMBER)
        self.assertEqual(['project-a'], [
            self.cluster(c['uuid']).project_id for c in own['clusters']])
        reader = self.get_json('/v1/clusters', headers=base.READER)
        self.assertEqual(1, len(reader['clusters']))
        admin = self.get_json('/v1/clusters', headers=base.ADMIN)
        self.assertEqual(2, len(admin['clusters']))

    def _count_statements(self, path):
        statements = []

        def count(conn, cursor, statement, *args):
            statements.append(statement)

        engine = self.database.engine
        sa.event.listen(engine, 'before_cursor_execute', count)
        try:
            self.get_json(path)
        finally:
            sa.event.remove(engine, 'before_cursor_execute', count)
        return len(statements)

    def _seed(self, count):
        template = objects.ClusterTemplate.get_by_uuid(
            admin_context(), self.template['uuid'])
        for index in range(count):
            dbapi.create_cluster_with_operation(
                {'name': 'seed%d' % index, 'project_id': 'project-a',
                 'cluster_template_id': template.uuid,
                 'status': 'CREATE_COMPLETE', 'labels': {}},
                [{'name': 'default-master', 'role': 'master',
                  'node_count': 1, 'is_default': True,
                  'project_id': 'project-a'},
                 {'name': 'default-worker', 'role': 'worker',
                  'node_count': 2, 'is_default': True,
                  'project_id': 'project-a'}],
                {'name': 'create_cluster', 'params': {}})

    def test_no_n_plus_one(self):
        self._seed(5)
        small = (self._count_statements('/v1/clusters'),
                 self._count_statements('/v1/clusters/detail'))
        self._seed(45)
        large = (self._count_statements('/v1/clusters'),
                 self._count_statements('/v1/clusters/detail'))
        self.assertEqual(small, large)
        body = self.get_json('/v1/clusters')
        self.assertEqual(50, len(body['clusters']))
        self.assertEqual({2}, {c['node_count'] for c in body['clusters']})


class GetClusterTest(ClusterTestCase):

    def test_get_by_uuid_and_name(self):
        uuid = self.make_cluster()
        by_name = self.get_json('/v1/clusters/c1', headers=base.MEMBER)
        self.assertEqual(uuid, by_name['uuid'])
        self.assertNotIn('faults', by_name)
        self.assertEqual({'kube_tag': 'v1.30', 'shared': 'ct'},
                         by_name['labels'])
        self.assertEqual({}, by_name['labels_overridden'])
        self.request('get', '/v1/clusters/nope', status=404)

    def test_ambiguous_name_is_409(self):
        self.create()
        self.create()
        self.request('get', '/v1/clusters/c1', headers=base.MEMBER,
                     status=409)

    def test_faults_in_failed_states(self):
        uuid = self.make_cluster(status='CREATE_FAILED')
        worker = self.cluster(uuid).default_ng_worker
        dbapi.update_nodegroup(uuid, worker.uuid,
                               {'status_reason': 'quota exceeded'})
        body = self.get_json('/v1/clusters/%s' % uuid)
        self.assertEqual('quota exceeded', body['faults']['default-worker'])
        self.assertIn('default-master', body['faults'])

    def test_other_project_is_404_admin_sees_it(self):
        uuid = self.make_cluster()
        self.request('get', '/v1/clusters/%s' % uuid,
                     headers=base.OTHER_MEMBER, status=404)
        self.get_json('/v1/clusters/%s' % uuid, headers=base.READER)
        self.get_json('/v1/clusters/%s' % uuid, headers=base.ADMIN)

    def test_detail_is_not_an_item(self):
        uuid = self.make_cluster()
        self.request('get', '/v1/clusters/%s/detail' % uuid, status=404)


class UpdateClusterTest(ClusterTestCase):

    def patch(self, uuid, ops, status=202, headers=base.MEMBER,
              version=None, query=''):
        return self.request('patch', '/v1/clusters/%s%s' % (uuid, query),
                            ops, headers=headers, status=status,
                            version=version)

    def test_node_count_starts_update(self):
        uuid = self.make_cluster()
        response = self.patch(uuid, [{'op': 'replace', 'path': '/node_count',
                                      'value': 3}])
        self.assertEqual({'uuid': uuid}, response.json)
        cast = self.recorder.casts[-1]
        self.assertEqual('update_cluster', cast.method)
        self.assertEqual('UPDATE_IN_PROGRESS', cast.cluster.status)
        self.assertEqual(3, cast.operation.params['node_count'])
        self.assertFalse(cast.operation.params['rollback'])
        self.assertEqual('CREATE_COMPLETE',
                         cast.operation.params['previous_status'])

    def test_node_count_as_string(self):
        uuid = self.make_cluster()
        self.patch(uuid, [{'op': 'replace', 'path': '/node_count',
                           'value': '4'}])
        self.assertEqual(4, self.recorder.casts[-1].operation.params[
            'node_count'])
        self.patch(uuid, [{'op': 'replace', 'path': '/node_count',
                           'value': 'four'}], status=400)

    def test_rollback_from_1_3(self):
        uuid = self.make_cluster()
        op = [{'op': 'replace', 'path': '/node_count', 'value': 2}]
        self.patch(uuid, op, version='1.2', query='?rollback=True')
        self.assertFalse(self.recorder.casts[-1].operation.params[
            'rollback'])
        self.set_status(uuid, 'UPDATE_COMPLETE')
        self.patch(uuid, op, version='1.3', query='?rollback=True')
        self.assertTrue(self.recorder.casts[-1].operation.params[
            'rollback'])

    def test_zero_node_count_needs_1_10(self):
        uuid = self.make_cluster()
        op = [{'op': 'replace', 'path': '/node_count', 'value': 0}]
        self.patch(uuid, op, status=400, version='1.9')
        self.patch(uuid, op, version='1.10')

    def test_health_only_is_saved_without_operation(self):
        uuid = self.make_cluster()
        self.patch(uuid, [
            {'op': 'replace', 'path': '/health_status',
             'value': 'HEALTHY'},
            {'op': 'replace', 'path': '/health_status_reason',
             'value': "{'api': 'ok'}"}])
        cluster = self.cluster(uuid)
        self.assertEqual('HEALTHY', cluster.health_status)
        self.assertEqual({'api': 'ok'}, cluster.health_status_reason)
        self.assertEqual('CREATE_COMPLETE', cluster.status)
        self.assertEqual(['create_cluster'], self.recorder.methods())
        self.patch(uuid, [{'op': 'replace', 'path': '/health_status',
                           'value': 'GREAT'}], status=400)

    def test_other_properties_are_400(self):
        uuid = self.make_cluster()
        response = self.patch(uuid, [{'op': 'replace', 'path': '/name',
                                      'value': 'x'}], status=400)
        self.assertEqual('cannot change cluster property(ies) name.',
                         self.detail(response))
        for ops in ([{'op': 'add', 'path': '/labels/a', 'value': 'b'}],
                    [{'op': 'replace', 'path': '/master_count',
                      'value': 3}],
                    [{'op': 'replace', 'path': '/uuid', 'value': 'x'}],
                    [{'op': 'replace', 'path': '/api_address',
                      'value': 'x'}],
                    [{'op': 'add', 'path': '/bogus', 'value': 1}],
                    [{'op': 'move', 'path': '/node_count'}],
                    [{'op': 'remove', 'path': '/node_count'}],
                    {'op': 'replace'}, []):
            self.patch(uuid, ops, status=400)
        self.assertEqual(['create_cluster'], self.recorder.methods())

    def test_conflicting_status_is_409_row_intact(self):
        uuid = self.make_cluster()
        op = [{'op': 'replace', 'path': '/node_count', 'value': 2}]
        self.patch(uuid, op)
        before = self.cluster(uuid)
        response = self.patch(uuid, [{'op': 'replace', 'path': '/node_count',
                                      'value': 5}], status=409)
        self.assertIn('UPDATE_IN_PROGRESS', self.detail(response))
        after = self.cluster(uuid)
        self.assertEqual(before.status, after.status)
        self.assertEqual(before.node_count, after.node_count)
        self.assertEqual(['create_cluster', 'update_cluster'],
                         self.recorder.methods())

    def test_rbac(self):
        uuid = self.make_cluster()
        op = [{'op': 'replace', 'path': '/health_status',
               'value': 'HEALTHY'}]
        self.patch(uuid, op, headers=base.READER, status=403)
        self.patch(uuid, op, headers=base.OTHER_MEMBER, status=404)
        self.patch(uuid, op, headers=base.ADMIN)
        self.patch(uuid, op, headers=base.MEMBER)


class DeleteClusterTest(ClusterTestCase):

    def test_delete_starts_operation(self):
        uuid = self.make_cluster()
        self.request('delete', '/v1/clusters/%s' % uuid,
                     headers=base.MEMBER, status=204)
        cast = self.recorder.casts[-1]
        self.assertEqual('delete_cluster', cast.method)
        self.assertEqual('DELETE_IN_PROGRESS', cast.cluster.status)
        self.assertEqual('delete_cluster', cast.operation.name)

    def test_delete_again_is_idempotent(self):
        self.make_cluster()
        for _ in range(2):
            self.request('delete', '/v1/clusters/c1', headers=base.MEMBER,
                         status=204)
        self.assertEqual(['create_cluster', 'delete_cluster'],
                         self.recorder.methods())

    def test_delete_from_in_progress_and_failed(self):
        uuid = self.create().json['uuid']
        self.request('delete', '/v1/clusters/%s' % uuid, status=204)
        failed = self.make_cluster(status='DELETE_FAILED', name='c2')
        self.request('delete', '/v1/clusters/%s' % failed, status=204)

    def test_rbac(self):
        uuid = self.make_cluster()
        path = '/v1/clusters/%s' % uuid
        self.request('delete', path, headers=base.READER, status=403)
        self.request('delete', path, headers=base.OTHER_MEMBER, status=404)
        self.request('delete', path, headers=base.ADMIN, status=204)
        self.request('delete', '/v1/clusters/nope', status=404)


class ClusterRBACTest(ClusterTestCase):
    """list / get / create across roles and projects."""

    def test_matrix(self):
        uuid = self.make_cluster()
        path = '/v1/clusters/%s' % uuid
        expected = {
            'admin': (base.ADMIN, 200, 200, 1),
            'member': (base.MEMBER, 200, 200, 1),
            'reader': (base.READER, 200, 200, 1),
            'other member': (base.OTHER_MEMBER, 200, 404, 0),
        }
        for who, (headers, list_status, get_status, seen) in \
                expected.items():
            body = self.request('get', '/v1/clusters', headers=headers,
                                status=list_status).json
            self.assertEqual(seen, len(body['clusters']), who)
            self.request('get', path, headers=headers, status=get_status)
            self.request('get', '/v1/clusters/detail', headers=headers,
                         status=200)
        self.create(headers=base.READER, status=403)
        self.create(headers=base.ADMIN, name='admins',
                    cluster_template_id=CreateClusterTest.public_template(
                        self))
        # A member of another project can't use project-a's template.
        self.create(headers=base.OTHER_MEMBER, status=400)


class OddRequestsTest(ClusterTestCase):
    """Requests no handler takes are 4xx, never 5xx."""

    def test_methods_without_a_resource(self):
        uuid = self.make_cluster()
        self.request('patch', '/v1/clusters', [], status=405)
        self.request('delete', '/v1/clusters', status=405)
        self.request('put', '/v1/clusters/%s' % uuid, {}, status=405)
        self.request('get', '/v1/clusters/%s/actions/resize' % uuid,
                     status=405)
        path = '/v1/clusters/%s/nodegroups' % uuid
        self.request('patch', path, [], status=405, version='1.9')
        self.request('delete', path, status=405, version='1.9')
