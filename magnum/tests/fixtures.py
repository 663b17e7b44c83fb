"""Fixtures shared by the test suites."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import fixtures
from oslo_config import fixture as config_fixture
from oslo_db.sqlalchemy import exc_filters
import sqlalchemy as sa
from sqlalchemy import pool

import magnum.conf
from magnum.db import engine as db_engine
from magnum.db import models


class Database(fixtures.Fixture):
    """Point the engine facade at a private in-memory sqlite database.

    The schema comes from the models; the migration tests prove the
    alembic history builds the same schema.
    """

    def _setUp(self):
        conf = self.useFixture(config_fixture.Config(magnum.conf.CONF))
        conf.config(group='database', connection='sqlite://')
        self.engine = sa.create_engine(
            'sqlite://', poolclass=pool.StaticPool,
            connect_args={'check_same_thread': False})
        # Translate driver errors (duplicates, deadlocks) as oslo.db does
        # for engines it creates itself.
        exc_filters.register_engine(self.engine)
        models.Base.metadata.create_all(self.engine)
        self.addCleanup(self.engine.dispose)
        reset = db_engine.context_manager.patch_engine(self.engine)
        self.addCleanup(reset)


class AllInOne(fixtures.Fixture):
    """``magnum-all-in-one`` as a child process with a private state
    directory and port; killed at cleanup if still running.

    :ivar url: the API's ``/v1`` URL.
    :ivar process: the :class:`subprocess.Popen` of the command.
    :ivar state: its ``[DEFAULT] state_path``.
    """

    TIMEOUT = 60

    def _setUp(self):
        self.state = self.useFixture(fixtures.TempDir()).path
        with socket.socket() as sock:
            sock.bind(('127.0.0.1', 0))
            port = sock.getsockname()[1]
        config = os.path.join(self.state, 'magnum.conf')
        with open(config, 'w') as conf_file:
            conf_file.write('[DEFAULT]\nstate_path = %s\n'
                            '[api]\nport = %d\n' % (self.state, port))
        self._log = open(os.path.join(self.state, 'all-in-one.log'), 'w+')
        self.addCleanup(self._log.close)
        self.process = subprocess.Popen(
            [sys.executable, '-W', 'ignore', '-m', 'magnum.cmd.all_in_one',
             '--config-file', config], stdout=self._log,
            stderr=subprocess.STDOUT)
        self.addCleanup(self._kill)
        self.url = 'http://127.0.0.1:%d/v1' % port
        self.wait('the API to answer', self._answers)

    def _kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def _answers(self):
        try:
            with urllib.request.urlopen(self.url, timeout=5):
                return True
        except (urllib.error.URLError, OSError):
            return False

    def output(self):
        """Return what the command has logged so far."""
        self._log.seek(0)
        return self._log.read()

    def wait(self, what, probe, timeout=TIMEOUT):
        """Call ``probe`` until it returns a true value; return that value.

        :raises AssertionError: when the command exits or after
            ``timeout`` seconds, with its log.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = probe()
            if value:
                return value
            if self.process.poll() is not None:
                raise AssertionError(
                    'magnum-all-in-one exited %s while waiting for %s:\n%s'
                    % (self.process.returncode, what, self.output()))
            time.sleep(0.5)
        raise AssertionError('no %s after %ds:\n%s'
                             % (what, timeout, self.output()))
