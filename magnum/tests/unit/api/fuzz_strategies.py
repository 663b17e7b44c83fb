"""hypothesis strategies that build hostile requests for the v1 API.

Each generated request is a :class:`FuzzRequest`: a method, a path with
its query string, headers and raw body bytes. The generators know the
resources well enough to get past the first checks (a real template
uuid, a valid body with one field broken) and are blunt enough to hit
the parsers with anything (invalid UTF-8, NaN, lone surrogates, 100 kB
strings, JSON patches with made-up operations).
"""

import json
from urllib import parse

from hypothesis import strategies as st

# The rows the fuzz test seeds; the generators aim at them.
TEMPLATE_UUID = 'e74c40e0-d825-11e2-a28f-0800200c9a66'
TEMPLATE_NAME = 'fuzz-template'
SPARE_TEMPLATE_UUID = '8c1e4b5a-6a7f-4d3c-9b1e-2f0a9d8c7b6a'
SPARE_TEMPLATE_NAME = 'spare-template'
CLUSTER_UUID = '5d12f6fd-a196-4bf0-ae4c-1f639a523a52'
CLUSTER_NAME = 'fuzz-cluster'
EXTRA_NG_UUID = '483203a3-dbee-4a9c-9d65-9820512f4df8'
EXTRA_NG_NAME = 'extra-ng'
PROJECT = 'project-a'
CSR_PEM = ('-----BEGIN CERTIFICATE REQUEST-----\nMIIBfake\n'
           '-----END CERTIFICATE REQUEST-----\n')

# A request as sent; ``body`` is None for no body at all.
METHODS = ('GET', 'POST', 'PATCH', 'DELETE', 'PUT')


class FuzzRequest:
    """One generated request."""

    def __init__(self, method, path, headers, body, names_one=False):
        #: the path names one resource a PATCH or DELETE may change
        self.names_one = names_one
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body

    def __repr__(self):
        body = self.body
        if body is not None and len(body) > 300:
            body = body[:300] + b'...(%d bytes)' % len(self.body)
        return 'FuzzRequest(%s %s headers=%r body=%r)' % (
            self.method, self.path, self.headers, body)


# -- scalars -------------------------------------------------------------

def _text(max_size=30):
    """Any text, sometimes with lone surrogates and NULs."""
    return st.one_of(
        st.text(max_size=max_size),
        st.text(st.characters(categories=['Cs', 'Cc', 'Zs', 'So']),
                max_size=8),
        st.sampled_from(['', ' ', '\x00', 'null', 'true', '1e999', '-1',
                         '0', '../..', '%s', '{}', '[]', 'é' * 300,
                         'x' * 256]))


def _numbers():
    return st.one_of(
        st.integers(min_value=-2 ** 70, max_value=2 ** 70),
        st.sampled_from([0, -1, 1, 2 ** 31, 2 ** 63, -2 ** 63, 10 ** 100,
                         1023, 1024, 65535, 65536]),
        st.floats(allow_nan=True, allow_infinity=True))


SCALARS = st.one_of(st.none(), st.booleans(), _numbers(), _text())


def json_values(max_leaves=6):
    """Any JSON value (NaN and Infinity included: Python parses them)."""
    return st.recursive(
        SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(_text(12), children, max_size=4)),
        max_leaves=max_leaves)


def _dumps(value):
    return json.dumps(value, allow_nan=True).encode('utf-8',
                                                    'surrogatepass')


# -- bodies --------------------------------------------------------------

def template_body():
    return {'name': 'fuzz-new', 'coe': 'kubernetes',
            'image_id': 'fedora-coreos-latest',
            'external_network_id': 'public', 'flavor_id': 'm1.small',
            'master_flavor_id': 'm1.medium', 'keypair_id': 'demo-key'}


