"""The config files of every service, under .localcloud/etc/<service>/.

Each ``*_files`` function returns ``{path: ini sections}``; ``write_all``
writes what changed and says which services' files changed, so ``up`` can
restart exactly those.
"""

import os

from localcloud import inifile
from localcloud import layout

IDENTITY = 'http://%s:5000' % layout.HOST


def _authtoken(user, pw):
    """The [keystone_authtoken] section of service ``user``."""
    return {
        'www_authenticate_uri': IDENTITY,
        'auth_url': IDENTITY,
        'auth_type': 'password',
        'username': user,
        'password': pw,
        'project_name': 'service',
        'user_domain_name': 'Default',
        'project_domain_name': 'Default',
        'service_token_roles_required': True,
    }


def _service_auth(user, pw, extra=None):
    """A keystoneauth password section for calls to another service."""
    section = {
        'auth_type': 'password',
        'auth_url': IDENTITY,
        'username': user,
        'password': pw,
        'project_name': 'service',
        'user_domain_name': 'Default',
        'project_domain_name': 'Default',
        'region_name': layout.REGION,
    }
    section.update(extra or {})
    return section


def _state(*parts):
    path = os.path.join(layout.STATE, *parts)
    os.makedirs(path, exist_ok=True)
    return path


def _locks(service):
    return {'lock_path': _state(service, 'locks')}


def keystone_files(pw):
    """keystone.conf: MariaDB, fernet tokens, keys under etc/keystone."""
    return {layout.etc('keystone', 'keystone.conf'): {
        'DEFAULT': {'use_stderr': True},
        'database': {'connection': layout.db_url('lc_keystone',
                                                 pw['database'])},
        'token': {'provider': 'fernet', 'expiration': 14400},
        'fernet_tokens': {
            'key_repository': layout.etc('keystone', 'fernet-keys')},
        'fernet_receipts': {
            'key_repository': layout.etc('keystone', 'fernet-keys')},
        'credential': {
            'key_repository': layout.etc('keystone', 'credential-keys')},
    }}


def glance_files(pw):
    """glance-api.conf: a file store and the reserved staging stores."""
    return {layout.etc('glance', 'glance-api.conf'): {
        'DEFAULT': {
            'use_stderr': True,
            'enabled_backends': 'fs:file',
            'worker_self_reference_url': 'http://%s:9292' % layout.HOST,
        },
        'database': {'connection': layout.db_url('lc_glance',
                                                 pw['database'])},
        'keystone_authtoken': _authtoken('glance', pw['glance']),
        'paste_deploy': {'flavor': 'keystone'},
        'glance_store': {'default_backend': 'fs'},
        'fs': {'filesystem_store_datadir': _state('glance', 'images')},
        'os_glance_staging_store': {
            'filesystem_store_datadir': _state('glance', 'staging')},
        'os_glance_tasks_store': {
            'filesystem_store_datadir': _state('glance', 'tasks')},
        'oslo_concurrency': _locks('glance'),
    }}


def placement_files(pw):
    """placement.conf."""
    return {layout.etc('placement', 'placement.conf'): {
        'DEFAULT': {'use_stderr': True},
        'placement_database': {
            'connection': layout.db_url('lc_placement', pw['database'])},
        'api': {'auth_strategy': 'keystone'},
        'keystone_authtoken': _authtoken('placement', pw['placement']),
    }}


def heat_files(pw):
    """heat.conf: trusts, the ``heat`` stack domain, RabbitMQ."""
    return {layout.etc('heat', 'heat.conf'): {
        'DEFAULT': {
            'use_stderr': True,
            'host': 'localcloud',
            'transport_url': layout.transport_url(),
            'deferred_auth_method': 'trusts',
            'stack_user_domain_name': 'heat',
            'stack_domain_admin': 'heat_domain_admin',
            'stack_domain_admin_password': pw['heat_domain_admin'],
            'auth_encryption_key': pw['heat_auth_key'],
            'num_engine_workers': 1,
            'region_name_for_services': layout.REGION,
            'heat_metadata_server_url': 'http://%s:8000' % layout.HOST,
            'heat_waitcondition_server_url':
                'http://%s:8000/v1/waitcondition' % layout.HOST,
        },
        'database': {'connection': layout.db_url('lc_heat',
                                                 pw['database'])},
        'keystone_authtoken': _authtoken('heat', pw['heat']),
        'trustee': {
            'auth_type': 'password',
            'auth_url': IDENTITY,
            'username': 'heat',
            'password': pw['heat'],
            'user_domain_name': 'Default',
        },
        'clients_keystone': {'auth_uri': IDENTITY},
        'ec2authtoken': {'auth_uri': IDENTITY + '/v3'},
        'paste_deploy': {
            'api_paste_config': layout.etc('heat', 'api-paste.ini')},
        'oslo_concurrency': _locks('heat'),
    }}


