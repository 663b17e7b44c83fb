"""Keep certificates in Barbican, as certificate containers.

Each stored certificate becomes one Barbican secret per part (certificate,
private key, passphrase, intermediates) and a ``certificate`` container
that names them; the container's URL is the reference magnum keeps.

Barbican checks every request against the project of the token, so the
session acts as the context does (the caller's token, or the cluster's
trust; see :func:`magnum.common.keystone.auth.session_for_context`). The
endpoint comes from the service catalog (type ``key-manager``), its
interface and region from ``[barbican_client]``.
"""

import contextlib

from barbicanclient import client as barbican_client
from barbicanclient import exceptions as barbican_exc
from keystoneauth1 import exceptions as ks_exc
from oslo_log import log as logging

from magnum.common.cert_manager import base
from magnum.common.cloud import rest
from magnum.common import exception
from magnum.common.keystone import auth

LOG = logging.getLogger(__name__)

KEY_MANAGER = rest.Service('key-manager', 'key manager (barbican)',
                           'Barbican', 'barbican_client')

# Container parts, in the names Barbican's certificate containers use.
_PARTS = ('certificate', 'private_key', 'private_key_passphrase',
          'intermediates')

_NOT_FOUND = 404


# What a failed call to Barbican, or to Keystone on the way, raises.
_FAILURES = (barbican_exc.HTTPError, barbican_exc.BarbicanException,
             ks_exc.ClientException)


def _client(context, action):
    selector = rest.endpoint_filter(KEY_MANAGER)
    with _errors_as_ours(action):
        return barbican_client.Client(
            session=auth.session_for_context(context),
            service_type=selector['service_type'],
            interface=selector['interface'],
            region_name=selector.get('region_name'))


@contextlib.contextmanager
def _errors_as_ours(action, cert_ref=None):
    """Turn what Barbican or keystoneauth raise into magnum's exceptions.

    :param action: what was being done, for the message.
    :param cert_ref: the reference asked for: a 404 then means
        CertificateNotFound, and a reference barbicanclient cannot parse
        one stored by another backend.
    """
    try:
        yield
    except ValueError:
        if cert_ref is None:
            raise
        raise exception.CertificateStorageException(
            msg='%s is not a Barbican container reference: the certificate '
                'was stored by another backend. Set [certificates] '
                'cert_manager_type back to the backend that stored it.'
                % cert_ref)
    except _FAILURES as e:
        if cert_ref and getattr(e, 'status_code', None) == _NOT_FOUND:
            raise exception.CertificateNotFound(cert_ref=cert_ref)
        raise exception.CertificateStorageException(
            msg='Barbican could not %s the certificate: %s' % (action, e))


def _bytes(value):
    return value if isinstance(value, bytes) else value.encode('utf-8')


def _text(value):
    return value.decode('utf-8') if isinstance(value, bytes) else value


class BarbicanCertManager(base.CertManager):
    """Certificates as Barbican certificate containers."""

    def store_cert(self, context, certificate, private_key,
                   intermediates=None, private_key_passphrase=None,
                   name=None):
        client = _client(context, 'store')
        label = name or 'Magnum certificate'
        values = dict(zip(_PARTS, (certificate, private_key,
                                   private_key_passphrase, intermediates)))
        secrets = {}
        try:
            with _errors_as_ours('store'):
                for part, value in values.items():
                    if value is None:
                        continue
                    # As bytes: stored base64-encoded as
                    # application/octet-stream, read back exactly. A text
                    # payload would lose the PEM's final newline (Barbican
                    # strips text payloads).
                    secret = client.secrets.create(
                        name='%s %s' % (label, part),
                        payload=_bytes(value))
                    secret.store()
                    secrets[part] = secret
                container = client.containers.create_certificate(
                    name=label, **secrets)
                return container.store()
        except exception.CertificateStorageException:
            # Secrets stored before the failure would otherwise be
            # orphaned: nothing refers to them yet.
            for secret in secrets.values():
                self._delete_secret(client, secret.secret_ref)
            raise

    def get_cert(self, context, cert_ref):
        client = _client(context, 'read')
        with _errors_as_ours('read', cert_ref):
            container = client.containers.get(cert_ref)
            parts = {}
            for part in _PARTS:
                secret = getattr(container, part)
                parts[part] = (None if secret is None
                               else _text(secret.payload))
        return base.Cert(**parts)

    def delete_cert(self, context, cert_ref):
        client = _client(context, 'delete')
        with _errors_as_ours('delete', cert_ref):
            container = client.containers.get(cert_ref)
            # Secrets first: if the container delete then fails, a retry
            # still finds the container and skips the secrets gone.
            for secret_ref in container.secret_refs.values():
                self._delete_secret(client, secret_ref, strict=True)
            client.containers.delete(cert_ref)

    @staticmethod
    def _delete_secret(client, secret_ref, strict=False):
        """Delete one secret; one that is gone already is fine.

        :param strict: raise other errors instead of logging them.
        """
        try:
            client.secrets.delete(secret_ref)
        except Exception as e:
            if getattr(e, 'status_code', None) == _NOT_FOUND:
                return
            if strict:
                raise
            LOG.warning('Could not delete Barbican secret %(ref)s: '
                        '%(error)s', {'ref': secret_ref, 'error': e})
