"""The oslo.db engine facade shared by the database layer and migrations."""

from oslo_db.sqlalchemy import enginefacade

# One facade for the process; oslo.db configures it lazily from
# [database] on first use.
context_manager = enginefacade.transaction_context()
context_manager.configure(sqlite_fk=True)


def get_engine():
    """Return the writer engine configured from [database]."""
    return context_manager.writer.get_engine()


def reader():
    """Return a decorator/context manager for a read transaction."""
    return context_manager.reader


def writer():
    """Return a decorator/context manager for a write transaction."""
    return context_manager.writer
