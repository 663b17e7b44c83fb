"""Start, check and stop the processes of the local cloud by pid file.

Each service runs in its own session, so its process group id is its pid
and stopping it reaches gunicorn's workers and oslo.service's children.
"""

import hashlib
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

from localcloud import layout


def pid_file(service):
    """Return the pid file path of ``service``."""
    return os.path.join(layout.RUN, service.name + '.pid')


def log_file(service):
    """Return the log file path of ``service``."""
    return os.path.join(layout.LOG, service.name + '.log')


def _start_time(pid):
    """Return the kernel's start time of ``pid``, or None if it is gone."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            stat = f.read()
    except OSError:
        return None
    # Field 22, counted after the parenthesised command name.
    fields = stat.rsplit(')', 1)[1].split()
    if fields[0] == 'Z':
        return None
    return fields[19]


def read_pid(service):
    """Return the recorded pid of ``service`` if that process still runs.

    The pid file holds the pid and the process start time, so a pid the
    kernel has given to another program since is not taken for ours.
    """
    recorded = _read_pid_file(service)
    if recorded is None:
        return None
    pid, started, _ = recorded
    if _start_time(pid) != started:
        return None
    return pid


def signature(service):
    """Return a short hash of how ``service`` is started."""
    text = json.dumps([service.argv, service.env], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def started_as_now(service):
    """Return True when the running process has today's command line."""
    recorded = _read_pid_file(service)
    return recorded is not None and recorded[2] == signature(service)


def _read_pid_file(service):
    """Return (pid, start time, signature) from the pid file, or None."""
    try:
        with open(pid_file(service)) as f:
            pid_text, started, sig = f.read().split()
        return int(pid_text), started, sig
    except (OSError, ValueError):
        return None


def http_answers(url, timeout=2.0):
    """Return True when ``url`` gives any HTTP answer below 500."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return True
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except (OSError, ValueError):
        return False


def healthy(service):
    """Return True when the process runs and, for an API, answers HTTP."""
    if read_pid(service) is None:
        return False
    return service.url is None or http_answers(service.url)


def start(service):
    """Start ``service`` detached, output appended to its log.

    :returns: the pid.
    """
    os.makedirs(layout.RUN, exist_ok=True)
    os.makedirs(layout.LOG, exist_ok=True)
    env = dict(os.environ)
    env.update(service.env)
    env['PATH'] = layout.VENV_BIN + os.pathsep + env.get('PATH', '')
    env.pop('PYTHONPATH', None)
    with open(log_file(service), 'a') as log:
        log.write('\n==== start %s ====\n' % time.strftime('%F %T'))
        log.flush()
        proc = subprocess.Popen(service.argv, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT,
                                env=env, cwd=layout.ROOT,
                                start_new_session=True)
    record = (proc.pid, _start_time(proc.pid), signature(service))
    with open(pid_file(service), 'w') as f:
        f.write('%d %s %s\n' % record)
    return proc.pid


def stop(service, grace=15.0):
    """Stop one service; see ``stop_many``."""
    return bool(stop_many([service], grace))


def stop_many(services, grace=10.0):
    """Stop services together: SIGTERM to each group, SIGKILL after grace.

    :returns: the names of the services that were running.
    """
    running = {}
    for service in services:
        pid = read_pid(service)
        if pid is not None:
            _signal_group(pid, signal.SIGTERM)
            running[service.name] = pid
        _forget(service)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(
            _group_alive(pid) for pid in running.values()):
        time.sleep(0.2)
    for pid in running.values():
        if _group_alive(pid):
            _signal_group(pid, signal.SIGKILL)
    return list(running)


def _signal_group(pid, signum):
    try:
        os.killpg(pid, signum)
    except ProcessLookupError:
        pass


def _group_alive(pid):
    try:
        # Reap it if it is our own child, so a zombie does not count.
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _forget(service):
    try:
        os.unlink(pid_file(service))
    except FileNotFoundError:
        pass
