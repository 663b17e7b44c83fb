"""The local cloud's real ``openstack`` CLI, as the functional CLI and
end-to-end suites drive it.

``cloud.json`` (``MAGNUM_LOCALCLOUD``, else the checkout's
``.localcloud/cloud.json``, written by ``tools/localcloud up``) names the
venv holding the CLI and the openrc file of each user.
"""

import base64
import json
import os
import re
import shlex
import subprocess
import time
import urllib.error
import urllib.request

from cryptography import exceptions as crypto_exc
from cryptography import x509
from keystoneauth1.identity import v3

ENV = 'MAGNUM_LOCALCLOUD'
REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
DEFAULT_PATH = os.path.join(REPO, '.localcloud', 'cloud.json')
MAGNUM_ROOT = 'http://127.0.0.1:9511/'

# What the CLI prints on import that says nothing about the command.
NOISE = ('blazarclient', "Could not load 'reservation", 'eventlet',
         'Eventlet', 'DeprecationWarning', 'warnings.warn')
# How magnumclient renders an HTTP error: "<title> (HTTP 400) (Request-ID".
HTTP_ERROR = re.compile(r'\(HTTP (\d{3})\)')


def cloud_json_path():
    """Return where cloud.json should be."""
    path = os.environ.get(ENV) or DEFAULT_PATH
    if os.path.isdir(path):
        path = os.path.join(path, 'cloud.json')
    return path


def load():
    """Return the contents of cloud.json, or None when it is absent."""
    path = cloud_json_path()
    if not os.path.exists(path):
        return None
    with open(path) as cloud_file:
        return json.load(cloud_file)


def password_auth(creds):
    """Return a keystoneauth password plugin for a user of cloud.json
    (``admin``, ``demo``, ...), scoped to the user's project.
    """
    return v3.Password(auth_url=creds['auth_url'],
                       username=creds['username'],
                       password=creds['password'],
                       project_name=creds['project_name'],
                       user_domain_name=creds['user_domain_name'],
                       project_domain_name=creds['project_domain_name'])


def magnum_answers(url=MAGNUM_ROOT, timeout=3.0):
    """Return True when magnum-api gives an HTTP answer below 500."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return True
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except (OSError, ValueError):
        return False


def missing_cloud():
    """Return why the CLI suites cannot run here, or None."""
    path = cloud_json_path()
    if not os.path.exists(path):
        return ('no local cloud: %s does not exist (run tools/localcloud '
                'up)' % path)
    if not magnum_answers():
        return ('magnum-api does not answer on %s (run tools/localcloud '
                'up)' % MAGNUM_ROOT)
    return None


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

    def not_found(self):
        """Return True when the command failed on a missing resource."""
        return self.http_status() == 404 or (
            'could not be found' in self.output)


class CliError(AssertionError):
    """The CLI exited non-zero; ``result`` holds what it printed."""

    def __init__(self, result):
        super().__init__(str(result))
        self.result = result
        self.code = result.code
        self.output = result.output


class ApiUnreachable(AssertionError):
    """The CLI could not connect to magnum-api (it may be restarting)."""


def wait_for(what, probe, timeout, interval=3.0):
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


def delete_cluster(cli, show, ident, timeout, interval=3.0):
    """Delete cluster ``ident`` and wait until ``show(ident)`` is None.

    A cluster already gone is fine; one already deleting is not asked
    again; a DELETE_FAILED one is asked again.

    :param cli: the :class:`Cli` of a user who may delete it.
    :param show: returns the cluster as the CLI shows it, or None.
    :raises AssertionError: on DELETE_FAILED (with its reason) or after
        ``timeout`` seconds.
    """
    cluster = show(ident)
    if cluster is None:
        return
    if cluster['status'] != 'DELETE_IN_PROGRESS':
        cli.run('coe', 'cluster', 'delete', ident, check=False)

    def gone():
        cluster = show(ident)
        if cluster and cluster['status'] == 'DELETE_FAILED':
            raise AssertionError('cluster %s: DELETE_FAILED: %s' % (
                ident, cluster['status_reason']))
        return cluster is None
    wait_for('deletion of cluster %s' % ident, gone, timeout, interval)


def wait_status(what, show, wanted, timeout, interval=3.0):
    """Wait until ``show()`` gives a resource whose status is ``wanted``;
    return the resource.

    :raises AssertionError: when the resource vanishes, reaches a
        ``*_FAILED`` status or times out, with its last status and reason.
    """
    seen = {}

    def probe():
        resource = show()
        if resource is None:
            raise AssertionError('%s vanished' % what)
        seen['last'] = resource
        if resource['status'] == wanted:
            return resource
        if resource['status'].endswith('_FAILED'):
            raise AssertionError('%s is %s: %s' % (
                what, resource['status'], resource['status_reason']))
        return None
    try:
        return wait_for('%s %s' % (what, wanted), probe, timeout, interval)
    except AssertionError as exc:
        last = seen.get('last') or {}
        raise AssertionError('%s (last status %s: %s)' % (
            exc, last.get('status'), last.get('status_reason')))


class Cli(object):
    """The local cloud's ``openstack`` CLI with one user's openrc (or, with
    ``openrc`` None, no credentials: the caller passes ``--os-auth-type``).
    """

    def __init__(self, cloud, openrc):
        venv_bin = os.path.join(cloud['files']['venv'], 'bin')
        self.openstack = os.path.join(venv_bin, 'openstack')
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith('OS_')}
        if openrc:
            self.env.update(openrc_env(openrc))
        self.env['PYTHONWARNINGS'] = 'ignore'
        self.env['PATH'] = venv_bin + os.pathsep + self.env.get('PATH', '')
        # python-magnumclient's ``coe cluster config`` reads $SHELL to pick
        # the export syntax and fails with KeyError when it is unset (as
        # under cron or a CI runner).
        self.env.setdefault('SHELL', '/bin/sh')

    def run(self, *argv, check=True, timeout=300):
        """Run ``openstack argv``; return its Result.

        :raises CliError: when ``check`` and the exit status is not zero.
        """
        argv = [str(arg) for arg in argv]
        done = subprocess.run([self.openstack] + argv, env=self.env,
                              stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=timeout)
        result = Result(argv, done.returncode, done.stdout, done.stderr)
        if check and result.code != 0:
            raise CliError(result)
        return result

    def json(self, *argv, timeout=300):
        """Run a command with ``-f json``; return the parsed document."""
        result = self.run(*(argv + ('-f', 'json')), timeout=timeout)
        return parse_json(result.stdout)

    def show(self, *argv):
        """Run a show command with ``-f json``; return the document, or
        None when the resource does not exist.

        :raises ApiUnreachable: when the CLI could not connect.
        """
        result = self.run(*(argv + ('-f', 'json')), check=False)
        if result.code != 0:
            if result.not_found():
                return None
            if result.unreachable():
                raise ApiUnreachable(str(result))
            raise CliError(result)
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


def kubeconfig_certificate(kubeconfig, folder):
    """Return the client certificate of a kubeconfig's first user, given
    inline or as a file relative to ``folder``.
    """
    user = kubeconfig['users'][0]['user']
    if 'client-certificate-data' in user:
        return x509.load_pem_x509_certificate(
            base64.b64decode(user['client-certificate-data']))
    path = os.path.join(folder, user['client-certificate'])
    with open(path, 'rb') as pem:
        return x509.load_pem_x509_certificate(pem.read())
