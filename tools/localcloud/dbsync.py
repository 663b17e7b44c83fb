"""Schema syncs and one-time setup commands, skipped once done.

A stamp per service records the venv it was done with; a new database or a
new venv makes the step run again.
"""

import concurrent.futures
import grp
import os
import pwd

from localcloud import layout
from localcloud import shell
from localcloud import venv


def _bin(name):
    return os.path.join(layout.VENV_BIN, name)


def _keystone(pw):
    conf = ['--config-file', layout.etc('keystone', 'keystone.conf')]
    manage = [_bin('keystone-manage')] + conf
    owner = ['--keystone-user', pwd.getpwuid(os.getuid()).pw_name,
             '--keystone-group', grp.getgrgid(os.getgid()).gr_name]
    steps = [manage + ['db_sync']]
    if not os.path.isdir(layout.etc('keystone', 'fernet-keys')):
        steps.append(manage + ['fernet_setup'] + owner)
    if not os.path.isdir(layout.etc('keystone', 'credential-keys')):
        steps.append(manage + ['credential_setup'] + owner)
    url = 'http://%s:5000/v3' % layout.HOST
    steps.append(manage + [
        'bootstrap', '--bootstrap-password', pw['admin'],
        '--bootstrap-username', 'admin',
        '--bootstrap-project-name', 'admin',
        '--bootstrap-role-name', 'admin',
        '--bootstrap-service-name', 'keystone',
        '--bootstrap-region-id', layout.REGION,
        '--bootstrap-public-url', url,
        '--bootstrap-internal-url', url,
        '--bootstrap-admin-url', url])
    return steps


def _glance(pw):
    conf = layout.etc('glance', 'glance-api.conf')
    return [[_bin('glance-manage'), '--config-file', conf, 'db_sync']]


def _heat(pw):
    conf = layout.etc('heat', 'heat.conf')
    return [[_bin('heat-manage'), '--config-file', conf, 'db_sync']]


def _placement(pw):
    conf = layout.etc('placement', 'placement.conf')
    return [[_bin('placement-manage'), '--config-file', conf, 'db',
             'sync']]


def _neutron(pw):
    return [[_bin('neutron-db-manage'),
             '--config-file', layout.etc('neutron', 'neutron.conf'),
             '--config-file', layout.etc('neutron', 'plugins', 'ml2',
                                         'ml2_conf.ini'),
             'upgrade', 'heads']]


def _nova(pw):
    manage = [_bin('nova-manage'), '--config-file',
              layout.etc('nova', 'nova.conf')]
    cell0 = layout.db_url('lc_nova_cell0', pw['database'])
    return [
        manage + ['api_db', 'sync'],
        manage + ['cell_v2', 'map_cell0', '--database_connection', cell0],
        # Exit status 2 means the cell exists already: fine.
        (manage + ['cell_v2', 'create_cell', '--name', 'cell1'], (0, 2)),
        manage + ['db', 'sync'],
    ]


def _barbican(pw):
    # The first migration makes the whole schema: no db_auto_create.
    # ``barbican-manage db upgrade`` takes the URL from a config object
    # that its --config-file never reaches (it would migrate a
    # ./barbican.sqlite): hence --db-url.
    conf = layout.etc('barbican', 'barbican.conf')
    return [[_bin('barbican-manage'), '--config-file', conf, 'db',
             'upgrade', '--db-url',
             layout.db_url('lc_barbican', pw['database'])]]


# Longest first: they run side by side.
STEPS = {
    'nova': (_nova, ('lc_nova_api', 'lc_nova', 'lc_nova_cell0')),
    'neutron': (_neutron, ('lc_neutron',)),
    'keystone': (_keystone, ('lc_keystone',)),
    'heat': (_heat, ('lc_heat',)),
    'glance': (_glance, ('lc_glance',)),
    'placement': (_placement, ('lc_placement',)),
    'barbican': (_barbican, ('lc_barbican',)),
}


def _stamp_path(name):
    return os.path.join(layout.STAMPS, 'db-' + name)


def _done(name):
    try:
        with open(_stamp_path(name)) as f:
            return f.read().strip() == venv.current_stamp()
    except OSError:
        return False


def _run(name, pw):
    build, _ = STEPS[name]
    for step in build(pw):
        argv, ok = step if isinstance(step, tuple) else (step, (0,))
        code = shell.run(argv, 'dbsync-%s.log' % name, timeout=600,
                         check=False)
        if code not in ok:
            log = os.path.join(layout.LOG, 'dbsync-%s.log' % name)
            raise shell.CommandFailed('%s %s failed (exit %d):\n%s' % (
                os.path.basename(argv[0]), ' '.join(argv[3:5]), code,
                shell.tail(log)))
    os.makedirs(layout.STAMPS, exist_ok=True)
    with open(_stamp_path(name), 'w') as f:
        f.write(venv.current_stamp() + '\n')


def forget(new_databases):
    """Drop the stamps of the services whose database was just created."""
    for name, (_, databases) in STEPS.items():
        if set(databases) & set(new_databases):
            try:
                os.unlink(_stamp_path(name))
            except FileNotFoundError:
                pass


def sync_all(report, pw):
    """Run the pending syncs, three at a time; return their names."""
    pending = [name for name in STEPS if not _done(name)]
    if not pending:
        return []
    report.say('syncing databases: %s' % ', '.join(pending))
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        futures = {pool.submit(_run, name, pw): name for name in pending}
        for future in concurrent.futures.as_completed(futures):
            future.result()
            report.say('  %s database ready' % futures[future])
    return pending
