"""Template checks several Heat drivers make."""

from magnum.common import exception
from magnum.drivers.heat import template_checks
from magnum.tests import base
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx


class TestCheckChoice(base.TestCase):

    def test_unset_and_listed_values_pass(self):
        for value in (None, '', 'docker'):
            template_checks.check_choice(value, ('docker', 'flannel'),
                                         '%(value)s')

    def test_unlisted_value_is_a_400(self):
        error = self.assertRaises(
            exception.InvalidParameterValue, template_checks.check_choice,
            'weave', ('docker', 'flannel'), '%(value)s: %(allowed)s')
        self.assertIn('weave: docker, flannel', str(error))


class TestCheckMasterLb(base.TestCase):

    def test_several_masters_need_a_load_balancer(self):
        ct = fx.template(master_lb_enabled=False)
        cluster = fx.cluster(ct, master_lb_enabled=None)
        template_checks.check_master_lb(cluster, ct, 1)
        error = self.assertRaises(exception.InvalidParameterValue,
                                  template_checks.check_master_lb,
                                  cluster, ct, 3)
        self.assertIn('3 masters', str(error))

    def test_template_load_balancer_counts_when_the_cluster_has_none(self):
        ct = fx.template(master_lb_enabled=True)
        cluster = fx.cluster(ct, master_lb_enabled=None)
        template_checks.check_master_lb(cluster, ct, 3)
