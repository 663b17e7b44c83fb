"""Tests of the cluster functions of the database API."""

from oslo_utils import uuidutils
import sqlalchemy as sa

from magnum.common import context
from magnum.common import exception
from magnum.db import api as dbapi
from magnum.tests.unit.db import utils


def _ctx(project_id=utils.PROJECT_ID):
    return context.make_context(project_id=project_id, user_id='u')


def _new_cluster(**kw):
    kw.setdefault('uuid', uuidutils.generate_uuid())
    return utils.create_test_cluster(**kw)


class ClusterCrudTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.context = _ctx()

    def test_create_generates_uuid(self):
        values = utils.get_test_cluster()
        del values['uuid']
        row = dbapi.create_cluster(values)
        self.assertTrue(uuidutils.is_uuid_like(row.uuid))
        self.assertIsNotNone(row.id)
        self.assertIsNotNone(row.created_at)

    def test_create_duplicate_uuid(self):
        utils.create_test_cluster()
        self.assertRaises(exception.ClusterAlreadyExists,
                          utils.create_test_cluster, name='other')

    def test_get_by_uuid_id_and_name(self):
        row = utils.create_test_cluster(labels={'a': 'b'})
        for found in (dbapi.get_cluster_by_uuid(self.context, row.uuid),
                      dbapi.get_cluster_by_id(self.context, row.id),
                      dbapi.get_cluster_by_name(self.context, row.name)):
            self.assertEqual(row.uuid, found.uuid)
            self.assertEqual({'a': 'b'}, found.labels)

    def test_get_missing(self):
        self.assertRaises(exception.ClusterNotFound,
                          dbapi.get_cluster_by_uuid, self.context,
                          uuidutils.generate_uuid())
        self.assertRaises(exception.ClusterNotFound,
                          dbapi.get_cluster_by_id, self.context, 99)
        self.assertRaises(exception.ClusterNotFound,
                          dbapi.get_cluster_by_name, self.context, 'nope')

    def test_get_by_name_ambiguous(self):
        _new_cluster(name='twin')
        _new_cluster(name='twin')
        exc = self.assertRaises(exception.Conflicts,
                                dbapi.get_cluster_by_name, self.context,
                                'twin')
        self.assertEqual(409, exc.code)
        self.assertIn('Multiple clusters exist with same name. Please use '
                      'the cluster uuid instead.', str(exc))

    def test_same_name_in_other_project_is_not_ambiguous(self):
        mine = _new_cluster(name='twin')
        _new_cluster(name='twin', project_id='other')
        found = dbapi.get_cluster_by_name(self.context, 'twin')
        self.assertEqual(mine.uuid, found.uuid)

    def test_update(self):
        row = utils.create_test_cluster()
        updated = dbapi.update_cluster(row.uuid, {'api_address': '10.0.0.9',
                                                  'labels': {'x': 'y'}})
        self.assertEqual('10.0.0.9', updated.api_address)
        again = dbapi.get_cluster_by_uuid(self.context, row.uuid)
        self.assertEqual({'x': 'y'}, again.labels)

    def test_update_refuses_identity(self):
        row = utils.create_test_cluster()
        self.assertRaises(exception.InvalidParameterValue,
                          dbapi.update_cluster, row.uuid,
                          {'uuid': uuidutils.generate_uuid()})
        self.assertRaises(exception.InvalidParameterValue,
                          dbapi.update_cluster, row.uuid, {'id': 7})

    def test_update_missing(self):
        self.assertRaises(exception.ClusterNotFound, dbapi.update_cluster,
                          uuidutils.generate_uuid(), {'name': 'x'})

    def test_destroy_deletes_nodegroups(self):
        row = utils.create_test_cluster(master_count=1, node_count=2)
        other = _new_cluster(master_count=1, node_count=1)
        dbapi.destroy_cluster(row.uuid)
        self.assertRaises(exception.ClusterNotFound,
                          dbapi.get_cluster_by_uuid, self.context, row.uuid)
        self.assertEqual(0, dbapi.count_nodegroups(row.uuid))
        self.assertEqual(2, dbapi.count_nodegroups(other.uuid))

    def test_destroy_missing(self):
        self.assertRaises(exception.ClusterNotFound, dbapi.destroy_cluster,
                          uuidutils.generate_uuid())


