"""Every ``openstack coe`` command of python-magnumclient 5.x against a
live magnum-api on the local cloud (``tools/localcloud``): real Keystone,
Glance, Heat, Nova and Neutron.

Each command runs as a subprocess of the local cloud's ``openstack`` CLI
with the demo user's environment (the admin's for quotas and the service
list), with ``-f json`` where the command has it, and the test asserts on
what the command printed, not only on its exit status: several magnumclient
commands print their failure and still exit 0.

One cluster serves every cluster, nodegroup, certificate and credential
command, in a fixed order.  Whatever a test creates is deleted by its
cleanups, which run even when it fails.

The tests skip when ``cloud.json`` (``MAGNUM_LOCALCLOUD``, else the
checkout's ``.localcloud/cloud.json``) is absent or magnum-api does not
answer on 127.0.0.1:9511; ``MAGNUM_TEST_REQUIRE_SERVICES=1`` makes that a
failure.  ``MAGNUM_CLI_TIMEOUT`` (seconds, default 480) bounds every wait
for a cluster or nodegroup status.
"""

import contextlib
import json
import os
import re
import shlex
import subprocess
import time
import urllib.error
import urllib.request
import uuid

from cryptography import exceptions as crypto_exc
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography import x509
from cryptography.x509.oid import NameOID
import fixtures
from oslotest import base

from magnum.tests import services

ENV = 'MAGNUM_LOCALCLOUD'
_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))))
DEFAULT_PATH = os.path.join(_REPO, '.localcloud', 'cloud.json')
MAGNUM_ROOT = 'http://127.0.0.1:9511/'
TIMEOUT = int(os.environ.get('MAGNUM_CLI_TIMEOUT', 480))
POLL = 4.0

# What the CLI prints on import that says nothing about the command.
NOISE = ('blazarclient', "Could not load 'reservation", 'eventlet',
         'Eventlet', 'DeprecationWarning', 'warnings.warn')
# How magnumclient renders an HTTP error: "<title> (HTTP 400) (Request-ID".
HTTP_ERROR = re.compile(r'\(HTTP (\d{3})\)')
UUID_RE = r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
# The upstream text the template create of an image without os_distro
# keeps, and the fix SPEC.md requires it to name.
OS_DISTRO_TEXT = 'Cluster type (vm, None, kubernetes) not supported'
OS_DISTRO_FIX = 'openstack image set --property os_distro='


def cloud_json_path():
    """Return where cloud.json should be."""
    path = os.environ.get(ENV) or DEFAULT_PATH
    if os.path.isdir(path):
        path = os.path.join(path, 'cloud.json')
    return path


def magnum_answers(url=MAGNUM_ROOT, timeout=3.0):
    """Return True when magnum-api gives an HTTP answer below 500."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return True
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except (OSError, ValueError):
        return False


def unique(prefix):
    """Return a name no other test run uses."""
    return 'cli-%s-%s' % (prefix, uuid.uuid4().hex[:6])


def openrc_env(path):
    """Return the variables an openrc file exports."""
    env = {}
    with open(path) as openrc:
        for line in openrc:
            line = line.strip()
            if line.startswith('export ') and '=' in line:
                key, value = line[len('export '):].split('=', 1)
                env[key] = shlex.split(value)[0] if value else ''
    return env


def clean(text):
    """Drop the CLI's import-time noise from its output."""
    return '\n'.join(line for line in text.splitlines()
                     if line.strip() and
                     not any(word in line for word in NOISE))


def parse_json(stdout):
    """Return the JSON document a ``-f json`` command printed.

    ``cluster template create`` prints a line of its own before the
    document, so the document starts at the first line opening one.
    """
    lines = stdout.splitlines()
    for index, line in enumerate(lines):
        if line.startswith(('{', '[')):
            return json.loads('\n'.join(lines[index:]))
    raise AssertionError('no JSON document in: %r' % stdout)


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


