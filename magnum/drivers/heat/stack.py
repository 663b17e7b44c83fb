"""Create, change, read and delete Heat stacks with python-heatclient.

Stacks are created and updated with the caller's token. When there is
none (an operation resumed after its conductor died) the cluster's trust
is used: Heat then builds its own trust from a trust-scoped token, which
Keystone allows because the cluster's trust permits one redelegation
(see doc/source/admin/certificates-and-trusts.rst). Reads and deletes work
with any token of the cluster's project, the cluster's trust included.
"""

import base64
import dataclasses
import re
import uuid

from heatclient import client as heat_client
from heatclient.common import template_utils
from heatclient import exc as heat_exc
from keystoneauth1 import exceptions as ks_exc

from magnum.common.cloud import exceptions as cloud_exc
from magnum.common import exception
from magnum.common.keystone import auth as keystone_auth
import magnum.conf
from magnum.i18n import _

CONF = magnum.conf.CONF

CLUSTER_NAME_LENGTH = 30
NODEGROUP_CLUSTER_LENGTH = 20
NODEGROUP_NAME_LENGTH = 9
SHORT_ID_LENGTH = 12

_FAILURES = (heat_exc.BaseException, ks_exc.ConnectionError)
_INVALID = re.compile('[^a-zA-Z0-9-]')
_INTERFACES = {'publicurl': 'public', 'internalurl': 'internal',
               'adminurl': 'admin'}


def short_id():
    """Return 12 random lowercase base32 characters."""
    raw = uuid.uuid4().bytes
    return base64.b32encode(raw).decode().lower()[:SHORT_ID_LENGTH]


def _clean(name):
    return _INVALID.sub('', name.replace('_', '-').replace('.', '-'))


def stack_name(cluster_name, suffix=None):
    """Return the stack name of a cluster.

    The name is cut to 30 characters, ``_`` and ``.`` become ``-``, other
    characters invalid in a hostname are dropped, ``-<short id>`` is
    appended and the whole is lowercased.

    :param suffix: the short id; a random one if None.
    """
    base = _clean((cluster_name or '')[:CLUSTER_NAME_LENGTH])
    return ('%s-%s' % (base, suffix or short_id())).lower()


def nodegroup_stack_name(cluster_name, nodegroup_name, suffix=None):
    """Return the stack name of an extra nodegroup: 20 characters of the
    cluster name, 9 of the nodegroup name, then the short id.
    """
    base = '%s-%s' % (
        _clean((cluster_name or '')[:NODEGROUP_CLUSTER_LENGTH]),
        _clean((nodegroup_name or '')[:NODEGROUP_NAME_LENGTH]))
    return ('%s-%s' % (base, suffix or short_id())).lower()


def owner_tag(kind, uuid):
    """Return the tag that marks the stack of a cluster or nodegroup.

    A create resumed after its conductor died finds the stack the first
    attempt made (:meth:`StackClient.find_tagged`) instead of making a
    second one; the stack id may never have been saved.

    :param kind: ``cluster`` or ``nodegroup``.
    """
    return 'magnum_%s_%s' % (kind, uuid)


def timeout_minutes(create_timeout):
    """The cluster's timeout if set, else ``[cluster_heat] create_timeout``.
    """
    return create_timeout or CONF.cluster_heat.create_timeout


@dataclasses.dataclass(frozen=True)
class StackView:
    """What magnum reads of a stack."""

    id: str
    status: str
    status_reason: str | None
    outputs: dict
    parameters: dict


def _interface():
    configured = CONF.heat_client.endpoint_type or 'publicURL'
    return _INTERFACES.get(configured.lower(), configured)


def heat_for_context(context):
    """Return a heatclient acting as ``context``.

    The caller's token, the cluster's trust (a
    :func:`magnum.common.keystone.auth.trust_context`) or, for an admin
    context with neither, magnum's service user: see
    :func:`magnum.common.keystone.auth.session_for_context`.

    :raises: AuthorizationFailure when the context has no credentials.
    """
    sess = keystone_auth.session_for_context(context)
    return heat_client.Client(CONF.heat_client.api_version or '1',
                              session=sess, service_type='orchestration',
                              interface=_interface(),
                              region_name=CONF.heat_client.region_name)


