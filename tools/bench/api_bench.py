#!/usr/bin/env python3
"""Benchmark magnum-api: seed a sqlite database, serve it, time requests.

Seeds ``--rows`` cluster templates and as many clusters (two default
nodegroups each) through :mod:`magnum.db.api` into a sqlite file, serves
the API under gunicorn (``--workers`` sync workers, noauth) on
127.0.0.1, and measures requests/s, p50 and p99 at each concurrency for:

* ``list_clusters``   GET /v1/clusters?limit=1000
* ``get_cluster``     GET /v1/clusters/{uuid}
* ``list_templates``  GET /v1/clustertemplates?limit=1000
* ``create_template`` POST /v1/clustertemplates
* ``patch_template``  PATCH /v1/clustertemplates/{uuid}
* ``stats``           GET /v1/stats

Cloud look-ups (Glance, Nova, Neutron) are answered from memory: a tiny
middleware puts an in-memory look-up object into each request's environ,
so the figures are magnum's own cost. One JSON line per scenario and
concurrency goes to stdout::

    python tools/bench/api_bench.py --rows 10000

gunicorn must be installed in the same environment.
"""

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ADMIN = {'X-User-Id': 'bench-admin', 'X-Project-Id': 'bench-project',
         'X-Roles': 'admin,member,reader',
         'OpenStack-API-Version': 'container-infra latest'}
SCENARIOS = ('list_clusters', 'get_cluster', 'list_templates',
             'create_template', 'patch_template', 'stats')
CONFIG = """[DEFAULT]
debug = False
use_stderr = True
default_log_levels = magnum=WARNING,oslo_policy=WARNING,stevedore=WARNING
[api]
auth_strategy = noauth
[database]
connection = sqlite:///%(db)s
"""
TEMPLATE = {
    'coe': 'kubernetes', 'image_id': 'fedora-coreos-latest',
    'external_network_id': 'public', 'flavor_id': 'm1.small',
    'master_flavor_id': 'm1.medium', 'keypair_id': 'demo-key',
}


# -- the served application ----------------------------------------------

def wsgi_app():
    """Return the API with in-memory cloud look-ups (gunicorn calls this).

    ``MAGNUM_BENCH_CONFIG`` names the configuration file.
    """
    from magnum.api import app as api_app
    from magnum.common.cloud import request as cloud_request
    from magnum.common import service
    from magnum.tests.unit.api import fakes

    service.prepare_service(['magnum-api-bench', '--config-file',
                             os.environ['MAGNUM_BENCH_CONFIG']])
    api = api_app.load_app()
    cloud = fakes.FakeCloud()

    def with_lookups(environ, start_response):
        # The benchmark measures magnum, not Glance or Nova: look-ups
        # are answered from memory (the "cached" case of the targets).
        cloud.calls.clear()
        environ[cloud_request.ENVIRON_KEY] = cloud
        return api(environ, start_response)

    return with_lookups


# -- seeding ----------------------------------------------------------------

