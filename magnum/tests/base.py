"""Base classes for magnum's tests."""

from oslo_config import cfg
from oslo_config import fixture as config_fixture
from oslotest import base

import magnum.conf
from magnum.tests import fixtures as magnum_fixtures

CONF = magnum.conf.CONF


class TestCase(base.BaseTestCase):
    """A test with a clean configuration and no database."""

    def setUp(self):
        super().setUp()
        # Parse an empty command line so code that needs a parsed CONF
        # (find_file, sub-commands) works; no config files are read.
        try:
            CONF([], project='magnum', default_config_files=[],
                 default_config_dirs=[])
        except cfg.RequiredOptError:
            # keystoneauth registers its plugin's options on the global
            # CONF the first time a test loads [keystone_auth]; parsing is
            # done by then, only the check of required values failed.
            pass
        self.conf_fixture = self.useFixture(config_fixture.Config(CONF))
        self.conf = self.conf_fixture.conf

    def config(self, group=None, **kw):
        """Override configuration options for this test."""
        self.conf_fixture.config(group=group, **kw)


class DbTestCase(TestCase):
    """A test with a fresh in-memory sqlite schema built from the models."""

    def setUp(self):
        super().setUp()
        self.database = self.useFixture(magnum_fixtures.Database())
