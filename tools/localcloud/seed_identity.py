"""Keystone contents of the local cloud, created only when missing.

Runs inside .localcloud/venv (it needs openstacksdk), as the admin made by
``keystone-manage bootstrap``.
"""

from localcloud import layout

ROLES = ('admin', 'member', 'reader', 'service', 'heat_stack_user',
         'heat_stack_owner')
SERVICE_USERS = ('heat', 'glance', 'nova', 'neutron', 'placement',
                 'barbican', 'magnum')

# (name, type, url) of every catalog entry besides identity.
CATALOG = (
    ('glance', 'image', 'http://%s:9292' % layout.HOST),
    ('heat', 'orchestration',
     'http://%s:8004/v1/%%(tenant_id)s' % layout.HOST),
    ('placement', 'placement', 'http://%s:8778' % layout.HOST),
    ('nova', 'compute', 'http://%s:8774/v2.1' % layout.HOST),
    ('neutron', 'network', 'http://%s:9696' % layout.HOST),
    ('barbican', 'key-manager', 'http://%s:9311' % layout.HOST),
    ('magnum', 'container-infra', layout.MAGNUM_URL),
)
INTERFACES = ('public', 'internal', 'admin')


def _role(conn, name):
    return (conn.identity.find_role(name)
            or conn.identity.create_role(name=name))


def _domain(conn, name, description):
    return (conn.identity.find_domain(name)
            or conn.identity.create_domain(name=name,
                                           description=description))


def _project(conn, name, domain_id, description):
    return (conn.identity.find_project(name, domain_id=domain_id)
            or conn.identity.create_project(name=name, domain_id=domain_id,
                                            description=description))


def _user(conn, name, domain_id, password, project_id=None):
    found = conn.identity.find_user(name, domain_id=domain_id)
    if found:
        return found
    attrs = {'name': name, 'domain_id': domain_id, 'password': password}
    if project_id:
        attrs['default_project_id'] = project_id
    return conn.identity.create_user(**attrs)


def _catalog(conn):
    """Make every service and its three endpoints; fix a wrong URL."""
    urls = {}
    for name, kind, url in CATALOG:
        service = next(iter(conn.identity.services(type=kind)), None)
        if service is None:
            service = conn.identity.create_service(name=name, type=kind,
                                                   is_enabled=True)
        present = {e.interface: e for e in
                   conn.identity.endpoints(service_id=service.id)}
        for interface in INTERFACES:
            endpoint = present.get(interface)
            if endpoint is None:
                conn.identity.create_endpoint(
                    service_id=service.id, interface=interface, url=url,
                    region_id=layout.REGION)
            elif endpoint.url != url:
                conn.identity.update_endpoint(endpoint, url=url)
        urls[kind] = url
    urls['identity'] = layout.KEYSTONE_URL
    return urls


def seed(conn, pw):
    """Create what is missing and return the ids the magnum side needs.

    :param conn: an admin ``openstack.connection.Connection``.
    :param pw: the passwords from ``credentials.load()``.
    :returns: a dict of names -> ids and URLs.
    """
    roles = {name: _role(conn, name) for name in ROLES}
    default = conn.identity.find_domain('default', ignore_missing=False)
    service = _project(conn, 'service', default.id, 'Service users')
    users = {}
    for name in SERVICE_USERS:
        user = _user(conn, name, default.id, pw[name], service.id)
        for role in ('admin', 'service'):
            conn.identity.assign_project_role_to_user(service, user,
                                                      roles[role])
        users[name] = user

    heat_domain = _domain(conn, 'heat', 'Heat stack users')
    heat_admin = _user(conn, 'heat_domain_admin', heat_domain.id,
                       pw['heat_domain_admin'])
    conn.identity.assign_domain_role_to_user(heat_domain, heat_admin,
                                             roles['admin'])

    trustee = _domain(conn, 'magnum', 'Owns users for Magnum trusts')
    trustee_admin = _user(conn, 'magnum_domain_admin', trustee.id,
                          pw['magnum_domain_admin'])
    conn.identity.assign_domain_role_to_user(trustee, trustee_admin,
                                             roles['admin'])

    demo = _project(conn, 'demo', default.id, 'Demo project')
    demo_user = _user(conn, 'demo', default.id, pw['demo'], demo.id)
    for role in ('member', 'reader'):
        conn.identity.assign_project_role_to_user(demo, demo_user,
                                                  roles[role])
    return {
        'endpoints': _catalog(conn),
        'roles': {name: role.id for name, role in roles.items()},
        'service_project_id': service.id,
        'magnum_user_id': users['magnum'].id,
        'heat_domain_id': heat_domain.id,
        'trustee_domain_id': trustee.id,
        'trustee_domain_admin_id': trustee_admin.id,
        'demo_project_id': demo.id,
        'demo_user_id': demo_user.id,
    }
