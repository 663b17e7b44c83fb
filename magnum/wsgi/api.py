"""WSGI entry point for uWSGI, gunicorn or mod_wsgi.

Point the server at ``magnum.wsgi.api:application``. Configuration comes
from the default files (``/etc/magnum/magnum.conf``) or from the
``MAGNUM_CONFIG_FILE`` environment variable.
"""

import os

from magnum.api import app as api_app
from magnum.common import service


def init_application():
    """Prepare the service and return the WSGI application."""
    argv = ['magnum-api-wsgi']
    config_file = os.environ.get('MAGNUM_CONFIG_FILE')
    if config_file:
        argv += ['--config-file', config_file]
    service.prepare_service(argv)
    return api_app.load_app()


application = init_application()
