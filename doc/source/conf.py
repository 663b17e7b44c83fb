# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.

"""Sphinx configuration for magnum's documentation.

The ``show-options`` and ``show-policy`` directives read the options and
policy rules from the installed ``magnum`` package through its entry points,
so install it first (``pip install -e .``).
"""

import os
import sys

# Make the package importable from a plain checkout as well; the entry
# points still come from the installed distribution.
sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__),
                                                '..', '..')))

extensions = [
    'openstackdocstheme',
    'oslo_config.sphinxext',
    'oslo_policy.sphinxext',
]

# openstackdocstheme
openstackdocs_repo_name = 'openstack/magnum'
openstackdocs_bug_project = 'magnum'
openstackdocs_bug_tag = 'doc'
openstackdocs_use_storyboard = False
openstackdocs_auto_name = False
openstackdocs_pdf_link = False

# General
project = 'magnum'
copyright = '2026, The magnum developers'
source_suffix = {'.rst': 'restructuredtext'}
master_doc = 'index'
exclude_patterns = ['_build']
pygments_style = 'native'
add_module_names = False

# HTML output
html_theme = 'openstackdocs'
html_static_path = []
htmlhelp_basename = 'magnumdoc'