def certificates(text):
    """Return the certificates of the PEM blocks in ``text``."""
    blocks = re.findall(r'-----BEGIN CERTIFICATE-----.+?'
                        r'-----END CERTIFICATE-----', text, re.S)
    if not blocks:
        raise AssertionError('no PEM certificate in: %r' % text)
    return [x509.load_pem_x509_certificate(block.encode())
            for block in blocks]


def issued_by(certificate, cas):
    """Return True when one of ``cas`` signed ``certificate``."""
    for ca in cas:
        try:
            certificate.verify_directly_issued_by(ca)
            return True
        except (crypto_exc.InvalidSignature, ValueError, TypeError):
            continue
    return False


class Result(object):
    """What one CLI run gave."""

    def __init__(self, argv, code, stdout, stderr):
        self.argv = argv
        self.code = code
        self.stdout = stdout
        self.stderr = clean(stderr)
        self.output = clean(stdout + '\n' + stderr)

    def __str__(self):
        return 'openstack %s exited %d:\n%s' % (
            ' '.join(self.argv), self.code, self.output)

    def unreachable(self):
        """Return True when the CLI could not connect at all."""
        return 'Unable to establish connection' in self.output

    def http_status(self):
        """Return the HTTP status magnumclient reported, or None."""
        match = HTTP_ERROR.search(self.output)
        return int(match.group(1)) if match else None


class Cli(object):
    """The local cloud's ``openstack`` CLI with one user's openrc."""

    def __init__(self, cloud, openrc):
        venv_bin = os.path.join(cloud['files']['venv'], 'bin')
        self.openstack = os.path.join(venv_bin, 'openstack')
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith('OS_')}
        self.env.update(openrc_env(openrc))
        self.env['PYTHONWARNINGS'] = 'ignore'
        self.env['PATH'] = venv_bin + os.pathsep + self.env.get('PATH', '')

    def run(self, *argv, check=True, timeout=300):
        """Run ``openstack argv``; return its Result.

        :raises AssertionError: when ``check`` and the exit status is not
            zero.
        """
        argv = [str(arg) for arg in argv]
        done = subprocess.run([self.openstack] + argv, env=self.env,
                              stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=timeout)
        result = Result(argv, done.returncode, done.stdout, done.stderr)
        if check and result.code != 0:
            raise AssertionError(str(result))
        return result

    def json(self, *argv, timeout=300):
        """Run a command with ``-f json``; return the parsed document."""
        result = self.run(*(argv + ('-f', 'json')), timeout=timeout)
        return parse_json(result.stdout)

    def fails(self, *argv):
        """Run a command that must fail with an HTTP 4xx; return it."""
        result = self.run(*argv, check=False)
        if result.code == 0:
            raise AssertionError('expected a failure: %s' % result)
        status = result.http_status()
        if status is None or not 400 <= status < 500:
            raise AssertionError('expected an HTTP 4xx: %s' % result)
        return result


class ApiUnreachable(AssertionError):
    """The CLI could not connect to magnum-api (it may be restarting)."""


def wait_for(what, probe, timeout=TIMEOUT, interval=POLL):
    """Call ``probe`` until it returns a true value; return that value.

    A probe that finds magnum-api unreachable is tried again: a restart
    of the API does not stop the cluster's operation.

    :raises AssertionError: after ``timeout`` seconds.
    """
    since = time.monotonic()
    while True:
        try:
            value = probe()
        except ApiUnreachable:
            if time.monotonic() - since > timeout:
                raise
            value = None
        if value:
            return value
        if time.monotonic() - since > timeout:
            raise AssertionError('%s: not after %ds' % (what, timeout))
        time.sleep(interval)


