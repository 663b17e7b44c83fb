"""``status``: is each service up?  Exit status 1 when one is down."""

import os

from localcloud import layout
from localcloud import magnum_side
from localcloud import procs
from localcloud import services as services_mod
from localcloud import system


def run(args):
    """Print one line per service; return 0 only when all are up."""
    down = 0
    rows = [('mariadb', None, 3306, system.port_open(3306)),
            ('rabbitmq', None, layout.RABBIT_PORT,
             system.port_open(layout.RABBIT_PORT))]
    for service in services_mod.all_services() + _magnum_services():
        pid = procs.read_pid(service)
        up = pid is not None and (
            service.url is None or procs.http_answers(service.url))
        rows.append((service.name, pid, service.port, up))
    for name, pid, port, up in rows:
        down += not up
        print('%-15s %-5s %-8s %s' % (
            name, 'up' if up else 'DOWN',
            'pid %d' % pid if pid else '',
            ':%d' % port if port else ''))
    if not os.path.exists(layout.CLOUD_JSON):
        print('no %s yet: run up' % layout.CLOUD_JSON)
        down += 1
    return 1 if down else 0


def _magnum_services():
    try:
        return magnum_side.services()
    except Exception as exc:
        print('magnum: %s' % exc)
        return []
