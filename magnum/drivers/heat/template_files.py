"""Where a Heat driver's templates live, and reading the files shipped
with them.
"""

import functools
import os

TEMPLATES = 'templates'
BOOTSTRAP = os.path.join('fragments', 'bootstrap.sh')


def templates_beside(module_file):
    """Return the ``templates`` directory next to a driver module.

    :param module_file: the ``__file__`` of the driver's module.
    """
    return os.path.join(os.path.dirname(os.path.abspath(module_file)),
                        TEMPLATES)


def bootstrap_path(template_dir):
    """Return the path of the node bootstrap script of ``template_dir``."""
    return os.path.join(template_dir, BOOTSTRAP)


@functools.lru_cache(maxsize=None)
def read(path):
    """Return the text of a file shipped with the templates (cached)."""
    with open(path) as shipped:
        return shipped.read()
