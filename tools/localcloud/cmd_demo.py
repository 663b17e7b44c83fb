"""``demo``: bring the cloud up and build a Kubernetes cluster on it with
the real ``openstack coe`` CLI, as the demo user.

A second run reuses the template and a healthy cluster, so it is fast; a
failed demo cluster is deleted and built again.
"""

import os
import time

from localcloud import cmd_up
from localcloud import coecli
from localcloud import layout
from localcloud import procs
from localcloud import report as report_mod
from localcloud import services as services_mod
from localcloud import shell

TEMPLATE = 'localcloud-demo-template'
CLUSTER = 'localcloud-demo'
KUBE_DIR = os.path.join(layout.ROOT, 'demo-cluster')
CREATE_LIMIT = 900
POLL = 5.0
MAGNUM_LOGS = ('magnum-conductor', 'magnum-api', 'nodesim')


class DemoFailed(Exception):
    """The demo cluster did not reach CREATE_COMPLETE."""


def run(args):
    """Bring everything up and run the demo; return the exit status."""
    report = report_mod.Report()
    try:
        cmd_up.up(report)
        cli = coecli.Cli()
        with report.step('cluster template'):
            _template(report, cli)
        with report.step('cluster'):
            cluster = _cluster(report, cli)
        with report.step('list + config'):
            kubeconfig = _show(report, cli)
    except (shell.CommandFailed, coecli.CommandError, DemoFailed) as exc:
        report.say('ERROR: %s' % exc)
        _explain(report)
        report.summary()
        return 1
    report.summary()
    _where(report, cluster, kubeconfig)
    return 0


def _template(report, cli):
    code, _ = cli.run('coe', 'cluster', 'template', 'show', TEMPLATE,
                      check=False)
    if code == 0:
        report.say('cluster template %s exists' % TEMPLATE)
        return
    cloud = _cloud()
    _, out = cli.run(
        'coe', 'cluster', 'template', 'create', TEMPLATE,
        '--coe', 'kubernetes', '--image', cloud['image_with_os_distro'],
        '--external-network', cloud['external_network'],
        '--flavor', cloud['flavor'], '--master-flavor',
        cloud['master_flavor'], '--keypair', cloud['keypair'])
    report.say(out)


def _cluster(report, cli):
    """Create (or reuse) the demo cluster and wait for CREATE_COMPLETE."""
    code, _ = cli.run('coe', 'cluster', 'show', CLUSTER, check=False)
    if code == 0:
        status = cli.json('coe', 'cluster', 'show', CLUSTER)['status']
        if status.endswith('_FAILED'):
            report.say('%s is %s: deleting it to build it again'
                       % (CLUSTER, status))
            cli.run('coe', 'cluster', 'delete', CLUSTER)
            _wait_gone(report, cli)
            code = 1
        else:
            report.say('cluster %s exists (%s)' % (CLUSTER, status))
    if code != 0:
        _, out = cli.run('coe', 'cluster', 'create', CLUSTER,
                         '--cluster-template', TEMPLATE,
                         '--master-count', '1', '--node-count', '1')
        report.say(out)
    return _wait_complete(report, cli)


def _wait_complete(report, cli):
    since = time.monotonic()
    last = None
    while True:
        cluster = cli.json('coe', 'cluster', 'show', CLUSTER)
        status = cluster['status']
        elapsed = time.monotonic() - since
        if status != last:
            report.say('%6.1fs  %s' % (elapsed, status))
            last = status
        if status in ('CREATE_COMPLETE', 'UPDATE_COMPLETE'):
            return cluster
        if status.endswith('_FAILED'):
            raise DemoFailed('cluster %s is %s: %s' % (
                CLUSTER, status, cluster.get('status_reason')))
        if elapsed > CREATE_LIMIT:
            raise DemoFailed('cluster %s still %s after %ds: %s' % (
                CLUSTER, status, CREATE_LIMIT,
                cluster.get('status_reason')))
        report.waiting('%s (%s)' % (CLUSTER, status), since)
        time.sleep(POLL)


def _wait_gone(report, cli):
    since = time.monotonic()
    while cli.run('coe', 'cluster', 'show', CLUSTER, check=False)[0] == 0:
        if time.monotonic() - since > CREATE_LIMIT:
            raise DemoFailed('cluster %s not deleted after %ds'
                             % (CLUSTER, CREATE_LIMIT))
        report.waiting('deletion of %s' % CLUSTER, since)
        time.sleep(POLL)


def _show(report, cli):
    _, listing = cli.run('coe', 'cluster', 'list')
    report.say(listing)
    os.makedirs(KUBE_DIR, exist_ok=True)
    _, out = cli.run('coe', 'cluster', 'config', CLUSTER, '--dir',
                     KUBE_DIR, '--force')
    report.say(out)
    return os.path.join(KUBE_DIR, 'config')


def _cloud():
    from localcloud import magnum_conf
    return magnum_conf.load_cloud()


def _explain(report):
    """Print the cluster's reason and the end of magnum's logs."""
    try:
        cluster = coecli.Cli().json('coe', 'cluster', 'show', CLUSTER)
        report.say('cluster %s: %s: %s' % (
            CLUSTER, cluster.get('status'), cluster.get('status_reason')))
    except Exception as exc:
        report.say('cannot show cluster %s: %s' % (CLUSTER, exc))
    for name in MAGNUM_LOGS:
        service = services_mod.Service(name, None, None, None, [], {})
        path = procs.log_file(service)
        report.say('--- last lines of %s' % path)
        report.say(shell.tail(path, 20).rstrip())


def _where(report, cluster, kubeconfig):
    lines = [
        'demo cluster %s is %s' % (CLUSTER, cluster['status']),
        '  api address:   %s' % cluster.get('api_address'),
        '  masters:       %s' % cluster.get('master_addresses'),
        '  nodes:         %s' % cluster.get('node_addresses'),
        '  kubeconfig:    %s' % kubeconfig,
        '  CLI:           source %s; export PATH=%s:$PATH; '
        'openstack coe cluster list' % (layout.DEMO_OPENRC,
                                        layout.VENV_BIN),
        '  admin openrc:  %s' % layout.ADMIN_OPENRC,
        '  logs:          %s/' % layout.LOG,
        '  magnum.conf:   %s' % layout.MAGNUM_CONF,
        '  (the nodes are fake-compute servers that never boot, so the '
        'Kubernetes API does not answer)',
    ]
    for line in lines:
        report.say(line)
