"""A fake Identity v3 endpoint on requests-mock, for the keystone tests."""

import json
import re
import urllib.parse

from keystoneauth1 import fixture as ka_fixture
from keystoneauth1 import loading as ka_loading

import magnum.conf

CONF = magnum.conf.CONF

URL = 'http://keystone.test:5000'
V3 = URL + '/v3'
DOMAIN_ID = 'trustee-domain'
DOMAIN_ADMIN_ID = 'domain-admin'
DOMAIN_ADMIN_PASSWORD = 'domain-admin-secret'
SERVICE_PASSWORD = 'service-secret'
CALLER_TOKEN = 'caller-token'
CALLER_ID = 'caller-user'
PROJECT_ID = 'fake_project'

TOKENS = {'domain-admin': 'domain-admin-token',
          'service': 'service-token',
          'trustee': 'trust-scoped-token'}


def configure(testcase):
    """Point [trust], [keystone_authtoken] and [keystone_auth] at URL."""
    testcase.config(group='trust', trustee_domain_id=DOMAIN_ID,
                    trustee_domain_admin_id=DOMAIN_ADMIN_ID,
                    trustee_domain_admin_password=DOMAIN_ADMIN_PASSWORD)
    testcase.config(group='keystone_authtoken', www_authenticate_uri=URL)
    # Through the fixture, so that the plugin's required options are
    # unregistered afterwards and later tests can parse CONF again.
    testcase.conf_fixture.register_opts(
        ka_loading.get_auth_plugin_conf_options('password'),
        group='keystone_auth')
    testcase.config(group='keystone_auth', auth_type='password',
                    auth_url=V3, username='magnum',
                    password=SERVICE_PASSWORD, project_name='service',
                    user_domain_id='default', project_domain_id='default')


def caller_token_info(user_id=CALLER_ID, roles=('member', 'reader')):
    """Return the token body keystonemiddleware would hand over."""
    token = ka_fixture.V3Token(user_id=user_id, project_id=PROJECT_ID)
    for role in roles:
        token.add_role(name=role)
    return token


class FakeKeystone(object):
    """Answer token, user and trust requests; remember users and trusts."""

    def __init__(self, mocker):
        self.mocker = mocker
        self.users = {}
        self.trusts = {}
        self.next_id = 0
        # The generic password plugin of [keystone_auth] discovers first.
        mocker.get(V3, json={'version': ka_fixture.V3Discovery(V3)})
        mocker.post(V3 + '/auth/tokens', json=self._token,
                    headers={'X-Subject-Token': 'set-below'})
        mocker.post(V3 + '/users', json=self._create_user)
        mocker.get(V3 + '/users', json=self._list_users)
        mocker.delete(self._matcher('/users/'), json=self._delete(self.users))
        mocker.get(self._matcher('/users/'), json=self._get(self.users,
                                                            'user'))
        mocker.post(V3 + '/OS-TRUST/trusts', json=self._create_trust)
        mocker.delete(self._matcher('/OS-TRUST/trusts/'),
                      json=self._delete(self.trusts))
        self.refuse = {}

    @staticmethod
    def _matcher(prefix):
        return re.compile(re.escape(V3 + prefix) + '[^/]+$')

    def _new_id(self, kind):
        self.next_id += 1
        return '%s-%d' % (kind, self.next_id)

    def _token(self, request, context):
        auth = request.json()['auth']
        scope = auth.get('scope', {})
        if 'token' in auth['identity']['methods']:
            context.status_code = 201
            context.headers['X-Subject-Token'] = CALLER_TOKEN
            return caller_token_info()
        password = auth['identity']['password']['user']
        if 'OS-TRUST:trust' in scope:
            kind = 'trustee'
            trust = self.trusts[scope['OS-TRUST:trust']['id']]
            token = ka_fixture.V3Token(
                user_id=trust['trustor_user_id'],
                project_id=trust['project_id'],
                trust_id=trust['id'], trust_impersonation=True,
                trustee_user_id=password['id'],
                trustor_user_id=trust['trustor_user_id'])
        elif 'domain' in scope:
            kind = 'domain-admin'
            token = ka_fixture.V3Token(user_id=password['id'],
                                       domain_id=scope['domain']['id'])
        else:
            kind = 'service'
            token = ka_fixture.V3Token(user_id='magnum',
                                       project_id='service')
        context.status_code = 201
        context.headers['X-Subject-Token'] = TOKENS[kind]
        return token

    def _check(self, request, context, what):
        status = self.refuse.get((what, request.headers['X-Auth-Token']))
        if status:
            context.status_code = status
            return {'error': {'code': status, 'message': 'refused'}}
        return None

    def _create_user(self, request, context):
        refused = self._check(request, context, 'create_user')
        if refused:
            return refused
        user = dict(request.json()['user'])
        if any(u['name'] == user['name'] and
               u['domain_id'] == user['domain_id']
               for u in self.users.values()):
            context.status_code = 409
            return {'error': {'code': 409, 'message': 'Duplicate'}}
        user.pop('password')
        user['id'] = self._new_id('user')
        self.users[user['id']] = user
        context.status_code = 201
        return {'user': user}

    def _list_users(self, request, context):
        query = request.qs
        return {'users': [
            u for u in self.users.values()
            if u['name'].lower() == query['name'][0] and
            u['domain_id'].lower() == query['domain_id'][0]]}

    def _create_trust(self, request, context):
        refused = self._check(request, context, 'create_trust')
        if refused:
            return refused
        trust = dict(request.json()['trust'])
        trust['id'] = self._new_id('trust')
        self.trusts[trust['id']] = trust
        context.status_code = 201
        return {'trust': trust}

    def _delete(self, store):
        def delete(request, context):
            refused = self._check(request, context, 'delete')
            if refused:
                return refused
            key = request.path_url.rsplit('/', 1)[-1]
            if store.pop(key, None) is None:
                context.status_code = 404
                return {'error': {'code': 404, 'message': 'Not found'}}
            if store is self.users:
                for trust_id, trust in list(self.trusts.items()):
                    if trust['trustee_user_id'] == key:
                        del self.trusts[trust_id]
            context.status_code = 204
            return None
        return delete

    def _get(self, store, name):
        def get(request, context):
            key = request.path_url.rsplit('/', 1)[-1]
            if key not in store:
                context.status_code = 404
                return {'error': {'code': 404, 'message': 'Not found'}}
            return {name: store[key]}
        return get

    def requests_to(self, method, path):
        """Return the requests made to ``method path`` (path under /v3)."""
        # requests-mock lowercases ``path``; the URL keeps the case.
        return [r for r in self.mocker.request_history
                if r.method == method and
                urllib.parse.urlparse(r.url).path.endswith(path)]

    def bodies(self):
        """Return every request body sent, as text."""
        return [json.dumps(r.json()) if r.body else ''
                for r in self.mocker.request_history]
