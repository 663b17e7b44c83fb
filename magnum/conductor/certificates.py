"""A cluster's certificate authorities and its admin client certificate.

Every cluster gets three self-signed CAs (Kubernetes, etcd and the
front-proxy) and one client certificate signed by the Kubernetes CA, which
the conductor uses to talk to the cluster's API. They are kept in the
configured certificate backend; the cluster row holds only references.
"""

import collections
import contextlib
import functools
import os
import shutil
import tempfile

from oslo_log import log as logging

from magnum.common import cert_manager
from magnum.common import exception
from magnum.common.keystone import auth
from magnum.common.x509 import authority
from magnum.common.x509 import keys
from magnum.common.x509 import signing
import magnum.conf
from magnum.i18n import _

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)

CLIENT_CERT_NAME = 'Magnum-Conductor'

KUBERNETES = 'kubernetes'
ETCD = 'etcd'
FRONT_PROXY = 'front_proxy'

# The cluster field holding each CA's reference.
CA_REF_FIELDS = collections.OrderedDict([
    (KUBERNETES, 'ca_cert_ref'),
    (ETCD, 'etcd_ca_cert_ref'),
    (FRONT_PROXY, 'front_proxy_ca_cert_ref'),
])
CLIENT_REF_FIELD = 'magnum_cert_ref'
ALL_REF_FIELDS = tuple(CA_REF_FIELDS.values()) + (CLIENT_REF_FIELD,)

ClientFiles = collections.namedtuple('ClientFiles',
                                     ['ca_file', 'key_file', 'cert_file'])
ClientFiles.__doc__ = 'Paths of the PEM files a TLS client needs.'

CA_FILE = 'ca.crt'
KEY_FILE = 'client.key'
CERT_FILE = 'client.crt'


def ca_kind(ca_cert_type):
    """Map an API ``ca_cert_type`` to one of the three CA kinds.

    ``front-proxy`` is accepted for ``front_proxy``; anything unknown
    (including None) means the Kubernetes CA, as upstream does.
    """
    if ca_cert_type == ETCD:
        return ETCD
    if ca_cert_type in (FRONT_PROXY, 'front-proxy'):
        return FRONT_PROXY
    return KUBERNETES


def _as_cluster_project(func):
    """Give ``func(context, cluster, ...)`` the context of the cluster's
    certificates.

    A cluster with a trust reaches its certificates through the trust,
    that is as its creator in its own project, whoever asked: a backend
    that checks the project (Barbican) then answers the periodic tasks,
    a resumed operation and an admin of another project alike. Without a
    trust the context given is used.
    """
    @functools.wraps(func)
    def wrapper(context, cluster, *args, **kwargs):
        return func(auth.cluster_owner_context(context, cluster), cluster,
                    *args, **kwargs)
    return wrapper


def _issuer_name(cluster):
    return cluster.name or cluster.uuid


def _store(context, issued, name=None):
    return cert_manager.get_backend().store_cert(
        context, certificate=issued.certificate,
        private_key=issued.private_key,
        private_key_passphrase=issued.passphrase, name=name)


def _get(context, cluster, field):
    ref = getattr(cluster, field)
    if not ref:
        raise exception.CertificateNotFound(
            message=_('Cluster %(cluster)s has no %(field)s; its '
                      'certificates were never generated or were deleted. '
                      'Rotate the CA to create new ones.') % {
                'cluster': cluster.uuid, 'field': field})
    return cert_manager.get_backend().get_cert(context, ref)


def _new_client_certificate(context, ca):
    issued = authority.generate_client_certificate(
        ca.get_certificate(), ca.get_private_key(),
        ca.get_private_key_passphrase())
    return _store(context, issued, name=CLIENT_CERT_NAME)


