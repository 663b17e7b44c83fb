"""Two magnum-conductor processes on one topic never run one operation
twice.

Both consume the same topic on the same vhost and database; casts are
spread between them by RabbitMQ, the takeover pass of each looks for
work the other may have dropped, and the status sync splits the clusters
between them on the hash ring. The fake driver keeps its records in a
file both processes share (``MAGNUM_FAKE_DRIVER_STATE``), as conductors
share one Heat, so whichever conductor observes a cluster knows it.
"""

import collections
import re

from magnum.drivers.fake import driver as fake_driver
from magnum.tests.functional.conductor import process_fixtures

CLUSTERS = 10
TIMEOUT = 60
RUNNING = re.compile(r'Running (\w+) \(operation ([0-9a-f-]{36}), '
                     r'attempt (\d+)\)')


class TwoConductorsTest(process_fixtures.ServicesTestCase):

    def ran(self, name):
        """Return the operation uuids conductor ``name`` logged running,
        with how many times each.
        """
        return collections.Counter(
            match.group(2)
            for match in RUNNING.finditer(self.log_text(name)))

    def test_every_operation_runs_once_in_one_process(self):
        names = ('conductor-1', 'conductor-2')
        for name in names:
            self.start_conductor(name, shared_fake=True)
        for name in names:
            self.wait_for_conductor(name)
        # Two observations in progress each: the sync of both
        # conductors gets to see the clusters on the way.
        labels = {'fake_steps': '2'}
        clusters = self.create_clusters(CLUSTERS, labels=labels)
        self.wait_for_all(clusters, ['CREATE_COMPLETE'], timeout=TIMEOUT)
        for cluster_uuid in clusters:
            op_uuid = self.commit_resize(cluster_uuid, 2)
            self.rpcapi.resize_cluster(self.context, cluster_uuid, op_uuid)
        self.wait_for_all(clusters, ['UPDATE_COMPLETE'], timeout=TIMEOUT)
        for cluster_uuid in clusters:
            self.assertEqual(2, self.cluster(cluster_uuid).node_count)

        operations = self.operations()
        self.assertEqual(2 * CLUSTERS, len(operations))
        hosts = {self.host_name(name) for name in names}
        for op in operations:
            self.assertEqual('succeeded', op['state'], op)
            self.assertEqual(1, op['attempts'], op)
            self.assertIn(op['owner'].split(':')[0], hosts, op)

        # Each operation ran in exactly one process, once.
        ran = [self.ran(name) for name in names]
        self.assertEqual(set(), set(ran[0]) & set(ran[1]))
        self.assertEqual({op['uuid'] for op in operations},
                         set(ran[0]) | set(ran[1]))
        for counts in ran:
            self.assertEqual({1}, set(counts.values()) or {1})
        # Both took their share of the work.
        self.assertTrue(ran[0] and ran[1], ran)
        for op in operations:
            runner = names[0] if op['uuid'] in ran[0] else names[1]
            self.assertEqual(self.host_name(runner),
                             op['owner'].split(':')[0], op)

        # And the driver was asked once per operation, across both.
        with open(self.fake_state_path()) as f:
            records = fake_driver._load_records(f.read())
        for cluster_uuid in clusters:
            self.assertEqual(['create', 'resize'],
                             records[cluster_uuid].calls)
