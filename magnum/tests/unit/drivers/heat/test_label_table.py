"""The shared building blocks of the drivers' label declarations."""

from magnum.drivers.heat import label_table
from magnum.tests import base

Target = label_table.Target

SCHEMA = label_table.schema('test', {
    'b_label': label_table.described(label_table.TEXT, 'B.', default='b'),
    'a_label': label_table.described(label_table.TEXT, 'A.'),
    'zone': label_table.described(label_table.TEXT, 'Zone.'),
})
TARGETS = {'b_label': Target('node', 'A_VAR'),
           'a_label': Target('node', 'B_VAR'),
           'zone': Target('parameter', 'availability_zone')}


class TestLabelTable(base.TestCase):

    def test_node_settings_sorted_with_defaults(self):
        self.assertEqual([('A_VAR', 'b'), ('B_VAR', '')],
                         label_table.node_settings(SCHEMA, TARGETS, {}))
        self.assertEqual([('A_VAR', 'x'), ('B_VAR', 'y')],
                         label_table.node_settings(
                             SCHEMA, TARGETS, {'b_label': 'x',
                                               'a_label': 'y'}))

    def test_parameters_table(self):
        self.assertEqual({'zone': 'availability_zone'},
                         label_table.parameters_table(TARGETS))

    def test_shared_labels_are_declared_with_targets(self):
        props = label_table.shared_properties("masters'")
        self.assertEqual(set(label_table.SHARED_TARGETS), set(props))
        self.assertIn("masters' load balancer",
                      props['master_lb_floating_ip_enabled']['description'])
        self.assertEqual(set(label_table.REXRAY_TARGETS),
                         set(label_table.rexray_properties()))

    def test_described_copies(self):
        prop = label_table.described(label_table.BOOL, 'Flag.')
        self.assertNotIn('description', label_table.BOOL)
        self.assertEqual('Flag.', prop['description'])
