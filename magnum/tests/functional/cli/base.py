"""What the ``openstack coe`` CLI suites share: the test case that loads
the local cloud and its users' CLIs, waits on clusters and nodegroups,
and parses what magnumclient prints.

Each command runs as a subprocess of the local cloud's ``openstack`` CLI
with the demo user's environment (the admin's for quotas and the service
list), with ``-f json`` where the command has it, and the tests assert on
what the command printed, not only on its exit status: several
magnumclient commands print their failure and still exit 0.  Whatever a
test creates is deleted by its cleanups, which run even when it fails.

The tests skip when ``cloud.json`` (``MAGNUM_LOCALCLOUD``, else the
checkout's ``.localcloud/cloud.json``) is absent or magnum-api does not
answer on 127.0.0.1:9511; ``MAGNUM_TEST_REQUIRE_SERVICES=1`` makes that a
failure.  ``MAGNUM_CLI_TIMEOUT`` (seconds, default 480) bounds every wait
for a cluster or nodegroup status.
"""

import contextlib
import os
import re
import uuid

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography import x509
from cryptography.x509.oid import NameOID
import fixtures
from oslotest import base as oslo_base

from magnum.tests import cloudcli
from magnum.tests import services

TIMEOUT = int(os.environ.get('MAGNUM_CLI_TIMEOUT', 480))
POLL = 4.0

UUID_RE = r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
# The upstream text the template create of an image without os_distro
# keeps, and the fix SPEC.md requires it to name.
OS_DISTRO_TEXT = 'Cluster type (vm, None, kubernetes) not supported'
OS_DISTRO_FIX = 'openstack image set --property os_distro='


def unique(prefix):
    """Return a name no other test run uses."""
    return 'cli-%s-%s' % (prefix, uuid.uuid4().hex[:6])


def parse_table(stdout):
    """Return the rows of a prettytable (magnumclient's print_dict and
    print_list) as dicts keyed by the header.

    A row whose first cell is empty continues the previous row's cells
    (print_dict splits multi-line values that way).
    """
    header = None
    rows = []
    for line in stdout.splitlines():
        if not line.startswith('|'):
            continue
        cells = [cell.strip() for cell in line.strip().strip('|').split('|')]
        if header is None:
            header = cells
            continue
        if rows and cells[0] == '' and len(cells) == len(header):
            for key, cell in zip(header[1:], cells[1:]):
                rows[-1][key] += '\n' + cell
            continue
        rows.append(dict(zip(header, cells)))
    if header is None:
        raise AssertionError('no table in: %r' % stdout)
    return rows


def table_dict(stdout):
    """Return a print_dict table as {property: value}."""
    return {row['Property']: row['Value'] for row in parse_table(stdout)}


def wait_for(what, probe, timeout=TIMEOUT, interval=POLL):
    """:func:`cloudcli.wait_for` with this suite's timeout and interval."""
    return cloudcli.wait_for(what, probe, timeout, interval)


