"""magnum-conductor: the worker that drives clusters through drivers."""

import os
import sys

from oslo_log import log as logging
from oslo_service import backend
from oslo_service import service

from magnum.common import service as magnum_service
from magnum.conductor import service as conductor_service
import magnum.conf
from magnum.db import health as db_health

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)


def main(argv=None):
    """Run the conductor until stopped."""
    backend.init_backend(backend.BackendType.THREADING)
    # Fail at once, in one line, when the database is down at start-up
    # instead of retrying for minutes; an explicit [database] max_retries
    # in the configuration still wins.
    CONF.set_default('max_retries', 0, group='database')
    magnum_service.prepare_service(sys.argv if argv is None else argv)
    problem = db_health.connection_problem()
    if problem:
        raise SystemExit('magnum-conductor: %s' % problem)
    workers = CONF.conductor.workers or os.cpu_count() or 1
    server = conductor_service.ConductorService()
    launcher = service.launch(CONF, server, workers=workers,
                              restart_method='mutate')
    launcher.wait()


if __name__ == '__main__':
    main()
