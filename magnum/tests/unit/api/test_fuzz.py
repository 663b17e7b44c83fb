"""Generated hostile requests against every v1 endpoint.

Thousands of requests (malformed JSON, wrong content types, wrong types,
huge numbers, bad JSON patches, odd sort keys and markers, bad
microversions, oversized bodies, made-up identities) go through the
whole paste pipeline. For every response:

* the status is below 500;
* an error (>= 400) carries the upstream error document;
* a rejected request (4xx) and any GET left every table as it was.

Accepted mutations are undone after each example so every request meets
the same seeded template, cluster, nodegroups and quota.

The example counts come from the hypothesis profile ``magnum-fuzz``
(about 3,000 requests, well under a minute on two cores);
``HYPOTHESIS_PROFILE=magnum-fuzz-long`` runs ten times as many.
"""

import os

import fixtures
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from oslo_serialization import jsonutils
import sqlalchemy as sa

from magnum.db import models
from magnum.tests.unit.api import base
from magnum.tests.unit.api import conductor_fixture
from magnum.tests.unit.api import fuzz_strategies as fuzz
from magnum.tests.unit.db import utils as db_utils

MAX_BODY = 114688

settings.register_profile(
    'magnum-fuzz', max_examples=500, deadline=None, derandomize=True,
    database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow,
                           HealthCheck.data_too_large,
                           HealthCheck.filter_too_much])
settings.register_profile(
    'magnum-fuzz-long', parent=settings.get_profile('magnum-fuzz'),
    max_examples=5000, derandomize=False)
PROFILE = settings.get_profile(
    os.environ.get('HYPOTHESIS_PROFILE', 'magnum-fuzz')
    if os.environ.get('HYPOTHESIS_PROFILE', '').startswith('magnum-fuzz')
    else 'magnum-fuzz')

ERROR_KEYS = {'request_id', 'code', 'status', 'title', 'detail', 'links'}
CLIENT_CODES = ('client', 'magnum.microversion-unsupported')
PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n'


class FuzzConductorAPI(conductor_fixture.RecordingConductorAPI):
    """The recorder plus the two synchronous calls certificates make."""

    def get_ca_certificate(self, context, cluster_uuid, ca_cert_type=None):
        return PEM

    def sign_certificate(self, context, cluster_uuid, csr,
                         ca_cert_type=None):
        return PEM


def snapshot(engine):
    """Return every row of every table, in primary key order."""
    rows = {}
    with engine.connect() as connection:
        for table in models.Base.metadata.sorted_tables:
            query = sa.select(table).order_by(*table.primary_key.columns)
            rows[table.name] = [tuple(r) for r in connection.execute(query)]
    return rows


def restore(engine, rows):
    """Put the tables back to ``rows`` (a :func:`snapshot`)."""
    tables = models.Base.metadata.sorted_tables
    with engine.begin() as connection:
        for table in reversed(tables):
            connection.execute(table.delete())
        for table in tables:
            if rows[table.name]:
                names = [c.name for c in table.columns]
                connection.execute(table.insert(), [
                    dict(zip(names, row)) for row in rows[table.name]])