class CoeCliTestCase(oslo_base.BaseTestCase):
    """Loads the cloud and its CLIs; skips (or fails) without them."""

    def setUp(self):
        super().setUp()
        reason = cloudcli.missing_cloud()
        if reason:
            services.skip_or_fail(self, reason)
        self.cloud = cloudcli.load()
        self.demo = cloudcli.Cli(self.cloud,
                                 self.cloud['files']['demo_openrc'])
        self.admin = cloudcli.Cli(self.cloud,
                                  self.cloud['files']['admin_openrc'])
        self.project_id = self.cloud['demo']['project_id']
        self.tmp = self.useFixture(fixtures.TempDir()).path
        self.failed_checks = []

    @contextlib.contextmanager
    def step(self, command, fatal=True):
        """Name the ``openstack coe`` command a failure came from.

        A failed check that leaves nothing in a state the next steps can't
        use (``fatal=False``) is recorded, the test goes on, and
        :meth:`assert_no_failed_checks` reports it at the end.
        """
        try:
            yield
        except AssertionError as exc:
            failure = '%s: %s' % (command, exc)
            if fatal:
                raise AssertionError('\n\n'.join(
                    self.failed_checks + [failure])) from exc
            self.failed_checks.append(failure)

    def assert_no_failed_checks(self):
        if self.failed_checks:
            self.fail('\n\n'.join(self.failed_checks))

    # -- templates --------------------------------------------------------

    def template_argv(self, name, *extra, image=None):
        cloud = self.cloud
        return ('coe', 'cluster', 'template', 'create', name,
                '--coe', 'kubernetes',
                '--image', image or cloud['image_with_os_distro'],
                '--external-network', cloud['external_network'],
                '--flavor', cloud['flavor'],
                '--master-flavor', cloud['master_flavor'],
                '--keypair', cloud['keypair'],
                '--network-driver', 'flannel',
                '--docker-storage-driver', 'overlay2',
                '--dns-nameserver', '8.8.8.8') + extra

    def create_template(self, *extra):
        """Create a template (deleted after the test); return its JSON."""
        name = unique('template')
        # The cleanup goes first: a create that fails half-way leaves
        # nothing behind either.
        self.addCleanup(self.delete_template, name)
        template = self.demo.json(*self.template_argv(name, *extra))
        self.addCleanup(self.delete_template, template['uuid'])
        return template

    def delete_template(self, ident):
        """Delete a template; a missing one is fine."""
        self.demo.run('coe', 'cluster', 'template', 'delete', ident,
                      check=False)

    # -- clusters ---------------------------------------------------------

    def cluster(self, ident):
        """Return the cluster as ``coe cluster show`` gives it, or None."""
        return self.demo.show('coe', 'cluster', 'show', ident)

    def wait_cluster(self, ident, wanted):
        """Wait until the cluster's status is ``wanted``; return it."""
        return cloudcli.wait_status('cluster %s' % ident,
                                    lambda: self.cluster(ident), wanted,
                                    TIMEOUT, POLL)

    def wait_settled(self, ident):
        """Wait until the cluster has no operation in progress."""
        def probe():
            cluster = self.cluster(ident)
            if cluster is None:
                raise AssertionError('cluster %s vanished' % ident)
            if cluster['status'].endswith('_IN_PROGRESS'):
                return None
            return cluster
        return wait_for('cluster %s settled' % ident, probe)

    def delete_cluster(self, ident):
        """Delete a cluster (if it exists) and wait until it is gone."""
        cloudcli.delete_cluster(self.demo, self.cluster, ident, TIMEOUT,
                                POLL)

    def servers(self, name, role='node'):
        """Return {server id: name} of cluster ``name``'s default
        nodegroup servers of ``role`` (``node`` or ``master``).

        Nova lists them to the demo user, whose project owns them.
        """
        servers = self.demo.json('server', 'list', '-c', 'ID', '-c', 'Name')
        pattern = re.compile(r'^%s-%s-\d+$' % (re.escape(name), role))
        return {server['ID']: server['Name'] for server in servers
                if pattern.match(server['Name'])}

    def workers(self, name):
        """Return {server id: name} of cluster ``name``'s default workers.
        """
        return self.servers(name, 'node')

    # -- nodegroups -------------------------------------------------------

    def nodegroup(self, cluster, name):
        """Return the nodegroup as ``coe nodegroup show`` gives it, or
        None.
        """
        return self.demo.show('coe', 'nodegroup', 'show', cluster, name)

    def wait_nodegroup(self, cluster, name, wanted):
        """Wait until the nodegroup's status is ``wanted``; return it."""
        return cloudcli.wait_status('nodegroup %s' % name,
                                    lambda: self.nodegroup(cluster, name),
                                    wanted, TIMEOUT, POLL)

    # -- certificates -----------------------------------------------------

    def make_csr(self):
        """Write a CSR for CN=admin, O=system:masters; return its path."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        csr = x509.CertificateSigningRequestBuilder().subject_name(
            x509.Name([
                x509.NameAttribute(NameOID.COMMON_NAME, 'admin'),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                                   'system:masters'),
            ])).sign(key, hashes.SHA256())
        path = os.path.join(self.tmp, 'client-%s.csr' % uuid.uuid4().hex)
        with open(path, 'wb') as csr_file:
            csr_file.write(csr.public_bytes(serialization.Encoding.PEM))
        return path, key

    def sign(self, ident):
        """``coe ca sign`` a fresh CSR; return the signed certificate."""
        path, key = self.make_csr()
        result = self.demo.run('coe', 'ca', 'sign', ident, path)
        signed = cloudcli.certificates(result.stdout)
        self.assertEqual(1, len(signed), result.stdout)
        certificate = signed[0]
        self.assertEqual(
            'admin', certificate.subject.get_attributes_for_oid(
                NameOID.COMMON_NAME)[0].value)
        self.assertEqual(
            key.public_key().public_numbers(),
            certificate.public_key().public_numbers())
        return certificate
