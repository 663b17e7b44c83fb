"""Tests for the defaults of the driver contract."""

from magnum.common import exception
from magnum.drivers import base
from magnum.tests import base as test_base


class MinimalDriver(base.Driver):
    provides = [{'server_type': 'vm', 'os': 'x', 'coe': 'kubernetes'}]

    def create_cluster(self, context, cluster, timeout):
        pass

    def update_cluster(self, context, cluster, rollback=False):
        pass

    def resize_cluster(self, context, cluster, node_count, nodes_to_remove,
                       nodegroup):
        pass

    def delete_cluster(self, context, cluster):
        pass

    def observe_cluster(self, context, cluster):
        return base.Observation(status='CREATE_COMPLETE')

    def create_nodegroup(self, context, cluster, nodegroup):
        pass

    def update_nodegroup(self, context, cluster, nodegroup):
        pass

    def delete_nodegroup(self, context, cluster, nodegroup):
        pass


class TestDriverContract(test_base.TestCase):

    def setUp(self):
        super().setUp()
        self.driver = MinimalDriver()
        self.driver.name = 'minimal'

    def test_mandatory_methods_are_abstract(self):
        class Incomplete(base.Driver):
            pass

        self.assertRaises(TypeError, Incomplete)
        self.assertEqual(
            {'create_cluster', 'update_cluster', 'resize_cluster',
             'delete_cluster', 'observe_cluster', 'create_nodegroup',
             'update_nodegroup', 'delete_nodegroup'},
            set(base.Driver.__abstractmethods__))

    def test_class_defaults(self):
        self.assertFalse(base.Driver.beta)
        self.assertIsNone(base.Driver.template_path)
        self.assertIsNone(base.Driver.name)

    def test_upgrade_not_supported_by_default(self):
        exc = self.assertRaises(
            exception.NotSupported, self.driver.upgrade_cluster,
            None, None, None, 1, None)
        self.assertEqual(400, exc.code)
        self.assertIn('minimal driver', str(exc))

    def test_rotate_ca_not_supported_by_default(self):
        exc = self.assertRaises(exception.NotSupported,
                                self.driver.rotate_ca_certificate, None, None)
        self.assertEqual(400, exc.code)

    def test_rotate_credential_not_supported_by_default(self):
        self.assertRaises(exception.CredentialRotationNotSupported,
                          self.driver.rotate_credential, None, None)

    def test_optional_hooks_accept_by_default(self):
        self.assertIsNone(self.driver.pre_delete_cluster(None, None))
        self.assertIsNone(self.driver.validate_cluster_template(None, None))
        self.assertIsNone(self.driver.validate_cluster(None, None, None))

    def test_labels_schema_is_permissive(self):
        self.assertEqual({'type': 'object'}, self.driver.labels_schema())

    def test_validate_master_size_accepts_odd_counts(self):
        for count in (1, 3, 5):
            self.driver.validate_master_size(count)

    def test_validate_master_size_rejects_even_and_zero(self):
        for count in (0, 2, 4, -1):
            self.assertRaises(exception.MasterNGSizeInvalid,
                              self.driver.validate_master_size, count)


class TestObservation(test_base.TestCase):

    def test_defaults_are_not_shared(self):
        first = base.Observation(status='CREATE_COMPLETE')
        second = base.Observation(status='CREATE_COMPLETE')
        first.master_addresses.append('192.0.2.1')
        first.nodegroups['x'] = base.NodeGroupObservation('CREATE_COMPLETE')
        self.assertEqual([], second.master_addresses)
        self.assertEqual({}, second.nodegroups)
        self.assertIsNone(second.api_address)
