"""Passwords of the local cloud, made once and kept in etc/secrets.json.

They stay the same from one ``up`` to the next, so the databases and the
config files agree; ``down --purge`` removes them with the databases.
"""

import base64
import json
import os
import secrets

from localcloud import layout

NAMES = (
    'database', 'admin', 'demo',
    'heat', 'glance', 'nova', 'neutron', 'placement', 'barbican',
    'magnum',
    'heat_domain_admin', 'magnum_domain_admin',
)


def exist():
    """Whether this checkout has made its passwords already."""
    return os.path.exists(layout.SECRETS_FILE)


def load():
    """Return the password of every name, making the missing ones.

    :returns: a dict name -> password, plus ``heat_auth_key`` and
        ``barbican_kek``.
    """
    known = {}
    if os.path.exists(layout.SECRETS_FILE):
        with open(layout.SECRETS_FILE) as f:
            known = json.load(f)
    wanted = dict(known)
    for name in NAMES:
        wanted.setdefault(name, 'lc-' + secrets.token_hex(8))
    # Heat encrypts user credentials with a key of exactly 32 characters.
    wanted.setdefault('heat_auth_key', secrets.token_hex(16))
    # Barbican's simple_crypto wraps every project key with this Fernet
    # key (32 random bytes, urlsafe base64); a new one would make the
    # stored secrets unreadable.
    wanted.setdefault('barbican_kek', base64.urlsafe_b64encode(
        secrets.token_bytes(32)).decode())
    if wanted != known:
        os.makedirs(layout.ETC, exist_ok=True)
        tmp = layout.SECRETS_FILE + '.tmp'
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                          0o600), 'w') as f:
            json.dump(wanted, f, indent=2, sort_keys=True)
        os.replace(tmp, layout.SECRETS_FILE)
    return wanted
