"""The version of the installed magnum package."""

import pbr.version

version_info = pbr.version.VersionInfo('magnum')
version_string = version_info.version_string
