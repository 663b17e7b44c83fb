"""HeatDriver operations against a fake stack client."""

from unittest import mock
from urllib import parse

import fixtures

from magnum.common import context as magnum_context
from magnum.common import exception
from magnum.drivers.heat import driver as heat_driver
from magnum.drivers.heat import inputs as heat_inputs
from magnum.drivers.heat import stack
from magnum.drivers.k8s_coreos import definition as k8s_definition
from magnum.drivers.k8s_coreos import driver as k8s_driver
from magnum.tests import base
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx


class FakeStacks:

    def __init__(self):
        self.calls = []
        self.views = {}
        self.tagged = {}

    def create(self, name, rendered, timeout, tag=None):
        self.calls.append(('create', name, rendered, timeout))
        self.tagged[tag] = 'stack-%d' % len(self.calls)
        return self.tagged[tag]

    def find_tagged(self, tag):
        return self.tagged.get(tag)

    def update(self, stack_id, parameters, rendered=None, rollback=False):
        self.calls.append(('update', stack_id, parameters))

    def delete(self, stack_id):
        self.calls.append(('delete', stack_id))

    def get(self, stack_id, with_outputs=True):
        return self.views.get(stack_id)


class Driver(k8s_driver.Driver):
    """The real driver with fake stacks, inputs and networking."""

    def __init__(self):
        self.fake = FakeStacks()
        self.ca = None
        self.contexts = []
        self.resolved_with_ca_keys = []

    def stacks(self, context):
        self.contexts.append(context)
        return self.fake

    def resolve_inputs(self, context, cluster, nodegroups, new_keys=True,
                       ca_keys=False):
        self.resolved_with_ca_keys.append(ca_keys)
        return fx.resolved()


