"""A WebTest client on the full paste pipeline with the noauth filter."""

import webtest

from magnum.api import app as api_app
from magnum.common.cloud import request as cloud_request
from magnum.drivers.fake import driver as fake_driver
from magnum.tests import base
from magnum.tests.unit.api import fakes

ADMIN = {'X-User-Id': 'admin-user', 'X-Project-Id': 'admin-project',
         'X-Roles': 'admin,member,reader'}
MEMBER = {'X-User-Id': 'member-user', 'X-Project-Id': 'project-a',
          'X-Roles': 'member,reader'}
READER = {'X-User-Id': 'reader-user', 'X-Project-Id': 'project-a',
          'X-Roles': 'reader'}
OTHER_MEMBER = {'X-User-Id': 'other-user', 'X-Project-Id': 'project-b',
                'X-Roles': 'member,reader'}


class APITestCase(base.DbTestCase):
    """Requests go through cors, request_id, errors, sizelimit and noauth."""

    def setUp(self):
        super().setUp()
        self.config(group='api', auth_strategy='noauth')
        self.cloud = fakes.FakeCloud()
        self.app = webtest.TestApp(
            api_app.load_app(),
            extra_environ={cloud_request.ENVIRON_KEY: self.cloud})
        fake_driver.FakeDriver.reset()

    def request(self, method, path, body=None, headers=None, status=None,
                version=None):
        """Send a JSON request and return the response."""
        headers = dict(headers or ADMIN)
        if version:
            headers['OpenStack-API-Version'] = 'container-infra %s' % version
        kwargs = {'headers': headers, 'expect_errors': status is not None
                  and status >= 400}
        if status is not None:
            kwargs['status'] = status
        if method in ('post', 'patch', 'put'):
            send = getattr(self.app, method + '_json')
            response = send(path, body, **kwargs)
        else:
            response = getattr(self.app, method)(path, **kwargs)
        if status is not None:
            # webtest skips its own status check with expect_errors.
            self.assertEqual(status, response.status_int, response.body)
        return response

    def get_json(self, path, headers=None, status=200, version=None):
        """GET ``path`` and return the decoded JSON body."""
        headers = dict(headers or ADMIN)
        if version:
            headers['OpenStack-API-Version'] = 'container-infra %s' % version
        response = self.app.get(path, headers=headers, status=status)
        return response.json
