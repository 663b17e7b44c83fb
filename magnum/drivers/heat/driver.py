"""The driver contract in terms of Heat stacks.

:class:`HeatDriver` is the one base class of Heat drivers. A subclass
names its :class:`~magnum.drivers.heat.render.Definition`, its labels
schema and what it provides; this class resolves inputs, renders and
drives the stacks. It keeps no state: the stack ids live on the cluster
and its nodegroups (``stack_id``).
"""

import re

from oslo_log import log as logging
from oslo_utils import uuidutils

from magnum.common.cloud import session as cloud_session
from magnum.common import exception
from magnum.common.keystone import auth as keystone_auth
from magnum.drivers import base
from magnum.drivers.heat import inputs as heat_inputs
from magnum.drivers.heat import labels as heat_labels
from magnum.drivers.heat import observe as heat_observe
from magnum.drivers.heat import predelete
from magnum.drivers.heat import render
from magnum.drivers.heat import stack as heat_stack
from magnum.drivers.heat import template_checks
from magnum.i18n import _

LOG = logging.getLogger(__name__)

_TRAILING_INDEX = re.compile(r'-(\d+)$')


def removal_list(nodes_to_remove):
    """Turn node ids or names into ResourceGroup removal entries.

    Server uuids are kept (the group's nested stacks answer to them);
    names ending in ``-<index>`` (the group member's index) and bare
    indexes become the index.
    """
    entries = []
    for node in nodes_to_remove or []:
        node = str(node).strip()
        if not node:
            continue
        match = _TRAILING_INDEX.search(node)
        if uuidutils.is_uuid_like(node) or node.isdigit() or not match:
            entries.append(node)
        else:
            entries.append(match.group(1))
    return entries


def cloud_session_for(context):
    """Return a keystoneauth session for the driver's look-ups.

    The caller's token data when the context has it (its catalog, as
    the API validated with); otherwise whatever the context holds, the
    cluster's trust for a resumed operation included (see
    :func:`magnum.common.keystone.auth.session_for_context`).
    """
    if context.auth_token and context.auth_token_info:
        return cloud_session.session_for_context(context)
    return keystone_auth.session_for_context(context)


def _remember_stack(owner, stack_id):
    owner.stack_id = stack_id
    owner.save()


