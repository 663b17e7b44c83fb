"""Tests for magnum.conf.opts, the sample generator's view of our options."""

import importlib.metadata
import io
import os

from oslo_config import cfg
from oslo_config import generator
import testtools

import magnum.conf
from magnum.conf import opts

EXPECTED_GROUPS = {
    'DEFAULT', 'api', 'barbican_client', 'certificates', 'cinder',
    'cinder_client', 'cluster', 'cluster_heat', 'cluster_template',
    'conductor', 'database', 'docker_registry', 'drivers', 'glance_client',
    'heat_client', 'keystone_auth', 'kubernetes', 'magnum_client',
    'neutron_client', 'nova_client', 'octavia_client', 'quotas', 'trust',
    'x509',
}

SAMPLE = os.path.join(os.path.dirname(magnum.conf.__file__), '..', '..',
                      'etc', 'magnum', 'magnum.conf.sample')


def _name(group):
    return getattr(group, 'name', group)


def _listed():
    return {_name(group): group_opts
            for group, group_opts in opts.list_opts()}


class ListOptsTestCase(testtools.TestCase):

    def test_lists_every_expected_group(self):
        self.assertEqual(EXPECTED_GROUPS, set(_listed()))

    def test_groups_are_sorted_and_unique(self):
        names = [_name(group) for group, _opts in opts.list_opts()]
        self.assertEqual(sorted(set(names)), names)

    def test_every_module_option_is_listed(self):
        listed = _listed()
        for module in magnum.conf.MODULES:
            for group, module_opts in module.list_opts().items():
                listed_names = {opt.dest for opt in listed[group]}
                for opt in module_opts:
                    self.assertIn(opt.dest, listed_names,
                                  '%s: [%s] %s not listed'
                                  % (module.__name__, group, opt.dest))

    def test_no_option_is_listed_twice(self):
        for group, group_opts in _listed().items():
            names = [opt.dest for opt in group_opts]
            self.assertEqual(len(names), len(set(names)),
                             'duplicate option in [%s]: %s'
                             % (group, sorted(names)))

    def test_named_groups_carry_help(self):
        for group, _opts in opts.list_opts():
            if isinstance(group, cfg.OptGroup):
                self.assertTrue(group.help, group.name)

    def test_client_groups_share_one_shape(self):
        listed = _listed()
        for group in magnum.conf.clients.CLIENTS:
            names = {opt.dest for opt in listed[group]}
            self.assertTrue(
                {'region_name', 'endpoint_type', 'ca_file', 'cert_file',
                 'key_file', 'insecure'}.issubset(names), group)

    def test_client_api_versions(self):
        listed = _listed()
        versions = {
            group: {opt.dest: opt.default for opt in group_opts}.get(
                'api_version')
            for group, group_opts in listed.items()
            if group.endswith('_client')}
        self.assertEqual({'barbican_client': None, 'cinder_client': '3',
                          'glance_client': '2', 'heat_client': '1',
                          'magnum_client': None, 'neutron_client': '2',
                          'nova_client': '2', 'octavia_client': None},
                         versions)


class RegistrationTestCase(testtools.TestCase):

    def test_registers_on_a_fresh_config_without_clashes(self):
        conf = cfg.ConfigOpts()
        magnum.conf.register_opts(conf)
        # A second registration of the same objects must be a no-op, not a
        # DuplicateOptError.
        magnum.conf.register_opts(conf)
        conf([], project='magnum', default_config_files=[])
        self.addCleanup(conf.reset)
        for group, group_opts in opts.list_opts():
            if _name(group) == 'keystone_auth':
                # The auth plugin's options register when it is loaded.
                continue
            for opt in group_opts:
                if _name(group) == 'DEFAULT':
                    self.assertIn(opt.dest, conf)
                else:
                    self.assertIn(opt.dest, conf[_name(group)])

    def test_modules_do_not_register_the_same_option(self):
        seen = {}
        for module in magnum.conf.MODULES:
            for group, module_opts in module.list_opts().items():
                for opt in module_opts:
                    key = (group, opt.dest)
                    self.assertNotIn(key, seen,
                                     '%s and %s both define [%s] %s'
                                     % (seen.get(key), module.__name__,
                                        group, opt.dest))
                    seen[key] = module.__name__


class GeneratorTestCase(testtools.TestCase):

    def _entry_point(self, group):
        found = importlib.metadata.entry_points(group=group,
                                                name='magnum.conf')
        if not found:
            self.skipTest('magnum is not installed; no entry points')
        return list(found)[0]

    def test_namespace_entry_point_loads(self):
        list_opts = self._entry_point('oslo.config.opts').load()
        self.assertEqual(EXPECTED_GROUPS,
                         {_name(group) for group, _opts in list_opts()})

    def test_defaults_hook_entry_point_loads(self):
        hook = self._entry_point('oslo.config.opts.defaults').load()
        hook()

    def test_generator_renders_key_options(self):
        self._entry_point('oslo.config.opts')
        conf = cfg.ConfigOpts()
        generator.register_cli_opts(conf)
        conf(['--namespace', 'magnum.conf'])
        output = io.StringIO()
        generator.generate(conf, output_file=output)
        text = output.getvalue()
        for line in ('[cluster_heat]', '#create_timeout = 60',
                     '#nodes_affinity_policy = soft-anti-affinity',
                     '#default_docker_volume_type =',
                     '#auth_strategy = keystone',
                     '#cert_manager_type = x509keypair',
                     '#auth_type = password'):
            self.assertIn(line, text)

    def test_checked_in_sample_lists_every_magnum_option(self):
        if not os.path.exists(SAMPLE):
            self.skipTest('no sample configuration file')
        with open(SAMPLE) as sample:
            text = sample.read()
        sections = _sections(text)
        for group, group_opts in _listed().items():
            self.assertIn(group, sections,
                          'regenerate the sample: [%s] missing' % group)
            for opt in group_opts:
                self.assertIn(
                    '#%s =' % opt.dest, sections[group],
                    'regenerate the sample: [%s] %s missing'
                    % (group, opt.dest))


def _sections(text):
    sections = {}
    current = None
    for line in text.splitlines():
        if line.startswith('[') and line.rstrip().endswith(']'):
            current = line.strip()[1:-1]
            sections.setdefault(current, '')
        elif current is not None:
            sections[current] += line + '\n'
    return sections
