"""wsme types of certificates: the signing request body and the views."""

import wsme
from wsme import types as wtypes

# ca_cert_type values that pick a CA other than the Kubernetes one; any
# other value (or none) means the main CA, as upstream behaves.
ETCD = 'etcd'
FRONT_PROXY = 'front_proxy'
_CA_TYPE_ALIASES = {ETCD: ETCD, FRONT_PROXY: FRONT_PROXY,
                    'front-proxy': FRONT_PROXY}


class CertificateCreate(wtypes.Base):
    """The body of ``POST /v1/certificates``."""

    cluster_uuid = wsme.wsattr(wtypes.StringType(min_length=1,
                                                 max_length=255),
                               mandatory=True)
    csr = wsme.wsattr(wtypes.StringType(min_length=1), mandatory=True)
    ca_cert_type = wtypes.StringType(min_length=0, max_length=255)

    def to_values(self):
        """Return the fields that were given as a dict."""
        return {attr.key: getattr(self, attr.key)
                for attr in wtypes.list_attributes(type(self))
                if getattr(self, attr.key) is not wtypes.Unset}


def normalise_ca_cert_type(ca_cert_type):
    """Return the CA kind the conductor understands, or None (main CA)."""
    if not isinstance(ca_cert_type, str):
        return None
    return _CA_TYPE_ALIASES.get(ca_cert_type)


# What GET shows: the cluster's CA.
CA_VIEW_FIELDS = ('cluster_uuid', 'pem', 'links')
# What POST shows: the request with the signed certificate; ca_cert_type
# appears only when the caller gave it.
SIGNED_VIEW_FIELDS = ('cluster_uuid', 'csr', 'pem', 'links')
