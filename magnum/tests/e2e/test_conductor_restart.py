"""A conductor killed with SIGKILL in the middle of a create.

The test kills the local cloud's magnum-conductor right after the API
accepted the create, restarts it with ``tools/localcloud up`` and expects
the cluster to complete.
"""

import os
import signal
import subprocess
import sys

from magnum.tests import cloudcli
from magnum.tests.e2e import base

UP_TIMEOUT = 600


def _conductor_pid(cloud):
    run = os.path.join(os.path.dirname(cloud['files']['log_dir']), 'run')
    with open(os.path.join(run, 'magnum-conductor.pid')) as f:
        return int(f.read().split()[0])


class TestConductorKilled(base.TestCase):

    def test_create_completes_after_conductor_sigkill_and_restart(self):
        pid = _conductor_pid(self.cloud)
        template = self.new_template()
        uuid = self.start_cluster(template['uuid'])
        self.addCleanup(self.delete_cluster, uuid)
        # The conductor runs in its own process group (its workers too).
        os.killpg(pid, signal.SIGKILL)
        cloudcli.wait_for('conductor %d gone' % pid,
                          lambda: not _alive(pid), 30, interval=0.5)
        self.assertEqual('CREATE_IN_PROGRESS', self.show(uuid)['status'])
        up = subprocess.run(
            [sys.executable, os.path.join(cloudcli.REPO, 'tools',
                                          'localcloud'), 'up'],
            stdin=subprocess.DEVNULL, capture_output=True, text=True,
            timeout=UP_TIMEOUT)
        self.assertEqual(0, up.returncode, up.stdout + up.stderr)
        self.assertNotEqual(pid, _conductor_pid(self.cloud))
        cluster = self.wait_status(uuid, 'CREATE_COMPLETE')
        self.assertTrue(cluster['api_address'])


def _alive(pid):
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    return True
