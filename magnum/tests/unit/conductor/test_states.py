"""The lifecycle table is complete and consistent."""

from magnum.conductor import handlers  # noqa: F401
from magnum.conductor.handlers import cluster as cluster_handlers
from magnum.conductor import rpcapi
from magnum.conductor import states
from magnum.tests import base


class StatesTest(base.TestCase):

    def test_every_operation_is_declared_everywhere(self):
        for name in states.OPERATIONS:
            self.assertIn(name, states.ALLOWED_FROM)
            self.assertIn(name, states.IN_PROGRESS_STATUS)
            self.assertIn(name, states.FAILED_STATUS)
            self.assertIn(name, cluster_handlers.HANDLERS)
            self.assertTrue(hasattr(rpcapi.ConductorAPI, name), name)

    def test_no_operation_starts_from_in_progress(self):
        for name, allowed in states.ALLOWED_FROM.items():
            if name != states.DELETE_CLUSTER:
                self.assertFalse(allowed & states.IN_PROGRESS, name)
        self.assertNotIn('DELETE_IN_PROGRESS',
                         states.ALLOWED_FROM[states.DELETE_CLUSTER])

    def test_failed_status_matches_in_progress(self):
        self.assertEqual('CREATE_FAILED',
                         states.FAILED_STATUS[states.CREATE_CLUSTER])
        self.assertEqual('UPDATE_FAILED',
                         states.FAILED_STATUS[states.RESIZE_CLUSTER])
        self.assertEqual('DELETE_FAILED',
                         states.NODEGROUP_FAILED_STATUS[
                             states.DELETE_NODEGROUP])

    def test_actions(self):
        self.assertEqual('create',
                         states.action_of_operation(states.CREATE_CLUSTER))
        self.assertEqual('update',
                         states.action_of_operation(states.RESIZE_CLUSTER))
        self.assertEqual('delete', states.action_of_status('DELETE_FAILED'))
