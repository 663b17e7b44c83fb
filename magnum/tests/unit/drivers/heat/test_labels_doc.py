"""doc/source/user/labels.rst is what tools/gen_labels_doc.py makes."""

import importlib.util
import os

from magnum.tests import base

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))))
SCRIPT = os.path.join(ROOT, 'tools', 'gen_labels_doc.py')


def _script():
    spec = importlib.util.spec_from_file_location('gen_labels_doc', SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestLabelsDoc(base.TestCase):

    def test_page_is_current(self):
        script = _script()
        with open(script.OUTPUT) as page:
            current = page.read()
        self.assertEqual(script.render(), current,
                         'run tools/gen_labels_doc.py and commit the page')