TEMPLATE_FIELDS = (
    'name', 'coe', 'image_id', 'flavor_id', 'master_flavor_id',
    'keypair_id', 'external_network_id', 'fixed_network', 'fixed_subnet',
    'network_driver', 'volume_driver', 'dns_nameserver', 'apiserver_port',
    'docker_volume_size', 'docker_storage_driver', 'cluster_distro',
    'http_proxy', 'https_proxy', 'no_proxy', 'registry_enabled', 'labels',
    'tls_disabled', 'public', 'server_type', 'insecure_registry',
    'master_lb_enabled', 'floating_ip_enabled', 'hidden', 'tags', 'driver')
CLUSTER_FIELDS = (
    'name', 'cluster_template_id', 'keypair', 'node_count', 'master_count',
    'docker_volume_size', 'labels', 'master_flavor_id', 'flavor_id',
    'create_timeout', 'discovery_url', 'fixed_network', 'fixed_subnet',
    'floating_ip_enabled', 'master_lb_enabled', 'merge_labels')
NODEGROUP_FIELDS = (
    'name', 'docker_volume_size', 'labels', 'flavor_id', 'image_id',
    'node_count', 'role', 'min_node_count', 'max_node_count',
    'merge_labels', 'node_labels', 'node_taints')

# endpoint kind -> (a valid body, the fields worth breaking)
BODIES = {
    'template': (template_body(), TEMPLATE_FIELDS),
    'cluster': ({'name': 'fuzzc', 'cluster_template_id': TEMPLATE_UUID,
                 'node_count': 1, 'master_count': 1}, CLUSTER_FIELDS),
    'resize': ({'node_count': 2, 'nodegroup': 'default-worker'},
               ('node_count', 'nodegroup', 'nodes_to_remove')),
    'upgrade': ({'cluster_template': SPARE_TEMPLATE_UUID,
                 'max_batch_size': 1},
                ('cluster_template', 'max_batch_size', 'nodegroup')),
    'nodegroup': ({'name': 'fuzz-ng', 'node_count': 1, 'role': 'worker',
                   'flavor_id': 'm1.small'}, NODEGROUP_FIELDS),
    'certificate': ({'cluster_uuid': CLUSTER_UUID, 'csr': CSR_PEM},
                    ('cluster_uuid', 'csr', 'ca_cert_type', 'bay_uuid')),
    'quota': ({'project_id': 'project-q', 'resource': 'Cluster',
               'hard_limit': 5}, ('project_id', 'resource', 'hard_limit')),
    'none': ({}, ('name',)),
}

# endpoint kind -> paths a JSON patch may name
PATCH_PATHS = {
    'template': ['/' + f for f in TEMPLATE_FIELDS] + [
        '/labels/kube_tag', '/uuid', '/id', '/project_id', '/created_at'],
    'cluster': ['/node_count', '/health_status', '/health_status_reason',
                '/name', '/labels', '/labels/x', '/api_address',
                '/stack_id', '/status', '/uuid', '/master_count',
                '/trustee_password'],
    'nodegroup': ['/min_node_count', '/max_node_count', '/node_labels',
                  '/node_labels/a', '/node_taints', '/node_taints/0',
                  '/node_taints/-', '/node_count', '/name', '/role',
                  '/is_default'],
}

# The names of the controllers' path arguments: a body or a query string
# must never stand in for a path segment.
PATH_ARGUMENTS = ('ident', 'cluster_ident', 'nodegroup_ident', 'project_id',
                  'resource', 'self')

_OPS = ['add', 'replace', 'remove', 'move', 'copy', 'test', 'REPLACE',
        '', 'frobnicate']


def _patch_paths(kind):
    known = PATCH_PATHS.get(kind, ['/name'])
    return st.one_of(
        st.sampled_from(known),
        st.sampled_from(['', '/', '//', '/~', '/~2', '/a/b/c/d', 'name',
                         '/0', '/-', '/labels/~1x', '/' + 'a' * 300]),
        _text(20).map(lambda t: '/' + t))


