"""``/v1``: the version 1 document and its resources."""

import pecan
from pecan import rest

from magnum.api.controllers import link
from magnum.api.controllers.v1 import certificates
from magnum.api.controllers.v1 import cluster_templates
from magnum.api.controllers.v1 import clusters
from magnum.api.controllers.v1 import credentials
from magnum.api.controllers.v1 import magnum_services
from magnum.api.controllers.v1 import quotas
from magnum.api.controllers.v1 import stats

RESOURCES = ('clustertemplates', 'clusters', 'quotas', 'certificates',
             'mservices', 'stats', 'federations', 'nodegroups',
             'credentials')

DESCRIBED_BY = ('http://docs.openstack.org/developer/magnum/dev/'
                'api-spec-v1.html')


def v1_document():
    """Return the body of ``GET /v1``."""
    base = link.base_url()
    document = {
        'id': 'v1',
        'media_types': [{'base': 'application/json',
                         'type': 'application/vnd.openstack.magnum.v1+json'}],
        'links': [{'href': '%s/v1/' % base, 'rel': 'self'},
                  {'href': DESCRIBED_BY, 'rel': 'describedby',
                   'type': 'text/html'}],
    }
    for resource in RESOURCES:
        if resource == 'federations':
            # Federations are out of scope; upstream lists them, we don't.
            continue
        path = ('clusters/{cluster_id}/nodegroups' if resource == 'nodegroups'
                else resource)
        document[resource] = link.self_and_bookmark(path)
    return document


class Controller(rest.RestController):
    """The v1 API."""

    clustertemplates = cluster_templates.ClusterTemplatesController()
    certificates = certificates.CertificatesController()
    credentials = credentials.CredentialsController()
    mservices = magnum_services.MagnumServicesController()
    quotas = quotas.QuotasController()
    stats = stats.StatsController()
    clusters = clusters.ClustersController()

    @pecan.expose('json')
    def get(self):
        """Return the v1 document."""
        return v1_document()
