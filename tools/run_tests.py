"""Run magnum's test suites and print one summary line.

Called by ``tools/run-tests`` inside the project's virtualenv. Each suite
either reports test counts (stestr) or counts as one check (flake8, the
docs build, the config and policy generators). The last line printed is
``N passed, N failed, N skipped`` and the exit status is non-zero when
anything failed.
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)

SUITES = ('pep8', 'unit', 'functional', 'e2e', 'docs', 'config')
_COUNT_RE = re.compile(r'^ - (Passed|Failed|Skipped|Unexpected Success):'
                       r' (\d+)', re.MULTILINE)


class Totals:
    """Counts over all suites."""

    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def add(self, passed=0, failed=0, skipped=0):
        self.passed += passed
        self.failed += failed
        self.skipped += skipped

    def line(self):
        return '%d passed, %d failed, %d skipped' % (
            self.passed, self.failed, self.skipped)


def _run(cmd, capture=False, env=None):
    print('run-tests: $ %s' % ' '.join(cmd), flush=True)
    if not capture:
        return subprocess.run(cmd, cwd=ROOT, env=env).returncode, ''
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    output = []
    for line in proc.stdout:
        sys.stdout.write(line)
        output.append(line)
    return proc.wait(), ''.join(output)


def _check(totals, name, cmd):
    code, _ = _run(cmd)
    if code == 0:
        totals.add(passed=1)
    else:
        print('run-tests: %s FAILED (exit %d)' % (name, code), flush=True)
        totals.add(failed=1)


def _stestr(totals, name, test_path, extra_env=None, serial=False):
    env = dict(os.environ)
    # Keep passing tests quiet; stestr shows captured output of failures.
    env.update({'OS_STDOUT_CAPTURE': '1', 'OS_STDERR_CAPTURE': '1',
                'OS_LOG_CAPTURE': '1', 'PYTHONDONTWRITEBYTECODE': '1'})
    env.update(extra_env or {})
    cmd = [os.path.join(BIN, 'stestr'), '--test-path', test_path, 'run']
    if serial:
        cmd.append('--serial')
    code, output = _run(cmd, capture=True, env=env)
    counts = {k: int(v) for k, v in _COUNT_RE.findall(output)}
    if not counts:
        # stestr found nothing to run or crashed before counting.
        print('run-tests: %s ran no test (exit %d)' % (name, code))
        totals.add(failed=1)
        return
    failed = counts.get('Failed', 0) + counts.get('Unexpected Success', 0)
    if code != 0 and failed == 0:
        failed = 1  # e.g. an import error stestr reports only by status
    totals.add(passed=counts.get('Passed', 0), failed=failed,
               skipped=counts.get('Skipped', 0))


def run_suite(totals, suite):
    """Run one suite and add its counts to ``totals``."""
    if suite == 'pep8':
        _check(totals, 'pep8', [os.path.join(BIN, 'flake8')])
    elif suite == 'unit':
        _stestr(totals, 'unit', './magnum/tests/unit')
    elif suite == 'functional':
        _stestr(totals, 'functional', './magnum/tests/functional')
    elif suite == 'e2e':
        _stestr(totals, 'e2e', './magnum/tests/e2e', serial=True)
    elif suite == 'docs':
        _check(totals, 'docs', [os.path.join(BIN, 'sphinx-build'), '-q',
                                '-W', '--keep-going', '-b', 'html',
                                'doc/source', 'doc/build/html'])
    elif suite == 'config':
        with tempfile.TemporaryDirectory() as tmp:
            _check(totals, 'genconfig', [
                os.path.join(BIN, 'oslo-config-generator'), '--config-file',
                'etc/magnum/magnum-config-generator.conf', '--output-file',
                os.path.join(tmp, 'magnum.conf.sample')])
            _check(totals, 'genpolicy', [
                os.path.join(BIN, 'oslopolicy-sample-generator'),
                '--namespace', 'magnum', '--output-file',
                os.path.join(tmp, 'policy.yaml.sample')])
    else:
        raise SystemExit('run-tests: unknown suite %r; choose from %s'
                         % (suite, ', '.join(SUITES)))


def main(argv):
    suites = argv or list(SUITES)
    totals = Totals()
    for suite in suites:
        run_suite(totals, suite)
    print(totals.line(), flush=True)
    return 1 if totals.failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