def _patch_op(kind):
    op = st.fixed_dictionaries(
        {'op': st.one_of(st.sampled_from(_OPS), json_values(2)),
         'path': st.one_of(_patch_paths(kind), json_values(2))},
        optional={'value': json_values(), 'from': _patch_paths(kind),
                  'extra': json_values(2)})
    return st.one_of(op, json_values(3))


def patch_documents(kind):
    """JSON patches: mostly well-formed, with bad ops, paths and values."""
    return st.one_of(
        st.lists(_patch_op(kind), min_size=0, max_size=4),
        json_values(3))


_IDENTS = st.sampled_from([TEMPLATE_UUID, SPARE_TEMPLATE_UUID, CLUSTER_UUID,
                           EXTRA_NG_UUID, EXTRA_NG_NAME, PROJECT, 'Cluster'])


def _mutated(kind):
    valid, fields = BODIES[kind]
    return st.fixed_dictionaries({
        'broken': st.dictionaries(st.sampled_from(fields), json_values(),
                                  max_size=3),
        'dropped': st.lists(st.sampled_from(fields), max_size=2),
        'unknown': st.dictionaries(
            st.one_of(_text(15), st.sampled_from(PATH_ARGUMENTS)),
            st.one_of(json_values(2), _IDENTS), max_size=2),
    }).map(lambda d: _apply_mutation(valid, d))


def _apply_mutation(valid, mutation):
    body = dict(valid)
    for name in mutation['dropped']:
        body.pop(name, None)
    body.update(mutation['broken'])
    body.update(mutation['unknown'])
    return body


def _malformed_json():
    return st.one_of(
        st.binary(max_size=60),
        st.sampled_from([b'{', b'{"name": ', b'[{"op": "add"', b'{"a":1}}',
                         b'\xff\xfe{}', b'{"name": "\xc3"}', b'nul',
                         b'{"name": NaN}', b'{"hard_limit": Infinity}',
                         b'{"node_count": -Infinity}', b'\x00', b'',
                         b'{"a": ' * 3000, b'[' * 5000 + b']' * 5000]),
        json_values().map(lambda v: _dumps(v) + b'garbage'))


def oversized(kind, size):
    """A body of the right shape, one kilobyte over ``size`` bytes."""
    valid, _fields = BODIES[kind]
    body = dict(valid, name='x' * (size + 1024))
    return _dumps(body)


def bodies(kind, is_patch, max_body_size):
    """Raw request bodies for an endpoint of ``kind``."""
    structured = (patch_documents(kind) if is_patch
                  else _mutated(kind))
    return st.one_of(
        st.none(),
        structured.map(_dumps),
        structured.map(_dumps),
        json_values().map(_dumps),
        _malformed_json(),
        st.just(kind).map(lambda k: oversized(k, max_body_size)))


# -- paths and queries ----------------------------------------------------

def _segment(known):
    return st.one_of(
        st.sampled_from(known),
        _text(40).map(lambda t: parse.quote(
            t.encode('utf-8', 'surrogatepass'), safe='')),
        st.sampled_from(['', '.', '..', '%00', '%2F', 'detail',
                         '00000000-0000-0000-0000-000000000000',
                         'x' * 400]))


TEMPLATES = _segment([TEMPLATE_UUID, TEMPLATE_NAME, SPARE_TEMPLATE_UUID,
                      SPARE_TEMPLATE_NAME])
CLUSTERS = _segment([CLUSTER_UUID, CLUSTER_NAME])
NODEGROUPS = _segment(['default-master', 'default-worker', EXTRA_NG_NAME,
                       EXTRA_NG_UUID])
PROJECTS = _segment([PROJECT, 'project-b', 'admin-project', 'project-q'])
RESOURCES = _segment(['Cluster', 'cluster'])