class HeatDriver(base.Driver):
    """A driver whose clusters are Heat stacks."""

    #: The :class:`~magnum.drivers.heat.render.Definition` of the driver.
    definition = None

    #: Output names and API URL of the templates
    #: (:class:`~magnum.drivers.heat.observe.CoeOutputs`).
    coe_outputs = heat_observe.KUBERNETES

    #: The network drivers the templates support; None accepts any.
    network_drivers = None

    #: The error of another network driver, formatted with ``value`` and
    #: ``allowed``.
    network_driver_refused = None

    #: The volume drivers the templates support; None accepts any.
    volume_drivers = None

    #: The error of another volume driver, as :attr:`network_driver_refused`.
    volume_driver_refused = None

    @property
    def template_path(self):
        return self.definition.template_dir

    # -- seams (tests replace these) ------------------------------------------

    def stacks(self, context):
        """Return the :class:`~magnum.drivers.heat.stack.StackClient`."""
        return heat_stack.StackClient(context)

    def resolve_inputs(self, context, cluster, nodegroups, new_keys=True,
                       ca_keys=False):
        """Return the :class:`~magnum.drivers.heat.inputs.Inputs`."""
        return heat_inputs.resolve(
            context, cluster, cluster.cluster_template, nodegroups,
            cloud=heat_inputs.CloudAccess(cloud_session_for(context)),
            new_keys=new_keys, ca_keys=ca_keys)

    def networking(self, context):
        """Return the Octavia/Neutron access used by pre-delete."""
        return predelete.CloudNetworking(cloud_session_for(context))

    # -- validation -----------------------------------------------------------

    def check_template(self, cluster_template):
        """Refuse template settings the driver cannot build with.

        Both validations call it after the labels pass. The default
        refuses network and volume drivers the driver does not list.

        :raises: InvalidParameterValue (400) saying what to change.
        """
        if self.network_drivers is not None:
            template_checks.check_choice(cluster_template.network_driver,
                                         self.network_drivers,
                                         self.network_driver_refused)
        if self.volume_drivers is not None:
            template_checks.check_choice(cluster_template.volume_driver,
                                         self.volume_drivers,
                                         self.volume_driver_refused)

    def validate_cluster_template(self, context, cluster_template):
        heat_labels.check_labels(self.labels_schema(),
                                 cluster_template.labels or {})
        self.check_template(cluster_template)

    def validate_cluster(self, context, cluster, cluster_template):
        heat_labels.check_labels(
            self.labels_schema(),
            render.merged_labels(cluster, cluster_template))
        self.check_template(cluster_template)

    @staticmethod
    def _create_stack(client, tag, name, rendered, timeout):
        """Create a tagged stack, or adopt the one an earlier attempt made.

        A conductor that died after Heat accepted the stack but before
        its id was saved leaves a stack nobody knows; the operation's
        next attempt finds it by its tag instead of making a second.
        """
        stack_id = client.find_tagged(tag)
        if stack_id:
            LOG.info('Stack %(stack)s (%(tag)s) was created by an earlier '
                     'attempt; not creating another.',
                     {'stack': stack_id, 'tag': tag})
            return stack_id
        return client.create(name, rendered, timeout, tag=tag)

    # -- cluster --------------------------------------------------------------

    def create_cluster(self, context, cluster, timeout):
        nodegroups = list(cluster.nodegroups)
        # The cluster stack holds the masters, which may need the CA keys;
        # nodegroup stacks hold workers only and never get them.
        found = self.resolve_inputs(
            context, cluster, nodegroups,
            ca_keys=self.definition.ca_keys_on_masters)
        rendered = render.render_cluster(
            self.definition, cluster, cluster.cluster_template, nodegroups,
            found)
        stack_id = self._create_stack(
            self.stacks(context), heat_stack.owner_tag('cluster',
                                                       cluster.uuid),
            heat_stack.stack_name(cluster.name or cluster.uuid), rendered,
            heat_stack.timeout_minutes(timeout or cluster.create_timeout))
        _remember_stack(cluster, stack_id)
        for ng in nodegroups:
            if ng.is_default:
                _remember_stack(ng, stack_id)
        return stack_id

    def update_cluster(self, context, cluster, rollback=False):
        worker = cluster.default_ng_worker
        self.stacks(context).update(
            cluster.stack_id, {'number_of_minions': worker.node_count},
            rollback=rollback)

    def resize_cluster(self, context, cluster, node_count, nodes_to_remove,
                       nodegroup):
        if nodegroup.role == 'master':
            raise exception.MasterNGResizeNotSupported()
        params = {'number_of_minions': node_count}
        removal = removal_list(nodes_to_remove)
        if removal:
            params['minions_to_remove'] = removal
        self.stacks(context).update(nodegroup.stack_id or cluster.stack_id,
                                    params)

    def delete_cluster(self, context, cluster):
        client = self.stacks(context)
        for ng in cluster.nodegroups:
            if ng.stack_id and ng.stack_id != cluster.stack_id:
                client.delete(ng.stack_id)
        if not cluster.stack_id:
            # A create whose conductor died before saving the stack id
            # may have left one; the status sync then watches it go.
            cluster.stack_id = client.find_tagged(
                heat_stack.owner_tag('cluster', cluster.uuid))
        if cluster.stack_id:
            client.delete(cluster.stack_id)

    def pre_delete_cluster(self, context, cluster):
        predelete.delete_load_balancers(self.networking(context), cluster)

    def observe_cluster(self, context, cluster):
        client = self.stacks(
            keystone_auth.cluster_owner_context(context, cluster))
        views = {}
        for stack_id in {cluster.stack_id} | {
                ng.stack_id for ng in cluster.nodegroups}:
            if stack_id:
                views[stack_id] = client.get(stack_id)
        template = cluster.cluster_template
        floating = cluster.floating_ip_enabled
        if floating is None:
            floating = template.floating_ip_enabled
        return heat_observe.observe(cluster, views,
                                    bool(template.tls_disabled),
                                    bool(floating), coe=self.coe_outputs)

    # -- nodegroups -----------------------------------------------------------

    def create_nodegroup(self, context, cluster, nodegroup):
        client = self.stacks(context)
        view = client.get(cluster.stack_id)
        if view is None:
            raise exception.InvalidParameterValue(
                err=_('The stack of cluster %s is gone; the cluster '
                      'cannot get new nodegroups.') % cluster.uuid)
        found = self.resolve_inputs(context, cluster, [nodegroup])
        rendered = render.render_nodegroup(
            self.definition, cluster, cluster.cluster_template, nodegroup,
            found, view.outputs)
        stack_id = self._create_stack(
            client, heat_stack.owner_tag('nodegroup', nodegroup.uuid),
            heat_stack.nodegroup_stack_name(cluster.name or cluster.uuid,
                                            nodegroup.name),
            rendered, heat_stack.timeout_minutes(cluster.create_timeout))
        _remember_stack(nodegroup, stack_id)
        return stack_id

    def update_nodegroup(self, context, cluster, nodegroup):
        if nodegroup.role == 'master':
            raise exception.MasterNGResizeNotSupported()
        self.stacks(context).update(
            nodegroup.stack_id or cluster.stack_id,
            {'number_of_minions': nodegroup.node_count})

    def delete_nodegroup(self, context, cluster, nodegroup):
        if nodegroup.is_default:
            raise exception.DeletingDefaultNGNotSupported()
        if nodegroup.stack_id and nodegroup.stack_id != cluster.stack_id:
            self.stacks(context).delete(nodegroup.stack_id)

    # -- optional operations --------------------------------------------------

    def upgrade_cluster(self, context, cluster, cluster_template,
                        max_batch_size, nodegroup, rollback=False):
        """Replace the nodegroup's servers, ``max_batch_size`` at a time,
        with servers of the new template's image and kube_tag.
        """
        params = self.definition.upgrade_parameters(
            cluster, cluster_template, nodegroup)
        params['max_batch_size'] = max(int(max_batch_size or 1), 1)
        self.stacks(context).update(nodegroup.stack_id or cluster.stack_id,
                                    params, rollback=rollback)

    def rotate_ca_certificate(self, context, cluster):
        """Push the cluster's new CAs with stack updates.

        The cluster stack gets the definition's ``ca_parameters`` (with
        the CA keys when its masters hold them), extra nodegroups'
        stacks its ``nodegroup_ca_parameters``. Each stack is sent only
        the parameters its template declares.
        """
        found = heat_inputs.Inputs(**heat_inputs.cluster_cas(
            context, cluster, with_keys=self.definition.ca_keys_on_masters))
        if not found.ca_cert:
            raise exception.InvalidParameterValue(
                err=_('Cluster %s has no CA certificate to push; rotate '
                      'the CA first.') % cluster.uuid)
        cluster_params = self.definition.ca_parameters(found)
        nodegroup_params = self.definition.nodegroup_ca_parameters(found)
        client = self.stacks(context)
        for stack_id in self._stack_ids(cluster):
            params = (cluster_params if stack_id == cluster.stack_id
                      else nodegroup_params)
            client.update(stack_id, _declared_only(client, stack_id,
                                                   params))

    def rotate_credential(self, context, cluster):
        """Push the cluster's new trustee credentials with stack updates."""
        self._push(context, cluster, self.definition.credential_parameters(
            cluster))

    @staticmethod
    def _stack_ids(cluster):
        """The cluster's stack, then its extra nodegroups' stacks."""
        return [cluster.stack_id] + sorted(
            {ng.stack_id for ng in cluster.nodegroups
             if ng.stack_id and ng.stack_id != cluster.stack_id})

    def _push(self, context, cluster, params):
        client = self.stacks(context)
        for stack_id in self._stack_ids(cluster):
            client.update(stack_id, params)


def _declared_only(client, stack_id, params):
    """Keep the parameters a stack declares.

    Heat refuses an update naming a parameter its template lacks, and a
    stack made from an older template lacks the newer parameters (the CA
    keys): such a stack gets the rest, with a warning naming (never
    showing) what it did not get.
    """
    view = client.get(stack_id, with_outputs=False)
    if view is None or not view.parameters:
        return params
    kept = {name: value for name, value in params.items()
            if name in view.parameters}
    if len(kept) < len(params):
        LOG.warning('Stack %(stack)s declares no %(names)s; its template '
                    'predates them, so they are not pushed.',
                    {'stack': stack_id,
                     'names': ', '.join(sorted(set(params) - set(kept)))})
    return kept