class CoeCliTestCase(base.BaseTestCase):
    """Loads the cloud and its CLIs; skips (or fails) without them."""

    def setUp(self):
        super().setUp()
        path = cloud_json_path()
        if not os.path.exists(path):
            services.skip_or_fail(self, 'no local cloud: %s does not exist '
                                  '(run tools/localcloud up)' % path)
        if not magnum_answers():
            services.skip_or_fail(self, 'magnum-api does not answer on %s '
                                  '(run tools/localcloud up)' % MAGNUM_ROOT)
        with open(path) as cloud_file:
            self.cloud = json.load(cloud_file)
        self.demo = Cli(self.cloud, self.cloud['files']['demo_openrc'])
        self.admin = Cli(self.cloud, self.cloud['files']['admin_openrc'])
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
        result = self.demo.run('coe', 'cluster', 'show', ident, '-f', 'json',
                               check=False)
        if result.code != 0:
            if result.http_status() == 404:
                return None
            if result.unreachable():
                raise ApiUnreachable(str(result))
            raise AssertionError(str(result))
        return parse_json(result.stdout)

    def wait_cluster(self, ident, wanted):
        """Wait until the cluster's status is ``wanted``; return it."""
        seen = {}

        def probe():
            cluster = self.cluster(ident)
            if cluster is None:
                raise AssertionError('cluster %s vanished' % ident)
            seen['cluster'] = cluster
            if cluster['status'] == wanted:
                return cluster
            if cluster['status'].endswith('_FAILED'):
                raise AssertionError('cluster %s is %s: %s' % (
                    ident, cluster['status'], cluster['status_reason']))
            return None
        try:
            return wait_for('cluster %s %s' % (ident, wanted), probe)
        except AssertionError as exc:
            cluster = seen.get('cluster') or {}
            raise AssertionError('%s (last status %s: %s)' % (
                exc, cluster.get('status'), cluster.get('status_reason')))

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
        if self.cluster(ident) is None:
            return
        if not self.cluster(ident)['status'].startswith('DELETE'):
            self.demo.run('coe', 'cluster', 'delete', ident, check=False)

        def gone():
            cluster = self.cluster(ident)
            if cluster and cluster['status'] == 'DELETE_FAILED':
                raise AssertionError('cluster %s: DELETE_FAILED: %s' % (
                    ident, cluster['status_reason']))
            return cluster is None
        wait_for('deletion of cluster %s' % ident, gone)

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
        result = self.demo.run('coe', 'nodegroup', 'show', cluster, name,
                               '-f', 'json', check=False)
        if result.code != 0:
            if result.http_status() == 404:
                return None
            if result.unreachable():
                raise ApiUnreachable(str(result))
            raise AssertionError(str(result))
        return parse_json(result.stdout)

    def wait_nodegroup(self, cluster, name, wanted):
        def probe():
            nodegroup = self.nodegroup(cluster, name)
            if nodegroup is None:
                raise AssertionError('nodegroup %s vanished' % name)
            if nodegroup['status'] == wanted:
                return nodegroup
            if nodegroup['status'].endswith('_FAILED'):
                raise AssertionError('nodegroup %s is %s: %s' % (
                    name, nodegroup['status'], nodegroup['status_reason']))
            return None
        return wait_for('nodegroup %s %s' % (name, wanted), probe)

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
        signed = certificates(result.stdout)
        self.assertEqual(1, len(signed), result.stdout)
        certificate = signed[0]
        self.assertEqual(
            'admin', certificate.subject.get_attributes_for_oid(
                NameOID.COMMON_NAME)[0].value)
        self.assertEqual(
            key.public_key().public_numbers(),
            certificate.public_key().public_numbers())
        return certificate


