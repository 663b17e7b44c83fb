"""Load a service's WSGI application for gunicorn.

oslo.config parses ``sys.argv`` while the application starts, and under
gunicorn that is gunicorn's own command line, which it rejects.  This
module replaces ``sys.argv`` with the one in ``LOCALCLOUD_WSGI_ARGV`` and
then imports ``application`` from the module in
``LOCALCLOUD_WSGI_TARGET``.
"""

import importlib
import json
import os
import sys

sys.argv = json.loads(os.environ['LOCALCLOUD_WSGI_ARGV'])
application = importlib.import_module(
    os.environ['LOCALCLOUD_WSGI_TARGET']).application