class FuzzTestCase(base.APITestCase):
    """Seeded rows, a conductor stand-in and the checks of a response."""

    def setUp(self):
        super().setUp()
        self.config(group='oslo_middleware', max_request_body_size=MAX_BODY)
        self.conductor = FuzzConductorAPI()
        self.useFixture(fixtures.MonkeyPatch(
            'magnum.api.rpc.conductor_api', lambda: self.conductor))
        self._seed()
        self.engine = self.database.engine
        self.pristine = snapshot(self.engine)
        self.sent = 0

    def _seed(self):
        owner = {'project_id': fuzz.PROJECT, 'user_id': 'member-user'}
        template = dict(
            owner, cluster_distro='fake', driver='fake',
            image_id='fedora-coreos-latest', external_network_id='public',
            flavor_id='m1.small', master_flavor_id='m1.medium',
            keypair_id='demo-key', fixed_network=None, fixed_subnet=None,
            volume_driver=None, labels={'kube_tag': 'v1.30'})
        db_utils.create_test_cluster_template(
            uuid=fuzz.TEMPLATE_UUID, name=fuzz.TEMPLATE_NAME, **template)
        db_utils.create_test_cluster_template(
            uuid=fuzz.SPARE_TEMPLATE_UUID, name=fuzz.SPARE_TEMPLATE_NAME,
            public=True, **template)
        db_utils.create_test_cluster(
            uuid=fuzz.CLUSTER_UUID, name=fuzz.CLUSTER_NAME,
            cluster_template_id=fuzz.TEMPLATE_UUID, keypair='demo-key',
            master_flavor_id='m1.medium', etcd_ca_cert_ref='etcd-ref',
            front_proxy_ca_cert_ref='front-proxy-ref', master_count=1,
            node_count=2, **owner)
        db_utils.create_test_nodegroup(
            uuid=fuzz.EXTRA_NG_UUID, name=fuzz.EXTRA_NG_NAME,
            cluster_id=fuzz.CLUSTER_UUID, project_id=fuzz.PROJECT,
            node_count=1, min_node_count=0, max_node_count=5)
        db_utils.create_test_quota(project_id=fuzz.PROJECT, hard_limit=10)
        db_utils.create_test_magnum_service()

    def send(self, request):
        """Send ``request``, check the response and undo its changes."""
        self.sent += 1
        before = snapshot(self.engine)
        kwargs = {'method': request.method, 'headers': request.headers,
                  'expect_errors': True}
        if request.body is not None:
            kwargs['body'] = request.body
        response = self.app.request(request.path, **kwargs)
        status = response.status_int
        self.assertLess(status, 500, '%r answered %s: %s' % (
            request, response.status, response.body[:2000]))
        if status >= 400:
            self.assert_error_document(request, response)
        elif request.method in ('PATCH', 'DELETE', 'PUT'):
            # Only a path that names one resource may be changed; body
            # keys or query parameters must never stand in for it.
            self.assertTrue(request.names_one, '%r changed what its path '
                            'does not name (%s)' % (request, status))
        if 400 <= status < 500 or request.method == 'GET':
            after = snapshot(self.engine)
            self.assertEqual(before, after,
                             '%r (%s) changed rows' % (request, status))
        elif status != 204 and response.body:
            self.assertIsNotNone(jsonutils.loads(response.body))
        if status < 400 and request.method != 'GET':
            restore(self.engine, self.pristine)
        self.conductor.casts.clear()
        self.cloud.calls.clear()
        return response

    def assert_error_document(self, request, response):
        where = '%r answered %s' % (request, response.status)
        self.assertEqual('application/json', response.content_type, where)
        document = jsonutils.loads(response.body)
        self.assertIsInstance(document, dict, where)
        self.assertIsInstance(document.get('errors'), list, where)
        self.assertTrue(document['errors'], where)
        for error in document['errors']:
            self.assertLessEqual(ERROR_KEYS, set(error), where)
            self.assertEqual(response.status_int, error['status'], where)
            # The microversion 406 keeps upstream's own code.
            self.assertIn(error['code'], CLIENT_CODES, where)
            self.assertTrue(error['request_id'].startswith('req-'), where)
            self.assertIsInstance(error['title'], str, where)
            self.assertIsInstance(error['detail'], str, where)
            self.assertNotIn('Traceback', error['detail'], where)


def _examples(share):
    """Settings giving this test ``share`` of the profile's examples."""
    return settings(PROFILE, max_examples=max(
        1, int(PROFILE.max_examples * share)))


class FuzzTemplatesTest(FuzzTestCase):

    @_examples(1.0)
    @given(fuzz.requests(fuzz.endpoints_under('/v1/clustertemplates')))
    def test_clustertemplates(self, request):
        self.send(request)


class FuzzClustersTest(FuzzTestCase):

    @_examples(1.2)
    @given(fuzz.requests(
        tuple(e for e in fuzz.endpoints_under('/v1/clusters')
              if 'nodegroups' not in e[0]) +
        fuzz.endpoints_under('/clusters')))
    def test_clusters_and_actions(self, request):
        self.send(request)

    @_examples(1.0)
    @given(fuzz.requests(tuple(
        e for e in fuzz.ENDPOINTS if 'nodegroups' in e[0])))
    def test_nodegroups(self, request):
        self.send(request)


class FuzzOtherResourcesTest(FuzzTestCase):

    @_examples(1.2)
    @given(fuzz.requests(
        fuzz.endpoints_under('/v1/certificates') +
        fuzz.endpoints_under('/v1/credentials') +
        fuzz.endpoints_under('/v1/quotas')))
    def test_certificates_credentials_quotas(self, request):
        self.send(request)

    @_examples(0.6)
    @given(fuzz.requests(
        fuzz.endpoints_under('/v1/stats') +
        fuzz.endpoints_under('/v1/mservices') +
        tuple(e for e in fuzz.ENDPOINTS if e[0] in ('/', '/v1', '/v1/',
                                                    '/v1/{junk}'))))
    def test_stats_services_and_roots(self, request):
        self.send(request)


class FuzzHarnessTest(FuzzTestCase):
    """The harness itself: a restore really puts rows back."""

    def test_accepted_mutation_is_undone(self):
        response = self.send(fuzz.FuzzRequest(
            'DELETE', '/v1/clustertemplates/%s' % fuzz.SPARE_TEMPLATE_UUID,
            dict(base.ADMIN), None, names_one=True))
        self.assertEqual(204, response.status_int)
        self.assertEqual(self.pristine, snapshot(self.engine))

    def test_oversized_body_is_413_document(self):
        response = self.send(fuzz.FuzzRequest(
            'POST', '/v1/clustertemplates',
            dict(base.ADMIN, **{'Content-Type': 'application/json'}),
            fuzz.oversized('template', MAX_BODY)))
        self.assertEqual(413, response.status_int)