@_as_cluster_project
def generate_certificates_for_cluster(context, cluster):
    """Create whatever CAs and client certificate the cluster lacks.

    References already set are kept, so a retried create does not replace
    certificates nodes may already trust. Each reference is saved as soon
    as its certificate is stored, so a crash leaks at most one.

    :param context: the request context (the backend stores per project).
    :param cluster: a :class:`magnum.objects.Cluster`; saved.
    :raises: CertificateStorageException when the backend fails.
    """
    for field in CA_REF_FIELDS.values():
        if getattr(cluster, field):
            continue
        issued = authority.generate_ca(_issuer_name(cluster))
        setattr(cluster, field, _store(context, issued))
        cluster.save()
    if not cluster.magnum_cert_ref:
        ca = _get(context, cluster, CA_REF_FIELDS[KUBERNETES])
        cluster.magnum_cert_ref = _new_client_certificate(context, ca)
        cluster.save()
    LOG.info('Certificates of cluster %s are in place', cluster.uuid)


@_as_cluster_project
def get_ca_certificate(context, cluster, ca_cert_type=None):
    """Return one of the cluster's CA certificates as PEM text.

    :param ca_cert_type: ``etcd``, ``front_proxy`` (or ``front-proxy``);
        anything else selects the Kubernetes CA.
    :raises: CertificateNotFound when the cluster has no such CA.
    """
    field = CA_REF_FIELDS[ca_kind(ca_cert_type)]
    return _text(_get(context, cluster, field).get_certificate())


def _text(value):
    return value.decode('ascii') if isinstance(value, bytes) else value


@_as_cluster_project
def sign_certificate(context, cluster, csr, ca_cert_type=None):
    """Sign a PEM CSR with one of the cluster's CAs.

    :param csr: the PEM certificate signing request.
    :param ca_cert_type: which CA signs, as for
        :func:`get_ca_certificate`.
    :returns: the signed certificate as PEM text.
    :raises: InvalidCsr (400) for a malformed CSR.
    :raises: CertificateValidationError (400) for a CA request while
        ``[x509] allow_ca`` is off.
    :raises: CertificateNotFound when the cluster has no such CA.
    """
    field = CA_REF_FIELDS[ca_kind(ca_cert_type)]
    ca = _get(context, cluster, field)
    return signing.sign_csr(csr, ca.get_certificate(), ca.get_private_key(),
                            ca.get_private_key_passphrase())


@_as_cluster_project
def rotate_ca_certificate(context, cluster):
    """Replace all three CAs and the client certificate with new ones.

    The new references are saved before the old certificates are
    deleted, so a failure half-way leaves the cluster with a complete set.

    :param cluster: the cluster; saved.
    :raises: NotSupported (400) when the cluster's template disables TLS.
    :raises: CertificateStorageException when the backend fails.
    """
    if cluster.cluster_template.tls_disabled:
        raise exception.NotSupported(
            message=_('Rotating the CA of cluster %s is not supported: its '
                      'cluster template has TLS disabled, so the cluster '
                      'uses no certificates.') % cluster.uuid)
    old_refs = [getattr(cluster, field) for field in ALL_REF_FIELDS]
    for field in CA_REF_FIELDS.values():
        issued = authority.generate_ca(_issuer_name(cluster))
        setattr(cluster, field, _store(context, issued))
    ca = _get(context, cluster, CA_REF_FIELDS[KUBERNETES])
    cluster.magnum_cert_ref = _new_client_certificate(context, ca)
    cluster.save()
    delete_client_files(cluster)
    _delete_refs(context, cluster, [ref for ref in old_refs if ref])
    LOG.info('Certificates of cluster %s rotated', cluster.uuid)


def _delete_refs(context, cluster, refs):
    backend = cert_manager.get_backend()
    failed = []
    for ref in refs:
        try:
            backend.delete_cert(context, ref)
        except exception.CertificateNotFound:
            pass
        except Exception as e:
            LOG.warning('Could not delete certificate %(ref)s of cluster '
                        '%(cluster)s: %(error)s',
                        {'ref': ref, 'cluster': cluster.uuid, 'error': e})
            failed.append(ref)
    return failed


