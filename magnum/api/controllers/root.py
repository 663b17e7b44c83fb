"""``GET /``: the versions document."""

import pecan
from pecan import rest

from magnum.api.controllers import link
from magnum.api.controllers import v1
from magnum.api import versions

DESCRIPTION = ('Magnum is an OpenStack project which aims to provide '
               'container cluster management.')


def versions_document():
    """Return the body of ``GET /``."""
    base = link.base_url()
    return {
        'name': 'OpenStack Magnum API',
        'description': DESCRIPTION,
        'versions': [{
            'id': 'v1',
            'links': [{'href': '%s/v1/' % base, 'rel': 'self'}],
            'status': 'CURRENT',
            'max_version': str(versions.MAX_VERSION),
            'min_version': str(versions.MIN_VERSION),
        }],
    }


class RootController(rest.RestController):
    """The root of the API; anything but ``v1`` is served by ``v1``."""

    v1 = v1.Controller()

    @pecan.expose('json')
    def get(self):
        """Return the versions document."""
        return versions_document()

    @pecan.expose()
    def _route(self, args, request=None):
        # Upstream serves /clusters as /v1/clusters; keep that.
        if args and args[0] and args[0] not in ('v1', 'v1.json'):
            args = ['v1'] + list(args)
        return super()._route(args, request)