class TestHeatDriver(base.TestCase):

    def setUp(self):
        super().setUp()
        self.driver = Driver()
        self.cluster = fx.cluster(stack_id='sid', status='CREATE_COMPLETE')

    def test_create_remembers_stack(self):
        cluster = fx.cluster()
        self.config(group='cluster_heat', create_timeout=33)
        self.driver.create_cluster(None, cluster, None)
        op, name, rendered, timeout = self.driver.fake.calls[0]
        self.assertRegex(name, '^my-cluster-one-[a-z2-7]{12}$')
        self.assertEqual(33, timeout)
        self.assertEqual('stack-1', cluster.stack_id)
        self.assertEqual(1, cluster.saves)
        self.assertEqual(['stack-1', 'stack-1'],
                         [ng.stack_id for ng in cluster.nodegroups])

    def test_resize_with_nodes_to_remove(self):
        worker = self.cluster.default_ng_worker
        self.driver.resize_cluster(
            None, self.cluster, 1,
            ['my-cluster-one-node-1', '7f0c2b3e-5a1d-4e8f-9b6c-0d1e2f3a4b5c',
             '0'], worker)
        self.assertEqual(
            [('update', 'sid', {
                'number_of_minions': 1,
                'minions_to_remove': [
                    '1', '7f0c2b3e-5a1d-4e8f-9b6c-0d1e2f3a4b5c', '0']})],
            self.driver.fake.calls)

    def test_resize_without_removal(self):
        self.driver.resize_cluster(None, self.cluster, 4, [],
                                   self.cluster.default_ng_worker)
        self.assertEqual([('update', 'sid', {'number_of_minions': 4})],
                         self.driver.fake.calls)

    def test_resize_master_refused(self):
        self.assertRaises(exception.MasterNGResizeNotSupported,
                          self.driver.resize_cluster, None, self.cluster, 3,
                          [], self.cluster.default_ng_master)

    def test_upgrade_is_a_rolling_update(self):
        ct = fx.template(image_id='new', labels={'kube_tag': 'v1.31.1'})
        self.driver.upgrade_cluster(None, self.cluster, ct, 2,
                                    self.cluster.default_ng_worker)
        self.assertEqual(
            [('update', 'sid', {'minion_image': 'new',
                                'minion_kube_tag': 'v1.31.1',
                                'max_batch_size': 2})],
            self.driver.fake.calls)

    def test_create_tags_the_stack(self):
        cluster = fx.cluster()
        self.driver.create_cluster(None, cluster, None)
        self.assertEqual({'magnum_cluster_%s' % cluster.uuid: 'stack-1'},
                         self.driver.fake.tagged)

    def test_create_adopts_the_stack_of_an_earlier_attempt(self):
        # The first attempt's conductor died before saving the stack id.
        cluster = fx.cluster()
        self.driver.fake.tagged['magnum_cluster_%s' % cluster.uuid] = 'old'
        self.driver.create_cluster(None, cluster, None)
        self.assertEqual([], self.driver.fake.calls)
        self.assertEqual('old', cluster.stack_id)

    def test_rotate_credential_pushes_to_every_stack(self):
        extra = fx.nodegroup('gpu', 'worker', 1, is_default=False,
                             stack_id='ng-sid')
        cluster = fx.cluster(stack_id='sid', trustee_password='n3w!')
        cluster.nodegroups.append(extra)
        self.driver.rotate_credential(None, cluster)
        self.assertEqual(['sid', 'ng-sid'],
                         [c[1] for c in self.driver.fake.calls])
        self.assertEqual('n3w%21',
                         self.driver.fake.calls[0][2]['trustee_password'])

    def test_only_the_cluster_stack_gets_the_ca_keys(self):
        self.driver.create_cluster(None, fx.cluster(), None)
        self.driver.fake.views['sid'] = stack.StackView(
            'sid', 'CREATE_COMPLETE', None, {}, {})
        self.driver.create_nodegroup(
            None, self.cluster, fx.nodegroup('gpu', 'worker', 2,
                                             is_default=False))
        self.assertEqual([True, False], self.driver.resolved_with_ca_keys)

    def test_create_nodegroup_uses_cluster_outputs(self):
        self.driver.fake.views['sid'] = stack.StackView(
            'sid', 'CREATE_COMPLETE', None,
            {'api_private_address': '10.0.0.9', 'network_id': 'n',
             'subnet_id': 's', 'worker_security_group': 'sg'}, {})
        ng = fx.nodegroup('gpu', 'worker', 2, is_default=False)
        self.driver.create_nodegroup(None, self.cluster, ng)
        op, name, rendered, _timeout = self.driver.fake.calls[0]
        self.assertTrue(name.startswith('my-cluster-one-gpu-'))
        self.assertEqual('10.0.0.9',
                         rendered.parameters['existing_master_private_ip'])
        self.assertEqual('stack-1', ng.stack_id)

    def test_delete_removes_nodegroup_stacks_first(self):
        self.cluster.nodegroups.append(fx.nodegroup(
            'gpu', 'worker', 1, is_default=False, stack_id='ng-sid'))
        self.driver.delete_cluster(None, self.cluster)
        self.assertEqual([('delete', 'ng-sid'), ('delete', 'sid')],
                         self.driver.fake.calls)

    def test_delete_finds_a_stack_whose_id_was_never_saved(self):
        cluster = fx.cluster()
        self.driver.fake.tagged['magnum_cluster_%s' % cluster.uuid] = 'lost'
        self.driver.delete_cluster(None, cluster)
        self.assertEqual([('delete', 'lost')], self.driver.fake.calls)
        self.assertEqual('lost', cluster.stack_id)

    def test_delete_without_any_stack(self):
        cluster = fx.cluster()
        self.driver.delete_cluster(None, cluster)
        self.assertEqual([], self.driver.fake.calls)
        self.assertIsNone(cluster.stack_id)

    def test_delete_default_nodegroup_refused(self):
        self.assertRaises(exception.DeletingDefaultNGNotSupported,
                          self.driver.delete_nodegroup, None, self.cluster,
                          self.cluster.default_ng_worker)

    def test_observe(self):
        self.driver.fake.views['sid'] = stack.StackView(
            'sid', 'CREATE_COMPLETE', None,
            {'api_address': '1.2.3.4'}, {})
        self.cluster.nodegroups[0].stack_id = 'sid'
        got = self.driver.observe_cluster(None, self.cluster)
        self.assertEqual('https://1.2.3.4:6443', got.api_address)

    def test_observe_reads_through_the_trust(self):
        admin = magnum_context.make_admin_context(all_tenants=True)
        self.driver.observe_cluster(admin, self.cluster)
        used = self.driver.contexts[-1]
        self.assertEqual(('trust-1', 'trustee-id', 'p@ss word',
                          'demo-project'),
                         (used.trust_id, used.user_id, used.password,
                          used.project_id))
        self.assertFalse(used.is_admin)

    def test_observe_without_trust_uses_the_context(self):
        admin = magnum_context.make_admin_context(all_tenants=True)
        cluster = fx.cluster(stack_id='sid', trust_id=None)
        self.driver.observe_cluster(admin, cluster)
        self.assertIs(admin, self.driver.contexts[-1])