# (path template, body kind, patch body?) for every endpoint.
ENDPOINTS = (
    ('/', 'none', False),
    ('/v1', 'none', False),
    ('/v1/', 'none', False),
    ('/clusters', 'cluster', False),
    ('/v1/clustertemplates', 'template', False),
    ('/v1/clustertemplates/detail', 'template', False),
    ('/v1/clustertemplates/{ct}', 'template', True),
    ('/v1/clusters', 'cluster', False),
    ('/v1/clusters/detail', 'cluster', False),
    ('/v1/clusters/{cluster}', 'cluster', True),
    ('/v1/clusters/{cluster}/actions/resize', 'resize', False),
    ('/v1/clusters/{cluster}/actions/upgrade', 'upgrade', False),
    ('/v1/clusters/{cluster}/actions/{junk}', 'resize', False),
    ('/v1/clusters/{cluster}/nodegroups', 'nodegroup', False),
    ('/v1/clusters/{cluster}/nodegroups/{ng}', 'nodegroup', True),
    ('/v1/certificates', 'certificate', False),
    ('/v1/certificates/{cluster}', 'certificate', False),
    ('/v1/credentials/{cluster}', 'none', False),
    ('/v1/quotas', 'quota', False),
    ('/v1/quotas/{project}', 'quota', False),
    ('/v1/quotas/{project}/{resource}', 'quota', False),
    ('/v1/stats', 'none', False),
    ('/v1/mservices', 'none', False),
    ('/v1/{junk}', 'none', False),
)

# The paths that name one resource: the only ones a PATCH or DELETE may
# change.
ONE_RESOURCE = ('/v1/clustertemplates/{ct}', '/v1/clusters/{cluster}',
                '/v1/clusters/{cluster}/nodegroups/{ng}',
                '/v1/certificates/{cluster}', '/v1/credentials/{cluster}',
                '/v1/quotas/{project}/{resource}')

_QUERY_NAMES = PATH_ARGUMENTS + (
    'limit', 'marker', 'sort_key', 'sort_dir', 'all_tenants', 'role',
    'ca_cert_type', 'type', 'rollback', 'detail', 'fields')
_QUERY_VALUES = st.one_of(
    st.sampled_from(['', '0', '-1', '1', '2', '1000', '1001',
                     str(2 ** 64), '1e3', '1.5', 'abc', 'True', 'false',
                     'asc', 'desc', 'DESC', 'id', 'uuid', 'name',
                     'created_at', 'password', 'id;drop', 'labels',
                     'node_addresses', 'etcd', 'front_proxy',
                     'front-proxy', 'kubernetes', 'cluster', 'worker',
                     'master', 'project-a', 'project-b', TEMPLATE_UUID,
                     CLUSTER_UUID, EXTRA_NG_UUID, 'default-worker',
                     '00000000-0000-0000-0000-000000000000']),
    _text(20))


def _queries():
    return st.lists(
        st.tuples(st.one_of(st.sampled_from(_QUERY_NAMES), _text(10)),
                  _QUERY_VALUES),
        max_size=4).map(_encode_query)


def _encode_query(pairs):
    if not pairs:
        return ''
    encoded = [(k.encode('utf-8', 'surrogatepass'),
                v.encode('utf-8', 'surrogatepass')) for k, v in pairs]
    return '?' + parse.urlencode(encoded)


def _fill(template, draw):
    values = {'ct': TEMPLATES, 'cluster': CLUSTERS, 'ng': NODEGROUPS,
              'project': PROJECTS, 'resource': RESOURCES,
              'junk': _segment(['actions', 'bays', 'federations'])}
    path = template
    empty_free = True
    for name, strategy in values.items():
        marker = '{%s}' % name
        if marker in path:
            value = draw(strategy)
            empty_free = empty_free and value not in ('', '.', '..')
            path = path.replace(marker, value)
    return path, empty_free


# -- headers --------------------------------------------------------------

# Header values must be latin-1 text without line breaks to be sent.
_HEADER_TEXT = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0xff,
                  exclude_characters='\x7f'), max_size=30)