def seed(config_file, rows, batch=500):
    """Create the schema and insert ``rows`` templates and clusters.

    :returns: (template uuids, cluster uuids).
    """
    import sqlalchemy as sa

    from magnum.common import service
    from magnum.db import api as dbapi
    from magnum.db import engine as db_engine
    from magnum.db import migration

    service.prepare_service(['magnum-api-bench', '--config-file',
                             config_file])
    engine = db_engine.get_engine()

    @sa.event.listens_for(engine, 'connect')
    def _fast(connection, record):
        # Seeding only: the served database keeps sqlite's defaults.
        connection.execute('PRAGMA synchronous=OFF')

    engine.dispose()
    migration.upgrade('head')
    templates, clusters = [], []
    project = 'bench-project'
    for i in range(rows):
        template_uuid = str(uuid.uuid4())
        dbapi.create_cluster_template(dict(
            TEMPLATE, uuid=template_uuid, name='template-%06d' % i,
            project_id=project, user_id='bench-user', cluster_distro='fake',
            driver='fake', server_type='vm', network_driver='flannel',
            labels={'kube_tag': 'v1.30', 'index': str(i)},
            public=False, hidden=False, tls_disabled=False,
            registry_enabled=False, master_lb_enabled=False,
            floating_ip_enabled=True, docker_volume_size=20))
        templates.append(template_uuid)
        cluster_uuid = str(uuid.uuid4())
        dbapi.create_cluster({
            'uuid': cluster_uuid, 'name': 'cluster-%06d' % i,
            'project_id': project, 'user_id': 'bench-user',
            'cluster_template_id': template_uuid,
            'keypair': 'demo-key', 'docker_volume_size': 20,
            'labels': {'kube_tag': 'v1.30'}, 'master_flavor_id':
            'm1.medium', 'flavor_id': 'm1.small', 'status':
            'CREATE_COMPLETE', 'status_reason': 'ok', 'health_status':
            'HEALTHY', 'health_status_reason': {}, 'create_timeout': 60,
            'api_address': 'https://10.0.%d.%d:6443' % (i // 250, i % 250),
            'stack_id': str(uuid.uuid4()), 'coe_version': 'v1.30.1',
            'floating_ip_enabled': True, 'master_lb_enabled': False})
        clusters.append(cluster_uuid)
        for role, count in (('master', 1), ('worker', 3)):
            dbapi.create_nodegroup({
                'uuid': str(uuid.uuid4()), 'name': 'default-' + role,
                'cluster_id': cluster_uuid, 'project_id': project,
                'role': role, 'node_count': count, 'is_default': True,
                'min_node_count': 0 if role == 'worker' else 1,
                'flavor_id': 'm1.small', 'image_id': 'fedora-coreos-latest',
                'labels': {}, 'node_addresses': ['10.1.0.%d' % n
                                                 for n in range(count)],
                'status': 'CREATE_COMPLETE', 'node_labels': {},
                'node_taints': []})
        if (i + 1) % batch == 0:
            print('seeded %d/%d' % (i + 1, rows), file=sys.stderr)
    engine.dispose()
    return templates, clusters


# -- serving ----------------------------------------------------------------

def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def serve(config_file, workers, port, log_path):
    """Start gunicorn and wait until it answers; return the process."""
    env = dict(os.environ, MAGNUM_BENCH_CONFIG=config_file)
    here = os.path.dirname(os.path.abspath(__file__))
    command = [sys.executable, '-m', 'gunicorn', '--workers', str(workers),
               '--worker-class', 'sync', '--bind', '127.0.0.1:%d' % port,
               '--backlog', '256', '--pythonpath', here,
               '--log-level', 'warning', 'api_bench:wsgi_app()']
    log = open(log_path, 'w')
    process = subprocess.Popen(command, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _body = request(port, 'GET', '/v1')
            if status == 200:
                return process
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit('gunicorn exited; see %s' % log_path)
        time.sleep(0.2)
    process.terminate()
    raise SystemExit('gunicorn did not answer in 60 s; see %s' % log_path)


def request(port, method, path, body=None):
    """Send one request on a new connection; return (status, body)."""
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=120)
    try:
        headers = dict(ADMIN)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers['Content-Type'] = 'application/json'
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# -- measuring --------------------------------------------------------------

def scenario_requests(name, templates, clusters):
    """Return a function i -> (method, path, body, expected status)."""
    if name == 'list_clusters':
        return lambda i: ('GET', '/v1/clusters?limit=1000', None, 200)
    if name == 'get_cluster':
        return lambda i: ('GET', '/v1/clusters/%s'
                          % clusters[(i * 7919) % len(clusters)], None, 200)
    if name == 'list_templates':
        return lambda i: ('GET', '/v1/clustertemplates?limit=1000', None,
                          200)
    if name == 'create_template':
        run = uuid.uuid4().hex[:8]
        return lambda i: ('POST', '/v1/clustertemplates', dict(
            TEMPLATE, name='bench-%s-%d' % (run, i)), 201)
    if name == 'patch_template':
        run = uuid.uuid4().hex[:8]
        return lambda i: (
            'PATCH', '/v1/clustertemplates/%s'
            % templates[(i * 7919) % len(templates)],
            [{'op': 'replace', 'path': '/name',
              'value': 'patched-%s-%d' % (run, i)}], 200)
    if name == 'stats':
        return lambda i: ('GET', '/v1/stats', None, 200)
    raise ValueError(name)


def measure(port, make, count, concurrency, warmup):
    """Send ``count`` requests from ``concurrency`` threads.

    :returns: a dict of figures (latencies in milliseconds).
    """
    for i in range(warmup):
        method, path, body, _expected = make(-1 - i)
        request(port, method, path, body)
    latencies = []
    failures = []
    lock = threading.Lock()
    counter = iter(range(count))

    def worker():
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            method, path, body, expected = make(i)
            start = time.perf_counter()
            status, data = request(port, method, path, body)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if status != expected:
                    failures.append((status, data[:200]))

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(p):
        index = min(len(latencies) - 1,
                    max(0, int(round(p / 100.0 * len(latencies))) - 1))
        return round(latencies[index] * 1000, 2)

    figures = {'requests': count, 'errors': len(failures),
               'rps': round(count / wall, 1), 'p50_ms': pct(50),
               'p99_ms': pct(99),
               'mean_ms': round(statistics.mean(latencies) * 1000, 2)}
    if failures:
        figures['first_error'] = repr(failures[0])
    return figures


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--rows', type=int, default=10000,
                        help='templates and clusters to seed (default '
                             '10000; each cluster gets 2 nodegroups)')
    parser.add_argument('--requests', type=int, default=200,
                        help='requests per scenario and concurrency')
    parser.add_argument('--list-requests', type=int, default=40,
                        help='requests for the two 1000-item lists')
    parser.add_argument('--concurrency', default='1,8',
                        help='comma-separated concurrency levels')
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--warmup', type=int, default=10)
    parser.add_argument('--scenarios', default=','.join(SCENARIOS))
    parser.add_argument('--workdir', help='keep the database and logs '
                        'here (default: a temporary directory, removed)')
    parser.add_argument('--reuse', action='store_true',
                        help='serve the database already in --workdir')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    workdir = args.workdir or tempfile.mkdtemp(prefix='magnum-bench-')
    os.makedirs(workdir, exist_ok=True)
    db_path = os.path.join(workdir, 'magnum.sqlite')
    config_file = os.path.join(workdir, 'magnum.conf')
    ids_file = os.path.join(workdir, 'ids.json')
    with open(config_file, 'w') as conf:
        conf.write(CONFIG % {'db': db_path})
    try:
        if args.reuse and os.path.exists(ids_file):
            with open(ids_file) as ids:
                templates, clusters = json.load(ids)
        else:
            if os.path.exists(db_path):
                os.unlink(db_path)
            started = time.perf_counter()
            # A child process: the server must not inherit our engine.
            code = subprocess.call([
                sys.executable, os.path.abspath(__file__), '--seed-only',
                config_file, str(args.rows), ids_file])
            if code:
                raise SystemExit('seeding failed')
            print('seeded %d templates and clusters in %.0f s' % (
                args.rows, time.perf_counter() - started), file=sys.stderr)
            with open(ids_file) as ids:
                templates, clusters = json.load(ids)
        port = _free_port()
        server = serve(config_file, args.workers, port,
                       os.path.join(workdir, 'gunicorn.log'))
        try:
            for name in args.scenarios.split(','):
                make = scenario_requests(name, templates, clusters)
                count = (args.list_requests if name.startswith('list_')
                         else args.requests)
                for concurrency in (int(c) for c in
                                    args.concurrency.split(',')):
                    figures = measure(port, make, count, concurrency,
                                      args.warmup)
                    print(json.dumps(dict(
                        scenario=name, rows=args.rows,
                        concurrency=concurrency, workers=args.workers,
                        **figures)), flush=True)
        finally:
            server.terminate()
            server.wait(30)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    if len(sys.argv) == 5 and sys.argv[1] == '--seed-only':
        ids = seed(sys.argv[2], int(sys.argv[3]))
        with open(sys.argv[4], 'w') as out:
            json.dump(ids, out)
    else:
        main()