class TestClusterTemplateCommands(CoeCliTestCase):
    """``coe cluster template create|list|show|update|delete``."""

    def test_template_create_list_show_update_delete(self):
        name = unique('template')
        self.addCleanup(self.delete_template, name)
        with self.step('coe cluster template create'):
            created = self.demo.json(*self.template_argv(
                name, '--labels', 'kube_tag=v1.30.4,flannel_backend=vxlan'))
            self.addCleanup(self.delete_template, created['uuid'])
            self.assertEqual(name, created['name'])
            self.assertEqual('kubernetes', created['coe'])
            image = self.cloud['image_with_os_distro']
            self.assertIn(created['image_id'],
                          (image, self.cloud['images'][image]))
            self.assertEqual('fedora-coreos', created['cluster_distro'])
            self.assertEqual(self.cloud['keypair'], created['keypair_id'])
            self.assertEqual({'kube_tag': 'v1.30.4',
                              'flannel_backend': 'vxlan'},
                             created['labels'])
            self.assertEqual('flannel', created['network_driver'])
            self.assertEqual('overlay2', created['docker_storage_driver'])
            # magnumclient shows a null as '-'.
            self.assertIn(created['docker_volume_size'], (None, '-'))
            self.assertFalse(created['public'])
            self.assertFalse(created['tls_disabled'])
            self.assertEqual('vm', created['server_type'])

        with self.step('coe cluster template list'):
            listed = self.demo.json('coe', 'cluster', 'template', 'list')
            mine = [t for t in listed if t['uuid'] == created['uuid']]
            self.assertEqual(1, len(mine), listed)
            self.assertEqual(name, mine[0]['name'])
            detailed = self.demo.json('coe', 'cluster', 'template', 'list',
                                      '--fields', 'uuid,name,coe')
            mine = [t for t in detailed if t['uuid'] == created['uuid']]
            self.assertEqual(1, len(mine), detailed)
            self.assertEqual('kubernetes', mine[0]['coe'])

        with self.step('coe cluster template show'):
            shown = self.demo.json('coe', 'cluster', 'template', 'show',
                                   name)
            self.assertEqual(created['uuid'], shown['uuid'])
            self.assertEqual(created['labels'], shown['labels'])
            self.assertIn(shown['external_network_id'],
                          (self.cloud['external_network'],
                           self.cloud['external_network_id']))

        new_name = unique('renamed')
        self.addCleanup(self.delete_template, new_name)
        with self.step('coe cluster template update'):
            updated = self.demo.json(
                'coe', 'cluster', 'template', 'update', created['uuid'],
                '--name', new_name, '--label', 'container_runtime=containerd')
            self.assertEqual(new_name, updated['name'])
            self.assertEqual({'kube_tag': 'v1.30.4',
                              'flannel_backend': 'vxlan',
                              'container_runtime': 'containerd'},
                             updated['labels'])
            shown = self.demo.json('coe', 'cluster', 'template', 'show',
                                   new_name)
            self.assertEqual(updated['labels'], shown['labels'])
            self.assertNotEqual(shown['created_at'], None)
            self.assertIsNotNone(shown['updated_at'])

        with self.step('coe cluster template delete'):
            result = self.demo.run('coe', 'cluster', 'template', 'delete',
                                   new_name)
            # The command prints a failure and still exits 0.
            self.assertIn('Request to delete cluster template %s has been '
                          'accepted.' % new_name, result.output)
            self.assertNotIn('failed', result.output)
            gone = self.demo.fails('coe', 'cluster', 'template', 'show',
                                   created['uuid'])
            self.assertEqual(404, gone.http_status(), gone)

    def test_template_on_an_image_without_os_distro_fails(self):
        name = unique('no-distro')
        self.addCleanup(self.delete_template, name)
        result = self.demo.fails(*self.template_argv(
            name, image=self.cloud['image_without_os_distro']))
        self.assertEqual(400, result.http_status(), result)
        self.assertIn(OS_DISTRO_TEXT, result.output)
        # SPEC.md: the message then says how to fix it, and the CLI
        # shows only what the API puts in the error's title.
        self.assertIn(OS_DISTRO_FIX, result.output)
        listed = self.demo.json('coe', 'cluster', 'template', 'list')
        self.assertNotIn(name, [t['name'] for t in listed])