_PERSONAS = (
    {'X-User-Id': 'admin-user', 'X-Project-Id': 'admin-project',
     'X-Roles': 'admin,member,reader'},
    {'X-User-Id': 'member-user', 'X-Project-Id': PROJECT,
     'X-Roles': 'member,reader'},
    {'X-User-Id': 'reader-user', 'X-Project-Id': PROJECT,
     'X-Roles': 'reader'},
    {'X-User-Id': 'other-user', 'X-Project-Id': 'project-b',
     'X-Roles': 'member,reader'},
    {'X-User-Id': 'nobody', 'X-Project-Id': PROJECT, 'X-Roles': ''},
    {},
)


def _identity():
    roles = st.lists(st.one_of(
        st.sampled_from(['admin', 'member', 'reader', 'Admin', 'service',
                         ' admin ', '']), _HEADER_TEXT), max_size=4)
    random = st.fixed_dictionaries(
        {}, optional={
            'X-User-Id': _HEADER_TEXT,
            'X-Project-Id': st.one_of(
                st.sampled_from([PROJECT, 'project-b', 'admin-project',
                                 '']), _HEADER_TEXT),
            'X-Roles': roles.map(','.join),
            'X-Domain-Id': _HEADER_TEXT,
        })
    return st.one_of(st.sampled_from(_PERSONAS), st.sampled_from(_PERSONAS),
                     random)


_VERSIONS = st.one_of(
    st.none(),
    st.sampled_from(['1.%d' % minor for minor in range(1, 15)]).map(
        lambda v: 'container-infra %s' % v),
    st.sampled_from([
        'container-infra latest', 'container-infra 1.9',
        'container-infra 1.14', 'container-infra 1.0',
        'container-infra 1.15', 'container-infra 2.0',
        'container-infra 1.99999999999999999999', 'container-infra 1.',
        'container-infra abc', 'container-infra', 'container-infra 1.9 x',
        'compute 1.9', 'container-infrastructure-management 1.12',
        'CONTAINER-INFRA LATEST', '', '   ', 'latest', '1.9']),
    _HEADER_TEXT)

_CONTENT_TYPES = st.one_of(
    st.none(),
    st.sampled_from([
        'application/json', 'application/json', 'application/json',
        'application/json; charset=utf-8', 'application/json; charset=latin-1',
        'application/json; charset=bogus', 'text/plain', 'text/html',
        'application/xml', 'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x', 'application/json-patch+json',
        'application/octet-stream', '*/*', '', 'json']),
    _HEADER_TEXT)

_ACCEPTS = st.one_of(st.none(), st.sampled_from([
    'application/json', 'text/html', 'application/xml', '*/*',
    'text/plain;q=0.1', 'garbage']))


@st.composite
def headers(draw):
    """Identity, microversion, content type and Accept headers."""
    result = dict(draw(_identity()))
    for name, strategy in (('OpenStack-API-Version', _VERSIONS),
                           ('Content-Type', _CONTENT_TYPES),
                           ('Accept', _ACCEPTS)):
        value = draw(strategy)
        if value is not None:
            result[name] = value
    return result


# -- requests -------------------------------------------------------------

@st.composite
def requests(draw, endpoints=ENDPOINTS, methods=METHODS,
             max_body_size=114688):
    """A whole request to one of ``endpoints``."""
    template, kind, patchable = draw(st.sampled_from(endpoints))
    method = draw(st.sampled_from(methods))
    path, empty_free = _fill(template, draw)
    path += draw(_queries())
    is_patch = patchable and method == 'PATCH'
    body = draw(bodies(kind, is_patch, max_body_size))
    if method in ('GET', 'DELETE') and draw(st.integers(0, 3)):
        body = None
    names_one = template in ONE_RESOURCE and empty_free
    return FuzzRequest(method, path, draw(headers()), body, names_one)


def endpoints_under(prefix):
    """The endpoints whose path template starts with ``prefix``."""
    return tuple(e for e in ENDPOINTS if e[0].startswith(prefix))
