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

"""Sphinx configuration for magnum's release notes (built by reno)."""

extensions = [
    'openstackdocstheme',
    'reno.sphinxext',
]

# openstackdocstheme
openstackdocs_repo_name = 'openstack/magnum'
openstackdocs_bug_project = 'magnum'
openstackdocs_bug_tag = 'releasenotes'
openstackdocs_use_storyboard = False
openstackdocs_auto_name = False

# General
project = 'magnum Release Notes'
copyright = '2026, The magnum developers'
source_suffix = {'.rst': 'restructuredtext'}
master_doc = 'index'
exclude_patterns = []
pygments_style = 'native'

# The release notes carry no version of their own.
version = ''
release = ''

# HTML output
html_theme = 'openstackdocs'
html_static_path = []
htmlhelp_basename = 'magnumReleaseNotesdoc'

# Internationalization
locale_dirs = ['locale/']
