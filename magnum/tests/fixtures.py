"""Fixtures shared by the test suites."""

import fixtures
from oslo_config import fixture as config_fixture
from oslo_db.sqlalchemy import exc_filters
import sqlalchemy as sa
from sqlalchemy import pool

import magnum.conf
from magnum.db import engine as db_engine
from magnum.db import models


class Database(fixtures.Fixture):
    """Point the engine facade at a private in-memory sqlite database.

    The schema comes from the models; the migration tests prove the
    alembic history builds the same schema.
    """

    def _setUp(self):
        conf = self.useFixture(config_fixture.Config(magnum.conf.CONF))
        conf.config(group='database', connection='sqlite://')
        self.engine = sa.create_engine(
            'sqlite://', poolclass=pool.StaticPool,
            connect_args={'check_same_thread': False})
        # Translate driver errors (duplicates, deadlocks) as oslo.db does
        # for engines it creates itself.
        exc_filters.register_engine(self.engine)
        models.Base.metadata.create_all(self.engine)
        self.addCleanup(self.engine.dispose)
        reset = db_engine.context_manager.patch_engine(self.engine)
        self.addCleanup(reset)
