"""``down``: stop every process of the local cloud; ``--purge`` its state.

The venv stays.  With ``--purge`` the lc_* databases, the database user,
the RabbitMQ vhost, the config files, secrets and state go too, so the
next ``up`` starts from a blank cloud.
"""

import os
import shutil

from localcloud import layout
from localcloud import magnum_side
from localcloud import procs
from localcloud import report as report_mod
from localcloud import services as services_mod
from localcloud import shell
from localcloud import system


def run(args):
    """Stop the services (and purge when asked); return the exit status."""
    report = report_mod.Report()
    with report.step('stop services'):
        # magnum first: it talks to all the others.
        stopped = procs.stop_many(_magnum_services())
        stopped += procs.stop_many(services_mod.all_services())
        report.say('stopped %s' % (', '.join(stopped) or 'nothing'))
    if args.purge:
        with report.step('purge'):
            _purge(report)
    report.summary()
    return 0


def _purge(report):
    try:
        system.drop_databases()
        report.say('dropped the lc_* databases')
    except shell.CommandFailed as exc:
        report.say('WARNING: databases not dropped: %s' % exc)
    system.drop_vhost()
    for path in (layout.ETC, layout.STATE, layout.RUN):
        shutil.rmtree(path, ignore_errors=True)
    for path in (layout.CLOUD_JSON, layout.ADMIN_OPENRC,
                 layout.DEMO_OPENRC, layout.DEMO_KEY):
        if os.path.exists(path):
            os.unlink(path)
    report.say('removed config, state and credentials under %s'
               % layout.ROOT)


def _magnum_services():
    """magnum's processes; by pid file only, so any Python will do."""
    try:
        return magnum_side.services()
    except shell.CommandFailed:
        return [services_mod.Service(name, None, None, None, [], {})
                for name in ('magnum-api', 'magnum-conductor', 'nodesim')]
