"""The [trust] group: trustee users and Keystone trusts for clusters."""

from oslo_config import cfg

GROUP = cfg.OptGroup(name='trust',
                     title='Trustee and trust options',
                     help='Each cluster gets a Keystone user of its own '
                          '(the trustee) in a dedicated domain, and a '
                          'trust from the cluster\'s creator to it.')
GROUPS = (GROUP,)

OPTS = [
    cfg.BoolOpt('cluster_user_trust',
                default=False,
                help='Hand the trust id to the cluster nodes so that '
                     'software on them (such as the cloud provider) can '
                     'act for the cluster\'s owner. Anyone who can read '
                     'the nodes\' configuration gets that power too.'),
    cfg.StrOpt('trustee_domain_id',
               help='Id of the Keystone domain holding trustee users.'),
    cfg.StrOpt('trustee_domain_name',
               help='Name of the Keystone domain holding trustee users; '
                    'used when ``trustee_domain_id`` is unset.'),
    cfg.StrOpt('trustee_domain_admin_id',
               help='Id of the user that manages users in the trustee '
                    'domain.'),
    cfg.StrOpt('trustee_domain_admin_name',
               help='Name of the user that manages users in the trustee '
                    'domain.'),
    cfg.StrOpt('trustee_domain_admin_domain_id',
               help='Id of the domain the trustee domain administrator '
                    'belongs to, when it is not the trustee domain.'),
    cfg.StrOpt('trustee_domain_admin_domain_name',
               help='Name of the domain the trustee domain administrator '
                    'belongs to, when it is not the trustee domain.'),
    cfg.StrOpt('trustee_domain_admin_password',
               secret=True,
               help='Password of the trustee domain administrator.'),
    cfg.ListOpt('roles',
                default=[],
                help='Roles delegated through each trust. When empty, '
                     'all of the creating user\'s roles are delegated.'),
    cfg.StrOpt('trustee_keystone_interface',
               default='public',
               help='Which Keystone endpoint (public, internal or admin) '
                    'the cluster nodes are told to use.'),
    cfg.StrOpt('trustee_keystone_region_name',
               help='Region of the Keystone endpoint given to the '
                    'cluster nodes. When unset, the catalog\'s first '
                    'region is used.'),
]


def register_opts(conf):
    """Register the [trust] options on ``conf``."""
    conf.register_group(GROUP)
    conf.register_opts(OPTS, group=GROUP)


def list_opts():
    """Return this module's options keyed by group name."""
    return {GROUP.name: OPTS}
