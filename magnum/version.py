"""The version of the installed magnum package."""

import pbr.version

version_info = pbr.version.VersionInfo('magnum')


def version_string():
    """Return the version, or 'unknown' outside an install or git tree."""
    try:
        return version_info.version_string()
    except Exception:
        # pbr raises when neither package metadata nor git history exist
        # (a source tarball run in place); the version is then unknown.
        return 'unknown'