class TestRotateCa(base.TestCase):
    """CA rotation pushes the new CAs, their keys to the masters only."""

    def setUp(self):
        super().setUp()
        self.driver = Driver()
        self.cluster = fx.cluster(stack_id='sid', ca_cert_ref='ref')
        self.cluster.nodegroups.append(fx.nodegroup(
            'gpu', 'worker', 1, is_default=False, stack_id='ng-sid'))
        self.cas = self.useFixture(fixtures.MockPatchObject(
            heat_inputs, 'cluster_cas', autospec=True,
            return_value=dict(fx.CAS))).mock

    def _pushed(self):
        return {call[1]: {name: parse.unquote(value)
                          for name, value in call[2].items()}
                for call in self.driver.fake.calls}

    def test_masters_get_keys_and_workers_the_pin(self):
        self.driver.rotate_ca_certificate('ctx', self.cluster)
        self.cas.assert_called_once_with('ctx', self.cluster,
                                         with_keys=True)
        pushed = self._pushed()
        self.assertEqual(['sid', 'ng-sid'],
                         [c[1] for c in self.driver.fake.calls])
        self.assertEqual(fx.CAS, pushed['sid'])
        self.assertEqual({'ca_cert': fx.CAS['ca_cert'],
                          'ca_cert_hash': fx.CAS['ca_cert_hash']},
                         pushed['ng-sid'])

    def test_without_a_ca_nothing_is_pushed(self):
        self.cas.return_value = dict.fromkeys(heat_inputs.CA_FIELDS, '')
        self.assertRaises(exception.InvalidParameterValue,
                          self.driver.rotate_ca_certificate, None,
                          self.cluster)
        self.assertEqual([], self.driver.fake.calls)

    def test_a_stack_of_an_older_template_gets_what_it_declares(self):
        logger = self.useFixture(fixtures.FakeLogger(level='DEBUG'))
        older = {'ca_cert': '******', 'trust_id': '******'}
        self.driver.fake.views['sid'] = stack.StackView(
            'sid', 'CREATE_COMPLETE', None, {}, older)
        self.driver.rotate_ca_certificate(None, self.cluster)
        pushed = self._pushed()
        self.assertEqual({'ca_cert': fx.CAS['ca_cert']}, pushed['sid'])
        self.assertIn('ca_key', logger.output)
        for name in k8s_definition.CA_KEY_PARAMETERS:
            self.assertNotIn(fx.CAS[name].splitlines()[1], logger.output)
            self.assertNotIn(parse.quote(fx.CAS[name], safe=''),
                             logger.output)


class TestCheckTemplate(base.TestCase):

    def test_both_validations_check_the_template(self):
        driver = k8s_driver.Driver()
        ct = fx.template()
        cluster = fx.cluster(ct)
        cluster.master_count = 1
        with mock.patch.object(k8s_driver.Driver, 'check_template') as check:
            driver.validate_cluster_template(None, ct)
            driver.validate_cluster(None, cluster, ct)
        self.assertEqual([mock.call(ct), mock.call(ct)], check.call_args_list)

    def test_drivers_are_checked_only_when_listed(self):
        class AnyDrivers(k8s_driver.Driver):
            network_drivers = volume_drivers = None

        AnyDrivers().check_template(fx.template(network_driver='weave',
                                                volume_driver='manila'))
        self.assertRaises(exception.InvalidParameterValue,
                          k8s_driver.Driver().check_template,
                          fx.template(volume_driver='manila'))


class TestSessions(base.TestCase):

    def test_token_data_uses_the_callers_catalog(self):
        ctx = magnum_context.make_context(auth_token='t',
                                          auth_token_info={'token': {}})
        with mock.patch.object(heat_driver.cloud_session,
                               'session_for_context') as cloud:
            self.assertIs(cloud.return_value,
                          heat_driver.cloud_session_for(ctx))
        cloud.assert_called_once_with(ctx)

    def test_trust_or_service_through_keystone_auth(self):
        ctx = magnum_context.RequestContext(trust_id='t', password='p',
                                            user_id='u')
        with mock.patch.object(heat_driver.keystone_auth,
                               'session_for_context') as auth:
            self.assertIs(auth.return_value,
                          heat_driver.cloud_session_for(ctx))
        auth.assert_called_once_with(ctx)


class TestRemovalList(base.TestCase):

    def test_entries(self):
        self.assertEqual(['2', 'node', '5'], heat_driver.removal_list(
            ['c-node-2', 'node', ' 5 ', '']))
