"""``/v1/mservices``: the magnum services and whether they are alive."""

from pecan import rest

from magnum.api.controllers import base
from magnum.api import expose
from magnum.api import views
from magnum import objects

# What the API shows of a service, besides its computed ``state``.
VIEW_FIELDS = ('id', 'host', 'binary', 'disabled', 'disabled_reason',
               'report_count', 'created_at', 'updated_at')


def view(service):
    """Return the API document of a service record."""
    document = views.document(service, VIEW_FIELDS, 'mservices',
                              ident=str(service.id))
    del document['links']
    document['state'] = service.state()
    return document


class MagnumServicesController(rest.RestController):
    """The service list."""

    @expose.expose()
    def get_all(self):
        """List every service with ``state`` up or down by heartbeat."""
        base.enforce('magnum-service:get_all')
        services = objects.MagnumService.list(
            base.request_context(), sort_key='id', sort_dir='asc')
        return {'mservices': [view(s) for s in services]}
