"""Alembic environment for magnum.

The database comes from ``config.attributes['connection']`` when the caller
(:mod:`magnum.db.migration`, tests) hands one in, otherwise from the engine
facade configured by ``[database] connection``.
"""

from alembic import context
from sqlalchemy import types

from magnum.db import engine as db_engine
from magnum.db import models

config = context.config


def render_item(type_, obj, autogen_context):
    """Render magnum's column types as the plain types they store.

    Migration scripts must not import the models: a later change to a
    model type would silently rewrite history.
    """
    if type_ == 'type' and isinstance(obj, types.TypeDecorator):
        return 'sa.%r' % obj.impl_instance
    return False


def run_migrations(connection):
    """Run the pending migrations on ``connection``."""
    # Batch mode turns ALTER TABLE into copy-and-move on sqlite, so the
    # same migration scripts run on every backend.
    context.configure(connection=connection,
                      target_metadata=models.Base.metadata,
                      render_as_batch=True,
                      render_item=render_item)
    with context.begin_transaction():
        context.run_migrations()


def main():
    """Run the migrations on the given connection or the configured DB."""
    connection = config.attributes.get('connection')
    if connection is not None:
        run_migrations(connection)
        return
    with db_engine.get_engine().connect() as connection:
        run_migrations(connection)


main()
