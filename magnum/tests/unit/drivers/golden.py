"""Golden files of rendered Heat stacks.

Set MAGNUM_REGENERATE_GOLDEN=1 to rewrite the golden files after an
intended change, then review the diff.
"""

import os

from magnum.drivers.heat import render

REGENERATE = os.environ.get('MAGNUM_REGENERATE_GOLDEN') == '1'

#: Stands for the bootstrap script, which has a test of its own; keeps the
#: golden files short.
SCRIPT_PLACEHOLDER = '<fragments/bootstrap.sh, encoded>'


def compare(test, directory, name, rendered, root):
    """Compare a rendering with <directory>/<name>.json (script elided).

    :param root: the directory the rendered paths are written relative to.
    """
    params = dict(rendered.parameters)
    params['bootstrap_script'] = SCRIPT_PLACEHOLDER
    got = render.to_json(render.Rendered(rendered.template_path, params,
                                         rendered.environment_files),
                         root) + '\n'
    path = os.path.join(directory, name + '.json')
    if REGENERATE:
        with open(path, 'w') as stream:
            stream.write(got)
    with open(path) as stream:
        test.assertEqual(stream.read(), got)


def case_names(directory):
    """Return the names of the golden files of ``directory``."""
    return {f[:-len('.json')] for f in os.listdir(directory)}
