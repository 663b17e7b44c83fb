"""``/v1/stats``: how many clusters and nodes a project (or the cloud)
has."""

from pecan import rest

from magnum.api.controllers import base
from magnum.api import expose
from magnum.common import exception
from magnum.db import api as dbapi
from magnum.i18n import _

STATS_TYPES = ('cluster',)


class StatsController(rest.RestController):
    """Cluster and node counts."""

    @expose.expose()
    def get_all(self, **params):
        """Count clusters and nodes (masters included).

        Administrators count every project unless they name one; anybody
        else counts their own project and may not name another.
        """
        # Optional query parameters come in **params: pecan counts named
        # arguments as path segments.
        base.enforce('stats:get_all')
        project_id = params.get('project_id')
        stats_type = params.get('type', 'cluster')
        if (not isinstance(stats_type, str)
                or stats_type.lower() not in STATS_TYPES):
            raise exception.InvalidParameterValue(err=_(
                "Invalid stats type. Allowed values are '%s'")
                % ','.join(STATS_TYPES))
        if project_id is not None and not isinstance(project_id, str):
            raise exception.InvalidParameterValue(
                err=_('Give project_id once.'))
        context = base.request_context()
        if not context.is_admin:
            project_id = project_id or context.project_id
            if project_id != context.project_id:
                raise exception.NotAuthorized()
        clusters, nodes = dbapi.get_cluster_stats(context, project_id or None)
        return {'clusters': clusters, 'nodes': nodes}
