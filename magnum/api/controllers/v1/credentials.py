"""``/v1/credentials/{cluster}``: rotate the cloud credentials a cluster
uses (microversion 1.12)."""

from pecan import rest

from magnum.api.controllers import base
from magnum.api.controllers.v1 import certificates
from magnum.api.controllers.v1 import cluster_common
from magnum.api import expose
from magnum.api import versions
from magnum.common import exception
from magnum.conductor import states


class CredentialsController(rest.RestController):
    """Credential rotation."""

    @expose.expose()
    def patch(self, cluster_ident=None):
        """Replace the cluster's cloud credentials (202 ``{"uuid"}``)."""
        cluster_common.require_version(versions.CREDENTIAL_ROTATE)
        base.require_ident(cluster_ident)
        cluster = cluster_common.get_cluster(cluster_ident,
                                             cluster_common.READ_ALL)
        base.enforce('credential:rotate', cluster.as_dict())
        template = certificates.template_of(cluster)
        if not certificates.driver_supports(template,
                                            states.ROTATE_CREDENTIAL):
            raise exception.CredentialRotationNotSupported()
        return certificates.start_operation(cluster,
                                            states.ROTATE_CREDENTIAL)
