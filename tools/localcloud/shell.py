"""Run commands with a time limit, their output going to a log file."""

import os
import subprocess

from localcloud import layout


class CommandFailed(Exception):
    """A command exited non-zero or ran out of time."""


def run(argv, log_name, timeout=600, env=None, check=True):
    """Run ``argv`` with stdin closed and append its output to a log.

    :param argv: the command and its arguments.
    :param log_name: file name under .localcloud/log/.
    :param timeout: seconds before the command is killed.
    :param env: extra environment variables.
    :param check: raise when the exit status is not zero.
    :returns: the exit status.
    :raises CommandFailed: on failure when ``check`` is set.
    """
    os.makedirs(layout.LOG, exist_ok=True)
    path = os.path.join(layout.LOG, log_name)
    full_env = dict(os.environ)
    full_env.update(env or {})
    with open(path, 'a') as log:
        log.write('$ %s\n' % ' '.join(argv))
        log.flush()
        try:
            done = subprocess.run(argv, stdin=subprocess.DEVNULL,
                                  stdout=log, stderr=subprocess.STDOUT,
                                  env=full_env, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise CommandFailed('%s: no end after %ds (see %s)'
                                % (argv[0], timeout, path))
    if check and done.returncode != 0:
        raise CommandFailed('%s exited %d; last lines of %s:\n%s'
                            % (' '.join(argv[:3]), done.returncode, path,
                               tail(path)))
    return done.returncode


def output(argv, timeout=60):
    """Return the stdout of ``argv`` (stderr dropped), or None on failure."""
    try:
        done = subprocess.run(argv, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True,
                              timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return done.stdout


def tail(path, lines=15):
    """Return the last ``lines`` lines of a text file."""
    try:
        with open(path, errors='replace') as f:
            return ''.join(f.readlines()[-lines:])
    except OSError:
        return ''
