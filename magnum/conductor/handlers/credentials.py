"""The conductor's use of a cluster's credentials: trust and certificates.

The certificate and trust modules are imported when first used, so that
the lifecycle engine loads (and its tests run) on their own; this module
is the one place the lifecycle code reaches them through.
"""

import importlib

from oslo_log import log as logging

import magnum.conf

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)

_CERTIFICATES = 'magnum.conductor.certificates'
_TRUSTS = 'magnum.common.keystone.trusts'


def _certificates():
    return importlib.import_module(_CERTIFICATES)


def _trusts():
    return importlib.import_module(_TRUSTS)


def trusts_configured():
    """Tell whether a trustee domain is configured.

    Without one (the all-in-one development mode, tests with the fake
    driver) clusters get no trustee user and no trust.
    """
    return bool(CONF.trust.trustee_domain_id
                or CONF.trust.trustee_domain_name)


def create_for_cluster(context, cluster):
    """Give a new cluster its trust and certificates, unless it has them.

    Safe to call again after a crash: what exists is kept.
    """
    if not cluster.trust_id and trusts_configured():
        _trusts().create_trustee_and_trust(context, cluster)
    # It fills in only the certificates the cluster lacks.
    _certificates().generate_certificates_for_cluster(context, cluster)


def delete_for_cluster(context, cluster):
    """Remove every certificate and the trust of a deleted cluster.

    Errors are logged, not raised: the cluster row goes anyway, and the
    log says what was left behind.
    """
    if (cluster.ca_cert_ref or cluster.magnum_cert_ref
            or cluster.etcd_ca_cert_ref or cluster.front_proxy_ca_cert_ref):
        try:
            _certificates().delete_certificates_from_cluster(context,
                                                             cluster)
        except Exception:
            LOG.exception('Could not delete the certificates of cluster '
                          '%s; remove them from the certificate store by '
                          'hand.', cluster.uuid)
    if cluster.trust_id or cluster.trustee_user_id:
        try:
            _trusts().delete_trustee_and_trust(context, cluster)
        except Exception:
            LOG.exception('Could not delete the trust and trustee user of '
                          'cluster %s; delete them in Keystone by hand.',
                          cluster.uuid)


def driver_context(context, cluster):
    """Return the context to hand the driver for an operation.

    The caller's when it carries their token. An operation resumed after
    its conductor died has none (see
    :func:`magnum.conductor.operations.context_for_takeover`); it then
    acts through the cluster's trust, when the cluster has one.
    """
    if context.auth_token:
        return context
    return _trusts().cluster_owner_context(context, cluster)


def rotate_trust(context, cluster):
    """Give the cluster a new trustee user, password and trust.

    The new ones are saved on the cluster, the old ones kept until
    :func:`retire_trust` (pushed) or :func:`undo_trust_rotation` (not).

    :returns: the old trustee, or None when trusts are not configured
        (nothing changes).
    """
    if not trusts_configured():
        return None
    return _trusts().rotate_trustee_and_trust(context, cluster)


def retire_trust(context, cluster, old):
    """Delete the trustee and trust a rotation replaced; gone is fine."""
    if old is not None:
        _trusts().delete_trustee(context, cluster, old)


def undo_trust_rotation(context, cluster, old):
    """Put back the trustee and trust a rotation replaced."""
    if old is not None:
        _trusts().undo_rotation(context, cluster, old)


def get_ca_certificate(context, cluster, ca_cert_type=None):
    """Return the PEM of one of the cluster's CAs."""
    return _certificates().get_ca_certificate(context, cluster,
                                              ca_cert_type)


def sign_certificate(context, cluster, csr, ca_cert_type=None):
    """Sign a CSR with one of the cluster's CAs; return the PEM."""
    return _certificates().sign_certificate(context, cluster, csr,
                                            ca_cert_type)


def rotate_ca_certificate(context, cluster):
    """Regenerate the cluster's CAs and client certificate."""
    _certificates().rotate_ca_certificate(context, cluster)
