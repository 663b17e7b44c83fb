"""API microversions: named constants and their history.

A request names its version in the ``OpenStack-API-Version`` header, e.g.
``OpenStack-API-Version: container-infra 1.9``; without the header it gets
:data:`BASE`. Code compares against these names, never against numbers.

History:

* 1.1  ``BASE``: the baseline, strict input validation.
* 1.2  asynchronous create, update and delete (202 and ``{"uuid": ...}``).
* 1.3  ``CLUSTER_ROLLBACK``: ``?rollback=True`` on cluster PATCH.
* 1.4  ``GET /v1/stats``.
* 1.5  CA rotation, ``PATCH /v1/certificates/{cluster}``.
* 1.6  the quotas API.
* 1.7  ``CLUSTER_RESIZE``: ``POST /v1/clusters/{id}/actions/resize``.
* 1.8  ``CLUSTER_UPGRADE``: ``POST /v1/clusters/{id}/actions/upgrade``.
* 1.9  ``NODEGROUPS``: ``/v1/clusters/{id}/nodegroups``.
* 1.10 ``ZERO_NODE_COUNT``: ``node_count=0`` on create, update, resize.
* 1.11 bays and baymodels gone (we never had them).
* 1.12 ``CREDENTIAL_ROTATE``: ``PATCH /v1/credentials/{cluster}``.
* 1.13 ``CLUSTER_ID_FIELD``: clusters show ``cluster_id`` instead of
  ``stack_id``.
* 1.14 ``NODE_LABELS_TAINTS``: nodegroup ``node_labels`` and
  ``node_taints``.
"""

import functools
import re

from magnum.i18n import _

# The header names, as upstream sends them.
HEADER = 'OpenStack-API-Version'
MIN_HEADER = 'OpenStack-API-Minimum-Version'
MAX_HEADER = 'OpenStack-API-Maximum-Version'
# The service name we answer with; requests may use any of SERVICE_NAMES.
SERVICE_NAME = 'container-infrastructure-management'
SERVICE_NAMES = ('container-infrastructure-management',
                 'container-infrastructure', 'container-infra')

_VERSION_RE = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


@functools.total_ordering
class Version:
    """A microversion ``major.minor``."""

    __slots__ = ('major', 'minor')

    def __init__(self, major, minor):
        self.major = major
        self.minor = minor

    @classmethod
    def parse(cls, text):
        """Parse ``X.Y``; raises ValueError for anything else."""
        match = _VERSION_RE.match(text.strip())
        if not match:
            raise ValueError(_('Invalid microversion %s') % text)
        return cls(int(match.group(1)), int(match.group(2)))

    def _key(self):
        return (self.major, self.minor)

    def __eq__(self, other):
        return isinstance(other, Version) and self._key() == other._key()

    def __lt__(self, other):
        return self._key() < other._key()

    def __hash__(self):
        return hash(self._key())

    def __str__(self):
        return '%d.%d' % (self.major, self.minor)

    __repr__ = __str__


BASE = Version(1, 1)
CLUSTER_ROLLBACK = Version(1, 3)
STATS = Version(1, 4)
CA_ROTATION = Version(1, 5)
QUOTAS = Version(1, 6)
CLUSTER_RESIZE = Version(1, 7)
CLUSTER_UPGRADE = Version(1, 8)
NODEGROUPS = Version(1, 9)
ZERO_NODE_COUNT = Version(1, 10)
CREDENTIAL_ROTATE = Version(1, 12)
CLUSTER_ID_FIELD = Version(1, 13)
NODE_LABELS_TAINTS = Version(1, 14)

MIN_VERSION = BASE
MAX_VERSION = NODE_LABELS_TAINTS
