"""Alembic migrations of magnum's database.

Run them through :mod:`magnum.db.migration` or ``magnum-db-manage``; the
alembic configuration is built in code, so no ``alembic.ini`` is needed.
"""
