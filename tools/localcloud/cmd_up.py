"""``up``: install what is missing, start what is down, seed the cloud.

Idempotent: a service that runs and answers is left alone unless its
config files or the venv changed; database syncs and the venv install are
skipped when their stamps are current; the seeding looks everything up
before it creates anything.
"""

import os
import subprocess
import time

from localcloud import computehost
from localcloud import configs
from localcloud import credentials
from localcloud import dbsync
from localcloud import layout
from localcloud import magnum_side
from localcloud import procs
from localcloud import report as report_mod
from localcloud import services as services_mod
from localcloud import shell
from localcloud import system
from localcloud import venv

START_LIMIT = 240
WORKER_SETTLE = 3.0


def _prepare(report):
    """Machine packages, servers, databases, venv, configs, syncs.

    :returns: the config names whose processes must restart.
    """
    with report.step('mariadb + rabbitmq'):
        system.ensure_packages(report)
        system.ensure_servers(report)
        if not credentials.exist():
            # Databases left by another checkout (say an earlier CI clone)
            # hold users and keys made with passwords this checkout never
            # had: start the cloud's state afresh.
            system.drop_databases()
            system.drop_vhost()
            report.say('no secrets in this checkout: dropped any lc_* '
                       'databases and the vhost left by another one')
        pw = credentials.load()
        new_databases = system.ensure_databases(pw['database'])
        if system.ensure_vhost():
            report.say('created rabbitmq vhost %s' % layout.RABBIT_VHOST)
    with report.step('venv'):
        venv_changed = venv.ensure(report)
        venv.ensure_clients(report)
    with report.step('config files'):
        changed = configs.write_all(pw)
    if changed:
        report.say('config written: %s' % ', '.join(sorted(changed)))
    dbsync.forget(new_databases)
    if 'lc_magnum' in new_databases:
        magnum_side.forget_schema()
    with report.step('database syncs'):
        synced = dbsync.sync_all(report, pw)
    if computehost.ensure_identity():
        report.say('restored nova-compute node identity from lc_nova')
    restart = set(changed) | set(synced)
    if venv_changed:
        restart |= set(configs.BUILDERS)
    return restart


def _stop_stale(report, restart, services=None):
    """Stop running services whose config, schema, code or command changed.
    """
    if services is None:
        services = services_mod.all_services()
    stale = [service for service in services
             if procs.read_pid(service) and (
                 service.config in restart
                 or not procs.started_as_now(service))]
    if stale:
        report.say('restarting %s (their setup changed)'
                   % ', '.join(service.name for service in stale))
        procs.stop_many(stale)


def _start(report, wanted):
    """Start the services of ``wanted`` that are not healthy; wait for them.

    :returns: the names of the services started.
    """
    started = {}
    for service in wanted:
        if procs.healthy(service):
            continue
        if procs.read_pid(service):
            # Running but not answering yet (or hung): start it afresh.
            procs.stop(service)
        if service.port and system.port_open(service.port):
            raise shell.CommandFailed(
                'port %d of %s is taken by a process without our pid '
                'file; stop it first' % (service.port, service.name))
        procs.start(service)
        started[service.name] = (service, time.monotonic())
    if started:
        report.say('started %s' % ', '.join(started))
    _wait(report, dict(started))
    return list(started)


def _wait(report, pending):
    """Wait until every service in ``pending`` is healthy, or fail."""
    since = time.monotonic()
    while pending:
        for name, (service, began) in list(pending.items()):
            pid = procs.read_pid(service)
            elapsed = time.monotonic() - began
            if pid is None:
                raise shell.CommandFailed(
                    '%s exited while starting; last lines of %s:\n%s' % (
                        name, procs.log_file(service),
                        shell.tail(procs.log_file(service))))
            if service.url is None:
                ready = elapsed >= WORKER_SETTLE
            else:
                ready = procs.http_answers(service.url, timeout=2.0)
            if ready:
                del pending[name]
                where = ' on :%d' % service.port if service.port else ''
                report.say('%s up%s after %.1fs' % (name, where, elapsed))
        if not pending:
            break
        if time.monotonic() - since > START_LIMIT:
            raise shell.CommandFailed('no answer from %s after %ds' % (
                ', '.join(pending), START_LIMIT))
        report.waiting(', '.join(
            '%s%s' % (n, ' on :%d' % s.port if s.port else '')
            for n, (s, _) in pending.items()), since)
        time.sleep(0.5)


class _Bootstrap(object):
    """The seeding process in the venv and the lines it prints."""

    def __init__(self, report):
        self.report = report
        env = dict(os.environ)
        env['PYTHONPATH'] = layout.TOOLS_DIR
        env['PYTHONWARNINGS'] = 'ignore'
        self.log = open(os.path.join(layout.LOG, 'bootstrap.log'), 'a')
        self.proc = subprocess.Popen(
            [layout.VENV_PYTHON, '-m', 'localcloud.bootstrap'],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.log, env=env, text=True, cwd=layout.ROOT)

    def until(self, marker):
        """Show progress lines until one starts with ``marker``."""
        for line in self.proc.stdout:
            line = line.rstrip('\n')
            if line.startswith(marker):
                return line
            self.report.say('  seed: %s' % line)
        self.proc.wait(timeout=30)
        self.log.flush()
        raise shell.CommandFailed(
            'seeding stopped (exit %s); last lines of log/bootstrap.log:\n'
            '%s' % (self.proc.returncode, shell.tail(self.log.name)))

    def send(self, word):
        """Tell the seeding process what to do next."""
        self.proc.stdin.write(word + '\n')
        self.proc.stdin.flush()

    def finish(self):
        """Wait for the process to end; raise when it failed."""
        self.proc.stdin.close()
        code = self.proc.wait(timeout=300)
        self.log.close()
        if code != 0:
            raise shell.CommandFailed('seeding exited %d; see %s'
                                      % (code, self.log.name))

    def abort(self):
        """Stop the seeding process after an error elsewhere."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        self.log.close()


def run(args):
    """Bring the local cloud up; return the exit status."""
    report = report_mod.Report()
    try:
        up(report)
    except shell.CommandFailed as exc:
        report.say('ERROR: %s' % exc)
        report.summary()
        return 1
    report.summary()
    report.say('cloud ready: source %s (or %s); details in %s'
               % (layout.DEMO_OPENRC, layout.ADMIN_OPENRC,
                  layout.CLOUD_JSON))
    return 0


def up(report):
    """Do everything ``up`` does, its steps timed in ``report``.

    :raises CommandFailed: when a step fails.
    """
    restart = _prepare(report)
    _stop_stale(report, restart)
    everything = services_mod.all_services()
    keystone, others = everything[0], everything[1:]
    with report.step('keystone'):
        _start(report, [keystone])
    seeding = _Bootstrap(report)
    try:
        with report.step('seed identity'):
            seeding.until('@identity-ready')
        with report.step('other services'):
            _start(report, others)
        with report.step('seed resources'):
            seeding.send('resources')
            done = seeding.until('@done')
            seeding.finish()
    except BaseException:
        seeding.abort()
        raise
    report.say('seeding done (%s)' % done.split(' ', 1)[-1])
    with report.step('magnum'):
        _start_magnum(report)


def _start_magnum(report):
    """Config, schema and processes of magnum and the node simulator."""
    restart = magnum_side.prepare(report)
    wanted = magnum_side.services()
    _stop_stale(report, restart, wanted)
    _start(report, wanted)
