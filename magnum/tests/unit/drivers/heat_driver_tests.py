"""Tests every Heat driver passes, as mixins for the drivers' test cases.

Each mixin names the attributes a test case sets; the case also derives
from :class:`magnum.tests.base.TestCase`.
"""

import glob
import os
import re
from urllib import parse

import jsonschema
import yaml

from magnum.common import exception
from magnum.tests.unit.drivers import golden


def load_yaml(path):
    """Return the parsed YAML file at ``path``."""
    with open(path) as stream:
        return yaml.safe_load(stream)


def template_parameters(template_dir, name='cluster.yaml'):
    """Return the parameter names a Heat template declares."""
    return set(load_yaml(os.path.join(template_dir, name))['parameters'])


class GoldenTests:
    """Every case renders as its golden file says, and every golden file
    has its case.

    Sets ``CASES`` (name -> callable returning a Rendered), ``GOLDEN``
    (the golden files' directory) and ``definition`` (the driver's
    definition module).
    """

    def decode_script(self, value):
        """Undo the encoding of the bootstrap_script parameter."""
        return parse.unquote(value)

    def test_every_case(self):
        for name in sorted(self.CASES):
            with self.subTest(case=name):
                rendered = self.CASES[name]()
                self.assertEqual(self.definition.bootstrap_script(),
                                 self.decode_script(rendered.parameters[
                                     'bootstrap_script']))
                golden.compare(self, self.GOLDEN, name, rendered,
                               self.definition.TEMPLATE_DIR)

    def test_no_stale_golden_files(self):
        self.assertEqual(set(self.CASES), golden.case_names(self.GOLDEN))


class CaseTemplateTests:
    """What the cases render fits the driver's cluster template.

    Sets ``CASES`` and ``definition``, as for :class:`GoldenTests`.
    """

    def test_rendered_parameters_are_declared(self):
        declared = template_parameters(self.definition.TEMPLATE_DIR)
        for name, case in self.CASES.items():
            with self.subTest(case=name):
                self.assertLessEqual(set(case().parameters), declared)

    def test_environment_files_exist(self):
        for name, case in self.CASES.items():
            for path in case().environment_files:
                self.assertTrue(os.path.exists(path), path)


class NodeTemplateTests:
    """The driver's two Heat templates parse, and the node template takes
    what the cluster template passes it.

    Sets ``definition``, ``NODE_GROUPS`` (the cluster template's server
    groups) and may set ``NOT_HEAT`` (YAML files that are no Heat
    templates).
    """

    NOT_HEAT = ()

    def test_templates_parse(self):
        templates = self.definition.TEMPLATE_DIR
        paths = set(glob.glob(os.path.join(templates, '*.yaml')))
        paths -= {os.path.join(templates, name) for name in self.NOT_HEAT}
        self.assertEqual(2, len(paths))
        for path in paths:
            self.assertIn('heat_template_version', load_yaml(path))

    def test_node_parameters_match_what_the_cluster_passes(self):
        templates = self.definition.TEMPLATE_DIR
        node = template_parameters(templates, 'node.yaml')
        cluster = load_yaml(os.path.join(templates, 'cluster.yaml'))
        for group in self.NODE_GROUPS:
            passed = dict(cluster['resources'][group]['properties'][
                'resource_def']['properties'])
            # A YAML merge key the loader left unmerged.
            passed.update(passed.pop('<<', {}))
            self.assertEqual(node, set(passed), group)


class LabelTests:
    """The labels schema is valid, agrees with the targets, and every
    target exists.

    Sets ``labels`` (the driver's labels module) and ``definition``
    (whose templates, environment files and bootstrap script the
    targets name).
    """

    def test_schema_and_table_agree(self):
        self.assertEqual(set(self.labels.SCHEMA['properties']),
                         set(self.labels.TARGETS))
        jsonschema.Draft7Validator.check_schema(self.labels.SCHEMA)

    def test_targets_exist(self):
        definition = self.definition
        params = template_parameters(definition.TEMPLATE_DIR)
        environments = definition.ENVIRONMENT_DIR
        script = definition.bootstrap_script()
        for label, target in self.labels.TARGETS.items():
            with self.subTest(label=label):
                if target.kind in ('parameter', 'input', 'metadata'):
                    self.assertIn(target.name, params)
                elif target.kind == 'node':
                    self.assertTrue(re.search(r'\$\{?%s\b' % target.name,
                                              script), target.name)
                else:
                    self.assertEqual('environment', target.kind)
                    self.assertTrue(os.path.exists(
                        os.path.join(environments, target.name)))


class FixedShapeDriverTests:
    """A driver that refuses some network and volume drivers, wants an odd
    master count, and neither adds nodegroups nor upgrades.

    Sets ``DRIVER`` (the driver class), ``TEMPLATE`` (a staticmethod
    making a cluster template of the driver) and ``REFUSED`` (pairs of
    template fields the driver refuses and what the error offers).
    """

    def setUp(self):
        super().setUp()
        self.driver = self.DRIVER()

    def test_network_and_volume_drivers(self):
        for kw, allowed in self.REFUSED:
            error = self.assertRaises(
                exception.InvalidParameterValue,
                self.driver.validate_cluster_template, None,
                self.TEMPLATE(**kw))
            self.assertIn(allowed, str(error))

    def test_even_master_count(self):
        self.assertRaises(exception.MasterNGSizeInvalid,
                          self.driver.validate_master_size, 2)

    def test_nodegroups_and_upgrade_not_supported(self):
        self.assertRaises(exception.NotSupported,
                          self.driver.create_nodegroup, None, None, None)
        self.assertRaises(exception.NotSupported,
                          self.driver.upgrade_cluster, None, None, None, 1,
                          None)
