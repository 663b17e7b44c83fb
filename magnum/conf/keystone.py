"""The [keystone_auth] group: magnum's own service credentials.

The options come from keystoneauth1. ``[keystone_authtoken]``, which
validates incoming tokens, belongs to keystonemiddleware and is listed by
its own sample-generator namespace.
"""

from keystoneauth1 import loading as ka_loading
from oslo_config import cfg

GROUP = cfg.OptGroup(name='keystone_auth',
                     title='Service credentials',
                     help='Credentials and session settings magnum uses '
                          'when it calls other OpenStack services on its '
                          'own behalf.')
GROUPS = (GROUP,)

DEFAULT_AUTH_TYPE = 'password'


def register_opts(conf):
    """Register keystoneauth1's session and auth options on ``conf``.

    The options of the chosen auth plugin are registered later, when the
    plugin is loaded.
    """
    conf.register_group(GROUP)
    ka_loading.register_session_conf_options(conf, GROUP.name)
    ka_loading.register_auth_conf_options(conf, GROUP.name)
    conf.set_default('auth_type', DEFAULT_AUTH_TYPE, group=GROUP.name)


def _listed_opts():
    common = ka_loading.get_auth_common_conf_options()
    for opt in common:
        if opt.dest == 'auth_type':
            opt.default = DEFAULT_AUTH_TYPE
    plugin = ka_loading.get_auth_plugin_conf_options(DEFAULT_AUTH_TYPE)
    session = ka_loading.get_session_conf_options()
    return common + plugin + session


def list_opts():
    """Return the options shown in the sample, keyed by group name.

    They are the common auth options, those of the default ``password``
    plugin and the session options.
    """
    return {GROUP.name: _listed_opts()}
