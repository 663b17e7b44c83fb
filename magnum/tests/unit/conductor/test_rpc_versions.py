"""The RPC client and server agree on version and methods."""

import inspect

from magnum.conductor import manager
from magnum.conductor import rpcapi
from magnum.tests import base


def _public_methods(cls):
    return {name: member for name, member in inspect.getmembers(
        cls, inspect.isfunction) if not name.startswith('_')}


class RPCVersionTest(base.TestCase):

    def test_versions_agree(self):
        self.assertEqual(rpcapi.RPC_API_VERSION, manager.RPC_API_VERSION)
        self.assertEqual(rpcapi.RPC_API_VERSION,
                         manager.ConductorManager.target.version)

    def test_every_client_method_has_a_server_method(self):
        server = _public_methods(manager.ConductorManager)
        for name, method in _public_methods(rpcapi.ConductorAPI).items():
            self.assertIn(name, server)
            self.assertEqual(inspect.signature(method),
                             inspect.signature(server[name]), name)
