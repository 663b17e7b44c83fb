"""The local cloud as the end-to-end tests see it.

``cloud.json`` (``MAGNUM_LOCALCLOUD``, else the checkout's
``.localcloud/cloud.json``) names every URL and credential.  The tests
drive magnum only through the real ``openstack coe`` CLI of the local
cloud's venv, and check the outcome in the real services with
keystoneauth (REST) and in magnum's database with SQLAlchemy.
"""

import json
import os
import shlex
import subprocess
import time
from urllib import parse

from keystoneauth1 import adapter
from keystoneauth1 import exceptions as ks_exc
from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session
import sqlalchemy

ENV = 'MAGNUM_LOCALCLOUD'
_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
DEFAULT_PATH = os.path.join(_REPO, '.localcloud', 'cloud.json')
MAGNUM_ROOT = 'http://127.0.0.1:9511/'

# Lines every CLI call prints that say nothing about the call.
NOISE = ('blazarclient', "Could not load 'reservation", 'eventlet',
         'Eventlet', 'DeprecationWarning', 'warnings.warn')


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
    with open(path) as f:
        return json.load(f)


def magnum_answers(url=MAGNUM_ROOT, timeout=3.0):
    """Return True when magnum-api gives an HTTP answer below 500."""
    import urllib.error
    import urllib.request
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return True
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except (OSError, ValueError):
        return False


def clean(text):
    """Drop the CLI's import-time noise from its output."""
    return '\n'.join(line for line in text.splitlines()
                     if line.strip() and
                     not any(word in line for word in NOISE))


class CliError(Exception):
    """The CLI exited non-zero."""

    def __init__(self, argv, code, output):
        super().__init__('openstack %s exited %d:\n%s'
                         % (' '.join(argv), code, output))
        self.code = code
        self.output = output


def openrc_env(path):
    """Return the variables an openrc file exports."""
    env = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith('export ') and '=' in line:
                key, value = line[len('export '):].split('=', 1)
                env[key] = shlex.split(value)[0] if value else ''
    return env


class Cli(object):
    """The real ``openstack`` CLI with the demo user's openrc."""

    def __init__(self, cloud, openrc_key='demo_openrc'):
        venv_bin = os.path.join(cloud['files']['venv'], 'bin')
        self.openstack = os.path.join(venv_bin, 'openstack')
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith('OS_')}
        self.env.update(openrc_env(cloud['files'][openrc_key]))
        self.env['PYTHONWARNINGS'] = 'ignore'
        self.env['PATH'] = venv_bin + os.pathsep + self.env.get('PATH', '')

    def run(self, *argv, check=True, timeout=300):
        """Run ``openstack argv``; return (exit status, cleaned output)."""
        done = subprocess.run([self.openstack] + list(argv), env=self.env,
                              stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=timeout)
        output = clean(done.stdout + '\n' + done.stderr)
        if check and done.returncode != 0:
            raise CliError(argv, done.returncode, output)
        return done.returncode, output

    def json(self, *argv, timeout=300):
        """Run a show or list command with ``-f json``; return the data."""
        done = subprocess.run([self.openstack] + list(argv) + ['-f', 'json'],
                              env=self.env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0:
            raise CliError(argv, done.returncode,
                           clean(done.stdout + '\n' + done.stderr))
        return json.loads(done.stdout)


def _session(creds):
    auth = v3.Password(auth_url=creds['auth_url'],
                       username=creds['username'],
                       password=creds['password'],
                       project_name=creds['project_name'],
                       user_domain_name=creds['user_domain_name'],
                       project_domain_name=creds['project_domain_name'])
    return ks_session.Session(auth=auth)


class Services(object):
    """Admin look-ups in Keystone, Heat and Nova, and magnum's database."""

    def __init__(self, cloud):
        self.cloud = cloud
        sess = _session(cloud['admin'])
        region = cloud['region_name']
        self.identity = adapter.Adapter(sess, service_type='identity',
                                        interface='public',
                                        region_name=region)
        self.compute = adapter.Adapter(sess, service_type='compute',
                                       interface='public',
                                       region_name=region)
        self.heat = adapter.Adapter(sess, service_type='orchestration',
                                    interface='public', region_name=region)
        self.session = sess
        self._engine = None

    # -- Heat ------------------------------------------------------------

    def stack_url(self, stack_id):
        """Return the URL of a stack of any project, or None if gone.

        The admin's stack listing covers every project.
        """
        for stack in self.heat.get('/stacks').json()['stacks']:
            if stack['id'] == stack_id:
                for link in stack['links']:
                    if link['rel'] == 'self':
                        return link['href']
        return None

    def stack_servers(self, stack_id):
        """Return {server id: parent/resource name} of a stack's servers.
        """
        url = self.stack_url(stack_id)
        if url is None:
            return {}
        resources = self.session.get(
            url + '/resources', params={'nested_depth': 5}).json()
        servers = {}
        for resource in resources['resources']:
            if (resource['resource_type'] == 'OS::Nova::Server' and
                    resource['physical_resource_id']):
                parent = resource.get('parent_resource') or ''
                servers[resource['physical_resource_id']] = '%s/%s' % (
                    parent, resource['resource_name'])
        return servers

    # -- Nova ------------------------------------------------------------

    def server(self, server_id):
        """Return a server as Nova shows it, or None when it is gone."""
        try:
            return self.compute.get('/servers/%s' % server_id).json()[
                'server']
        except ks_exc.NotFound:
            return None

    # -- Keystone --------------------------------------------------------

    def user_exists(self, user_id):
        """Return True when Keystone knows ``user_id``."""
        try:
            self.identity.get('/users/%s' % user_id)
            return True
        except ks_exc.NotFound:
            return False

    def trust_exists(self, trust_id):
        """Return True when Keystone knows the trust ``trust_id``."""
        try:
            self.identity.get('/OS-TRUST/trusts/%s' % trust_id)
            return True
        except ks_exc.NotFound:
            return False

    # -- magnum's database -------------------------------------------------

    def db(self, sql, **params):
        """Run one query on magnum's database; return the rows."""
        if self._engine is None:
            self._engine = sqlalchemy.create_engine(
                self.cloud['database_connection'], poolclass=sqlalchemy.pool
                .NullPool)
        with self._engine.connect() as conn:
            return conn.execute(sqlalchemy.text(sql), params).fetchall()

    def cluster_row(self, uuid):
        """Return the cluster's row as a mapping, or None."""
        rows = self.db('SELECT * FROM cluster WHERE uuid = :uuid',
                       uuid=uuid)
        return rows[0]._mapping if rows else None


def wait_for(what, probe, timeout, interval=3.0):
    """Call ``probe`` until it returns a true value; return that value.

    :raises AssertionError: after ``timeout`` seconds.
    """
    since = time.monotonic()
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() - since > timeout:
            raise AssertionError('%s: not after %ds' % (what, timeout))
        time.sleep(interval)


def host_of(url):
    """Return (host, port) of a URL."""
    split = parse.urlsplit(url)
    return split.hostname, split.port
