"""A WebTest client on the full paste pipeline with the noauth filter."""

import webtest

from magnum.api import app as api_app
from magnum.tests import base

ADMIN = {'X-User-Id': 'admin-user', 'X-Project-Id': 'admin-project',
         'X-Roles': 'admin,member,reader'}


class APITestCase(base.DbTestCase):
    """Requests go through cors, request_id, errors, sizelimit and noauth."""

    def setUp(self):
        super().setUp()
        self.config(group='api', auth_strategy='noauth')
        self.app = webtest.TestApp(api_app.load_app())

    def get_json(self, path, headers=None, status=200, version=None):
        """GET ``path`` and return the decoded JSON body."""
        headers = dict(headers or ADMIN)
        if version:
            headers['OpenStack-API-Version'] = 'container-infra %s' % version
        response = self.app.get(path, headers=headers, status=status)
        return response.json
