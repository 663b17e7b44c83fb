"""Where the local cloud keeps its files, and the fixed facts about it.

Everything lives under ``<checkout>/.localcloud`` (git-ignored): the
services' virtualenv, their config files, logs, pid files and state.
"""

import os

TOOL_DIR = os.path.dirname(os.path.abspath(__file__))
TOOLS_DIR = os.path.dirname(TOOL_DIR)
CHECKOUT = os.path.dirname(TOOLS_DIR)
ROOT = os.environ.get('LOCALCLOUD_DIR') or os.path.join(
    CHECKOUT, '.localcloud')

VENV = os.path.join(ROOT, 'venv')
VENV_BIN = os.path.join(VENV, 'bin')
VENV_PYTHON = os.path.join(VENV_BIN, 'python')
ETC = os.path.join(ROOT, 'etc')
LOG = os.path.join(ROOT, 'log')
RUN = os.path.join(ROOT, 'run')
STATE = os.path.join(ROOT, 'state')
STAMPS = os.path.join(STATE, 'stamps')

SECRETS_FILE = os.path.join(ETC, 'secrets.json')
CLOUD_JSON = os.path.join(ROOT, 'cloud.json')
ADMIN_OPENRC = os.path.join(ROOT, 'admin-openrc')
DEMO_OPENRC = os.path.join(ROOT, 'demo-openrc')
DEMO_KEY = os.path.join(ROOT, 'demo-key')
NOOPMECH_SRC = os.path.join(TOOL_DIR, 'noopmech')
HEAT_ENV_NO_CINDER_OCTAVIA = os.path.join(TOOL_DIR, 'heat',
                                          'no-cinder-octavia.yaml')
MAGNUM_CONF = os.path.join(ETC, 'magnum', 'magnum.conf')
MAGNUM_PASTE = os.path.join(CHECKOUT, 'etc', 'magnum', 'api-paste.ini')
MAGNUM_PORT = 9511

HOST = '127.0.0.1'
REGION = 'RegionOne'
KEYSTONE_URL = 'http://%s:5000/v3' % HOST
MAGNUM_URL = 'http://%s:9511/v1' % HOST

DB_HOST = HOST
DB_USER = 'localcloud'
DATABASES = ('lc_keystone', 'lc_glance', 'lc_heat', 'lc_placement',
             'lc_nova_api', 'lc_nova', 'lc_nova_cell0', 'lc_neutron',
             'lc_barbican', 'lc_magnum')

RABBIT_HOST = HOST
RABBIT_PORT = 5672
RABBIT_USER = 'guest'
RABBIT_PASSWORD = 'guest'
RABBIT_VHOST = 'localcloud'

# The services and the tools installed into the venv.  Changing this list
# changes the stamp, and the next ``up`` reinstalls.
PINNED_PACKAGES = (
    'keystone==30.0.0',
    'glance==33.0.0',
    'openstack-heat==27.0.1',
    'openstack-placement==16.0.0',
    'nova==34.0.0',
    'neutron==29.0.0',
    'barbican==23.0.0',
    'gunicorn==27.0.1',
    'PyMySQL==1.2.4',
    'python-openstackclient==10.5.0',
    'openstacksdk==4.22.0',
    'python-heatclient==5.3.0',
    'python-glanceclient==4.13.0',
)

# Clients installed into the venv beside the services, with their own
# stamp: adding one does not restart the services.
CLIENT_PACKAGES = (
    'python-magnumclient==5.0.0',
    # ``openstack secret ...``: Barbican's commands for the client.
    'python-barbicanclient==7.6.0',
)

# Debian packages the local cloud needs from the machine.
APT_PACKAGES = {
    'mariadb': ('mariadb-server', '/usr/sbin/mariadbd'),
    'rabbitmq': ('rabbitmq-server', '/usr/sbin/rabbitmq-server'),
}


def db_url(name, password):
    """Return the SQLAlchemy URL of local database ``name``."""
    return 'mysql+pymysql://%s:%s@%s/%s?charset=utf8' % (
        DB_USER, password, DB_HOST, name)


def transport_url():
    """Return the oslo.messaging URL of the local cloud's vhost."""
    return 'rabbit://%s:%s@%s:%d/%s' % (
        RABBIT_USER, RABBIT_PASSWORD, RABBIT_HOST, RABBIT_PORT,
        RABBIT_VHOST)


def etc(service, *parts):
    """Return a path inside the config directory of ``service``."""
    return os.path.join(ETC, service, *parts)
