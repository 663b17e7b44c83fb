"""What a nodegroup must satisfy: node counts, node labels and taints."""

from magnum.common import exception
from magnum.i18n import _

# Taint effects Kubernetes knows.
TAINT_EFFECTS = ('NoSchedule', 'PreferNoSchedule', 'NoExecute')
_TAINT_KEYS = ('key', 'value', 'effect')

# Label namespaces reserved to Kubernetes; the kubelet refuses to set
# labels in them unless they are in KUBELET_PREFIXES or KUBELET_LABELS.
_RESERVED_DOMAINS = ('kubernetes.io', 'k8s.io')
KUBELET_PREFIXES = ('kubelet.kubernetes.io', 'node.kubernetes.io')
KUBELET_LABELS = frozenset([
    'kubernetes.io/hostname',
    'kubernetes.io/arch',
    'kubernetes.io/os',
    'beta.kubernetes.io/arch',
    'beta.kubernetes.io/os',
    'beta.kubernetes.io/instance-type',
    'node.kubernetes.io/instance-type',
    'node.kubernetes.io/windows-build',
    'topology.kubernetes.io/region',
    'topology.kubernetes.io/zone',
    'failure-domain.beta.kubernetes.io/region',
    'failure-domain.beta.kubernetes.io/zone',
])


def check_counts(name, node_count, min_node_count, max_node_count):
    """Check ``min <= node_count <= max`` and ``min <= max``.

    :raises: NodeGroupInvalidInput (409), as upstream.
    """
    min_node_count = min_node_count or 0
    if max_node_count is not None:
        if max_node_count < min_node_count:
            raise exception.NodeGroupInvalidInput(
                attr='max_node_count', nodegroup=name,
                expl=_('min_node_count (%(min)s) should be less or equal '
                       'to max_node_count (%(max)s)') % {
                           'min': min_node_count, 'max': max_node_count})
        if node_count > max_node_count:
            raise exception.NodeGroupInvalidInput(
                attr='max_node_count', nodegroup=name,
                expl=_('node_count (%(count)s) should be less or equal '
                       'to max_node_count (%(max)s)') % {
                           'count': node_count, 'max': max_node_count})
    if min_node_count > node_count:
        raise exception.NodeGroupInvalidInput(
            attr='min_node_count', nodegroup=name,
            expl=_('min_node_count (%(min)s) should be less or equal to '
                   'node_count (%(count)s)') % {
                       'min': min_node_count, 'count': node_count})


def _reserved(key):
    if '/' not in key:
        return False
    prefix = key.split('/', 1)[0]
    for domain in _RESERVED_DOMAINS:
        if prefix == domain or prefix.endswith('.' + domain):
            return True
    return False


def _kubelet_may_set(key):
    prefix = key.split('/', 1)[0]
    for allowed in KUBELET_PREFIXES:
        if prefix == allowed or prefix.endswith('.' + allowed):
            return True
    return key in KUBELET_LABELS


def check_node_labels(node_labels):
    """Refuse labels in namespaces the kubelet may not set.

    :raises: InvalidParameterValue naming the label and what is allowed.
    """
    for key in sorted(node_labels or {}):
        if _reserved(key) and not _kubelet_may_set(key):
            raise exception.InvalidParameterValue(err=_(
                'Node label %(key)s is in a namespace reserved to '
                'Kubernetes; under kubernetes.io and k8s.io only the '
                'prefixes %(prefixes)s and the well-known kubelet labels '
                'may be set.') % {'key': key,
                                  'prefixes': ', '.join(KUBELET_PREFIXES)})


def check_node_taints(node_taints):
    """Check each taint has a key and a known effect and nothing else.

    :raises: InvalidParameterValue
    """
    for taint in node_taints or []:
        if not isinstance(taint, dict):
            raise exception.InvalidParameterValue(err=_(
                'Each node taint must be an object with key, value and '
                'effect.'))
        unknown = sorted(set(taint) - set(_TAINT_KEYS))
        if unknown:
            raise exception.InvalidParameterValue(err=_(
                'Node taints take only key, value and effect, not '
                '%s.') % ', '.join(unknown))
        if not taint.get('key') or not isinstance(taint['key'], str):
            raise exception.InvalidParameterValue(err=_(
                'Every node taint needs a key.'))
        if 'value' in taint and taint['value'] is not None and \
                not isinstance(taint['value'], str):
            raise exception.InvalidParameterValue(err=_(
                'The value of node taint %s must be a string.')
                % taint['key'])
        if taint.get('effect') not in TAINT_EFFECTS:
            raise exception.InvalidParameterValue(err=_(
                'Node taint %(key)s has effect %(effect)r; use one of '
                '%(effects)s.') % {'key': taint['key'],
                                   'effect': taint.get('effect'),
                                   'effects': ', '.join(TAINT_EFFECTS)})


def check_node_labels_and_taints(role, node_labels, node_taints):
    """Check node labels and taints, which master nodegroups can't have.

    :raises: InvalidParameterValue
    """
    if (node_labels or node_taints) and role == 'master':
        raise exception.InvalidParameterValue(err=_(
            'node_labels and node_taints are not supported on master '
            'nodegroups.'))
    if node_labels is not None and (
            not isinstance(node_labels, dict) or not all(
                isinstance(k, str) and isinstance(v, str)
                for k, v in node_labels.items())):
        raise exception.InvalidParameterValue(err=_(
            'node_labels must be an object of strings to strings.'))
    if node_taints is not None and not isinstance(node_taints, list):
        raise exception.InvalidParameterValue(err=_(
            'node_taints must be a list of {"key", "value", "effect"} '
            'objects.'))
    check_node_labels(node_labels)
    check_node_taints(node_taints)
