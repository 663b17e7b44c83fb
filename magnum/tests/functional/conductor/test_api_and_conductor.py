"""magnum-api and magnum-conductor as separate processes.

Both run over the machine's RabbitMQ (a vhost of the test's own) and
MariaDB (a throw-away database), with the fake driver; the test speaks
HTTP to the API only, as a client would, and follows a cluster through
create, resize, nodegroup create and delete, upgrade and delete.

The API runs with ``auth_strategy = noauth``, which carries no Keystone
token, so its cloud look-ups (image, flavors, keypair, networks) are
``[api] cloud_lookups = offline``; templates, clusters and nodegroups
are all created through the API.
"""

import time

import requests

from magnum.tests.functional.conductor import process_fixtures
from magnum.tests.unit.db import utils

TIMEOUT = process_fixtures.TIMEOUT


class ApiAndConductorTest(process_fixtures.ServicesTestCase):

    def setUp(self):
        super().setUp()
        self.start_conductor('conductor')
        self.wait_for_conductor('conductor')
        self.url = self.start_api() + '/v1'
        self.session = requests.Session()
        self.session.headers.update({
            'X-User-Id': utils.USER_ID,
            'X-Project-Id': utils.PROJECT_ID,
            'X-Roles': 'member,reader',
            'OpenStack-API-Version': 'container-infra 1.14',
        })
        self.addCleanup(self.session.close)

    def call(self, method, path, expected, **kwargs):
        response = self.session.request(method, self.url + path,
                                        timeout=TIMEOUT, **kwargs)
        self.assertEqual(expected, response.status_code,
                         '%s %s: %s' % (method, path, response.text))
        return response.json() if response.content else None

    def wait(self, path, check, what, timeout=TIMEOUT):
        """Poll GET ``path`` until ``check(status code, body)`` is true.
        """
        deadline = time.time() + timeout
        while True:
            response = self.session.get(self.url + path, timeout=TIMEOUT)
            body = response.json() if response.content else None
            if check(response.status_code, body):
                return body
            if time.time() > deadline:
                self.fail('%s: still %s %s after %ss'
                          % (what, response.status_code, body, timeout))
            time.sleep(0.5)

    def wait_for_cluster(self, cluster, wanted):
        body = self.wait(
            '/clusters/%s' % cluster,
            lambda code, body: code == 200 and (
                body['status'] == wanted or body['status'].endswith(
                    '_FAILED')),
            'cluster %s to be %s' % (cluster, wanted))
        self.assertEqual(wanted, body['status'], body.get('status_reason'))
        return body

    def create_template(self, name):
        return self.call('POST', '/clustertemplates', 201, json={
            'name': name, 'coe': 'kubernetes', 'image_id': 'fake-image',
            'external_network_id': 'public', 'flavor_id': 'm1.small',
            'master_flavor_id': 'm1.small', 'labels': {},
        })['uuid']

    def test_cluster_lifecycle_through_the_api(self):
        first = self.create_template('fake-1')
        second = self.create_template('fake-2')
        self.assertEqual('fake', self.call(
            'GET', '/clustertemplates/%s' % first, 200)['cluster_distro'])

        # create
        cluster = self.call('POST', '/clusters', 202, json={
            'name': 'lifecycle', 'cluster_template_id': first,
            'master_count': 1, 'node_count': 1})['uuid']
        body = self.wait_for_cluster(cluster, 'CREATE_COMPLETE')
        self.assertEqual(1, body['node_count'])
        self.assertEqual('https://192.0.2.1:6443', body['api_address'])

        # resize
        self.call('POST', '/clusters/%s/actions/resize' % cluster, 202,
                  json={'node_count': 3})
        body = self.wait_for_cluster(cluster, 'UPDATE_COMPLETE')
        self.assertEqual(3, body['node_count'])
        self.assertEqual(3, len(body['node_addresses']))

        # nodegroup create
        created = self.call('POST', '/clusters/%s/nodegroups' % cluster,
                            202, json={'name': 'extra', 'node_count': 2})
        self.assertEqual('CREATE_IN_PROGRESS', created['status'])
        group = self.wait(
            '/clusters/%s/nodegroups/extra' % cluster,
            lambda code, body: code == 200 and not body['status'].endswith(
                '_IN_PROGRESS'), 'nodegroup extra to be created')
        self.assertEqual('CREATE_COMPLETE', group['status'],
                         group.get('status_reason'))
        self.assertEqual(2, group['node_count'])
        self.assertEqual(2, len(group['node_addresses']))
        body = self.wait_for_cluster(cluster, 'UPDATE_COMPLETE')
        self.assertEqual(5, body['node_count'])

        # nodegroup delete
        self.call('DELETE', '/clusters/%s/nodegroups/extra' % cluster, 204)
        self.wait('/clusters/%s/nodegroups/extra' % cluster,
                  lambda code, body: code == 404,
                  'nodegroup extra to be gone')
        names = [ng['name'] for ng in self.call(
            'GET', '/clusters/%s/nodegroups' % cluster, 200)['nodegroups']]
        self.assertEqual(['default-master', 'default-worker'], sorted(names))
        body = self.wait_for_cluster(cluster, 'UPDATE_COMPLETE')
        self.assertEqual(3, body['node_count'])

        # upgrade to the second template
        self.call('POST', '/clusters/%s/actions/upgrade' % cluster, 202,
                  json={'cluster_template': second})
        body = self.wait_for_cluster(cluster, 'UPDATE_COMPLETE')
        self.assertEqual(second, body['cluster_template_id'])

        # delete
        self.call('DELETE', '/clusters/%s' % cluster, 204)
        self.wait('/clusters/%s' % cluster, lambda code, body: code == 404,
                  'cluster %s to be gone' % cluster)
        self.assertEqual([], self.call('GET', '/clusters', 200)['clusters'])
        # Every operation of the cluster ran once and succeeded.
        operations = self.operations(cluster)
        self.assertEqual(
            ['create_cluster', 'resize_cluster', 'create_nodegroup',
             'delete_nodegroup', 'upgrade_cluster', 'delete_cluster'],
            [op['name'] for op in operations])
        self.assertEqual({('succeeded', 1)},
                         {(op['state'], op['attempts'])
                          for op in operations})
