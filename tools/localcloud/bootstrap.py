"""Seed the local cloud through openstacksdk, in one process.

Run as ``.localcloud/venv/bin/python -m localcloud.bootstrap`` with
``tools/`` on PYTHONPATH, by ``up``.  It talks with ``up`` over its
standard streams:

1. it waits for Keystone, seeds identity (users, roles, domains,
   catalog) and prints ``@identity-ready``;
2. ``up`` then starts the other services and, once they answer, writes a
   line (``resources`` or ``stop``) to our stdin;
3. it makes images, flavors, the keypair and the external network, writes
   the openrc files and cloud.json, and prints ``@done``.

Every other line it prints is progress for the user.
"""

import sys
import time
import warnings

import openstack

from localcloud import credentials
from localcloud import layout
from localcloud import outputs
from localcloud import seed_identity
from localcloud import seed_resources


def say(text):
    """Print a progress line for ``up`` to show."""
    sys.stdout.write(text + '\n')
    sys.stdout.flush()


def connect(creds, limit=120):
    """Return a connection once Keystone gives ``creds`` a token."""
    since = time.monotonic()
    while True:
        try:
            conn = openstack.connect(**creds)
            conn.authorize()
            return conn
        except Exception:
            if time.monotonic() - since > limit:
                raise
            time.sleep(1)


def cloud_document(pw, ids, resources):
    """Return the contents of cloud.json."""
    admin = outputs.credentials('admin', pw['admin'], 'admin')
    demo = outputs.credentials('demo', pw['demo'], 'demo')
    demo.update(project_id=ids['demo_project_id'],
                user_id=ids['demo_user_id'])
    magnum = outputs.credentials('magnum', pw['magnum'], 'service')
    magnum.update(user_id=ids['magnum_user_id'],
                  project_id=ids['service_project_id'])
    return {
        'auth_url': layout.KEYSTONE_URL,
        'www_authenticate_uri': 'http://%s:5000' % layout.HOST,
        'region_name': layout.REGION,
        'endpoints': ids['endpoints'],
        'admin': admin,
        'demo': demo,
        'magnum': magnum,
        'trustee': {
            'domain_name': 'magnum',
            'domain_id': ids['trustee_domain_id'],
            'domain_admin_name': 'magnum_domain_admin',
            'domain_admin_id': ids['trustee_domain_admin_id'],
            'domain_admin_password': pw['magnum_domain_admin'],
        },
        'heat_stack_domain_id': ids['heat_domain_id'],
        'roles': ids['roles'],
        'transport_url': layout.transport_url(),
        'database_connection': layout.db_url('lc_magnum', pw['database']),
        'images': resources['images'],
        'image_with_os_distro': 'fedora-coreos-latest',
        'image_without_os_distro': 'no-os-distro-image',
        'flavors': resources['flavors'],
        'flavor': 'm1.small',
        'master_flavor': 'm1.small',
        'flavor_without_disk': 'm1.nodisk',
        'keypair': seed_resources.KEYPAIR,
        'keypair_private_key_file': layout.DEMO_KEY,
        'external_network': resources['external_network']['name'],
        'external_network_id': resources['external_network']['id'],
        'external_subnet': resources['external_network'],
        'files': {
            'admin_openrc': layout.ADMIN_OPENRC,
            'demo_openrc': layout.DEMO_OPENRC,
            'venv': layout.VENV,
            'log_dir': layout.LOG,
        },
    }


def main():
    """Run both phases; return the exit status."""
    warnings.filterwarnings('ignore')
    pw = credentials.load()
    admin_creds = outputs.credentials('admin', pw['admin'], 'admin')
    admin = connect(admin_creds)
    ids = seed_identity.seed(admin, pw)
    say('@identity-ready')
    if sys.stdin.readline().strip() != 'resources':
        return 1
    # A fresh token: the first one's catalog predates the new endpoints.
    admin = connect(admin_creds)
    resources = {
        'images': seed_resources.images(admin),
        'flavors': seed_resources.flavors(admin),
        'external_network': seed_resources.external_network(admin),
    }
    demo = connect(outputs.credentials('demo', pw['demo'], 'demo'))
    seed_resources.keypair(demo)
    seed_resources.wait_for_hypervisor(admin, say)
    changed = outputs.write(cloud_document(pw, ids, resources))
    say('@done %s' % ('changed' if changed else 'unchanged'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
