"""The pecan application's own adjustments."""

import pecan.core
import pecan.rest
import pecan.routing
import pecan.util

from magnum.api import app
from magnum.tests import base


class Controller:

    def get_one(self, ident, flag=None):
        return ident


class MemoisedArgspecTest(base.TestCase):

    def setUp(self):
        super().setUp()
        app.setup_app()

    def test_pecan_modules_share_one_memoised_getargspec(self):
        memo = pecan.util.getargspec
        self.assertTrue(getattr(memo, 'magnum_memoised', False))
        for module in (pecan.core, pecan.rest, pecan.routing):
            self.assertIs(memo, module.getargspec)

    def test_argspec_is_computed_once_per_function(self):
        first, second = Controller(), Controller()
        spec = pecan.util.getargspec(first.get_one)
        self.assertEqual(['self', 'ident', 'flag'], spec.args)
        # Another instance's bound method has the same function.
        self.assertIs(spec, pecan.util.getargspec(second.get_one))
        self.assertIs(spec, pecan.util.getargspec(Controller.get_one))

    def test_setting_up_twice_does_not_wrap_twice(self):
        memo = pecan.util.getargspec
        app.setup_app()
        self.assertIs(memo, pecan.util.getargspec)
