"""Links in API documents."""

import pecan


def base_url():
    """Return the public base URL of this API (no trailing slash)."""
    return pecan.request.application_url.rstrip('/')


def make_link(rel, resource, resource_args='', bookmark=False, base=None):
    """Return a ``{"href", "rel"}`` link.

    Self links point at ``<base>/v1/<resource>/<args>``; bookmarks omit
    the version, as upstream does.
    """
    base = base or base_url()
    prefix = base if bookmark else '%s/v1' % base
    href = '%s/%s/%s' % (prefix, resource, resource_args) if resource_args \
        else '%s/%s/' % (prefix, resource)
    return {'href': href, 'rel': rel}


def self_and_bookmark(resource, resource_args=''):
    """Return the [self, bookmark] pair of links for a resource."""
    return [make_link('self', resource, resource_args),
            make_link('bookmark', resource, resource_args, bookmark=True)]
