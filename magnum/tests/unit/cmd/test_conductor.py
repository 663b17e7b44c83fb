"""magnum-conductor refuses to start, in one line, without a database."""

import os
import subprocess
import sys
import tempfile

from magnum.tests import base

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))))


class ConductorStartupTest(base.TestCase):

    def test_unreachable_database_is_one_line_and_non_zero(self):
        with tempfile.TemporaryDirectory() as tmp:
            conf = os.path.join(tmp, 'magnum.conf')
            with open(conf, 'w') as f:
                f.write('[database]\nconnection = sqlite:///%s\n'
                        % os.path.join(tmp, 'missing', 'dir', 'db.sqlite'))
            proc = subprocess.run(
                [sys.executable, '-W', 'ignore', '-m',
                 'magnum.cmd.conductor', '--config-file', conf],
                cwd=ROOT, capture_output=True, text=True, timeout=120)
        self.assertEqual(1, proc.returncode, proc.stderr)
        lines = [line for line in proc.stderr.splitlines()
                 if line.startswith('magnum-conductor:')]
        self.assertEqual(1, len(lines), proc.stderr)
        self.assertIn('cannot connect to the database', lines[0])
        self.assertNotIn('Traceback', proc.stderr)
