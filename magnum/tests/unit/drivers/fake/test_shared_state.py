"""The fake driver's records shared through MAGNUM_FAKE_DRIVER_STATE."""

import multiprocessing
import os
import types
import uuid

import fixtures

from magnum.drivers.fake import driver as fake_driver
from magnum.tests import base


def _cluster():
    master = types.SimpleNamespace(uuid=str(uuid.uuid4()), role='master',
                                   node_count=1, labels={})
    worker = types.SimpleNamespace(uuid=str(uuid.uuid4()), role='worker',
                                   node_count=2, labels={})
    return types.SimpleNamespace(
        uuid=str(uuid.uuid4()), labels={}, status=None,
        cluster_template_id='ct-1', nodegroups=[master, worker],
        master=master, worker=worker)


def _create_in_child(path, cluster):
    os.environ[fake_driver.STATE_ENV] = path
    fake_driver.FakeDriver().create_cluster(None, cluster, 60)


class TestSharedState(base.TestCase):

    def setUp(self):
        super().setUp()
        self.path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                                 'fake.json')
        self.useFixture(fixtures.EnvironmentVariable(
            fake_driver.STATE_ENV, self.path))
        fake_driver.FakeDriver.reset()
        self.addCleanup(fake_driver.FakeDriver.reset)
        self.driver = fake_driver.FakeDriver()

    def test_records_survive_in_the_file(self):
        cluster = _cluster()
        self.driver.create_cluster(None, cluster, 60)
        # Another process's view: memory emptied, the file kept.
        fake_driver.FakeDriver._clusters.clear()
        self.driver.resize_cluster(None, cluster, 3, [], cluster.worker)
        record = fake_driver.FakeDriver.get_record(cluster.uuid)
        self.assertEqual(['create', 'resize'], record.calls)
        self.assertEqual(3, record.nodegroups[cluster.worker.uuid].node_count)
        seen = self.driver.observe_cluster(None, cluster)
        self.assertEqual('UPDATE_COMPLETE', seen.status)
        self.assertEqual(4, len(seen.node_addresses + seen.master_addresses))

    def test_a_record_made_by_another_process_is_observed(self):
        cluster = _cluster()
        child = multiprocessing.get_context('fork').Process(
            target=_create_in_child, args=(self.path, cluster))
        child.start()
        child.join(30)
        self.assertEqual(0, child.exitcode)
        seen = self.driver.observe_cluster(None, cluster)
        self.assertEqual('CREATE_COMPLETE', seen.status)

    def test_reset_empties_the_file(self):
        self.driver.create_cluster(None, _cluster(), 60)
        fake_driver.FakeDriver.reset()
        fake_driver.FakeDriver._clusters['x'] = None
        with fake_driver.FakeDriver._lock:
            self.assertEqual({}, fake_driver.FakeDriver._clusters)
