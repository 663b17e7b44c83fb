"""magnum-api with canned cloud look-ups, for the noauth functional tests.

With ``[api] auth_strategy = noauth`` a request carries no Keystone token,
so magnum-api cannot ask Glance, Nova or Neutron about the images,
flavors, keypairs and networks a template or cluster names: template
create, cluster create and nodegroup create answer 403 ("The request
context carries no token data"). This entry point runs the real
``magnum.cmd.api.main`` in its own process with only those look-ups
replaced by :class:`FakeCloudLookups`, which knows every name and gives
every image ``os_distro = fake`` (the fake driver). Everything else (the
paste pipeline, noauth, policy, the database, RPC casts over RabbitMQ) is
the real service.

Run as ``python -m magnum.tests.functional.conductor.fake_cloud_api
--config-file magnum.conf``.
"""

import sys

FAKE_OS_DISTRO = 'fake'


class FakeCloudLookups:
    """The interface of :class:`magnum.common.cloud.lookups.CloudLookups`,
    answered without a cloud.
    """

    def image(self, ident):
        return {'id': ident, 'name': ident, 'os_distro': FAKE_OS_DISTRO}

    def flavor(self, ident):
        return {'id': ident, 'name': ident, 'vcpus': 2, 'ram': 4096,
                'disk': 20}

    def keypair(self, name):
        return {'name': name}

    def external_network(self, ident):
        return {'id': ident, 'name': ident, 'router:external': True}

    def fixed_network(self, ident):
        return {'id': ident, 'name': ident}

    def fixed_subnet(self, ident):
        return {'id': ident, 'name': ident}

    def volume_types(self):
        return [{'id': 'fake-volume-type', 'name': 'fake-volume-type'}]

    def volume_type(self, ident):
        return {'id': ident, 'name': ident}

    def default_volume_type(self):
        return self.volume_types()[0]


def lookups_for_request(environ, context=None):
    return FakeCloudLookups()


def main(argv=None):
    from magnum.cmd import api
    from magnum.common.cloud import request
    request.lookups_for_request = lookups_for_request
    api.main(sys.argv if argv is None else argv)


if __name__ == '__main__':
    main()
