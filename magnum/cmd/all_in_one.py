"""magnum-all-in-one: the API and a conductor in one process, for local
development.

Without a configuration file it needs nothing else: the database is
sqlite under ``[DEFAULT] state_path`` (``~/.local/state/magnum-all-in-one``
by default), brought to the newest revision at start; the API and the
conductor talk over the in-process ``fake://`` transport; requests are
``noauth``; cloud look-ups are ``offline`` so that any image name gives
the fake driver's ``os_distro``, and the fake driver builds the clusters.
Every one of these is only a default: ``--config-file`` can point the
process at MariaDB, RabbitMQ or a real cloud instead.
"""

import os
import signal
import sys

from oslo_log import log as logging
from oslo_service import backend
from werkzeug import serving

from magnum.api import app as api_app
from magnum.common import rpc
from magnum.common import service
from magnum.conductor import service as conductor_service
import magnum.conf
from magnum.db import health as db_health
from magnum.db import migration

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)
PROG = 'magnum-all-in-one'

# Quick status changes: the fake driver finishes at its first observation.
STATUS_SYNC_INTERVAL = 2


def default_state_path():
    """Return where the development database lives by default."""
    base = os.environ.get('XDG_STATE_HOME') or os.path.join(
        os.path.expanduser('~'), '.local', 'state')
    return os.path.join(base, PROG)


def set_development_defaults():
    """Make the defaults those of a single-process development setup.

    They are defaults, not overrides: a configuration file still wins.
    """
    rpc.default_to_in_process(CONF)
    CONF.set_default('state_path', default_state_path())
    CONF.set_default('auth_strategy', 'noauth', group='api')
    CONF.set_default('cloud_lookups', 'offline', group='api')
    CONF.set_default('workers', 1, group='api')
    CONF.set_default('status_sync_interval', STATUS_SYNC_INTERVAL,
                     group='conductor')
    # Fail at once, in one line, when a configured database is down.
    CONF.set_default('max_retries', 0, group='database')


def _prepare_database():
    if CONF.database.connection.startswith('sqlite:'):
        os.makedirs(CONF.state_path, exist_ok=True)
    problem = db_health.connection_problem()
    if problem:
        raise SystemExit('%s: %s' % (PROG, problem))
    migration.upgrade('head')


def main(argv=None):
    """Run the API and a conductor in this process until interrupted."""
    backend.init_backend(backend.BackendType.THREADING)
    set_development_defaults()
    service.prepare_service(sys.argv if argv is None else argv)
    _prepare_database()
    conductor = conductor_service.ConductorService()
    conductor.start()
    # werkzeug stops on KeyboardInterrupt; make SIGTERM do the same.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    LOG.info('%s: API on http://%s:%s, database %s, auth_strategy=%s, '
             'cloud_lookups=%s', PROG, CONF.api.host, CONF.api.port,
             CONF.database.connection, CONF.api.auth_strategy,
             CONF.api.cloud_lookups)
    try:
        serving.run_simple(CONF.api.host, CONF.api.port,
                           api_app.load_app(), threaded=True)
    except OSError as error:
        raise SystemExit('%s: cannot listen on %s:%s: %s' % (
            PROG, CONF.api.host, CONF.api.port, error.strerror))
    except KeyboardInterrupt:
        pass
    finally:
        conductor.stop()


if __name__ == '__main__':
    main()
