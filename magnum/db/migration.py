"""Run magnum's alembic migrations from code.

The scripts live in ``magnum/db/migrations/versions``. The alembic
configuration is built here, so an installed magnum needs no
``alembic.ini`` and every caller (``magnum-db-manage``, ``magnum-status``,
tests) goes through the same few functions.
"""

import contextlib
import os
import re

from alembic import command
from alembic import config as alembic_config
from alembic import migration as alembic_migration
from alembic import script as alembic_script

from magnum.db import engine as db_engine

MIGRATIONS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              'migrations')

# alembic_version keeps revision ids in a VARCHAR(32).
_MAX_REVISION_ID_LENGTH = 32


def _config():
    """Return the alembic configuration for magnum's scripts."""
    config = alembic_config.Config()
    config.set_main_option('script_location', MIGRATIONS_DIR)
    config.set_main_option('path_separator', 'os')
    # New scripts are named after their revision id ('0002_add_x.py'), so
    # the directory lists them in order.
    config.set_main_option('file_template', '%%(rev)s')
    return config


def _scripts():
    return alembic_script.ScriptDirectory.from_config(_config())


@contextlib.contextmanager
def _connected_config(engine):
    """Yield an alembic config bound to a connection in a transaction.

    The transaction commits when the block ends without error.
    """
    engine = engine or db_engine.get_engine()
    config = _config()
    with engine.begin() as connection:
        config.attributes['connection'] = connection
        yield config


def upgrade(revision='head', engine=None):
    """Upgrade the database to ``revision``.

    Revisions already applied are skipped, so upgrading an up-to-date
    database does nothing.

    :param revision: the target revision id, or ``'head'``.
    :param engine: the SQLAlchemy engine to use; the configured
        ``[database] connection`` when None.
    :raises: alembic.util.CommandError for an unknown revision,
        oslo_db.exception.DBError when the database fails.
    """
    with _connected_config(engine) as config:
        command.upgrade(config, revision)


def version(engine=None):
    """Return the database's current revision id.

    :param engine: as for :func:`upgrade`.
    :returns: the revision id, or None when no migration has run.
    """
    engine = engine or db_engine.get_engine()
    with engine.connect() as connection:
        context = alembic_migration.MigrationContext.configure(connection)
        return context.get_current_revision()


def stamp(revision, engine=None):
    """Record ``revision`` as the database's revision without migrating.

    :param revision: a revision id, or ``'head'``.
    :param engine: as for :func:`upgrade`.
    :raises: alembic.util.CommandError for an unknown revision.
    """
    with _connected_config(engine) as config:
        command.stamp(config, revision)


def head_revision():
    """Return the head revision of the scripts, without touching the DB.

    :raises: alembic.util.CommandError when the history has several heads.
    """
    return _scripts().get_current_head()


def _next_revision_id(message):
    count = sum(1 for _ in _scripts().walk_revisions())
    slug = re.sub(r'[^a-z0-9]+', '_', message.lower()).strip('_')
    return ('%04d_%s' % (count + 1, slug))[:_MAX_REVISION_ID_LENGTH] \
        .rstrip('_')


def revision(message, autogenerate=False, engine=None):
    """Write a new migration script after the current head.

    Its id is the next sequence number followed by a slug of ``message``
    (``0002_add_cluster_foo``).

    :param message: what the migration does.
    :param autogenerate: fill the script with the differences between the
        models and the database, which must be at head.
    :param engine: as for :func:`upgrade`; used only with ``autogenerate``.
    :returns: the path of the new script.
    :raises: alembic.util.CommandError, for instance when autogenerating
        against a database that is not at head.
    """
    rev_id = _next_revision_id(message)
    if autogenerate:
        with _connected_config(engine) as config:
            script = command.revision(config, message=message,
                                      autogenerate=True, rev_id=rev_id)
    else:
        script = command.revision(_config(), message=message, rev_id=rev_id)
    return script.path
