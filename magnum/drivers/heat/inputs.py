"""Everything rendering a stack needs from the outside world, asked once.

:func:`resolve` makes every look-up (Keystone, Neutron, Cinder, Nova,
the service catalog, the certificate store) and returns a frozen
:class:`Inputs`; :mod:`magnum.drivers.heat.render` then works from that
alone. Random material (the service account key pair) is made here too,
so rendering stays deterministic.
"""

import dataclasses
import hashlib
import importlib

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import serialization
from cryptography import x509
from keystoneauth1 import exceptions as ks_exc
from oslo_log import log as logging

from magnum.common.cloud import lookups
from magnum.common.cloud import rest
from magnum.common.cloud import session as cloud_session
from magnum.common import exception
import magnum.conf
from magnum.i18n import _

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)

#: Nova needs this compute API microversion for soft (anti-)affinity.
SOFT_POLICY_MICROVERSION = (2, 15)
SOFT_PREFIX = 'soft-'
AFFINITY_POLICIES = ('affinity', 'anti-affinity', 'soft-affinity',
                     'soft-anti-affinity')

DEFAULT_SUBNET_CIDR = '10.0.0.0/24'

#: The :class:`Inputs` fields that carry the cluster's CAs
#: (see :func:`cluster_cas`).
CA_FIELDS = ('ca_cert', 'ca_key', 'etcd_ca_cert', 'etcd_ca_key',
             'front_proxy_ca_cert', 'front_proxy_ca_key', 'ca_cert_hash')


@dataclasses.dataclass(frozen=True)
class Inputs:
    """The resolved outside facts one render needs.

    Network fields hold ids; ``fixed_network_id`` is empty when the
    cluster gets a private network of its own. Volume types are empty
    when the matching volume is not wanted.

    The CA fields (:data:`CA_FIELDS`) hold PEM text: ``ca_cert`` is the
    Kubernetes CA, ``ca_cert_hash`` its kubeadm pin
    (:func:`ca_cert_hash`). The other CA certificates and the three
    private keys (unencrypted) are filled only for drivers whose masters
    issue the cluster's certificates themselves.

    Secrets are left out of ``repr()``, so that no log line or error
    message showing an ``Inputs`` shows them.
    """

    auth_url: str = ''
    magnum_url: str = ''
    region_name: str = ''
    project_id: str = ''
    trustee_domain_id: str = ''
    trustee_user_id: str = ''
    trustee_username: str = ''
    trustee_password: str = dataclasses.field(default='', repr=False)
    trust_id: str = dataclasses.field(default='', repr=False)
    verify_ca: bool = True
    openstack_ca: str = ''
    ca_cert: str = ''
    ca_key: str = dataclasses.field(default='', repr=False)
    etcd_ca_cert: str = ''
    etcd_ca_key: str = dataclasses.field(default='', repr=False)
    front_proxy_ca_cert: str = ''
    front_proxy_ca_key: str = dataclasses.field(default='', repr=False)
    ca_cert_hash: str = ''
    external_network_id: str = ''
    fixed_network_id: str = ''
    fixed_network_name: str = ''
    fixed_subnet_id: str = ''
    fixed_subnet_cidr: str = DEFAULT_SUBNET_CIDR
    docker_volume_type: str = ''
    etcd_volume_type: str = ''
    affinity_policy: str = 'anti-affinity'
    octavia_enabled: bool = False
    service_account_public_key: str = ''
    service_account_private_key: str = dataclasses.field(
        default='', repr=False)


