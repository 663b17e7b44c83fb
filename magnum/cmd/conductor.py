"""magnum-conductor: the worker that drives clusters through drivers."""

import os
import sys

from oslo_log import log as logging
from oslo_service import backend
from oslo_service import service

from magnum.common import service as magnum_service
from magnum.conductor import service as conductor_service
import magnum.conf

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)


def main(argv=None):
    """Run the conductor until stopped."""
    backend.init_backend(backend.BackendType.THREADING)
    magnum_service.prepare_service(sys.argv if argv is None else argv)
    workers = CONF.conductor.workers or os.cpu_count() or 1
    server = conductor_service.ConductorService()
    launcher = service.launch(CONF, server, workers=workers,
                              restart_method='mutate')
    launcher.wait()


if __name__ == '__main__':
    main()