@_as_cluster_project
def delete_certificates_from_cluster(context, cluster):
    """Delete every CA and the client certificate of a cluster.

    References that are already gone from the backend are fine. The
    fields are cleared on the object (not saved: the caller saves or
    destroys the row).

    :returns: the references that could not be deleted (logged).
    """
    refs = [getattr(cluster, field) for field in ALL_REF_FIELDS]
    failed = _delete_refs(context, cluster, [ref for ref in refs if ref])
    for field in ALL_REF_FIELDS:
        if getattr(cluster, field) not in failed:
            setattr(cluster, field, None)
    delete_client_files(cluster)
    return failed


def _cache_dir(cluster):
    return os.path.join(CONF.cluster.temp_cache_dir, cluster.uuid)


def delete_client_files(cluster):
    """Remove the cluster's cached client files, if any."""
    shutil.rmtree(_cache_dir(cluster), ignore_errors=True)


def _write_private(path, text):
    # Written under a temporary name and renamed, so that a concurrent
    # reader never sees half a key.
    partial = '%s.%d.tmp' % (path, os.getpid())
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'w') as f:
        f.write(text)
    os.replace(partial, path)


def _write_client_files(context, cluster, directory):
    ca = _get(context, cluster, CA_REF_FIELDS[KUBERNETES])
    client = _get(context, cluster, CLIENT_REF_FIELD)
    files = ClientFiles(os.path.join(directory, CA_FILE),
                        os.path.join(directory, KEY_FILE),
                        os.path.join(directory, CERT_FILE))
    _write_private(files.ca_file, _text(ca.get_certificate()))
    _write_private(files.key_file, keys.decrypt_private_key(
        client.get_private_key(), client.get_private_key_passphrase()))
    # The certificate goes last: its presence marks a complete cache.
    _write_private(files.cert_file, _text(client.get_certificate()))
    return files


@contextlib.contextmanager
@_as_cluster_project
def client_files(context, cluster):
    """Give the paths of the cluster's CA and client key and certificate.

    With ``[cluster] temp_cache_dir`` present the files are cached in
    ``<temp_cache_dir>/<cluster uuid>/`` (mode 0600) and kept; otherwise
    they live in a private temporary directory removed on exit.

    :returns: a context manager yielding :class:`ClientFiles`.
    :raises: CertificateNotFound when the cluster lacks a certificate.
    """
    if os.path.isdir(CONF.cluster.temp_cache_dir):
        directory = _cache_dir(cluster)
        files = ClientFiles(*(os.path.join(directory, name)
                              for name in (CA_FILE, KEY_FILE, CERT_FILE)))
        if not all(os.path.exists(path) for path in files):
            os.makedirs(directory, mode=0o700, exist_ok=True)
            files = _write_client_files(context, cluster, directory)
        yield files
        return
    with tempfile.TemporaryDirectory(prefix='magnum-') as directory:
        yield _write_client_files(context, cluster, directory)


@_as_cluster_project
def get_ca_key_pairs(context, cluster):
    """Return each of the cluster's CAs with its private key, decrypted.

    For drivers whose masters issue the cluster's component certificates
    themselves from magnum's CAs (kubeadm reads them from disk). The keys
    are the cluster's most valuable secrets: hand them only to the
    masters, and never log them.

    :returns: an ordered mapping of :data:`KUBERNETES`, :data:`ETCD` and
        :data:`FRONT_PROXY` to ``(certificate PEM, private key PEM)``; the
        key is unencrypted PKCS#8.
    :raises: CertificateNotFound when the cluster lacks one of the CAs.
    """
    pairs = collections.OrderedDict()
    for kind, field in CA_REF_FIELDS.items():
        ca = _get(context, cluster, field)
        pairs[kind] = (_text(ca.get_certificate()),
                       keys.decrypt_private_key(
                           ca.get_private_key(),
                           ca.get_private_key_passphrase()))
    return pairs
