"""Every entry point declared in setup.cfg imports and resolves."""

import configparser
import importlib
import os

from magnum.tests import base

SETUP_CFG = os.path.join(os.path.dirname(__file__), '..', '..', '..',
                         'setup.cfg')

REQUIRED_GROUPS = ('console_scripts', 'oslo.config.opts',
                   'oslo.policy.policies', 'magnum.drivers',
                   'magnum.cert_manager.backend')
REQUIRED_SCRIPTS = ('magnum-api', 'magnum-conductor', 'magnum-db-manage',
                    'magnum-status', 'magnum-driver-manage',
                    'magnum-all-in-one')


def declared_entry_points():
    """Return {group: {name: 'module:attr'}} parsed from setup.cfg."""
    parser = configparser.ConfigParser()
    parser.read(SETUP_CFG)
    groups = {}
    for group, body in parser['entry_points'].items():
        entries = {}
        for line in body.strip().splitlines():
            name, _, target = line.partition('=')
            entries[name.strip()] = target.strip()
        groups[group] = entries
    return groups


def resolve(target):
    """Import ``module:attr`` and return the attribute."""
    module_name, _, attr = target.partition(':')
    module = importlib.import_module(module_name)
    for part in attr.split('.') if attr else ():
        module = getattr(module, part)
    return module


class EntryPointsTest(base.TestCase):

    def test_required_groups_declared(self):
        groups = declared_entry_points()
        for group in REQUIRED_GROUPS:
            self.assertIn(group, groups)
            self.assertTrue(groups[group], group)
        self.assertEqual(sorted(REQUIRED_SCRIPTS),
                         sorted(groups['console_scripts']))

    def test_every_entry_point_imports(self):
        for group, entries in declared_entry_points().items():
            for name, target in entries.items():
                obj = resolve(target)
                self.assertIsNotNone(obj, '%s %s' % (group, name))
                if group in ('console_scripts', 'oslo.config.opts',
                             'oslo.policy.policies'):
                    self.assertTrue(callable(obj), '%s %s' % (group, name))
