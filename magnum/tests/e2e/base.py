"""Base class of the end-to-end tests: the cloud, the CLI, clusters.

Every test skips when there is no local cloud (no cloud.json) or
magnum-api does not answer on 9511, unless
``MAGNUM_TEST_REQUIRE_SERVICES=1`` turns that into a failure.  Clusters
made by a test are deleted by its cleanups, and the deletion is awaited.
"""

import os
import time
import unittest
import uuid

from magnum.tests import cloudcli
from magnum.tests.e2e import cloud as cloud_mod
from magnum.tests import services

CREATE_TIMEOUT = int(os.environ.get('MAGNUM_E2E_CREATE_TIMEOUT', 600))
UPDATE_TIMEOUT = int(os.environ.get('MAGNUM_E2E_UPDATE_TIMEOUT', 600))
DELETE_TIMEOUT = int(os.environ.get('MAGNUM_E2E_DELETE_TIMEOUT', 600))


def unique(prefix):
    """Return a name no other test run uses."""
    return 'e2e-%s-%s' % (prefix, uuid.uuid4().hex[:6])


class Helpers(object):
    """What the test classes share; needs ``cls.cli`` and ``cls.services``.
    """

    cloud = None
    cli = None
    services = None

    @classmethod
    def prepare(cls):
        """Load the cloud; return a reason to skip, or None."""
        reason = cloudcli.missing_cloud()
        if reason:
            return reason
        cls.cloud = cloudcli.load()
        cls.cli = cloudcli.Cli(cls.cloud,
                               cls.cloud['files']['demo_openrc'])
        cls.services = cloud_mod.Services(cls.cloud)
        return None

    @classmethod
    def create_template(cls, name=None, *extra):
        """Create a cluster template on the image with os_distro."""
        cloud = cls.cloud
        name = name or unique('template')
        cls.cli.run('coe', 'cluster', 'template', 'create', name,
                    '--coe', 'kubernetes',
                    '--image', cloud['image_with_os_distro'],
                    '--external-network', cloud['external_network'],
                    '--flavor', cloud['flavor'],
                    '--master-flavor', cloud['master_flavor'],
                    '--keypair', cloud['keypair'], *extra)
        return cls.cli.json('coe', 'cluster', 'template', 'show', name)

    @classmethod
    def delete_template(cls, ident):
        """Delete a template; a missing one is fine."""
        cls.cli.run('coe', 'cluster', 'template', 'delete', ident,
                    check=False)

    @classmethod
    def start_cluster(cls, template, masters=1, nodes=1, name=None):
        """Ask for a cluster; return its uuid without waiting."""
        name = name or unique('cluster')
        cls.cli.run('coe', 'cluster', 'create', name,
                    '--cluster-template', template,
                    '--master-count', str(masters),
                    '--node-count', str(nodes))
        return cls.cli.json('coe', 'cluster', 'show', name)['uuid']

    @classmethod
    def show(cls, ident):
        """Return the cluster as the CLI shows it, or None when gone."""
        for attempt in range(5):
            try:
                return cls.cli.show('coe', 'cluster', 'show', ident)
            except (cloudcli.CliError, cloudcli.ApiUnreachable) as exc:
                # magnum-api restarting (tools/localcloud up): try again.
                error = exc
            time.sleep(3)
        raise error

    @classmethod
    def wait_status(cls, ident, wanted, timeout=CREATE_TIMEOUT):
        """Wait until the cluster reaches ``wanted``; return it.

        :raises AssertionError: on a ``*_FAILED`` status or a timeout,
            with the status reason.
        """
        return cloudcli.wait_status('cluster %s' % ident,
                                    lambda: cls.show(ident), wanted, timeout)

    @classmethod
    def delete_cluster(cls, ident, timeout=DELETE_TIMEOUT):
        """Delete a cluster and wait until the API no longer shows it."""
        cloudcli.delete_cluster(cls.cli, cls.show, ident, timeout)

    @classmethod
    def stack_ids(cls, cluster_uuid):
        """Return the stack ids of a cluster and of its nodegroups.

        The API shows ``stack_id`` to admins only, so they are read from
        magnum's database.
        """
        row = cls.services.cluster_row(cluster_uuid)
        stacks = {row['stack_id']} if row and row['stack_id'] else set()
        for ng in cls.services.db(
                'SELECT stack_id FROM nodegroup WHERE cluster_id = :uuid',
                uuid=cluster_uuid):
            if ng.stack_id:
                stacks.add(ng.stack_id)
        return stacks

    @classmethod
    def servers_of(cls, cluster_uuid):
        """Return {server id: heat resource path} of a cluster's stacks."""
        servers = {}
        for stack_id in cls.stack_ids(cluster_uuid):
            servers.update(cls.services.stack_servers(stack_id))
        return servers


class TestCase(Helpers, unittest.TestCase):
    """An end-to-end test; skips (or fails) without the local cloud."""

    def setUp(self):
        super().setUp()
        reason = type(self).prepare()
        if reason:
            services.skip_or_fail(self, reason)

    def new_template(self, *extra):
        """A template deleted after the test."""
        template = self.create_template(None, *extra)
        self.addCleanup(self.delete_template, template['uuid'])
        return template

    def new_cluster(self, template, masters=1, nodes=1, wait=True):
        """A cluster deleted (and awaited) after the test."""
        ident = self.start_cluster(template, masters, nodes)
        self.addCleanup(self.delete_cluster, ident)
        if wait:
            return self.wait_status(ident, 'CREATE_COMPLETE')
        return self.show(ident)


class SharedClusterTestCase(TestCase):
    """Read-only tests sharing one cluster, built once for the class."""

    shared = None
    shared_template = None
    shared_error = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.prepare():
            return
        try:
            cls.shared_template = cls.create_template()
            ident = cls.start_cluster(cls.shared_template['uuid'])
            cls.shared = {'uuid': ident}
            cls.shared = cls.wait_status(ident, 'CREATE_COMPLETE')
        except Exception as exc:
            cls.shared_error = exc

    @classmethod
    def tearDownClass(cls):
        if cls.shared:
            cls.delete_cluster(cls.shared['uuid'])
        if cls.shared_template:
            cls.delete_template(cls.shared_template['uuid'])
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        if self.shared_error is not None:
            self.fail('the shared cluster failed: %s' % self.shared_error)