class ClusterStatusTest(utils.DbTestCase):

    def test_update_status_from_expected(self):
        row = utils.create_test_cluster(status='CREATE_COMPLETE')
        updated = dbapi.update_cluster_status(
            row.uuid, ['CREATE_COMPLETE', 'UPDATE_COMPLETE'],
            {'status': 'UPDATE_IN_PROGRESS', 'status_reason': None})
        self.assertEqual('UPDATE_IN_PROGRESS', updated.status)
        self.assertIsNone(updated.status_reason)

    def test_second_update_expecting_same_status_conflicts(self):
        row = utils.create_test_cluster(status='CREATE_COMPLETE')
        dbapi.update_cluster_status(row.uuid, ['CREATE_COMPLETE'],
                                    {'status': 'UPDATE_IN_PROGRESS'})
        exc = self.assertRaises(
            exception.ClusterStatusConflict, dbapi.update_cluster_status,
            row.uuid, ['CREATE_COMPLETE'], {'status': 'DELETE_IN_PROGRESS'})
        self.assertEqual(409, exc.code)
        self.assertIn('UPDATE_IN_PROGRESS', str(exc))
        self.assertIn('CREATE_COMPLETE', str(exc))
        stored = dbapi.get_cluster_by_uuid(_ctx(), row.uuid)
        self.assertEqual('UPDATE_IN_PROGRESS', stored.status)

    def test_update_status_missing_cluster(self):
        self.assertRaises(exception.ClusterNotFound,
                          dbapi.update_cluster_status,
                          uuidutils.generate_uuid(), ['CREATE_COMPLETE'],
                          {'status': 'UPDATE_IN_PROGRESS'})


class ClusterScopeTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.theirs = _new_cluster(project_id='other', name='theirs')
        self.mine = _new_cluster(name='mine')

    def test_other_projects_cluster_not_found(self):
        ctx = _ctx()
        self.assertRaises(exception.ClusterNotFound,
                          dbapi.get_cluster_by_uuid, ctx, self.theirs.uuid)
        self.assertRaises(exception.ClusterNotFound,
                          dbapi.get_cluster_by_name, ctx, 'theirs')
        self.assertEqual([self.mine.uuid],
                         [c.uuid for c in dbapi.get_cluster_list(ctx)])

    def test_admin_without_all_tenants_is_scoped(self):
        ctx = context.make_admin_context(project_id=utils.PROJECT_ID)
        self.assertEqual([self.mine.uuid],
                         [c.uuid for c in dbapi.get_cluster_list(ctx)])

    def test_admin_with_all_tenants_sees_all(self):
        ctx = context.make_admin_context(all_tenants=True)
        found = dbapi.get_cluster_by_uuid(ctx, self.theirs.uuid)
        self.assertEqual('theirs', found.name)
        self.assertEqual({self.mine.uuid, self.theirs.uuid},
                         {c.uuid for c in dbapi.get_cluster_list(ctx)})

    def test_no_project_falls_back_to_user(self):
        _new_cluster(name='by-user', project_id=None, user_id='lonely')
        ctx = context.make_context(user_id='lonely')
        self.assertEqual(['by-user'],
                         [c.name for c in dbapi.get_cluster_list(ctx)])


class ClusterListTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.context = _ctx()
        self.rows = [_new_cluster(name='c%d' % i,
                                  status=('CREATE_COMPLETE' if i % 2
                                          else 'CREATE_FAILED'))
                     for i in range(5)]

    def _uuids(self, **kw):
        return [c.uuid for c in dbapi.get_cluster_list(self.context, **kw)]

    def test_default_order_is_id(self):
        self.assertEqual([r.uuid for r in self.rows], self._uuids())

    def test_limit_and_marker(self):
        first = self._uuids(limit=2)
        self.assertEqual([r.uuid for r in self.rows[:2]], first)
        second = self._uuids(limit=2, marker=first[-1])
        self.assertEqual([r.uuid for r in self.rows[2:4]], second)
        last = self._uuids(limit=2, marker=second[-1])
        self.assertEqual([self.rows[4].uuid], last)

    def test_sort_desc(self):
        self.assertEqual([r.uuid for r in reversed(self.rows)],
                         self._uuids(sort_dir='desc'))
        page = self._uuids(sort_dir='desc', limit=2,
                           marker=self.rows[3].uuid)
        self.assertEqual([self.rows[2].uuid, self.rows[1].uuid], page)

    def test_sort_by_name_with_id_tiebreak_and_marker(self):
        dbapi.update_cluster(self.rows[0].uuid, {'name': 'c9'})
        dbapi.update_cluster(self.rows[3].uuid, {'name': 'c1'})
        # names now: c9 c1 c2 c1 c4 -> ordered c1(1) c1(3) c2 c4 c9
        expected = [self.rows[i].uuid for i in (1, 3, 2, 4, 0)]
        self.assertEqual(expected, self._uuids(sort_key='name'))
        self.assertEqual(expected[2:4],
                         self._uuids(sort_key='name', limit=2,
                                     marker=expected[1]))
        self.assertEqual(list(reversed(expected))[1:3],
                         self._uuids(sort_key='name', sort_dir='desc',
                                     limit=2, marker=expected[4]))

    def test_marker_on_nullable_column_with_nulls(self):
        dbapi.update_cluster(self.rows[1].uuid, {'api_address': None})
        dbapi.update_cluster(self.rows[2].uuid, {'api_address': None})
        full = self._uuids(sort_key='api_address')
        self.assertEqual(5, len(set(full)))
        # Walk the list one row at a time in both directions.
        for direction, expected in (('asc', full),
                                    ('desc', self._uuids(
                                        sort_key='api_address',
                                        sort_dir='desc'))):
            walked, marker = [], None
            while True:
                page = self._uuids(sort_key='api_address', limit=1,
                                   marker=marker, sort_dir=direction)
                if not page:
                    break
                walked.extend(page)
                marker = page[-1]
            self.assertEqual(expected, walked)

    def test_bad_sort_key(self):
        exc = self.assertRaises(exception.InvalidParameterValue,
                                self._uuids, sort_key='foo')
        self.assertEqual('The sort_key value "foo" is an invalid field for '
                         'sorting', str(exc))

    def test_bad_sort_dir(self):
        exc = self.assertRaises(exception.InvalidParameterValue,
                                self._uuids, sort_dir='up')
        self.assertEqual("Invalid sort direction: up. Acceptable values are "
                         "'asc' or 'desc'", str(exc))

    def test_unknown_marker(self):
        exc = self.assertRaises(exception.InvalidParameterValue,
                                self._uuids, marker=uuidutils.generate_uuid())
        self.assertEqual(400, exc.code)
        self.assertIn('could not be found', str(exc))

    def test_marker_of_other_project_is_unknown(self):
        theirs = _new_cluster(project_id='other')
        self.assertRaises(exception.InvalidParameterValue, self._uuids,
                          marker=theirs.uuid)

    def test_filter_status_list_and_name(self):
        failed = self._uuids(filters={'status': ['CREATE_FAILED']})
        self.assertEqual([self.rows[i].uuid for i in (0, 2, 4)], failed)
        both = self._uuids(filters={'status': ['CREATE_FAILED',
                                               'CREATE_COMPLETE']})
        self.assertEqual(5, len(both))
        self.assertEqual([self.rows[3].uuid],
                         self._uuids(filters={'name': 'c3'}))

    def test_filter_unknown(self):
        self.assertRaises(exception.InvalidParameterValue, self._uuids,
                          filters={'node_count': 3})

    def test_count_all(self):
        self.assertEqual(5, dbapi.get_cluster_count_all(self.context))
        self.assertEqual(2, dbapi.get_cluster_count_all(
            self.context, filters={'status': 'CREATE_COMPLETE'}))


