"""The option list read by ``oslo-config-generator`` (namespace magnum.conf).

Several modules may add options to the same group (the [DEFAULT] group is
split by topic); they are merged here so each group appears once.
"""

import magnum.conf


def _group_objects():
    groups = {}
    for module in magnum.conf.MODULES:
        for group in module.GROUPS:
            groups[group.name] = group
    return groups


def _merged_opts():
    merged = {}
    for module in magnum.conf.MODULES:
        for name, opts in module.list_opts().items():
            merged.setdefault(name, []).extend(opts)
    return merged


def list_opts():
    """Return magnum's options as a sorted list of (group, options).

    The group is the ``OptGroup`` when one is defined, so the sample shows
    its title and help, or else the group's name.

    :returns: a list of ``(group, [Opt, ...])`` tuples sorted by group name
    """
    groups = _group_objects()
    merged = _merged_opts()
    return [(groups.get(name, name), merged[name])
            for name in sorted(merged)]
