"""Tests for the fake cluster driver."""

import threading
import types
import uuid

from magnum.common import exception
from magnum.drivers.fake import driver as fake_driver
from magnum.tests import base


def _nodegroup(role, node_count, labels=None):
    return types.SimpleNamespace(uuid=str(uuid.uuid4()), role=role,
                                 node_count=node_count, labels=labels or {})


def _cluster(labels=None, masters=1, workers=2):
    master = _nodegroup('master', masters)
    worker = _nodegroup('worker', workers)
    return types.SimpleNamespace(
        uuid=str(uuid.uuid4()), labels=labels or {}, status=None,
        cluster_template_id='ct-1', nodegroups=[master, worker],
        master=master, worker=worker)


class FakeDriverTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        fake_driver.FakeDriver.reset()
        self.addCleanup(fake_driver.FakeDriver.reset)
        self.driver = fake_driver.FakeDriver()
        self.driver.name = 'fake'

    def observe(self, cluster):
        return self.driver.observe_cluster(None, cluster)


class TestCreate(FakeDriverTestCase):

    def test_next_observation_completes_with_addresses(self):
        cluster = _cluster(masters=3, workers=2)
        self.driver.create_cluster(None, cluster, 60)
        seen = self.observe(cluster)
        self.assertEqual('CREATE_COMPLETE', seen.status)
        self.assertEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3'],
                         seen.master_addresses)
        self.assertEqual(['198.51.100.1', '198.51.100.2'],
                         seen.node_addresses)
        self.assertEqual('https://192.0.2.1:6443', seen.api_address)
        worker = seen.nodegroups[cluster.worker.uuid]
        self.assertEqual('CREATE_COMPLETE', worker.status)
        self.assertEqual(2, worker.node_count)
        self.assertEqual(seen.node_addresses, worker.node_addresses)

    def test_fake_steps_keeps_it_in_progress(self):
        cluster = _cluster(labels={'fake_steps': '2'})
        self.driver.create_cluster(None, cluster, 60)
        self.assertEqual('CREATE_IN_PROGRESS', self.observe(cluster).status)
        in_progress = self.observe(cluster)
        self.assertEqual('CREATE_IN_PROGRESS', in_progress.status)
        self.assertIsNone(in_progress.api_address)
        self.assertEqual('CREATE_COMPLETE', self.observe(cluster).status)

    def test_fake_fail_create(self):
        cluster = _cluster(labels={'fake_fail': 'create'})
        self.driver.create_cluster(None, cluster, 60)
        seen = self.observe(cluster)
        self.assertEqual('CREATE_FAILED', seen.status)
        self.assertIn('fake_fail', seen.status_reason)
        self.assertEqual('CREATE_FAILED',
                         seen.nodegroups[cluster.master.uuid].status)

    def test_records_are_shared_between_instances(self):
        cluster = _cluster()
        self.driver.create_cluster(None, cluster, 60)
        other = fake_driver.FakeDriver()
        self.assertEqual('CREATE_COMPLETE',
                         other.observe_cluster(None, cluster).status)