class CloudAccess:
    """The cloud as the renderer needs it, through one keystoneauth session.

    :param session: a keystoneauth session (normally the caller's token,
        see :func:`magnum.common.cloud.session.session_for_context`).
    """

    def __init__(self, session):
        self.session = session
        self.lookups = lookups.CloudLookups(session)

    @classmethod
    def from_context(cls, context):
        """:raises: AuthorizationFailure when the context has no token."""
        return cls(cloud_session.session_for_context(context))

    def endpoint(self, service_type, interface='public', region_name=None):
        """Return the catalog URL of a service, or None without one."""
        try:
            return self.session.get_endpoint(service_type=service_type,
                                             interface=interface,
                                             region_name=region_name)
        except ks_exc.EndpointNotFound:
            return None

    def project_id(self):
        return self.session.get_project_id() or ''

    def compute_max_microversion(self):
        """Return Nova's highest microversion as (major, minor), or None.

        :raises: CloudServiceUnavailable when Nova does not answer.
        """
        body = rest.get_json(self.session, rest.COMPUTE, '/',
                             _('the compute API version')) or {}
        version = (body.get('version') or {}).get('version') or ''
        try:
            major, minor = version.split('.')
            return int(major), int(minor)
        except ValueError:
            return None


def negotiate_affinity_policy(policy, max_microversion):
    """Return the server group policy this Nova can honour.

    Soft policies need compute microversion 2.15; on an older Nova the
    strict policy is used instead, with a warning, so that the stack never
    fails with "Required microversion for soft policies not supported".

    :param policy: the wanted policy, one of :data:`AFFINITY_POLICIES`.
    :param max_microversion: Nova's (major, minor), None when unknown.
    :raises: InvalidParameterValue for an unknown policy.
    """
    if policy not in AFFINITY_POLICIES:
        raise exception.InvalidParameterValue(
            err=_('[cluster] nodes_affinity_policy %(policy)s is not one '
                  'of %(allowed)s; fix magnum.conf.')
            % {'policy': policy, 'allowed': ', '.join(AFFINITY_POLICIES)})
    if not policy.startswith(SOFT_PREFIX):
        return policy
    if max_microversion is not None and (
            max_microversion >= SOFT_POLICY_MICROVERSION):
        return policy
    strict = policy[len(SOFT_PREFIX):]
    LOG.warning('Nova does not support compute API microversion %(need)s '
                '(its maximum is %(max)s), so the soft server group policy '
                '%(policy)s cannot be used; using %(strict)s instead.',
                {'need': '%d.%d' % SOFT_POLICY_MICROVERSION,
                 'max': ('%d.%d' % max_microversion
                         if max_microversion else 'unknown'),
                 'policy': policy, 'strict': strict})
    return strict


def resolve_volume_type(cloud, wanted, configured, size):
    """Pick the volume type of a volume of ``size`` GB.

    The label wins, then the ``[cinder] default_*_volume_type`` option,
    then the cloud's default type (or its first type when it names no
    default). Without a volume no type is needed.

    :returns: the volume type name, '' when ``size`` is 0 or unset.
    :raises: VolumeTypeNotFound (400) naming the available types when the
        wanted type does not exist, or when the cloud has none.
    """
    if not size:
        return ''
    name = wanted or configured
    if name:
        found = cloud.lookups.volume_type(name)
        return found.get('name') or name
    default = cloud.lookups.default_volume_type()
    if default and default.get('name'):
        return default['name']
    types = cloud.lookups.volume_types()
    if types:
        return types[0].get('name') or types[0].get('id')
    raise exception.VolumeTypeNotFound(
        message=_('This cloud has no volume types, so no volume can be '
                  'made; remove docker_volume_size and etcd_volume_size '
                  'or ask your operator to create a volume type.'),
        volume_type='')


def make_service_account_keys():
    """Return a fresh (public PEM, private PEM) RSA key pair."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM,
        serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return public, private


def _certificates():
    """Return the conductor's certificate helpers, or None without them.

    They are imported lazily: the API process must not need them to
    validate a cluster.
    """
    try:
        return importlib.import_module('magnum.conductor.certificates')
    except ImportError:
        return None


def ca_certificate(context, cluster):
    """Return the cluster's CA certificate PEM, or '' when unavailable."""
    certificates = _certificates()
    getter = getattr(certificates, 'get_ca_certificate', None)
    if getter is None or not getattr(cluster, 'ca_cert_ref', None):
        return ''
    cert = getter(context, cluster)
    if hasattr(cert, 'get_certificate'):
        cert = cert.get_certificate()
    if isinstance(cert, bytes):
        cert = cert.decode()
    return cert or ''


