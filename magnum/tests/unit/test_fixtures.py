"""Tests of the shared test fixtures."""

from magnum.db import engine as db_engine
from magnum.db import models
from magnum.tests import base


class DatabaseFixtureTest(base.DbTestCase):

    def test_schema_created_and_private(self):
        with db_engine.writer().using(self) as session:
            session.add(models.Quota(project_id='p', resource='Cluster',
                                     hard_limit=3))
        with db_engine.reader().using(self) as session:
            rows = session.query(models.Quota).all()
        self.assertEqual([3], [r.hard_limit for r in rows])
