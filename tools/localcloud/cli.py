"""Command line of the local cloud: ``up``, ``down [--purge]``, ``status``."""

import argparse
import sys

from localcloud import cmd_demo
from localcloud import cmd_down
from localcloud import cmd_status
from localcloud import cmd_up


def parser():
    """Return the argument parser."""
    top = argparse.ArgumentParser(
        prog='tools/localcloud',
        description='A local OpenStack (Keystone, Glance, Heat, Placement,'
                    ' Nova with the fake driver, Neutron) on 127.0.0.1,'
                    ' kept under .localcloud/.')
    sub = top.add_subparsers(dest='command', required=True)
    sub.add_parser('up', help='install, start and seed (idempotent)')
    down = sub.add_parser('down', help='stop every service')
    down.add_argument('--purge', action='store_true',
                      help='also drop the lc_* databases, the vhost and '
                           'the config and state (the venv stays)')
    sub.add_parser('status', help='show each service; exit 1 if one is down')
    sub.add_parser('demo', help='up, then build a Kubernetes cluster with '
                                'the real openstack coe CLI')
    return top


def main(argv=None):
    """Run the command in ``argv``; return the exit status."""
    args = parser().parse_args(argv)
    command = {'up': cmd_up, 'down': cmd_down, 'status': cmd_status,
               'demo': cmd_demo}
    try:
        return command[args.command].run(args)
    except KeyboardInterrupt:
        sys.stderr.write('interrupted\n')
        return 130
