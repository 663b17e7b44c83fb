"""magnum-api: serve the REST API on [api] host:port."""

import os
import sys

from oslo_log import log as logging
from werkzeug import serving

from magnum.api import app as api_app
from magnum.common import service
import magnum.conf

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)


def _ssl_context():
    if not CONF.api.enabled_ssl:
        return None
    for name in ('ssl_cert_file', 'ssl_key_file'):
        path = getattr(CONF.api, name)
        if not path or not os.path.exists(path):
            raise SystemExit('magnum-api: [api] %s (%r) does not exist; '
                             'set it or disable [api] enabled_ssl'
                             % (name, path))
    return (CONF.api.ssl_cert_file, CONF.api.ssl_key_file)


def main(argv=None):
    """Run the API server until interrupted."""
    service.prepare_service(sys.argv if argv is None else argv)
    application = api_app.load_app()
    workers = CONF.api.workers or os.cpu_count() or 1
    LOG.info('Serving magnum-api on http://%s:%s with %d worker(s), '
             'auth_strategy=%s', CONF.api.host, CONF.api.port, workers,
             CONF.api.auth_strategy)
    try:
        serving.run_simple(CONF.api.host, CONF.api.port, application,
                           processes=workers if workers > 1 else 1,
                           threaded=workers == 1,
                           ssl_context=_ssl_context())
    except OSError as error:
        raise SystemExit('magnum-api: cannot listen on %s:%s: %s'
                         % (CONF.api.host, CONF.api.port, error.strerror))


if __name__ == '__main__':
    main()
