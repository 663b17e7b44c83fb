"""The files the rest of the project reads: openrc files and cloud.json."""

import json

from localcloud import inifile
from localcloud import layout


def credentials(username, password, project, domain='Default'):
    """Return the keystoneauth password settings of one user."""
    return {
        'auth_url': layout.KEYSTONE_URL,
        'username': username,
        'password': password,
        'project_name': project,
        'user_domain_name': domain,
        'project_domain_name': domain,
        'region_name': layout.REGION,
    }


def openrc(creds):
    """Return the text of an openrc file for ``creds``."""
    values = [
        ('OS_AUTH_URL', creds['auth_url']),
        ('OS_USERNAME', creds['username']),
        ('OS_PASSWORD', creds['password']),
        ('OS_PROJECT_NAME', creds['project_name']),
        ('OS_USER_DOMAIN_NAME', creds['user_domain_name']),
        ('OS_PROJECT_DOMAIN_NAME', creds['project_domain_name']),
        ('OS_IDENTITY_API_VERSION', '3'),
        ('OS_REGION_NAME', creds['region_name']),
        ('OS_INTERFACE', 'public'),
    ]
    lines = ['# made by tools/localcloud up']
    lines += ["export %s='%s'" % pair for pair in values]
    return '\n'.join(lines) + '\n'


def write(cloud):
    """Write admin-openrc, demo-openrc and cloud.json.

    :param cloud: the dict written to cloud.json.
    :returns: True when one of the files changed.
    """
    changed = inifile.write_if_changed(layout.ADMIN_OPENRC,
                                       openrc(cloud['admin']))
    changed |= inifile.write_if_changed(layout.DEMO_OPENRC,
                                        openrc(cloud['demo']))
    text = json.dumps(cloud, indent=2, sort_keys=True) + '\n'
    changed |= inifile.write_if_changed(layout.CLOUD_JSON, text)
    return changed
