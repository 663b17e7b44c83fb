"""Measure one status sync pass over many in-progress clusters.

Seeds N clusters in CREATE_IN_PROGRESS (spread over projects) in an
in-memory sqlite database, then runs one
:func:`magnum.conductor.periodic.sync_cluster_status` pass against a
counting fake backend twice: once with a driver that lists per project
(``observe_clusters``), once with one that is asked per cluster. Prints
one JSON line per run with the backend calls and the seconds taken.

    python tools/bench/sync_bench.py [--clusters 1000 10000]
"""

import argparse
import json
import time

from oslo_utils import uuidutils
import sqlalchemy as sa
from sqlalchemy import pool

from magnum.conductor import periodic
import magnum.conf
from magnum.db.api import common as db_common
from magnum.db import engine as db_engine
from magnum.db import models
from magnum.drivers import base
from magnum.drivers import registry

CONF = magnum.conf.CONF
PROJECTS = 50
HOST = 'bench-conductor'


class CountingBackend:
    """Counts what a Heat-like backend would be asked."""

    def __init__(self):
        self.calls = 0


class PerClusterDriver(base.Driver):
    """Answers one backend get per cluster."""

    provides = [{'server_type': 'vm', 'os': 'bench', 'coe': 'kubernetes'}]
    name = 'bench-per-cluster'

    def __init__(self, backend):
        self.backend = backend

    def observe_cluster(self, context, cluster):
        self.backend.calls += 1
        return base.Observation(status=cluster.status)

    create_cluster = update_cluster = resize_cluster = None
    delete_cluster = create_nodegroup = update_nodegroup = None
    delete_nodegroup = None


class BulkDriver(PerClusterDriver):
    """Answers with one backend list per project."""

    name = 'bench-bulk'

    def observe_clusters(self, context, clusters):
        by_project = {}
        for cluster in clusters:
            by_project.setdefault(cluster.project_id, []).append(cluster)
        seen = {}
        for group in by_project.values():
            self.backend.calls += 1
            for cluster in group:
                seen[cluster.uuid] = base.Observation(status=cluster.status)
        return seen


PerClusterDriver.__abstractmethods__ = frozenset()


def _setup_database():
    CONF([], project='magnum', default_config_files=[],
         default_config_dirs=[])
    CONF.set_override('connection', 'sqlite://', group='database')
    engine = sa.create_engine('sqlite://', poolclass=pool.StaticPool,
                              connect_args={'check_same_thread': False})
    models.Base.metadata.create_all(engine)
    db_engine.context_manager.patch_engine(engine)


def _seed(count):
    template = uuidutils.generate_uuid()
    with db_common.writing() as session:
        session.execute(sa.delete(models.Cluster))
        session.execute(sa.delete(models.ClusterTemplate))
        session.add(models.ClusterTemplate(
            uuid=template, name='bench', coe='kubernetes',
            server_type='vm', cluster_distro='bench', image_id='img'))
        session.execute(sa.insert(models.Cluster), [
            {'uuid': uuidutils.generate_uuid(),
             'project_id': 'project-%d' % (i % PROJECTS),
             'cluster_template_id': template,
             'status': 'CREATE_IN_PROGRESS', 'labels': {}}
            for i in range(count)])


def run(count, driver_class):
    backend = CountingBackend()
    driver = driver_class(backend)
    original = registry.get_driver_for_cluster
    registry.get_driver_for_cluster = lambda cluster: driver
    try:
        start = time.monotonic()
        counts = periodic.sync_cluster_status(HOST, members=[HOST])
        seconds = time.monotonic() - start
    finally:
        registry.get_driver_for_cluster = original
    return {'clusters': count, 'driver': driver.name,
            'backend_calls': backend.calls,
            'observed': counts['observed'], 'seconds': round(seconds, 3)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--clusters', type=int, nargs='+',
                        default=[1000, 10000])
    args = parser.parse_args()
    _setup_database()
    for count in args.clusters:
        _seed(count)
        for driver_class in (BulkDriver, PerClusterDriver):
            print(json.dumps(run(count, driver_class)), flush=True)


if __name__ == '__main__':
    main()