class ClusterStatsTest(utils.DbTestCase):

    def test_stats(self):
        _new_cluster(master_count=1, node_count=3)
        _new_cluster(master_count=3, node_count=2)
        _new_cluster(project_id='other', master_count=1, node_count=5)
        admin = context.make_admin_context(all_tenants=True)
        self.assertEqual((3, 15), dbapi.get_cluster_stats(admin))
        self.assertEqual((2, 9), dbapi.get_cluster_stats(
            admin, project_id=utils.PROJECT_ID))
        self.assertEqual((0, 0), dbapi.get_cluster_stats(
            admin, project_id='nobody'))

    def test_stats_forget_deleted_clusters_and_their_nodes(self):
        kept = _new_cluster(master_count=1, node_count=2)
        gone = _new_cluster(master_count=3, node_count=4)
        dbapi.destroy_cluster(gone.uuid)
        self.assertEqual((1, 3), dbapi.get_cluster_stats(_ctx()))
        self.assertEqual(kept.uuid,
                         dbapi.get_cluster_list(_ctx())[0].uuid)

    def test_stats_are_one_statement_of_two_aggregates(self):
        for _i in range(3):
            _new_cluster(master_count=1, node_count=1)
        statements = _count_statements(self)
        self.assertEqual((3, 6), dbapi.get_cluster_stats(_ctx()))
        self.assertEqual(1, len(statements))
        statement = ' '.join(statements[0].lower().split())
        self.assertIn('count(*)', statement)
        self.assertIn('sum(nodegroup.node_count)', statement)
        self.assertNotIn('join', statement)

    def test_count_clusters(self):
        _new_cluster()
        _new_cluster()
        _new_cluster(project_id='other')
        self.assertEqual(2, dbapi.count_clusters(utils.PROJECT_ID))
        self.assertEqual(0, dbapi.count_clusters('nobody'))


def _count_statements(test):
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(test.database.engine, 'before_cursor_execute', before)
    test.addCleanup(sa.event.remove, test.database.engine,
                    'before_cursor_execute', before)
    return statements


class ClusterListQueryCountTest(utils.DbTestCase):

    def test_statements_do_not_grow_with_clusters(self):
        counts = {}
        for total in (2, 20):
            while len(dbapi.get_cluster_list(_ctx())) < total:
                _new_cluster(master_count=1, node_count=2)
            statements = _count_statements(self)
            ctx = _ctx()
            clusters = dbapi.get_cluster_list(ctx)
            groups = dbapi.get_nodegroups_for_clusters(
                ctx, [c.uuid for c in clusters])
            counts[total] = len(statements)
            del statements[:]
            self.assertEqual(total, len(clusters))
            self.assertEqual({c.uuid for c in clusters}, set(groups))
            self.assertTrue(all(len(ngs) == 2 for ngs in groups.values()))
        self.assertEqual(2, counts[2])
        self.assertEqual(counts[2], counts[20])
