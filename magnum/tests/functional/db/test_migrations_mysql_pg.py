"""The migration checks on real MariaDB/MySQL and PostgreSQL servers.

Each test creates a throw-away database with a random name and drops it
afterwards. A server that is not reachable skips the tests, or fails them
under ``MAGNUM_TEST_REQUIRE_SERVICES=1``.
"""

import uuid

import fixtures
from oslo_db.sqlalchemy import engines
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from magnum.db import models
from magnum.tests import base
from magnum.tests import services
from magnum.tests.unit.db import test_migrations


class ThrowAwayDatabase(fixtures.Fixture):
    """A new, empty database on a server; dropped on cleanup.

    :param server_url: URL of the server, with admin credentials and no
        database.
    :param create_sql: CREATE DATABASE statement with a ``%s`` for the name.
    :param drop_sql: DROP DATABASE statement with a ``%s`` for the name.
    """

    def __init__(self, server_url, create_sql, drop_sql):
        super().__init__()
        self.server_url = sa.engine.make_url(server_url)
        self.create_sql = create_sql
        self.drop_sql = drop_sql

    def _setUp(self):
        self.name = 'magnum_test_%s' % uuid.uuid4().hex[:12]
        admin = sa.create_engine(self.server_url, isolation_level='AUTOCOMMIT',
                                 poolclass=sa.pool.NullPool)
        self.addCleanup(admin.dispose)
        with admin.connect() as conn:
            conn.execute(sa.text(self.create_sql % self.name))
        self.addCleanup(self._drop, admin)
        self.url = self.server_url.set(database=self.name)
        self.engine = engines.create_engine(self.url)
        self.addCleanup(self.engine.dispose)

    def _drop(self, admin):
        with admin.connect() as conn:
            conn.execute(sa.text(self.drop_sql % self.name))


class ServerMigrationsMixin(test_migrations.MigrationChecks):
    """Runs :class:`MigrationChecks` on a throw-away server database."""

    service_name = None
    server_url = None
    default_port = None
    create_sql = None
    drop_sql = None

    def setUp(self):
        super().setUp()
        url = sa.engine.make_url(self.server_url)
        host = url.host or '127.0.0.1'
        services.require_port(self, self.service_name, host,
                              url.port or self.default_port)
        try:
            database = self.useFixture(ThrowAwayDatabase(
                url, self.create_sql, self.drop_sql))
        except sa_exc.OperationalError as e:
            services.skip_or_fail(self, '%s refused a test database: %s'
                                  % (self.service_name, e.orig))
        self.engine = database.engine


class MySQLMigrationsTest(ServerMigrationsMixin, base.TestCase):

    service_name = 'MariaDB/MySQL'
    server_url = services.MYSQL_URL
    default_port = 3306
    create_sql = 'CREATE DATABASE %s CHARACTER SET utf8mb4'
    drop_sql = 'DROP DATABASE IF EXISTS %s'

    def test_tables_use_innodb_and_utf8mb4(self):
        self.db_sync(self.engine)
        with self.engine.connect() as conn:
            rows = conn.execute(sa.text(
                'SELECT table_name, engine, table_collation '
                'FROM information_schema.tables WHERE table_schema = :db'),
                {'db': self.engine.url.database}).all()
        options = {name: (engine, collation.split('_')[0])
                   for name, engine, collation in rows}
        expected = set(models.Base.metadata.tables).union(['alembic_version'])
        self.assertEqual(expected, set(options))
        for table in models.Base.metadata.tables:
            self.assertEqual(('InnoDB', 'utf8mb4'), options[table], table)


class PostgreSQLMigrationsTest(ServerMigrationsMixin, base.TestCase):

    service_name = 'PostgreSQL'
    server_url = services.POSTGRESQL_URL
    default_port = 5432
    create_sql = 'CREATE DATABASE %s'
    # FORCE ends connections a failed test may have left open.
    drop_sql = 'DROP DATABASE IF EXISTS %s WITH (FORCE)'
