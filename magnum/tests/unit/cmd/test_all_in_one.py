"""magnum-all-in-one: API and conductor in one process, needing nothing.

The command runs as a child process with only a state directory and a
port configured: its defaults (sqlite, the in-process transport, noauth,
offline look-ups, the fake driver) must carry a cluster to
CREATE_COMPLETE over HTTP, and SIGTERM must stop it cleanly.
"""

import json
import os
import signal
import urllib.request

from magnum.cmd import all_in_one
from magnum.common import rpc
from magnum.tests import base
from magnum.tests import fixtures as magnum_fixtures

HEADERS = {'X-User-Id': 'dev-user', 'X-Project-Id': 'dev-project',
           'X-Roles': 'member,reader', 'Content-Type': 'application/json',
           'Accept': 'application/json'}


def _call(url, method='GET', body=None, roles=None):
    data = None if body is None else json.dumps(body).encode()
    headers = dict(HEADERS, **({'X-Roles': roles} if roles else {}))
    request = urllib.request.Request(url, data=data, method=method,
                                     headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read() or b'null')


class DefaultsTest(base.TestCase):

    def test_development_defaults_yield_to_configuration(self):
        self.addCleanup(self._reset_defaults)
        all_in_one.set_development_defaults()
        self.assertEqual(rpc.IN_PROCESS_URL, self.conf.transport_url)
        self.assertEqual('noauth', self.conf.api.auth_strategy)
        self.assertEqual('offline', self.conf.api.cloud_lookups)
        self.assertTrue(self.conf.state_path.endswith('magnum-all-in-one'))
        self.config(auth_strategy='keystone', group='api')
        self.assertEqual('keystone', self.conf.api.auth_strategy)

    def _reset_defaults(self):
        for name, group in (('transport_url', None), ('state_path', None),
                            ('auth_strategy', 'api'),
                            ('cloud_lookups', 'api'), ('workers', 'api'),
                            ('status_sync_interval', 'conductor'),
                            ('max_retries', 'database')):
            self.conf.clear_default(name, group=group)


class AllInOneProcessTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.aio = self.useFixture(magnum_fixtures.AllInOne())
        self.url = self.aio.url

    def test_a_cluster_reaches_create_complete_and_sigterm_stops(self):
        status, template = _call(self.url + '/clustertemplates', 'POST', {
            'name': 'dev', 'coe': 'kubernetes', 'image_id': 'any-image',
            'external_network_id': 'public', 'keypair_id': 'dev-key'})
        self.assertEqual(201, status)
        # Offline look-ups: any image is the fake driver's.
        self.assertEqual('fake', template['cluster_distro'])
        status, created = _call(self.url + '/clusters', 'POST', {
            'name': 'dev-cluster', 'cluster_template_id': 'dev',
            'master_count': 1, 'node_count': 2})
        self.assertEqual(202, status)

        def complete():
            cluster = _call(self.url + '/clusters/' + created['uuid'])[1]
            self.assertNotIn('FAILED', cluster['status'],
                             cluster['status_reason'])
            return cluster['status'] == 'CREATE_COMPLETE' and cluster
        cluster = self.aio.wait('CREATE_COMPLETE', complete)
        self.assertEqual(2, len(cluster['node_addresses']))
        self.assertTrue(os.path.exists(
            os.path.join(self.aio.state, 'magnum.sqlite')))
        services = _call(self.url + '/mservices',
                         roles='admin')[1]['mservices']
        self.assertEqual(['magnum-conductor'],
                         [s['binary'] for s in services])

        self.aio.process.send_signal(signal.SIGTERM)
        self.assertEqual(0, self.aio.process.wait(60), self.aio.output())
        self.assertNotIn('Traceback', self.aio.output())
