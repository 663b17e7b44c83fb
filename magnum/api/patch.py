"""RFC 6902 JSON patches on API documents, with upstream's rules.

A PATCH body is a list of ``{"op", "path", "value"}`` operations. Only
``add``, ``replace`` and ``remove`` are accepted; ``path`` must look like
``/name`` or ``/name/key``; internal attributes can't be touched and
mandatory ones can't be removed. The patched document is validated again
by the resource's create type, so a patch can't smuggle in a bad value.
"""

import ast
import re

import jsonpatch

from magnum.common import exception
from magnum.i18n import _

# Attributes no resource lets a caller change.
COMMON_INTERNAL = ('/created_at', '/id', '/links', '/updated_at', '/uuid',
                   '/project_id', '/user_id')
_PATH_RE = re.compile(r'^(/[\w-]+)+$')
_OPS = ('add', 'replace', 'remove')
# String values on these paths are parsed as literals, as upstream does
# (the CLI sends labels as "{'a': 'b'}").
LITERAL_PATHS = ('/labels', '/health_status_reason', '/node_labels',
                 '/node_taints')


def _invalid(message):
    return exception.InvalidParameterValue(err=message)


def validate_operations(body):
    """Check the shape of a JSON patch and return it as a list.

    :raises InvalidParameterValue: for anything that is not a list of
        well-formed add/replace/remove operations.
    """
    if not isinstance(body, list) or not body:
        raise _invalid(_('A PATCH body must be a non-empty JSON list of '
                         'operations like {"op": "replace", "path": '
                         '"/name", "value": "new"}.'))
    operations = []
    for item in body:
        if not isinstance(item, dict):
            raise _invalid(_('Each patch operation must be a JSON object.'))
        unknown = set(item) - {'op', 'path', 'value'}
        if unknown:
            raise _invalid(_('Unknown key(s) %s in patch operation.')
                           % ', '.join(sorted(unknown)))
        op = item.get('op')
        path = item.get('path')
        if op not in _OPS:
            raise _invalid(_("Invalid patch op %r; use add, replace or "
                             "remove.") % (op,))
        if not isinstance(path, str) or not _PATH_RE.match(path):
            raise _invalid(_("Invalid patch path %r; paths look like "
                             "/name or /labels/key.") % (path,))
        if op in ('add', 'replace') and 'value' not in item:
            raise _invalid(_("'add' and 'replace' operations need a "
                             "value."))
        operations.append(dict(item))
    return operations


def _literal(value):
    if not isinstance(value, str):
        return value
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def apply(document, body, internal=(), non_removable=()):
    """Apply the JSON patch ``body`` to ``document`` and return the result.

    :param document: the resource as a dict.
    :param body: the decoded PATCH body.
    :param internal: extra paths that can't be changed at all.
    :param non_removable: paths that can't be removed.
    :raises InvalidParameterValue: for malformed or forbidden operations.
    :raises PatchError: when the patch does not apply to the document.
    """
    operations = validate_operations(body)
    forbidden = set(COMMON_INTERNAL) | set(internal)
    for operation in operations:
        path = operation['path']
        top = '/' + path.split('/')[1]
        if top in forbidden:
            raise _invalid(_("'%s' is an internal attribute and can not be "
                             "updated") % top)
        if operation['op'] == 'remove' and path in non_removable:
            raise _invalid(_("'%s' is a mandatory attribute and can not be "
                             "removed") % path)
        if top == path and operation['op'] == 'add':
            if top[1:] not in document:
                raise _invalid(_("Adding a new attribute (%s) to the root "
                                 "of the resource is not allowed.") % path)
            if document[top[1:]] not in (None, {}, [], ''):
                raise _invalid(_("The attribute %s has existed, please use "
                                 "'replace' operation instead.") % path)
        if operation['op'] == 'replace' and path in LITERAL_PATHS:
            operation['value'] = _literal(operation['value'])
    # JSON patch can't add a key below a null value; start from empty.
    document = dict(document)
    for operation in operations:
        top = operation['path'].split('/')[1]
        if operation['path'] != '/' + top and document.get(top) is None:
            document[top] = {}
    try:
        return jsonpatch.apply_patch(document, operations)
    except (jsonpatch.JsonPatchException,
            jsonpatch.JsonPointerException, KeyError, TypeError) as error:
        raise exception.PatchError(patch=body, reason=error)
