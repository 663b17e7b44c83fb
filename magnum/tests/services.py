"""Opportunistic access to the servers some tests need.

Tests that need MariaDB, PostgreSQL or RabbitMQ skip when the server is not
reachable, as oslo.db's opportunistic tests do, unless the environment sets
``MAGNUM_TEST_REQUIRE_SERVICES=1``: then a missing server fails the test,
so that CI cannot go green by skipping everything.
"""

import os
import socket

REQUIRE_ENV = 'MAGNUM_TEST_REQUIRE_SERVICES'

MYSQL_URL = os.environ.get(
    'MAGNUM_TEST_MYSQL_URL', 'mysql+pymysql://root@127.0.0.1:3306/')
POSTGRESQL_URL = os.environ.get(
    'MAGNUM_TEST_POSTGRESQL_URL',
    'postgresql+psycopg2://postgres@127.0.0.1:5432/')
RABBITMQ_URL = os.environ.get(
    'MAGNUM_TEST_RABBITMQ_URL', 'rabbit://guest:guest@127.0.0.1:5672/')


def services_required():
    """Whether a missing server must fail tests instead of skipping them."""
    return os.environ.get(REQUIRE_ENV, '').lower() in ('1', 'true', 'yes')


def port_open(host, port, timeout=1.0):
    """Return True when a TCP connection to host:port succeeds."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def skip_or_fail(testcase, reason):
    """Skip ``testcase`` for ``reason``; fail it when servers are required.
    """
    if services_required():
        testcase.fail('%s (and %s=1 requires it)' % (reason, REQUIRE_ENV))
    testcase.skipTest(reason)


def require_port(testcase, name, host, port):
    """Skip or fail ``testcase`` unless ``name`` listens on host:port."""
    if not port_open(host, port):
        skip_or_fail(testcase, '%s is not reachable on %s:%s'
                     % (name, host, port))
