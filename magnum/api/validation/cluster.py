"""What a new cluster must satisfy, and what it inherits from its template.

Shape and ranges are the wsme type's job; this module fills in the values
a cluster takes from its template when they are not given, checks what
the cluster names in the cloud (flavors, keypair, networks, volume types)
and asks the template's driver about master count and labels.
"""

from magnum.api import hooks
from magnum.api.validation import labels as label_validation
from magnum.api import versions
from magnum.common.cloud import validation as cloud
from magnum.common import exception
from magnum.drivers import registry
from magnum.i18n import _

# Values a cluster takes from its template when they are not given:
# cluster field -> template field.
INHERITED = {
    'keypair': 'keypair_id',
    'docker_volume_size': 'docker_volume_size',
    'master_flavor_id': 'master_flavor_id',
    'flavor_id': 'flavor_id',
    'fixed_network': 'fixed_network',
    'fixed_subnet': 'fixed_subnet',
    'floating_ip_enabled': 'floating_ip_enabled',
    'master_lb_enabled': 'master_lb_enabled',
}


def check_node_count(node_count):
    """Refuse ``node_count`` 0 before microversion 1.10.

    :raises: ZeroNodeCountNotSupported
    """
    if node_count == 0 and \
            hooks.current_version() < versions.ZERO_NODE_COUNT:
        raise exception.ZeroNodeCountNotSupported()


def merged_labels(parent_labels, given, merge):
    """Return the labels of a child (cluster or nodegroup).

    No labels (or empty ones) inherit the parent's; with ``merge`` the
    given labels are laid over the parent's.
    """
    parent_labels = dict(parent_labels or {})
    if not given:
        return parent_labels
    if merge:
        parent_labels.update(given)
        return parent_labels
    return dict(given)


def labels_diff(parent_labels, labels):
    """Compare a child's labels with its parent's.

    :returns: (overridden, added, skipped); ``overridden`` holds the
        parent's value of each label the child changed, as upstream.
    """
    parent_labels = parent_labels or {}
    labels = labels or {}
    overridden = {k: parent_labels[k] for k, v in labels.items()
                  if k in parent_labels and parent_labels[k] != v}
    added = {k: v for k, v in labels.items() if k not in parent_labels}
    skipped = {k: v for k, v in parent_labels.items() if k not in labels}
    return overridden, added, skipped


def _inherit(values, template):
    for field, template_field in INHERITED.items():
        if values.get(field) in (None, ''):
            values[field] = getattr(template, template_field, None)
    values['labels'] = merged_labels(template.labels, values.get('labels'),
                                     values.pop('merge_labels', False))


def _check_master_lb(values):
    if values['master_count'] > 1 and not values.get('master_lb_enabled'):
        raise exception.InvalidParameterValue(err=_(
            'master_count must be 1 when master_lb_enabled is False'))


def _check_cloud(lookups, values, given):
    """Look up what the request itself named.

    Inherited values were checked when the template was stored.
    """
    labels = values['labels']
    boot_label = labels.get('boot_volume_size')
    for key in ('flavor_id', 'master_flavor_id'):
        if given.get(key) or ('boot_volume_size' in labels and values[key]):
            cloud.validate_flavor(lookups, values[key], boot_label)
    if values.get('keypair'):
        values['keypair'] = cloud.validate_keypair(lookups, values['keypair'])
    if given.get('fixed_network'):
        cloud.validate_fixed_network(lookups, values['fixed_network'])
    if given.get('fixed_subnet'):
        cloud.validate_fixed_subnet(lookups, values['fixed_subnet'])
    if given.get('docker_volume_size') or \
            given.get('labels', {}).get('docker_volume_type'):
        cloud.validate_volume_type(lookups, labels.get('docker_volume_type'),
                                   kind='docker')


def prepare_create(context, lookups, values, template):
    """Validate a new cluster and complete its values from the template.

    :param values: the fields of the create body; changed in place.
    :param template: the cluster's ClusterTemplate.
    :returns: the driver that will build the cluster.
    :raises: the 400 / 403 / 404 / 409 errors of the checks.
    """
    given = dict(values)
    check_node_count(values['node_count'])
    _inherit(values, template)
    _check_master_lb(values)
    cloud.validate_docker_storage(template.docker_storage_driver,
                                  values.get('docker_volume_size'))
    cloud.validate_flannel_backend(values['labels'])
    driver = registry.get_driver_for_cluster_template(template)
    driver.validate_master_size(values['master_count'])
    label_validation.validate(driver, values['labels'])
    _check_cloud(lookups, values, given)
    driver.validate_cluster(context, _AsObject(values), template)
    return driver


class _AsObject:
    """Attribute access to a values dict, for driver validation hooks."""

    def __init__(self, values):
        self.__dict__.update(values)

    def __getattr__(self, name):
        return None
