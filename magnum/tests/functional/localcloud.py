"""What the functional tests against ``tools/localcloud`` share.

The cloud is described by ``cloud.json``: the file (or the directory
holding it) named by ``MAGNUM_LOCALCLOUD``, else the repository's
``.localcloud/cloud.json``. Without the file, or when Keystone does not
answer, a test skips (or fails under ``MAGNUM_TEST_REQUIRE_SERVICES=1``).
"""

from urllib import parse

from keystoneauth1 import loading as ka_loading
from keystoneauth1 import session as ks_session

from magnum.common import context
from magnum.tests import cloudcli
from magnum.tests import services


def load_cloud(testcase):
    """Return cloud.json's contents, or skip ``testcase`` without a cloud.
    """
    cloud = cloudcli.load()
    if cloud is None:
        services.skip_or_fail(testcase, 'no local cloud: %s does not exist '
                              '(run tools/localcloud up)'
                              % cloudcli.cloud_json_path())
    url = parse.urlsplit(cloud['auth_url'])
    port = url.port or (443 if url.scheme == 'https' else 80)
    services.require_port(testcase, 'Keystone', url.hostname, port)
    return cloud


def token_context(creds):
    """Log in as ``creds`` (a user of cloud.json, such as ``demo``).

    :returns: a request context as the API builds it from what
        keystonemiddleware leaves: the token and its body, catalog
        included.
    """
    auth_ref = cloudcli.password_auth(creds).get_access(
        ks_session.Session())
    return context.RequestContext(
        auth_token=auth_ref.auth_token, auth_token_info=auth_ref._data,
        user_id=auth_ref.user_id, project_id=auth_ref.project_id,
        roles=auth_ref.role_names)


def demo_context(cloud):
    """Log the demo user of ``cloud`` in; see :func:`token_context`."""
    return token_context(cloud['demo'])


def configure_keystone(testcase, cloud):
    """Configure ``[trust]``, ``[keystone_authtoken]`` and
    ``[keystone_auth]`` from ``cloud`` as the local cloud's magnum.conf
    does, through ``testcase``'s config fixture.
    """
    trustee = cloud['trustee']
    testcase.config(group='trust', trustee_domain_id=trustee['domain_id'],
                    trustee_domain_admin_id=trustee['domain_admin_id'],
                    trustee_domain_admin_password=trustee[
                        'domain_admin_password'])
    testcase.config(group='keystone_authtoken',
                    www_authenticate_uri=cloud['www_authenticate_uri'])
    # Through the fixture, so that the plugin's required options are
    # unregistered afterwards and later tests can parse CONF again.
    testcase.conf_fixture.register_opts(
        ka_loading.get_auth_plugin_conf_options('password'),
        group='keystone_auth')
    service = cloud['magnum']
    testcase.config(group='keystone_auth', auth_type='password',
                    auth_url=service['auth_url'],
                    username=service['username'],
                    password=service['password'],
                    project_name=service['project_name'],
                    user_domain_name=service['user_domain_name'],
                    project_domain_name=service['project_domain_name'])
