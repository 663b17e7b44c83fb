"""Stack names, timeouts and the heatclient calls."""

from unittest import mock

from heatclient import exc as heat_exc

from magnum.common import exception
from magnum.drivers.heat import render
from magnum.drivers.heat import stack
from magnum.tests import base


class TestNames(base.TestCase):

    def test_cluster_stack_name(self):
        self.assertEqual('my-cluster-one-abcdefghijkl',
                         stack.stack_name('My_Cluster.one', 'ABCDEFGHIJKL'))

    def test_invalid_characters_dropped_and_cut_to_30(self):
        name = stack.stack_name('a' * 28 + '!@b_c.d', 'x' * 12)
        self.assertEqual('a' * 28 + '-' + 'x' * 12, name)

    def test_random_short_id(self):
        name = stack.stack_name('c')
        self.assertRegex(name, '^c-[a-z2-7]{12}$')
        self.assertNotEqual(name, stack.stack_name('c'))

    def test_nodegroup_stack_name(self):
        self.assertEqual(
            'cluster-with-a-long--gpu-worke-zzzzzzzzzzzz',
            stack.nodegroup_stack_name('cluster_with_a_long_name',
                                       'gpu.workers', 'z' * 12))

    def test_timeout_falls_back_to_config(self):
        self.config(group='cluster_heat', create_timeout=42)
        self.assertEqual(42, stack.timeout_minutes(None))
        self.assertEqual(7, stack.timeout_minutes(7))


class TestClient(base.TestCase):

    def setUp(self):
        super().setUp()
        self.heat = mock.Mock()
        self.client = stack.StackClient(None, heat=self.heat)
        self.rendered = render.Rendered(
            template_path='/t/cluster.yaml', parameters={'a': 1},
            environment_files=('/t/environments/one.yaml',))
        patcher = mock.patch.object(stack, '_template_and_files',
                                    autospec=True,
                                    return_value=('T', {'f': 'x'}, {'e': 1}))
        self.contents = patcher.start()
        self.addCleanup(patcher.stop)

    def test_create(self):
        self.heat.stacks.create.return_value = {'stack': {'id': 'sid'}}
        self.assertEqual('sid', self.client.create('n', self.rendered, 60))
        self.heat.stacks.create.assert_called_once_with(
            stack_name='n', template='T', files={'f': 'x'},
            environment={'e': 1}, parameters={'a': 1}, timeout_mins=60,
            disable_rollback=True)

    def test_create_400_is_invalid(self):
        self.heat.stacks.create.side_effect = heat_exc.HTTPBadRequest(
            'Property error')
        error = self.assertRaises(exception.InvalidParameterValue,
                                  self.client.create, 'n', self.rendered, 1)
        self.assertIn('Heat refused to create', str(error))

    def test_create_tagged(self):
        self.heat.stacks.create.return_value = {'stack': {'id': 'sid'}}
        self.client.create('n', self.rendered, 60, tag='magnum_cluster_u')
        self.assertEqual('magnum_cluster_u',
                         self.heat.stacks.create.call_args[1]['tags'])

    def test_find_tagged_skips_stacks_being_deleted(self):
        self.heat.stacks.list.return_value = [
            mock.Mock(id='gone', stack_status='DELETE_IN_PROGRESS'),
            mock.Mock(id='sid', stack_status='CREATE_IN_PROGRESS')]
        self.assertEqual('sid', self.client.find_tagged('t'))
        self.heat.stacks.list.assert_called_once_with(tags='t')

    def test_find_tagged_none(self):
        self.heat.stacks.list.return_value = []
        self.assertIsNone(self.client.find_tagged('t'))

    def test_update_patches(self):
        self.client.update('sid', {'number_of_minions': 3})
        self.heat.stacks.update.assert_called_once_with(
            'sid', existing=True, parameters={'number_of_minions': 3},
            disable_rollback=True)

    def test_get_missing_is_none(self):
        self.heat.stacks.get.side_effect = heat_exc.HTTPNotFound()
        self.assertIsNone(self.client.get('sid'))

    def test_get_outputs(self):
        self.heat.stacks.get.return_value = mock.Mock(
            id='sid', stack_status='CREATE_COMPLETE',
            stack_status_reason='done',
            outputs=[{'output_key': 'api_address', 'output_value': '1.2.3.4'}],
            parameters={'number_of_minions': '2'})
        view = self.client.get('sid')
        self.assertEqual({'api_address': '1.2.3.4'}, view.outputs)
        self.assertEqual('CREATE_COMPLETE', view.status)

    def test_delete_missing_is_fine(self):
        self.heat.stacks.delete.side_effect = heat_exc.HTTPNotFound()
        self.client.delete('sid')


class TestHeatForContext(base.TestCase):

    def test_session_from_keystone_auth(self):
        # Token, trust or service user alike (the status sync has no
        # token); magnum.common.keystone.auth decides.
        ctx = object()
        with mock.patch.object(stack.keystone_auth, 'session_for_context'
                               ) as session, \
                mock.patch.object(stack.heat_client, 'Client') as client:
            self.assertIs(client.return_value, stack.heat_for_context(ctx))
        session.assert_called_once_with(ctx)
        self.assertIs(session.return_value, client.call_args[1]['session'])


class TestEnvironmentMerge(base.TestCase):

    def test_extra_environment_files_come_last(self):
        self.config(group='cluster_heat',
                    extra_environment_files=['/etc/magnum/extra.yaml'])
        rendered = render.Rendered('/t/cluster.yaml', {}, ('/t/e.yaml',))
        with mock.patch.object(stack.template_utils, 'get_template_contents',
                               autospec=True, return_value=({}, 'T')), \
                mock.patch.object(
                    stack.template_utils,
                    'process_multiple_environments_and_files',
                    autospec=True, return_value=({}, {})) as merge:
            stack._template_and_files(rendered)
        merge.assert_called_once_with(
            env_paths=['/t/e.yaml', '/etc/magnum/extra.yaml'])
