"""``/v1/certificates``: cluster CAs, signed client certificates and CA
rotation.

Showing a CA and signing a CSR need the conductor's answer (it holds the
CA keys), so they are synchronous RPC calls. Rotation is an asynchronous
operation: the cluster's status change and the operation row are
committed before the cast, as for every other cluster operation.
"""

import types

import pecan
from pecan import rest

from magnum.api import body as request_body
from magnum.api.controllers import base
from magnum.api.controllers.v1 import cluster_common
from magnum.api import expose
from magnum.api.types import certificate as cert_types
from magnum.api import views
from magnum.common import context as magnum_context
from magnum.common import exception
from magnum.common.x509 import signing
from magnum.conductor import certificates as conductor_certificates
from magnum.conductor import states
from magnum.drivers import base as driver_base
from magnum.drivers import registry
from magnum.i18n import _
from magnum import objects

RESOURCE = 'certificates'


class UnknownCluster(exception.ClusterNotFound):
    """The cluster named in a signing request does not exist (400).

    Upstream answers 400 here, not 404: the missing thing is in the
    body, not in the URL.
    """

    code = 400


class CANotReady(exception.Conflict):
    """The cluster has no CA of the asked type yet (409)."""

    message = _("Cluster %(cluster)s has no %(kind)s CA yet; its "
                "certificates are made while it is created. Wait until "
                "its status is CREATE_COMPLETE, then retry.")


def _check_ca(cluster, ca_cert_type):
    """Refuse early when the conductor would find no CA to use."""
    kind = conductor_certificates.ca_kind(ca_cert_type)
    if not getattr(cluster, conductor_certificates.CA_REF_FIELDS[kind]):
        raise CANotReady(cluster=cluster.name or cluster.uuid, kind=kind)


def template_of(cluster):
    """Return the cluster's template, whoever may see it now.

    The template may have been made private by its owner since the
    cluster was created; the cluster still uses it.
    """
    admin = magnum_context.make_admin_context(all_tenants=True)
    template = objects.ClusterTemplate.get_by_uuid(
        admin, cluster.cluster_template_id)
    cluster.cluster_template = template
    cluster.obj_reset_changes(['cluster_template'])
    return template


def driver_supports(template, method):
    """Tell whether the driver of ``template`` implements ``method``.

    The driver base class refuses every optional operation; a driver
    that does not override it can't do the operation.

    :raises: the driver registry's errors (400) when the template's
        cluster type has no driver any more.
    """
    driver = registry.get_driver_for_cluster_template(template)
    return (getattr(type(driver), method)
            is not getattr(driver_base.Driver, method))


def start_operation(cluster, name):
    """Commit the status change and the operation, then cast it.

    :param name: the operation, a name from :mod:`magnum.conductor.states`.
    :returns: the response body, ``{"uuid": <cluster uuid>}``.
    :raises: ClusterStatusConflict (409) when the cluster is not in a
        status the operation may start from.
    """
    operation = cluster_common.start_operation(
        cluster, name, states.ALLOWED_FROM[name],
        {'status': states.IN_PROGRESS_STATUS[name]}, {})
    getattr(cluster_common.conductor(), name)(
        base.request_context(), cluster.uuid, operation.uuid)
    pecan.response.status = 202
    return {'uuid': cluster.uuid}


def _view(values, fields):
    return views.document(types.SimpleNamespace(**values), fields, RESOURCE,
                          ident=values['cluster_uuid'])


class CertificatesController(rest.RestController):
    """Show a cluster's CA, sign a CSR, rotate the CAs."""

    @expose.expose()
    def get_one(self, cluster_ident, **params):
        """Show the PEM of one of the cluster's CAs.

        :param ca_cert_type: ``etcd``, ``front_proxy`` (or
            ``front-proxy``); anything else is the Kubernetes CA.
        """
        cluster = cluster_common.get_cluster(cluster_ident,
                                             cluster_common.READ_ALL)
        base.enforce('certificate:get', cluster.as_dict())
        ca_cert_type = cert_types.normalise_ca_cert_type(
            params.get('ca_cert_type'))
        _check_ca(cluster, ca_cert_type)
        pem = cluster_common.conductor().get_ca_certificate(
            base.request_context(), cluster.uuid, ca_cert_type)
        return _view({'cluster_uuid': cluster.uuid, 'pem': pem},
                     cert_types.CA_VIEW_FIELDS)

    @expose.expose()
    def post(self):
        """Have the cluster's CA sign a CSR (201 with the certificate)."""
        new = request_body.parse(cert_types.CertificateCreate,
                                 base.body_json(), 'certificate')
        values = new.to_values()
        try:
            cluster = cluster_common.get_cluster(values['cluster_uuid'],
                                                 cluster_common.READ_ALL)
        except exception.ClusterNotFound:
            raise UnknownCluster(cluster=values['cluster_uuid'])
        base.enforce('certificate:create', cluster.as_dict())
        # A malformed CSR is the caller's mistake: say so before asking
        # the conductor.
        signing.load_csr(values['csr'])
        ca_cert_type = cert_types.normalise_ca_cert_type(
            values.get('ca_cert_type'))
        _check_ca(cluster, ca_cert_type)
        pem = cluster_common.conductor().sign_certificate(
            base.request_context(), cluster.uuid, values['csr'],
            ca_cert_type)
        document = {'cluster_uuid': cluster.uuid, 'csr': values['csr'],
                    'pem': pem}
        fields = cert_types.SIGNED_VIEW_FIELDS
        if 'ca_cert_type' in values:
            document['ca_cert_type'] = values['ca_cert_type']
            fields += ('ca_cert_type',)
        pecan.response.status = 201
        return _view(document, fields)

    @expose.expose()
    def patch(self, cluster_ident=None):
        """Regenerate the cluster's CAs and push them to it (202)."""
        base.require_ident(cluster_ident)
        cluster = cluster_common.get_cluster(cluster_ident,
                                             cluster_common.READ_ALL)
        base.enforce('certificate:rotate_ca', cluster.as_dict())
        template = template_of(cluster)
        if template.tls_disabled:
            raise exception.NotSupported(operation=_(
                'Rotating the CA certificate on a non-TLS cluster'))
        if not driver_supports(template, states.ROTATE_CA_CERTIFICATE):
            raise exception.NotSupported(operation=_(
                'Rotating the CA certificate with the driver of cluster '
                'type (%(server_type)s, %(os)s, %(coe)s)') % {
                    'server_type': template.server_type,
                    'os': template.cluster_distro, 'coe': template.coe})
        return start_operation(cluster, states.ROTATE_CA_CERTIFICATE)
