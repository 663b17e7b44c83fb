"""The processes of the local cloud: how each one starts and answers.

API services run under gunicorn (one worker, a few threads, no control
socket) through ``wsgi_shim``, which clears the command line that
oslo.config would otherwise parse; Barbican through ``barbican_wsgi``,
which points it at our files.  The engines and Nova's workers run their
own console scripts.
"""

import collections
import json
import os

from localcloud import layout

Service = collections.namedtuple(
    'Service', 'name config port url argv env')


def _gunicorn(name, port, target, env=None, argv=None):
    """A gunicorn-served API: ``target`` is the module with ``application``.

    :param argv: the command line the service's config parsing sees.
    """
    full_env = {
        'LOCALCLOUD_WSGI_TARGET': target,
        'LOCALCLOUD_WSGI_ARGV': json.dumps([name] + list(argv or [])),
    }
    full_env.update(env or {})
    command = [
        os.path.join(layout.VENV_BIN, 'gunicorn'),
        '--no-control-socket',
        '--workers', '1', '--threads', '4',
        '--bind', '%s:%d' % (layout.HOST, port),
        '--timeout', '300', '--graceful-timeout', '5',
        # Longer than a client's pause between calls, so a kept-alive
        # connection is seldom closed under a request being sent.
        '--keep-alive', '30',
        '--name', 'localcloud-' + name,
        '--pythonpath', layout.TOOLS_DIR,
        'localcloud.wsgi_shim:application',
    ]
    return command, full_env


def _script(name, *args):
    return [os.path.join(layout.VENV_BIN, name)] + list(args)


def _api(name, config, port, path, target, env=None, argv=None):
    command, full_env = _gunicorn(name, port, target, env, argv)
    url = 'http://%s:%d%s' % (layout.HOST, port, path)
    return Service(name, config, port, url, command, full_env)


def _worker(name, config, *args):
    return Service(name, config, None, None, _script(name, *args), {})


def all_services():
    """Return the services in the order they are started."""
    heat_conf = layout.etc('heat', 'heat.conf')
    nova_conf = layout.etc('nova', 'nova.conf')
    barbican_conf = layout.etc('barbican', 'barbican.conf')
    return [
        _api('keystone', 'keystone', 5000, '/v3', 'keystone.wsgi.api',
             env={'OS_KEYSTONE_CONFIG_FILES':
                  layout.etc('keystone', 'keystone.conf')}),
        _api('glance', 'glance', 9292, '/', 'glance.wsgi.api',
             env={'OS_GLANCE_CONFIG_DIR': layout.etc('glance')}),
        _api('placement', 'placement', 8778, '/', 'placement.wsgi.api',
             env={'OS_PLACEMENT_CONFIG_DIR': layout.etc('placement')}),
        _api('neutron', 'neutron', 9696, '/', 'neutron.wsgi.api',
             env={'OS_NEUTRON_CONFIG_DIR': layout.etc('neutron')}),
        _api('heat-api', 'heat', 8004, '/', 'heat.wsgi.api',
             argv=['--config-file', heat_conf]),
        _worker('heat-engine', 'heat', '--config-file', heat_conf),
        _api('nova-api', 'nova', 8774, '/', 'nova.wsgi.osapi_compute',
             env={'OS_NOVA_CONFIG_DIR': layout.etc('nova')}),
        _worker('nova-conductor', 'nova', '--config-file', nova_conf),
        _worker('nova-scheduler', 'nova', '--config-file', nova_conf),
        _worker('nova-compute', 'nova', '--config-file', nova_conf),
        _api('barbican', 'barbican', 9311, '/', 'localcloud.barbican_wsgi',
             argv=['--config-file', barbican_conf]),
    ]


def by_name(name):
    """Return the service called ``name``."""
    for service in all_services():
        if service.name == name:
            return service
    raise KeyError(name)
