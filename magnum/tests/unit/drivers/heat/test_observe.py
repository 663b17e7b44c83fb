"""Stacks to observations."""

from magnum.drivers.heat import observe
from magnum.drivers.heat import stack
from magnum.tests import base
from magnum.tests.unit.drivers.k8s_coreos import fixtures as fx

OUTPUTS = {'api_address': '172.24.4.10',
           'kube_masters': ['172.24.4.10'],
           'kube_masters_private': ['10.0.0.3'],
           'kube_minions': ['172.24.4.11', None],
           'kube_minions_private': ['10.0.0.4', '10.0.0.5']}
PARAMS = {'number_of_masters': '1', 'number_of_minions': '2'}


def _view(status, sid='sid', reason='', outputs=OUTPUTS, params=PARAMS):
    return stack.StackView(id=sid, status=status, status_reason=reason,
                           outputs=outputs, parameters=params)


def _cluster(status='CREATE_IN_PROGRESS', extra=None):
    ngs = [fx.nodegroup('default-master', 'master', 1, stack_id='sid'),
           fx.nodegroup('default-worker', 'worker', 2, stack_id='sid')]
    ngs += extra or []
    return fx.cluster(nodegroups=ngs, stack_id='sid', status=status)


class TestObserve(base.TestCase):

    def test_complete_with_floating_ips(self):
        got = observe.observe(_cluster(), {'sid': _view('CREATE_COMPLETE')},
                              False, True)
        self.assertEqual('CREATE_COMPLETE', got.status)
        self.assertEqual('https://172.24.4.10:6443', got.api_address)
        self.assertEqual(['172.24.4.10'], got.master_addresses)
        self.assertEqual(['172.24.4.11'], got.node_addresses)
        self.assertEqual(2, got.nodegroups['ng-default-worker'].node_count)

    def test_private_addresses_without_floating_ips(self):
        got = observe.observe(_cluster(), {'sid': _view('CREATE_COMPLETE')},
                              True, False)
        self.assertEqual('http://172.24.4.10:8080', got.api_address)
        self.assertEqual(['10.0.0.4', '10.0.0.5'], got.node_addresses)

    def test_missing_stack(self):
        for previous, expected in (
                ('CREATE_IN_PROGRESS', 'CREATE_FAILED'),
                ('UPDATE_IN_PROGRESS', 'UPDATE_FAILED'),
                ('DELETE_IN_PROGRESS', 'DELETE_COMPLETE')):
            got = observe.observe(_cluster(previous), {'sid': None},
                                  False, True)
            self.assertEqual(expected, got.status)
            if expected != 'DELETE_COMPLETE':
                self.assertEqual('Stack with id sid not found in Heat.',
                                 got.status_reason)

    def test_create_complete_after_nodegroup_operation(self):
        got = observe.observe(_cluster('UPDATE_IN_PROGRESS'),
                              {'sid': _view('CREATE_COMPLETE')}, False, True)
        self.assertEqual('UPDATE_COMPLETE', got.status)

    def test_failed_extra_nodegroup(self):
        extra = fx.nodegroup('gpu', 'worker', 1, is_default=False,
                             stack_id='ng-sid', status='CREATE_IN_PROGRESS')
        views = {'sid': _view('CREATE_COMPLETE'),
                 'ng-sid': _view('CREATE_FAILED', 'ng-sid', 'no hosts',
                                 {}, {'number_of_minions': '1'})}
        got = observe.observe(_cluster('UPDATE_IN_PROGRESS', [extra]), views,
                              False, True)
        self.assertEqual('UPDATE_FAILED', got.status)
        self.assertEqual('gpu failed: no hosts', got.status_reason)
        self.assertEqual('CREATE_FAILED', got.nodegroups['ng-gpu'].status)

    def test_extra_nodegroup_in_progress_wins(self):
        extra = fx.nodegroup('gpu', 'worker', 1, is_default=False,
                             stack_id='ng-sid')
        views = {'sid': _view('CREATE_COMPLETE'),
                 'ng-sid': _view('UPDATE_IN_PROGRESS', 'ng-sid')}
        got = observe.observe(_cluster('UPDATE_IN_PROGRESS', [extra]), views,
                              False, True)
        self.assertEqual('UPDATE_IN_PROGRESS', got.status)

    def test_unknown_heat_status(self):
        self.assertEqual('UPDATE_COMPLETE',
                         observe.known_status('SUSPEND_COMPLETE'))
