"""The alembic history builds exactly the schema of the models.

``MigrationChecks`` holds the checks every backend must pass; the sqlite
case runs here, MariaDB and PostgreSQL in
``magnum/tests/functional/db/test_migrations_mysql_pg.py``.
"""

import os
import shutil

import fixtures
from oslo_db.sqlalchemy import engines
from oslo_db.sqlalchemy import test_migrations
import sqlalchemy as sa

from magnum.db import migration
from magnum.db import models
from magnum.tests import base

VERSIONS_DIR = os.path.join(migration.MIGRATIONS_DIR, 'versions')


def schema_snapshot(engine):
    """Return the tables, columns, indexes and unique constraints."""
    inspector = sa.inspect(engine)
    snapshot = {}
    for table in sorted(inspector.get_table_names()):
        snapshot[table] = (
            [(c['name'], str(c['type']), c['nullable'])
             for c in inspector.get_columns(table)],
            sorted((i['name'], tuple(i['column_names']), bool(i['unique']))
                   for i in inspector.get_indexes(table)),
            sorted((u['name'], tuple(u['column_names']))
                   for u in inspector.get_unique_constraints(table)),
        )
    return snapshot


class MigrationChecks(test_migrations.ModelsMigrationsSync):
    """Checks for one backend; the test case sets ``self.engine``.

    ``test_models_sync`` comes from oslo.db: it migrates an empty database
    and compares the result with the models' metadata.
    """

    engine = None

    def db_sync(self, engine):
        migration.upgrade('head', engine=engine)

    def get_engine(self):
        return self.engine

    def get_metadata(self):
        return models.Base.metadata

    def test_empty_database_has_no_version(self):
        self.assertIsNone(migration.version(engine=self.engine))

    def test_upgrade_from_empty_reaches_head(self):
        migration.upgrade(engine=self.engine)

        self.assertEqual(migration.head_revision(),
                         migration.version(engine=self.engine))
        tables = set(sa.inspect(self.engine).get_table_names())
        expected = set(models.Base.metadata.tables).union(['alembic_version'])
        self.assertEqual(expected, tables)

    def test_upgrade_twice_is_a_noop(self):
        migration.upgrade(engine=self.engine)
        with self.engine.begin() as conn:
            conn.execute(models.Quota.__table__.insert().values(
                project_id='p1', resource='Cluster', hard_limit=5))
        before = schema_snapshot(self.engine)

        migration.upgrade(engine=self.engine)

        self.assertEqual(before, schema_snapshot(self.engine))
        self.assertEqual(migration.head_revision(),
                         migration.version(engine=self.engine))
        with self.engine.connect() as conn:
            limits = conn.execute(
                sa.select(models.Quota.__table__.c.hard_limit)).all()
            versions = conn.execute(
                sa.text('SELECT version_num FROM alembic_version')).all()
        self.assertEqual([(5,)], limits)
        self.assertEqual(1, len(versions))

    def test_stamp_records_revision_without_migrating(self):
        migration.stamp('head', engine=self.engine)

        self.assertEqual(migration.head_revision(),
                         migration.version(engine=self.engine))
        self.assertEqual(['alembic_version'],
                         sa.inspect(self.engine).get_table_names())


class SqliteMigrationsTest(MigrationChecks, base.TestCase):
    """The migrations on a sqlite file, as a development setup uses."""

    def setUp(self):
        super().setUp()
        path = self.useFixture(fixtures.TempDir()).join('magnum.sqlite')
        self.engine = engines.create_engine('sqlite:///%s' % path,
                                            sqlite_fk=True)
        self.addCleanup(self.engine.dispose)


class ScriptsTest(base.TestCase):
    """The migration scripts themselves, without a database."""

    def _script_files(self):
        files = [f for f in os.listdir(VERSIONS_DIR)
                 if f.endswith('.py') and f != '__init__.py']
        self.assertNotEqual([], files)
        return files

    def test_history_has_exactly_one_head(self):
        heads = migration._scripts().get_heads()

        self.assertEqual([migration.head_revision()], heads)

    def test_head_revision_does_not_touch_the_database(self):
        self.config(group='database',
                    connection='mysql+pymysql://u:p@127.0.0.1:1/nowhere')

        self.assertEqual('0002_nodegroup_node_count_index',
                         migration.head_revision())

    def test_script_files_are_named_after_their_revision(self):
        for name in self._script_files():
            with open(os.path.join(VERSIONS_DIR, name)) as f:
                text = f.read()
            revision = name[:-len('.py')]
            self.assertIn('revision = %r' % revision, text)
            self.assertLessEqual(len(revision), 32)

    def test_scripts_do_not_import_the_models(self):
        # A script importing today's models would change what an old
        # migration creates whenever a model changes.
        for name in self._script_files():
            with open(os.path.join(VERSIONS_DIR, name)) as f:
                text = f.read()
            self.assertNotIn('magnum.db.models', text, name)
            self.assertNotIn('JSONEncoded', text, name)


class RevisionTest(base.TestCase):
    """Writing new scripts, in a private copy of the migrations."""

    def setUp(self):
        super().setUp()
        copy = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'migrations')
        shutil.copytree(migration.MIGRATIONS_DIR, copy,
                        ignore=shutil.ignore_patterns('__pycache__'))
        self.useFixture(fixtures.MonkeyPatch(
            'magnum.db.migration.MIGRATIONS_DIR', copy))
        self.versions = os.path.join(copy, 'versions')

    def test_revision_writes_a_numbered_script_after_head(self):
        path = migration.revision('Add cluster foo column!')

        self.assertEqual(os.path.join(self.versions,
                                      '0003_add_cluster_foo_column.py'),
                         path)
        with open(path) as f:
            text = f.read()
        self.assertIn("revision = '0003_add_cluster_foo_column'", text)
        self.assertIn("down_revision = '0002_nodegroup_node_count_index'",
                      text)
        self.assertEqual('0003_add_cluster_foo_column',
                         migration.head_revision())

    def test_revision_id_fits_the_version_table(self):
        path = migration.revision('x' * 80)

        revision = os.path.basename(path)[:-len('.py')]
        self.assertEqual('0003_' + 'x' * 27, revision)

    def test_autogenerate_renders_json_columns_as_text(self):
        path = self.useFixture(fixtures.TempDir()).join('magnum.sqlite')
        engine = sa.create_engine('sqlite:///%s' % path)
        self.addCleanup(engine.dispose)
        migration.upgrade(engine=engine)
        with engine.begin() as conn:
            conn.execute(sa.text('ALTER TABLE nodegroup DROP COLUMN labels'))

        script = migration.revision('restore labels', autogenerate=True,
                                    engine=engine)

        with open(script) as f:
            text = f.read()
        self.assertIn("batch_op.add_column(sa.Column('labels', sa.Text()",
                      text)
        self.assertNotIn('magnum.db.models', text)
