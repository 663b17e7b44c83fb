"""What every magnum process does before it serves."""

import sys

from oslo_log import log as logging
from oslo_reports import guru_meditation_report as gmr
from oslo_reports import opts as gmr_opts

from magnum.common import config
import magnum.conf
from magnum import objects
from magnum import version

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)


def prepare_service(argv=None):
    """Parse configuration, set up logging and the GMR, register objects.

    A bad configuration raises SystemExit with one clear line (see
    :func:`magnum.common.config.parse_args`).
    """
    argv = sys.argv if argv is None else argv
    gmr_opts.set_defaults(CONF)
    config.parse_args(argv)
    logging.setup(CONF, 'magnum')
    gmr.TextGuruMeditation.setup_autorun(version.version_info, conf=CONF)
    objects.register_all()