class TestLifecycle(FakeDriverTestCase):

    def setUp(self):
        super().setUp()
        self.cluster = _cluster()
        self.driver.create_cluster(None, self.cluster, 60)
        self.observe(self.cluster)

    def test_resize_changes_count_and_remembers_removed_nodes(self):
        self.driver.resize_cluster(None, self.cluster, 1, ['node-1'],
                                   self.cluster.worker)
        seen = self.observe(self.cluster)
        self.assertEqual('UPDATE_COMPLETE', seen.status)
        self.assertEqual(['198.51.100.1'], seen.node_addresses)
        record = fake_driver.FakeDriver.get_record(self.cluster.uuid)
        self.assertEqual(['node-1'], record.nodes_removed)
        self.assertEqual(['create', 'resize'], record.calls)

    def test_update_takes_counts_from_the_cluster(self):
        self.cluster.worker.node_count = 4
        self.driver.update_cluster(None, self.cluster)
        self.assertEqual(4, len(self.observe(self.cluster).node_addresses))

    def test_update_failure(self):
        self.cluster.labels = {'fake_fail': 'update'}
        self.driver.update_cluster(None, self.cluster)
        self.assertEqual('UPDATE_FAILED', self.observe(self.cluster).status)

    def test_upgrade_records_template(self):
        template = types.SimpleNamespace(uuid='ct-2')
        self.driver.upgrade_cluster(None, self.cluster, template, 1,
                                    self.cluster.worker)
        self.assertEqual('UPDATE_COMPLETE', self.observe(self.cluster).status)
        record = fake_driver.FakeDriver.get_record(self.cluster.uuid)
        self.assertEqual('ct-2', record.cluster_template_id)

    def test_rotations_are_counted(self):
        self.driver.rotate_ca_certificate(None, self.cluster)
        self.driver.rotate_credential(None, self.cluster)
        record = fake_driver.FakeDriver.get_record(self.cluster.uuid)
        self.assertEqual(1, record.ca_rotations)
        self.assertEqual(1, record.credential_rotations)

    def test_nodegroup_create_update_delete(self):
        extra = _nodegroup('worker', 2)
        self.driver.create_nodegroup(None, self.cluster, extra)
        seen = self.observe(self.cluster)
        self.assertEqual('UPDATE_COMPLETE', seen.status)
        self.assertEqual('CREATE_COMPLETE', seen.nodegroups[extra.uuid].status)
        self.assertEqual(4, len(seen.node_addresses))

        extra.node_count = 3
        self.driver.update_nodegroup(None, self.cluster, extra)
        seen = self.observe(self.cluster)
        self.assertEqual('UPDATE_COMPLETE', seen.nodegroups[extra.uuid].status)
        self.assertEqual(3, seen.nodegroups[extra.uuid].node_count)

        self.driver.delete_nodegroup(None, self.cluster, extra)
        seen = self.observe(self.cluster)
        self.assertEqual('DELETE_COMPLETE', seen.nodegroups[extra.uuid].status)
        self.assertEqual(2, len(seen.node_addresses))
        self.assertNotIn(extra.uuid, self.observe(self.cluster).nodegroups)

    def test_nodegroup_failure_only_fails_that_nodegroup(self):
        extra = _nodegroup('worker', 1, labels={'fake_fail':
                                                'create_nodegroup'})
        self.driver.create_nodegroup(None, self.cluster, extra)
        seen = self.observe(self.cluster)
        self.assertEqual('UPDATE_FAILED', seen.status)
        self.assertEqual('CREATE_FAILED', seen.nodegroups[extra.uuid].status)
        self.assertEqual('UPDATE_COMPLETE',
                         seen.nodegroups[self.cluster.worker.uuid].status)

    def test_delete_forgets_the_cluster(self):
        self.driver.pre_delete_cluster(None, self.cluster)
        self.driver.delete_cluster(None, self.cluster)
        self.assertEqual('DELETE_COMPLETE', self.observe(self.cluster).status)
        self.assertIsNone(fake_driver.FakeDriver.get_record(self.cluster.uuid))

    def test_delete_failure(self):
        self.cluster.labels = {'fake_fail': 'delete'}
        self.driver.delete_cluster(None, self.cluster)
        self.assertEqual('DELETE_FAILED', self.observe(self.cluster).status)

    def test_pre_delete_failure(self):
        self.cluster.labels = {'fake_fail': 'pre_delete'}
        self.assertRaises(exception.PreDeletionFailed,
                          self.driver.pre_delete_cluster, None, self.cluster)


class TestUnknownCluster(FakeDriverTestCase):

    def test_deleting_unknown_cluster_is_gone(self):
        cluster = _cluster()
        cluster.status = 'DELETE_IN_PROGRESS'
        self.assertEqual('DELETE_COMPLETE', self.observe(cluster).status)

    def test_other_unknown_cluster_fails_with_reason(self):
        cluster = _cluster()
        cluster.status = 'UPDATE_IN_PROGRESS'
        seen = self.observe(cluster)
        self.assertEqual('UPDATE_FAILED', seen.status)
        self.assertIn('no record', seen.status_reason)

    def test_cluster_without_nodegroup_objects(self):
        cluster = types.SimpleNamespace(uuid='c1', labels=None,
                                        master_count=1, node_count=3)
        self.driver.create_cluster(None, cluster, 60)
        seen = self.observe(cluster)
        self.assertEqual(3, len(seen.node_addresses))
        self.assertEqual({}, seen.nodegroups)


class TestValidation(FakeDriverTestCase):

    def test_provides_fake_distro_on_vm_and_bm(self):
        self.assertEqual(
            {('vm', 'fake', 'kubernetes'), ('bm', 'fake', 'kubernetes')},
            {(p['server_type'], p['os'], p['coe'])
             for p in self.driver.provides})

    def test_validate_rejects_on_request(self):
        owner = types.SimpleNamespace(labels={'fake_fail': 'validate'})
        self.assertRaises(exception.InvalidParameterValue,
                          self.driver.validate_cluster_template, None, owner)
        self.assertRaises(exception.InvalidParameterValue,
                          self.driver.validate_cluster, None, owner, None)

    def test_validate_accepts_by_default(self):
        owner = types.SimpleNamespace(labels={})
        self.driver.validate_cluster_template(None, owner)

    def test_labels_schema_describes_its_labels(self):
        schema = self.driver.labels_schema()
        self.assertEqual({'fake_fail', 'fake_steps'},
                         set(schema['properties']))


class TestThreads(FakeDriverTestCase):

    def test_concurrent_operations_keep_every_record(self):
        clusters = [_cluster() for _ in range(40)]

        def work(cluster):
            self.driver.create_cluster(None, cluster, 60)
            self.driver.resize_cluster(None, cluster, 3, [], cluster.worker)

        threads = [threading.Thread(target=work, args=(c,))
                   for c in clusters]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for cluster in clusters:
            record = fake_driver.FakeDriver.get_record(cluster.uuid)
            self.assertEqual(['create', 'resize'], record.calls)
            self.assertEqual(3, len(self.observe(cluster).node_addresses))