def ca_cert_hash(pem):
    """Return kubeadm's pin of a CA certificate, ``sha256:<hex>``.

    ``<hex>`` is the SHA-256 of the certificate's DER-encoded
    SubjectPublicKeyInfo: what ``kubeadm join
    --discovery-token-ca-cert-hash`` checks the CA the API server shows
    against.

    :param pem: the CA certificate as PEM (str or bytes).
    :returns: the pin, or '' for an empty ``pem``.
    :raises: ValueError when ``pem`` is not a PEM certificate.
    """
    if not pem:
        return ''
    if isinstance(pem, str):
        pem = pem.encode('ascii')
    public_key = x509.load_pem_x509_certificate(pem).public_key()
    der = public_key.public_bytes(
        serialization.Encoding.DER,
        serialization.PublicFormat.SubjectPublicKeyInfo)
    return 'sha256:' + hashlib.sha256(der).hexdigest()


def cluster_cas(context, cluster, with_keys=False):
    """Return the :class:`Inputs` fields of :data:`CA_FIELDS`.

    Always the Kubernetes CA certificate and its kubeadm pin; with
    ``with_keys`` also the etcd and front-proxy CA certificates and the
    private keys of all three, unencrypted. Every field is '' for a
    cluster without certificates (or where the certificate helpers are
    absent), as :func:`ca_certificate` has it.

    A template with ``tls_disabled`` changes nothing here: kubeadm runs
    Kubernetes with TLS whatever the template says, so its nodes use
    magnum's CAs too.

    :param with_keys: the driver's masters need the CA keys.
    :raises: CertificateNotFound when the cluster has a Kubernetes CA but
        lacks another CA; what the certificate backend raises.
    """
    values = dict.fromkeys(CA_FIELDS, '')
    certificates = _certificates()
    if (not with_keys or certificates is None
            or not getattr(cluster, 'ca_cert_ref', None)):
        values['ca_cert'] = ca_certificate(context, cluster)
    else:
        pairs = certificates.get_ca_key_pairs(context, cluster)
        values['ca_cert'], values['ca_key'] = pairs[certificates.KUBERNETES]
        values['etcd_ca_cert'], values['etcd_ca_key'] = pairs[
            certificates.ETCD]
        values['front_proxy_ca_cert'], values['front_proxy_ca_key'] = (
            pairs[certificates.FRONT_PROXY])
    values['ca_cert_hash'] = ca_cert_hash(values['ca_cert'])
    return values


def _with_suffix(url, suffix):
    if not url:
        return ''
    url = url.rstrip('/')
    return url if url.endswith(suffix) else url + suffix


def _labels(cluster, cluster_template):
    labels = dict(getattr(cluster_template, 'labels', None) or {})
    labels.update(getattr(cluster, 'labels', None) or {})
    return labels


def _networks(cloud, cluster, cluster_template, labels):
    external = cluster_template.external_network_id
    if not external:
        raise exception.InvalidParameterValue(
            err=_('The cluster template has no external network; set '
                  'external_network_id on the template.'))
    values = {'external_network_id':
              cloud.lookups.external_network(external)['id']}
    network = cluster.fixed_network or cluster_template.fixed_network
    subnet = cluster.fixed_subnet or cluster_template.fixed_subnet
    if not network:
        values['fixed_network_name'] = cluster.name or cluster.uuid
        values['fixed_subnet_cidr'] = (labels.get('fixed_subnet_cidr') or
                                       DEFAULT_SUBNET_CIDR)
        return values
    found = cloud.lookups.fixed_network(network)
    values['fixed_network_id'] = found['id']
    values['fixed_network_name'] = found.get('name') or found['id']
    if not subnet:
        subnets = found.get('subnets') or []
        if not subnets:
            raise exception.InvalidParameterValue(
                err=_('Network %s has no subnet; add one or name '
                      'fixed_subnet.') % network)
        subnet = subnets[0]
    found_subnet = cloud.lookups.fixed_subnet(subnet)
    values['fixed_subnet_id'] = found_subnet['id']
    values['fixed_subnet_cidr'] = found_subnet.get('cidr') or ''
    return values