class TestAdminCommands(CoeCliTestCase):
    """``coe quotas ...`` and ``coe service list`` as the admin."""

    def quota(self):
        """Return the demo project's Cluster quota, or None.

        Without a quota row the API shows the default limit, with no id.
        """
        result = self.admin.run('coe', 'quotas', 'show', '--project-id',
                                self.project_id, '--resource', 'Cluster',
                                check=False)
        if result.code != 0:
            if result.http_status() == 404:
                return None
            raise AssertionError(str(result))
        quota = table_dict(result.stdout)
        return None if quota['id'] in ('-', '') else quota

    def restore_quota(self, before):
        self.admin.run('coe', 'quotas', 'delete', '--project-id',
                       self.project_id, '--resource', 'Cluster',
                       check=False)
        if before is not None:
            self.admin.run('coe', 'quotas', 'create', '--project-id',
                           self.project_id, '--resource', 'Cluster',
                           '--hard-limit', before['hard_limit'])

    def test_quotas_create_list_show_update_delete(self):
        before = self.quota()
        self.addCleanup(self.restore_quota, before)
        if before is not None:
            self.admin.run('coe', 'quotas', 'delete', '--project-id',
                           self.project_id, '--resource', 'Cluster')
        # Limits far above what the other suites create in the project.
        with self.step('coe quotas create'):
            result = self.admin.run(
                'coe', 'quotas', 'create', '--project-id', self.project_id,
                '--resource', 'Cluster', '--hard-limit', '50')
            # The command prints a failure and still exits 0.
            self.assertNotIn('failed', result.output)
            created = table_dict(result.stdout)
            self.assertEqual(self.project_id, created['project_id'])
            self.assertEqual('Cluster', created['resource'])
            self.assertEqual('50', created['hard_limit'])

        with self.step('coe quotas show'):
            shown = self.quota()
            self.assertIsNotNone(shown)
            self.assertEqual('50', shown['hard_limit'])
            self.assertEqual(created['id'], shown['id'])

        with self.step('coe quotas list'):
            result = self.admin.run('coe', 'quotas', 'list',
                                    '--all-tenants')
            rows = parse_table(result.stdout)
            self.assertIn({'project_id': self.project_id,
                           'resource': 'Cluster', 'hard_limit': '50'}, rows)

        with self.step('coe quotas update'):
            result = self.admin.run(
                'coe', 'quotas', 'update', '--project-id', self.project_id,
                '--resource', 'Cluster', '--hard-limit', '60')
            self.assertNotIn('failed', result.output)
            self.assertEqual('60', table_dict(result.stdout)['hard_limit'])
            self.assertEqual('60', self.quota()['hard_limit'])

        with self.step('coe quotas delete'):
            result = self.admin.run(
                'coe', 'quotas', 'delete', '--project-id', self.project_id,
                '--resource', 'Cluster')
            self.assertIn('Request to delete quota for project id %s and '
                          'resource Cluster has been accepted.'
                          % self.project_id, result.output)
            self.assertIsNone(self.quota())

    def test_quotas_are_for_admins(self):
        result = self.demo.run(
            'coe', 'quotas', 'create', '--project-id', self.project_id,
            '--resource', 'Cluster', '--hard-limit', '1')
        # magnumclient swallows the error: the 403 is in the output.
        self.assertIn('failed', result.output)
        self.assertEqual(403, result.http_status(), result)

    def test_service_list(self):
        services_ = self.admin.json('coe', 'service', 'list')
        conductors = [s for s in services_
                      if s['binary'] == 'magnum-conductor']
        self.assertTrue(conductors, services_)
        self.assertIn('up', [s['state'] for s in conductors])
        for service in conductors:
            self.assertIn(service['state'], ('up', 'down'))
            self.assertFalse(service['disabled'])
            self.assertTrue(service['host'])