def nova_files(pw):
    """nova.conf: the fake compute driver, one worker per service."""
    return {layout.etc('nova', 'nova.conf'): {
        'DEFAULT': {
            'use_stderr': True,
            'host': 'localcloud',
            'my_ip': layout.HOST,
            'transport_url': layout.transport_url(),
            # Unlike SmallFakeDriver (a new random node uuid in every
            # process, so nova-compute refuses to start a second time),
            # this fake keeps its node identity in state_path/compute_id.
            'compute_driver': 'fake.FakeDriverWithoutFakeNodes',
            'state_path': _state('nova'),
            'instances_path': _state('nova', 'instances'),
        },
        'api': {'auth_strategy': 'keystone'},
        'wsgi': {'api_paste_config': layout.etc('nova', 'api-paste.ini')},
        'api_database': {
            'connection': layout.db_url('lc_nova_api', pw['database'])},
        'database': {'connection': layout.db_url('lc_nova',
                                                 pw['database'])},
        'keystone_authtoken': _authtoken('nova', pw['nova']),
        'service_user': _service_auth('nova', pw['nova'], {
            'send_service_user_token': True}),
        'placement': _service_auth('placement', pw['placement'], {
            'valid_interfaces': 'public'}),
        'neutron': _service_auth('neutron', pw['neutron'], {
            'valid_interfaces': 'public'}),
        'glance': {'valid_interfaces': 'public'},
        'cinder': {'os_region_name': layout.REGION},
        'conductor': {'workers': 1},
        'scheduler': {'workers': 1, 'discover_hosts_in_cells_interval': 60},
        'vnc': {'enabled': False},
        'oslo_concurrency': _locks('nova'),
    }}


def neutron_files(pw):
    """neutron.conf and ml2_conf.ini: ML2 with noop_bind, no agents."""
    return {
        layout.etc('neutron', 'neutron.conf'): {
            'DEFAULT': {
                'use_stderr': True,
                'host': 'localcloud',
                'core_plugin': 'ml2',
                'service_plugins': 'router',
                'auth_strategy': 'keystone',
                'transport_url': layout.transport_url(),
                'state_path': _state('neutron'),
                'api_paste_config': layout.etc('neutron', 'api-paste.ini'),
                'allow_overlapping_ips': True,
                'notify_nova_on_port_status_changes': True,
                'notify_nova_on_port_data_changes': True,
            },
            'database': {'connection': layout.db_url('lc_neutron',
                                                     pw['database'])},
            'keystone_authtoken': _authtoken('neutron', pw['neutron']),
            'nova': _service_auth('nova', pw['nova']),
            'oslo_concurrency': _locks('neutron'),
        },
        layout.etc('neutron', 'plugins', 'ml2', 'ml2_conf.ini'): {
            'ml2': {
                'type_drivers': 'flat,vxlan',
                'tenant_network_types': 'vxlan',
                'mechanism_drivers': 'noop_bind',
                'extension_drivers': 'port_security',
            },
            'ml2_type_flat': {'flat_networks': 'public'},
            'ml2_type_vxlan': {'vni_ranges': '1:1000'},
        },
    }


def barbican_files(pw):
    """barbican.conf: secrets in MariaDB, wrapped by simple_crypto.

    The schema comes from ``barbican-manage db upgrade`` (``dbsync``), not
    from the API at start.  With the new policy defaults (and scopes), a
    project ``member`` manages its project's secrets and containers.
    """
    return {layout.etc('barbican', 'barbican.conf'): {
        'DEFAULT': {
            'use_stderr': True,
            'host_href': 'http://%s:9311' % layout.HOST,
            'db_auto_create': False,
        },
        'database': {'connection': layout.db_url('lc_barbican',
                                                 pw['database'])},
        'keystone_authtoken': _authtoken('barbican', pw['barbican']),
        'secretstore': {'enabled_secretstore_plugins': 'store_crypto'},
        'crypto': {'enabled_crypto_plugins': 'simple_crypto'},
        'simple_crypto_plugin': {'kek': pw['barbican_kek']},
        # oslo.policy 6 always checks scopes: it has no enforce_scope.
        'oslo_policy': {'enforce_new_defaults': True},
    }}


BUILDERS = {
    'keystone': keystone_files,
    'glance': glance_files,
    'placement': placement_files,
    'heat': heat_files,
    'nova': nova_files,
    'neutron': neutron_files,
    'barbican': barbican_files,
}

# Paste files shipped in the venv's etc/ that each service reads.
PASTE = {
    'glance': ('glance/glance-api-paste.ini', 'glance-api-paste.ini'),
    'heat': ('heat/api-paste.ini', 'api-paste.ini'),
    'nova': ('nova/api-paste.ini', 'api-paste.ini'),
    'neutron': ('neutron/api-paste.ini', 'api-paste.ini'),
    'barbican': ('barbican/barbican-api-paste.ini',
                 'barbican-api-paste.ini'),
}


def write_all(pw):
    """Write every service's files; return the services whose files changed.

    :param pw: the passwords from ``credentials.load()``.
    :returns: a set of config names ('keystone', 'nova', ...).
    """
    changed = set()
    for name, build in BUILDERS.items():
        for path, sections in build(pw).items():
            if inifile.write_if_changed(path, inifile.render(sections)):
                changed.add(name)
        if name in PASTE:
            source, target = PASTE[name]
            if inifile.copy_if_changed(
                    os.path.join(layout.VENV, 'etc', source),
                    layout.etc(name, target)):
                changed.add(name)
    return changed