def _translate(error, action):
    """Turn a heatclient failure into a magnum error naming the cause."""
    detail = getattr(error, 'error', None) or {}
    message = (detail.get('error', {}).get('message')
               if isinstance(detail, dict) else None) or str(error)
    if isinstance(error, heat_exc.HTTPBadRequest):
        return exception.InvalidParameterValue(
            err=_('Heat refused to %(action)s the stack: %(msg)s')
            % {'action': action, 'msg': message})
    if isinstance(error, ks_exc.ConnectionError):
        return cloud_exc.CloudServiceUnavailable(
            service='orchestration service (heat)', reason=str(error))
    if isinstance(error, (heat_exc.HTTPUnauthorized,
                          heat_exc.HTTPForbidden)):
        return exception.AuthorizationFailure(client='Heat',
                                              message=message)
    return cloud_exc.CloudServiceUnavailable(
        service='orchestration service (heat)', reason=message)


def _template_and_files(rendered):
    files, template = template_utils.get_template_contents(
        template_file=rendered.template_path)
    env_paths = list(rendered.environment_files) + list(
        CONF.cluster_heat.extra_environment_files)
    env_files, environment = (
        template_utils.process_multiple_environments_and_files(
            env_paths=env_paths))
    files = dict(files)
    files.update(env_files)
    return template, files, environment


class StackClient:
    """Stack operations for one context.

    :param heat: a heatclient ``Client``; built from ``context`` if None.
    """

    def __init__(self, context, heat=None):
        self._heat = heat or heat_for_context(context)

    def create(self, name, rendered, timeout, tag=None):
        """Create a stack and return its id.

        :param timeout: minutes (``timeout_minutes`` applied by caller).
        :param tag: a tag to give the stack (:func:`owner_tag`).
        :raises: InvalidParameterValue (Heat's 400, its message kept),
            AuthorizationFailure, CloudServiceUnavailable.
        """
        template, files, environment = _template_and_files(rendered)
        fields = dict(stack_name=name, template=template, files=files,
                      environment=environment,
                      parameters=rendered.parameters, timeout_mins=timeout,
                      disable_rollback=True)
        if tag:
            fields['tags'] = tag
        try:
            created = self._heat.stacks.create(**fields)
        except _FAILURES as error:
            raise _translate(error, 'create')
        return created['stack']['id']

    def find_tagged(self, tag):
        """Return the id of a stack with ``tag`` not being deleted, or None.

        :raises: AuthorizationFailure, CloudServiceUnavailable.
        """
        try:
            for found in self._heat.stacks.list(tags=tag):
                if not found.stack_status.startswith('DELETE'):
                    return found.id
        except _FAILURES as error:
            raise _translate(error, 'list')
        return None

    def update(self, stack_id, parameters, rendered=None, rollback=False,
               clear_parameters=()):
        """Change a stack's parameters, and its template when given.

        Without ``rendered`` the stack keeps its template and every
        parameter not named (Heat's PATCH update).

        :raises: as :meth:`create`.
        """
        fields = {'existing': True, 'parameters': parameters,
                  'disable_rollback': not rollback}
        if clear_parameters:
            fields['clear_parameters'] = list(clear_parameters)
        if rendered is not None:
            template, files, environment = _template_and_files(rendered)
            fields.update(template=template, files=files,
                          environment=environment)
        try:
            self._heat.stacks.update(stack_id, **fields)
        except _FAILURES as error:
            raise _translate(error, 'update')

    def delete(self, stack_id):
        """Start deleting a stack; a missing stack is already gone.

        :raises: AuthorizationFailure, CloudServiceUnavailable.
        """
        try:
            self._heat.stacks.delete(stack_id)
        except heat_exc.HTTPNotFound:
            return
        except _FAILURES as error:
            raise _translate(error, 'delete')

    def get(self, stack_id, with_outputs=True):
        """Return a :class:`StackView`, or None when Heat has no such stack.

        :raises: AuthorizationFailure, CloudServiceUnavailable.
        """
        try:
            stack = self._heat.stacks.get(stack_id,
                                          resolve_outputs=with_outputs)
        except heat_exc.HTTPNotFound:
            return None
        except _FAILURES as error:
            raise _translate(error, 'read')
        outputs = {o['output_key']: o.get('output_value')
                   for o in (getattr(stack, 'outputs', None) or [])}
        return StackView(id=stack.id, status=stack.stack_status,
                         status_reason=getattr(stack, 'stack_status_reason',
                                               None),
                         outputs=outputs,
                         parameters=dict(getattr(stack, 'parameters', None)
                                         or {}))

    def validate(self, rendered):
        """Have Heat validate a rendered stack without creating it.

        :returns: Heat's answer (the template's parameters).
        :raises: as :meth:`create`.
        """
        template, files, environment = _template_and_files(rendered)
        try:
            return self._heat.stacks.validate(
                template=template, files=files, environment=environment,
                parameters=rendered.parameters)
        except _FAILURES as error:
            raise _translate(error, 'validate')