class TestClusterCommands(CoeCliTestCase):
    """The cluster, nodegroup, CA, credential and stats commands.

    They share one cluster and run in the order a user would run them.
    """

    def test_cluster_commands(self):
        newer = self.create_template('--labels', 'kube_tag=v1.31.1')
        template = self.create_template('--labels', 'kube_tag=v1.30.4')
        name = unique('cluster')

        with self.step('coe cluster create'):
            result = self.demo.run(
                'coe', 'cluster', 'create', name,
                '--cluster-template', template['uuid'],
                '--master-count', '1', '--node-count', '1',
                '--timeout', '30')
            match = re.search(r'Request to create cluster (%s) accepted'
                              % UUID_RE, result.output)
            self.assertIsNotNone(match, result)
            ident = match.group(1)
            self.addCleanup(self.delete_cluster, ident)

        with self.step('coe cluster list'):
            listed = self.demo.json('coe', 'cluster', 'list')
            mine = [c for c in listed if c['uuid'] == ident]
            self.assertEqual(1, len(mine), listed)
            self.assertEqual(name, mine[0]['name'])
            self.assertEqual(self.cloud['keypair'], mine[0]['keypair'])
            self.assertEqual(1, mine[0]['node_count'])
            self.assertEqual(1, mine[0]['master_count'])
            self.assertIn(mine[0]['status'],
                          ('CREATE_IN_PROGRESS', 'CREATE_COMPLETE'))

        with self.step('coe cluster show (CREATE_COMPLETE)'):
            cluster = self.wait_cluster(name, 'CREATE_COMPLETE')
            self.assertEqual(ident, cluster['uuid'])
            self.assertEqual(template['uuid'],
                             cluster['cluster_template_id'])
            self.assertEqual(30, cluster['create_timeout'])
            self.assertEqual(self.project_id, cluster['project_id'])
            self.assertEqual(1, len(cluster['master_addresses']), cluster)
            self.assertEqual(1, len(cluster['node_addresses']), cluster)
            self.assertTrue(cluster['api_address'], cluster)
            self.assertEqual({'kube_tag': 'v1.30.4'}, cluster['labels'])

        with self.step('coe cluster template delete (in use)'):
            result = self.demo.run('coe', 'cluster', 'template', 'delete',
                                   template['uuid'])
            self.assertIn('failed', result.output)
            self.assertEqual(400, result.http_status(), result)
            self.assertIn('referenced by one or multiple clusters',
                          result.output)

        with self.step('coe stats list'):
            result = self.demo.run('coe', 'stats', 'list', self.project_id)
            stats = table_dict(result.stdout)
            self.assertGreaterEqual(int(stats['clusters']), 1, stats)
            self.assertGreaterEqual(int(stats['nodes']), 2, stats)

        with self.step('coe ca show'):
            result = self.demo.run('coe', 'ca', 'show', name)
            cas = certificates(result.stdout)
            for ca in cas:
                constraints = ca.extensions.get_extension_for_class(
                    x509.BasicConstraints).value
                self.assertTrue(constraints.ca)

        with self.step('coe ca sign'):
            old_certificate = self.sign(name)
            self.assertTrue(issued_by(old_certificate, cas),
                            'the signed certificate is not issued by the '
                            'CA that coe ca show gives')

        with self.step('coe cluster update'):
            result = self.demo.run('coe', 'cluster', 'update', name,
                                   '--node-count', '2')
            self.assertIn('Request to update cluster %s has been accepted.'
                          % name, result.output)
            cluster = self.wait_cluster(ident, 'UPDATE_COMPLETE')
            self.assertEqual(2, cluster['node_count'])
            self.assertEqual(2, len(cluster['node_addresses']), cluster)

        with self.step('coe cluster resize'):
            workers = self.workers(name)
            self.assertEqual(2, len(workers), workers)
            remove = sorted(workers, key=workers.get)[-1]
            result = self.demo.run('coe', 'cluster', 'resize', name, '1',
                                   '--nodes-to-remove', remove)
            self.assertIn('Request to resize cluster %s has been accepted.'
                          % name, result.output)
            cluster = self.wait_cluster(ident, 'UPDATE_COMPLETE')
            self.assertEqual(1, cluster['node_count'])
            self.assertEqual(1, len(cluster['node_addresses']), cluster)
            self.assertEqual(set(workers) - {remove},
                             set(self.workers(name)))

        upgraded = False
        with self.step('coe cluster upgrade'):
            before = {role: self.servers(name, role)
                      for role in ('master', 'node')}
            result = self.demo.run('coe', 'cluster', 'upgrade', name,
                                   newer['uuid'], '--max-batch-size', '1',
                                   check=False)
            if result.code == 0:
                self.assertIn('Request to upgrade cluster %s has been '
                              'accepted.' % name, result.output)
                cluster = self.wait_cluster(ident, 'UPDATE_COMPLETE')
                self.assertEqual(newer['uuid'],
                                 cluster['cluster_template_id'])
                upgraded = True
            else:
                # A driver may refuse; it must say so clearly.
                status = result.http_status()
                self.assertIsNotNone(status, result)
                self.assertTrue(400 <= status < 500, result)
                self.assertRegex(result.output, r'(?i)upgrad', result)
                self.assertEqual(template['uuid'], self.cluster(ident)[
                    'cluster_template_id'])

        if upgraded:
            with self.step('coe cluster upgrade: the cluster reports the new '
                           'kube_tag', fatal=False):
                self.assertEqual('v1.31.1', cluster['labels'].get(
                    'kube_tag'), cluster['labels'])
                worker = self.demo.json('coe', 'nodegroup', 'show', ident,
                                        'default-worker')
                self.assertEqual('v1.31.1', worker['labels'].get(
                    'kube_tag'), worker['labels'])
            with self.step('coe cluster upgrade: every worker is replaced',
                           fatal=False):
                # Without --nodegroup the default worker nodegroup is
                # upgraded, as upstream does; masters keep their servers.
                for role, old in sorted(before.items()):
                    if role == 'master':
                        continue
                    now = self.servers(name, role)
                    self.assertEqual(len(old), len(now), (role, now))
                    self.assertFalse(set(old) & set(now),
                                     '%s servers were not replaced: %s'
                                     % (role, sorted(set(old) & set(now))))

        ng_name = unique('ng')[:20]
        with self.step('coe nodegroup create'):
            result = self.demo.run(
                'coe', 'nodegroup', 'create', ident, ng_name,
                '--node-count', '1', '--min-nodes', '1', '--max-nodes', '2',
                '--role', 'worker', '--node-labels', 'pool=cli')
            match = re.search(r'Request to create nodegroup (%s) accepted'
                              % UUID_RE, result.output)
            self.assertIsNotNone(match, result)
            ng_uuid = match.group(1)
            nodegroup = self.wait_nodegroup(ident, ng_name,
                                            'CREATE_COMPLETE')
            self.assertEqual(ng_uuid, nodegroup['uuid'])
            self.assertEqual(1, nodegroup['node_count'])
            self.assertEqual('worker', nodegroup['role'])
            self.assertFalse(nodegroup['is_default'])

        if upgraded:
            with self.step('coe nodegroup create: a nodegroup made after '
                           'the upgrade has the new kube_tag', fatal=False):
                self.assertEqual('v1.31.1', nodegroup['labels'].get(
                    'kube_tag'), nodegroup['labels'])

        with self.step('coe nodegroup list'):
            listed = self.demo.json('coe', 'nodegroup', 'list', ident)
            by_name = {ng['name']: ng for ng in listed}
            self.assertEqual({'default-master', 'default-worker', ng_name},
                             set(by_name), listed)
            self.assertEqual(ng_uuid, by_name[ng_name]['uuid'])
            self.assertEqual('master', by_name['default-master']['role'])
            self.assertEqual(1, by_name['default-worker']['node_count'])
            masters = self.demo.json('coe', 'nodegroup', 'list', ident,
                                     '--role', 'master')
            self.assertEqual(['default-master'],
                             [ng['name'] for ng in masters])

        with self.step('coe nodegroup show'):
            shown = self.demo.json('coe', 'nodegroup', 'show', name,
                                   ng_uuid)
            self.assertEqual(ng_name, shown['name'])
            self.assertEqual(ident, shown['cluster_id'])
            self.assertEqual(1, shown['min_node_count'])
            self.assertEqual(2, shown['max_node_count'])
            self.assertEqual(template['image_id'], shown['image_id'])

        with self.step('coe nodegroup update'):
            result = self.demo.run('coe', 'nodegroup', 'update', ident,
                                   ng_name, '--min-nodes', '0',
                                   '--max-nodes', '3')
            self.assertIn('Request to update nodegroup %s has been '
                          'accepted.' % ng_name, result.output)

            def updated():
                nodegroup = self.nodegroup(ident, ng_name)
                if nodegroup['status'].endswith('_FAILED'):
                    raise AssertionError(str(nodegroup))
                return (not nodegroup['status'].endswith('_IN_PROGRESS')
                        and nodegroup)
            nodegroup = wait_for('update of nodegroup %s' % ng_name,
                                 updated)
            self.assertEqual(0, nodegroup['min_node_count'])
            self.assertEqual(3, nodegroup['max_node_count'])
            self.assertEqual(1, nodegroup['node_count'])

        with self.step('coe nodegroup delete'):
            result = self.demo.run('coe', 'nodegroup', 'delete', ident,
                                   ng_name)
            self.assertIn('Request to delete nodegroup %s has been '
                          'accepted.' % ng_name, result.output)

            def gone():
                nodegroup = self.nodegroup(ident, ng_name)
                if nodegroup and nodegroup['status'] == 'DELETE_FAILED':
                    raise AssertionError(str(nodegroup))
                return nodegroup is None
            wait_for('deletion of nodegroup %s' % ng_name, gone)
            self.wait_settled(ident)

        with self.step('coe ca rotate'):
            result = self.demo.run('coe', 'ca', 'rotate', name)
            self.assertIn('Request to rotate the CA certificate for cluster '
                          '%s has been accepted.' % ident, result.output)
            self.wait_cluster(ident, 'UPDATE_COMPLETE')
            new_cas = certificates(self.demo.run('coe', 'ca', 'show',
                                                 ident).stdout)
            self.assertNotEqual(
                {ca.fingerprint(hashes.SHA256()) for ca in cas},
                {ca.fingerprint(hashes.SHA256()) for ca in new_cas})
            self.assertFalse(issued_by(old_certificate, new_cas),
                             'a certificate of the old CA still verifies')
            new_certificate = self.sign(ident)
            self.assertTrue(issued_by(new_certificate, new_cas))

        with self.step('coe credential rotate'):
            result = self.demo.run('coe', 'credential', 'rotate', name)
            # The command prints a failure and still exits 0.
            self.assertNotIn('failed', result.output)
            self.assertIn('Request to rotate credentials for cluster %s '
                          'accepted.' % ident, result.output)
            cluster = self.wait_settled(ident)
            self.assertTrue(cluster['status'].endswith('_COMPLETE'),
                            '%s: %s' % (cluster['status'],
                                        cluster['status_reason']))

        with self.step('coe cluster delete'):
            result = self.demo.run('coe', 'cluster', 'delete', name)
            self.assertIn('Request to delete cluster %s has been accepted.'
                          % name, result.output)

            def gone():
                cluster = self.cluster(ident)
                if cluster and cluster['status'] == 'DELETE_FAILED':
                    raise AssertionError(cluster['status_reason'])
                return cluster is None
            wait_for('deletion of cluster %s' % ident, gone)
            self.assertNotIn(ident, [c['uuid'] for c in self.demo.json(
                'coe', 'cluster', 'list')])
            self.assertEqual({}, self.workers(name))
        self.assert_no_failed_checks()
