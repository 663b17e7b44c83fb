"""The exceptions magnum raises, each carrying the HTTP status it maps to.

Every exception below derives from :class:`MagnumException`. ``code`` is
the HTTP status the API answers with; ``message`` is a printf-style
template filled from the keyword arguments given at raise time. Messages
say what failed and, where we know it, what the caller can do about it.
"""

import http.client as http_client

from oslo_log import log as logging

from magnum.i18n import _

LOG = logging.getLogger(__name__)


class MagnumException(Exception):
    """Base class for magnum's exceptions.

    Subclasses set ``message`` (a template using ``%(name)s`` keys) and
    ``code`` (an HTTP status). ``safe`` marks messages that may be shown to
    API callers as they are; all of ours are written for that.
    """

    message = _("An unknown exception occurred.")
    code = http_client.INTERNAL_SERVER_ERROR
    safe = True

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if 'code' not in self.kwargs:
            self.kwargs['code'] = self.code
        if message is None:
            try:
                message = self.message % kwargs
            except (KeyError, TypeError):
                # A template that does not match its arguments is a bug in
                # the raiser; keep the template rather than lose the error.
                LOG.exception('Exception in string format operation, '
                              'kwargs: %s', kwargs)
                message = self.message
        self.message = message
        super().__init__(message)

    def __str__(self):
        return self.message

    def format_message(self):
        """Return the user-facing message."""
        return self.message


# -- 400: the request itself is wrong ---------------------------------------

class Invalid(MagnumException):
    message = _("Unacceptable parameters.")
    code = http_client.BAD_REQUEST


class InvalidParameterValue(Invalid):
    message = _("%(err)s")


class InvalidUUID(Invalid):
    message = _("Expected a uuid but received %(uuid)s.")


class InvalidName(Invalid):
    message = _("Expected a name but received %(name)s.")


class InvalidUuidOrName(Invalid):
    message = _("Expected a name or uuid but received %(uuid)s.")


class InvalidIdentity(Invalid):
    message = _("Expected a uuid or int but received %(identity)s.")


class InvalidCsr(Invalid):
    message = _("Received invalid csr %(csr)s.")


class InvalidSubnet(Invalid):
    message = _("Received invalid subnet %(subnet)s.")


class InvalidVersion(Invalid):
    message = _("Invalid version string %(version)s.")


class InvalidState(Invalid):
    message = _("Invalid resource state.")


class InvalidClusterTemplateForUpgrade(MagnumException):
    message = _("Cluster template for upgrade is invalid: %(reason)s")
    code = http_client.CONFLICT


class PatchError(Invalid):
    message = _("Couldn't apply patch '%(patch)s'. Reason: %(reason)s")


class ClusterTemplateReferenced(Invalid):
    message = _("ClusterTemplate %(clustertemplate)s is referenced by one or "
                "multiple clusters.")


class OperationInProgress(Invalid):
    message = _("Cluster %(cluster_name)s already has an operation in "
                "progress.")


class NGResizeOutBounds(Invalid):
    message = _("Resizing %(nodegroup)s outside the allowed range: "
                "min_node_count = %(min_nc)s, max_node_count = %(max_nc)s")


class MasterNGSizeInvalid(InvalidParameterValue):
    message = _("master nodegroup size of %(requested_size)s is invalid, "
                "size cannot be an even number.")


class UnsupportedK8sQuantityFormat(Invalid):
    message = _("Unsupported quantity format for k8s cluster.")


class ConfigInvalid(Invalid):
    message = _("Invalid configuration file. %(error_msg)s")


# -- 400 for look-ups of things the caller named in a request body ----------

class ObjectNotFound(MagnumException):
    message = _("The %(name)s %(id)s could not be found.")
    code = http_client.NOT_FOUND


class ResourceNotFound(ObjectNotFound):
    message = _("The %(name)s resource %(id)s could not be found.")


class ImageNotFound(ResourceNotFound):
    message = _("Image %(image_id)s could not be found.")
    code = http_client.BAD_REQUEST


class FlavorNotFound(ResourceNotFound):
    message = _("Unable to find flavor %(flavor)s.")
    code = http_client.BAD_REQUEST


class ExternalNetworkNotFound(ResourceNotFound):
    message = _("Unable to find external network %(network)s.")
    code = http_client.BAD_REQUEST


class FixedNetworkNotFound(ResourceNotFound):
    message = _("Unable to find fixed network %(network)s.")
    code = http_client.BAD_REQUEST


class FixedSubnetNotFound(ResourceNotFound):
    message = _("Unable to find fixed subnet %(subnet)s.")
    code = http_client.BAD_REQUEST


class VolumeTypeNotFound(ResourceNotFound):
    message = _("Valid volume types could not be found in cinder: "
                "%(volume_type)s.")
    code = http_client.BAD_REQUEST


class OSDistroFieldNotFound(ResourceNotFound):
    message = _("Image %(image_id)s doesn't contain os_distro field.")
    code = http_client.BAD_REQUEST


# -- 404: the addressed resource does not exist -----------------------------

class ClusterNotFound(ResourceNotFound):
    message = _("Cluster %(cluster)s could not be found.")


class ClusterTemplateNotFound(ResourceNotFound):
    message = _("ClusterTemplate %(clustertemplate)s could not be found.")


class NodeGroupNotFound(ResourceNotFound):
    message = _("Nodegroup %(nodegroup)s could not be found.")


class X509KeyPairNotFound(ResourceNotFound):
    message = _("A key pair %(x509keypair)s could not be found.")


