"""The local cloud's services as the end-to-end tests check them.

The tests drive magnum only through the real ``openstack coe`` CLI
(:mod:`magnum.tests.cloudcli`), and check the outcome in the real
services with keystoneauth (REST) and in magnum's database with
SQLAlchemy; ``cloud.json`` names every URL and credential.
"""

from urllib import parse

from keystoneauth1 import adapter
from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import session as ks_session
import sqlalchemy

from magnum.tests import cloudcli


def _session(creds):
    return ks_session.Session(auth=cloudcli.password_auth(creds))


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
        # Barbican shows a project's secrets to its members only: the
        # demo user, who creates the clusters, looks.
        self.key_manager = adapter.Adapter(
            _session(cloud['demo']), service_type='key-manager',
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

    # -- Barbican ----------------------------------------------------------

    def certificate_container(self, ref):
        """Return a Barbican container of the demo project with the
        secret references it names, or None when it is gone.
        """
        try:
            return self.key_manager.get(ref).json()
        except ks_exc.NotFound:
            return None

    def secret_exists(self, ref):
        """Return True when Barbican knows the secret ``ref``."""
        try:
            self.key_manager.get(ref)
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


def host_of(url):
    """Return (host, port) of a URL."""
    split = parse.urlsplit(url)
    return split.hostname, split.port
