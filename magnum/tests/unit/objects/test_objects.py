"""Guard rails for every object: fingerprints and RPC round trips."""

import datetime

from oslo_versionedobjects import fixture

from magnum.common import context
from magnum import objects
from magnum.objects import base
from magnum.tests import base as test_base
from magnum.tests.unit.db import utils

# Changing an object's fields or remotable methods changes its hash: bump
# its VERSION, add a line to its version history and update the hash here.
EXPECTED_HASHES = {
    'Cluster': '1.0-a27cb8fa08a1f0934616eeef8dcd8e07',
    'ClusterTemplate': '1.0-5007721511fada90d3365436dca7c917',
    'MagnumService': '1.0-93810680b750862778ea7d5282a08c20',
    'NodeGroup': '1.0-cf0c08b6be8ecce7ef2e6763d9322d8e',
    'Operation': '1.0-24bfc2ff7c17f4c6f238c2b979a85465',
    'Quota': '1.0-3fe48f4efd7a9d30abae7f9dd08fe440',
    'X509KeyPair': '1.0-9394c5d27afffabc894c26261beb763f',
}


class ObjectVersionTest(test_base.TestCase):

    def test_versions(self):
        checker = fixture.ObjectVersionChecker(
            base.MagnumObjectRegistry.obj_classes())
        expected, actual = checker.test_hashes(EXPECTED_HASHES)
        self.assertEqual(expected, actual,
                         'Some objects changed; bump their VERSION and '
                         'update EXPECTED_HASHES.')

    def test_every_class_is_exposed(self):
        registered = set(base.MagnumObjectRegistry.obj_classes())
        self.assertEqual(registered, set(objects.register_all()))
        for name in registered:
            self.assertIs(base.MagnumObjectRegistry.obj_classes()[name][0],
                          getattr(objects, name))

    def test_namespace(self):
        self.assertEqual('magnum', objects.Cluster.OBJ_PROJECT_NAMESPACE)


def _roundtrip(obj):
    serializer = base.MagnumObjectSerializer()
    ctx = context.make_context(project_id=utils.PROJECT_ID)
    primitive = serializer.serialize_entity(ctx, obj)
    return primitive, serializer.deserialize_entity(ctx, primitive)


class SerializerTest(test_base.TestCase):

    def _check(self, cls, values):
        obj = cls(context.make_context(), **values)
        primitive, back = _roundtrip(obj)
        self.assertEqual(cls.obj_name(), primitive['magnum_object.name'])
        self.assertEqual('magnum', primitive['magnum_object.namespace'])
        self.assertIsInstance(back, cls)
        for name in values:
            mine, theirs = getattr(obj, name), getattr(back, name)
            if isinstance(mine, base.MagnumObject):
                mine = mine.obj_to_primitive()
                theirs = theirs.obj_to_primitive()
            self.assertEqual(mine, theirs, name)
        return back

    def test_cluster_template(self):
        values = utils.get_test_cluster_template(id=1)
        back = self._check(objects.ClusterTemplate, values)
        self.assertEqual({'key1': 'val1', 'key2': 'val2'}, back.labels)

    def test_cluster_with_template(self):
        values = utils.get_test_cluster(id=2)
        values['cluster_template'] = objects.ClusterTemplate(
            **utils.get_test_cluster_template(id=1))
        back = self._check(objects.Cluster, values)
        self.assertEqual('clustermodel1', back.cluster_template.name)

    def test_nodegroup(self):
        values = utils.get_test_nodegroup(id=3, node_taints=[
            {'key': 'k', 'effect': 'NoSchedule'}])
        back = self._check(objects.NodeGroup, values)
        self.assertEqual('NoSchedule', back.node_taints[0]['effect'])

    def test_x509keypair(self):
        self._check(objects.X509KeyPair, utils.get_test_x509keypair(id=4))

    def test_magnum_service(self):
        seen = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
        back = self._check(objects.MagnumService,
                           utils.get_test_magnum_service(id=5,
                                                         last_seen_up=seen))
        self.assertEqual(seen, back.last_seen_up)

    def test_quota(self):
        self._check(objects.Quota, utils.get_test_quota(id=6))

    def test_operation(self):
        back = self._check(objects.Operation, utils.get_test_operation(
            id=7, params={'nodes_to_remove': ['a', 'b'], 'node_count': 2}))
        self.assertEqual(['a', 'b'], back.params['nodes_to_remove'])

    def test_list_of_objects(self):
        quotas = [objects.Quota(**utils.get_test_quota(id=i))
                  for i in (1, 2)]
        _primitive, back = _roundtrip(quotas)
        self.assertEqual([1, 2], [q.id for q in back])
