"""Whether the configured database can be reached, in one line."""

from oslo_db import exception as db_exception
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

import magnum.conf
from magnum.db import engine as db_engine

CONF = magnum.conf.CONF


def masked_url():
    """Return ``[database] connection`` with its password hidden."""
    url = sa.engine.make_url(CONF.database.connection)
    return url.render_as_string(hide_password=True)


def reason(error):
    """Return the first line of what the database driver reported."""
    inner = getattr(error, 'inner_exception', None) or error
    cause = getattr(inner, 'orig', None) or inner
    args = getattr(cause, 'args', ())
    # PyMySQL errors are (code, message) pairs.
    if len(args) == 2 and isinstance(args[0], int):
        text = str(args[1])
    else:
        text = str(cause)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else type(cause).__name__


def connection_problem():
    """Return why the database cannot be reached, or None."""
    try:
        with db_engine.get_engine().connect():
            pass
    except sa_exc.ArgumentError as error:
        return 'invalid [database] connection: %s' % reason(error)
    except (db_exception.DBError, sa_exc.SQLAlchemyError) as error:
        return 'cannot connect to the database %s: %s' % (
            masked_url(), reason(error))
    return None