def _volume_size(cluster, cluster_template, nodegroups):
    sizes = [getattr(ng, 'docker_volume_size', None) for ng in nodegroups]
    sizes.append(cluster.docker_volume_size)
    sizes.append(cluster_template.docker_volume_size)
    return max((s or 0) for s in sizes)


def resolve(context, cluster, cluster_template, nodegroups=(), cloud=None,
            new_keys=True, ca_keys=False):
    """Make the look-ups rendering needs and return them as :class:`Inputs`.

    :param context: a request context carrying a token (the caller's for
        create and update).
    :param cluster: the cluster.
    :param cluster_template: its template.
    :param nodegroups: the nodegroups that will be rendered.
    :param cloud: a :class:`CloudAccess`; built from ``context`` if None.
    :param new_keys: make a fresh service account key pair (create and
        credential rotation); otherwise the stack keeps its own.
    :param ca_keys: also fetch the CAs' private keys (see
        :func:`cluster_cas`).
    :raises: InvalidParameterValue, ExternalNetworkNotFound,
        FixedNetworkNotFound, FixedSubnetNotFound, VolumeTypeNotFound
        (all 400), and CloudServiceUnavailable when a service is down.
    """
    cloud = cloud or CloudAccess.from_context(context)
    labels = _labels(cluster, cluster_template)
    values = _networks(cloud, cluster, cluster_template, labels)
    values['docker_volume_type'] = resolve_volume_type(
        cloud, labels.get('docker_volume_type'),
        CONF.cinder.default_docker_volume_type,
        _volume_size(cluster, cluster_template, nodegroups))
    values['etcd_volume_type'] = resolve_volume_type(
        cloud, labels.get('etcd_volume_type'),
        CONF.cinder.default_etcd_volume_type,
        int(labels.get('etcd_volume_size') or 0))
    values['affinity_policy'] = negotiate_affinity_policy(
        CONF.cluster.nodes_affinity_policy,
        cloud.compute_max_microversion())
    values['octavia_enabled'] = bool(cloud.endpoint('load-balancer'))
    identity = cloud.endpoint(
        'identity', interface=CONF.trust.trustee_keystone_interface,
        region_name=CONF.trust.trustee_keystone_region_name)
    values['auth_url'] = _with_suffix(identity, '/v3')
    values['magnum_url'] = _with_suffix(
        cloud.endpoint('container-infra',
                       interface=rest.interface_for(MAGNUM_SERVICE)),
        '/v1')
    values['region_name'] = (CONF.trust.trustee_keystone_region_name or
                             CONF.heat_client.region_name or '')
    values['project_id'] = cluster.project_id or cloud.project_id()
    values.update(_trust(cluster))
    values['verify_ca'] = CONF.drivers.verify_ca
    values['openstack_ca'] = _openstack_ca()
    values.update(cluster_cas(context, cluster, with_keys=ca_keys))
    if new_keys:
        public, private = make_service_account_keys()
        values['service_account_public_key'] = public
        values['service_account_private_key'] = private
    return Inputs(**values)


MAGNUM_SERVICE = rest.Service('container-infra', 'container service',
                              'Magnum', 'magnum_client')


def _trust(cluster):
    return {
        'trustee_domain_id': CONF.trust.trustee_domain_id or '',
        'trustee_user_id': cluster.trustee_user_id or '',
        'trustee_username': cluster.trustee_username or '',
        'trustee_password': cluster.trustee_password or '',
        # Nodes act for the owner only when the operator allows it.
        'trust_id': (cluster.trust_id or ''
                     if CONF.trust.cluster_user_trust else ''),
    }


def _openstack_ca():
    path = CONF.drivers.openstack_ca_file
    if not path:
        return ''
    with open(path) as ca_file:
        return ca_file.read()
