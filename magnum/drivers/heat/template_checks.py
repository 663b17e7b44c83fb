"""Checks of cluster and template fields that several Heat drivers make.
"""

from magnum.common import exception
from magnum.i18n import _


def check_choice(value, allowed, message):
    """Refuse ``value`` when it is set and not one of ``allowed``.

    :param message: the error text, formatted with ``value`` and
        ``allowed`` (the allowed values, comma-separated).
    :raises: InvalidParameterValue (400).
    """
    if value and value not in allowed:
        raise exception.InvalidParameterValue(
            err=message % {'value': value, 'allowed': ', '.join(allowed)})


def check_master_lb(cluster, cluster_template, masters):
    """Refuse several masters without a load balancer in front of them.

    :param masters: the cluster's master count.
    :raises: InvalidParameterValue (400).
    """
    lb = cluster.master_lb_enabled
    if lb is None:
        lb = cluster_template.master_lb_enabled
    if masters > 1 and not lb:
        raise exception.InvalidParameterValue(
            err=_('A cluster with %d masters needs a load balancer in '
                  'front of their API; use a cluster template with '
                  'master_lb_enabled, or one master.') % masters)
