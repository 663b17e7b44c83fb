"""A caller's token with a service catalog, and sessions built on it."""

from keystoneauth1 import fixture

from magnum.common.cloud import lookups
from magnum.common.cloud import session
from magnum.common import context

TOKEN = 'caller-token'
PROJECT_ID = 'b5c1b2a6d8e54f0c9a7f3e2d1c0b9a88'
REGION = 'RegionOne'

GLANCE = 'http://glance.test:9292'
NOVA = 'http://nova.test:8774/v2.1'
NEUTRON = 'http://neutron.test:9696'
CINDER = 'http://cinder.test:8776/v3/%s' % PROJECT_ID

ENDPOINTS = {
    'image': GLANCE,
    'compute': NOVA,
    'network': NEUTRON,
    'volumev3': CINDER,
}

IMAGE_ID = '0b3d2c9e-5f3a-4c1e-9d8f-7a6b5c4d3e2f'
NETWORK_ID = '3f2e1d0c-9b8a-4765-a432-10fedcba9876'
SUBNET_ID = '7c6b5a49-3827-4165-b0a9-f8e7d6c5b4a3'


def token_info(services=None, region=REGION):
    """Return keystone token data whose catalog has ``services``.

    :param services: catalog type -> public URL; all four by default.
    """
    token = fixture.V3Token(project_id=PROJECT_ID, user_id='caller')
    for service_type, url in (ENDPOINTS if services is None
                              else services).items():
        service = token.add_service(service_type)
        service.add_standard_endpoints(public=url,
                                       internal=url + '/internal',
                                       admin=url + '/admin',
                                       region=region)
    return token


def caller_context(services=None, region=REGION):
    """Return a RequestContext carrying the caller's token and catalog."""
    return context.RequestContext(auth_token=TOKEN,
                                  auth_token_info=token_info(services,
                                                             region),
                                  project_id=PROJECT_ID)


def make_lookups(services=None, region_name=None):
    """Return CloudLookups acting with the fake caller's token."""
    sess = session.session_for_context(caller_context(services))
    return lookups.CloudLookups(sess, region_name=region_name)