class MagnumServiceNotFound(ResourceNotFound):
    message = _("A magnum service %(magnum_service_id)s could not be "
                "found.")


class QuotaNotFound(ResourceNotFound):
    message = _("Quota could not be found: %(msg)s")


class OperationNotFound(ResourceNotFound):
    message = _("Operation %(operation)s could not be found.")


class KeyPairNotFound(ResourceNotFound):
    message = _("Unable to find keypair %(keypair)s.")


class ProjectNotFound(ResourceNotFound):
    message = _("Project %(name)s could not be found.")


class CertificateNotFound(ResourceNotFound):
    message = _("Certificate %(cert_ref)s could not be found.")


# -- 400: the cloud or its drivers cannot do what was asked -----------------

class NotSupported(MagnumException):
    message = _("%(operation)s is not supported.")
    code = http_client.BAD_REQUEST


class ClusterTypeNotSupported(NotSupported):
    message = _("Cluster type (%(server_type)s, %(os)s, %(coe)s) not "
                "supported.")


class ClusterDriverNotSupported(NotSupported):
    message = _("Cluster driver (%(driver_name)s) not supported.")


class ZeroNodeCountNotSupported(NotSupported):
    message = _("Setting node_count to zero is not supported in this API "
                "version. Use API microversion 1.10 or later.")


class ClusterUpgradeNotSupported(NotSupported):
    message = _("Upgrading a cluster is not supported in this API version. "
                "Use API microversion 1.8 or later.")


class MasterNGResizeNotSupported(NotSupported):
    message = _("Resizing the master nodegroup is not supported by this "
                "driver.")


class DeletingDefaultNGNotSupported(NotSupported):
    message = _("Deleting a default nodegroup is not supported.")


class CreateMasterNodeGroup(NotSupported):
    message = _("Creating master nodegroups is currently not supported.")


class FlavorZeroRootVolumeNotSupported(NotSupported):
    message = _("Flavor %(flavor)s has a root disk of size 0; set the label "
                "boot_volume_size to boot from a volume, or pick a flavor "
                "with a root disk.")


class CredentialRotationNotSupported(NotSupported):
    message = _("Credential rotation is not supported by driver.")


# -- 403 ---------------------------------------------------------------------

class NotAuthorized(MagnumException):
    message = _("Not authorized.")
    code = http_client.FORBIDDEN


class PolicyNotAuthorized(NotAuthorized):
    message = _("Policy doesn't allow %(action)s to be performed.")


class ClusterTemplatePublishDenied(NotAuthorized):
    message = _("Not authorized to set public or hidden flag for cluster "
                "template.")


class ImageNotAuthorized(NotAuthorized):
    message = _("Not authorized for image %(image_id)s.")


class AuthorizationFailure(NotAuthorized):
    message = _("%(client)s connection failed. %(reason)s")


class ResourceLimitExceeded(NotAuthorized):
    message = _("Resource limit exceeded: %(msg)s")


# -- 409 ---------------------------------------------------------------------

class Conflict(MagnumException):
    message = _("Conflict.")
    code = http_client.CONFLICT


class ClusterAlreadyExists(Conflict):
    message = _("A cluster with UUID %(uuid)s already exists.")


class ClusterTemplateAlreadyExists(Conflict):
    message = _("A ClusterTemplate with UUID %(uuid)s already exists.")


class NodeGroupAlreadyExists(Conflict):
    message = _("A node group with name %(name)s already exists in the "
                "cluster %(cluster_id)s.")


class X509KeyPairAlreadyExists(Conflict):
    message = _("A certificate with UUID %(uuid)s already exists.")


class MagnumServiceAlreadyExists(Conflict):
    message = _("A magnum service with ID %(id)s already exists.")


class QuotaAlreadyExists(Conflict):
    message = _("Quota for project %(project_id)s already exists for "
                "resource %(resource)s.")


class OperationAlreadyExists(Conflict):
    message = _("An operation with UUID %(uuid)s already exists.")


class Conflicts(Conflict):
    message = _("Multiple %(resource)s exist with same name. Please use the "
                "%(resource)s uuid instead.")


class ClusterStatusConflict(Conflict):
    message = _("Cluster %(cluster)s is %(status)s; this request needs it "
                "to be one of %(expected)s. Wait for the current operation "
                "to finish and retry.")


class NodeGroupInvalidInput(Conflict):
    message = _("%(attr)s for %(nodegroup)s is invalid (%(expl)s).")


class ClusterAPIAddressUnavailable(Conflict):
    message = _("The Cluster API address is unavailable; wait until the "
                "cluster is CREATE_COMPLETE and retry.")


class PreDeletionFailed(Conflict):
    message = _("Failed to pre-delete resources for cluster %(cluster_uuid)s"
                ", error: %(msg)s.")


# -- 500 family: something on our side or the cloud's failed ---------------

class DatabaseUnavailable(MagnumException):
    message = _("The database at %(url)s could not be reached: %(reason)s")
    code = http_client.SERVICE_UNAVAILABLE


class DriverLoadError(MagnumException):
    message = _("Cluster driver %(name)s failed to load: %(reason)s")


class DuplicateDriverTuple(MagnumException):
    message = _("Drivers %(first)s and %(second)s both provide the cluster "
                "type (%(server_type)s, %(os)s, %(coe)s). Disable one of "
                "them with [drivers] disabled_drivers, or name the one to "
                "use in [drivers] default_driver.")


class CertificateStorageException(MagnumException):
    message = _("Could not store certificate: %(msg)s")


class CertificateValidationError(Invalid):
    message = _("Extension '%(extension)s' not allowed")
