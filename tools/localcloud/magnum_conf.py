"""magnum.conf of the local cloud, made from cloud.json.

It points magnum at the local cloud's MariaDB database ``lc_magnum``, the
RabbitMQ vhost, Keystone (the ``magnum`` service user, the ``magnum``
trustee domain) and adds the Heat environment that maps the Cinder and
Octavia resource types to ``OS::Heat::None``.
"""

import json
import os

from localcloud import inifile
from localcloud import layout


def load_cloud():
    """Return the contents of cloud.json."""
    with open(layout.CLOUD_JSON) as f:
        return json.load(f)


def _password_auth(cloud):
    magnum = cloud['magnum']
    return {
        'auth_type': 'password',
        'auth_url': cloud['www_authenticate_uri'],
        'username': magnum['username'],
        'password': magnum['password'],
        'project_name': magnum['project_name'],
        'user_domain_name': magnum['user_domain_name'],
        'project_domain_name': magnum['project_domain_name'],
    }


def _state(*parts):
    path = os.path.join(layout.STATE, 'magnum', *parts)
    os.makedirs(path, exist_ok=True)
    return path


def sections(cloud):
    """Return magnum.conf as ``{section: {option: value}}``."""
    authtoken = {'www_authenticate_uri': cloud['www_authenticate_uri']}
    authtoken.update(_password_auth(cloud))
    trustee = cloud['trustee']
    conf = {
        'DEFAULT': {
            'use_stderr': True,
            'host': 'localcloud',
            'transport_url': cloud['transport_url'],
            'state_path': _state(),
        },
        'database': {'connection': cloud['database_connection']},
        'api': {
            'host': layout.HOST,
            'port': layout.MAGNUM_PORT,
            'workers': 1,
            'auth_strategy': 'keystone',
            'api_paste_config': layout.MAGNUM_PASTE,
        },
        'keystone_authtoken': authtoken,
        'keystone_auth': _password_auth(cloud),
        'trust': {
            'trustee_domain_name': trustee['domain_name'],
            'trustee_domain_admin_name': trustee['domain_admin_name'],
            'trustee_domain_admin_domain_name': trustee['domain_name'],
            'trustee_domain_admin_password':
                trustee['domain_admin_password'],
            'trustee_keystone_interface': 'public',
            'trustee_keystone_region_name': cloud['region_name'],
        },
        # Barbican, as most clouds with magnum run; the functional
        # process tests cover x509keypair.
        'certificates': {'cert_manager_type': 'barbican'},
        'cluster_heat': {
            'extra_environment_files': layout.HEAT_ENV_NO_CINDER_OCTAVIA,
        },
        'conductor': {'workers': 1, 'status_sync_interval': 5},
        'oslo_concurrency': {'lock_path': _state('locks')},
    }
    for client in ('barbican', 'cinder', 'glance', 'heat', 'magnum',
                   'neutron', 'nova', 'octavia'):
        conf['%s_client' % client] = {'region_name': cloud['region_name']}
    return conf


def write():
    """Write magnum.conf from cloud.json; return True when it changed."""
    text = inifile.render(sections(load_cloud()))
    return inifile.write_if_changed(layout.MAGNUM_CONF, text)
