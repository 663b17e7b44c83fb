"""Clusters, templates, nodegroups and inputs for the driver tests.

Plain objects with the fields rendering reads, so that render tests need
no database and their golden files stay stable.
"""

import types

from magnum.drivers.heat import inputs
from magnum.drivers.heat import render
from magnum.drivers.heat import stack

CLUSTER_UUID = '5d12f6fd-a196-4bf0-ae4c-1f639a523a52'
EXTERNAL_NETWORK = 'c753c269-7093-4f83-a56a-5ef73c832813'
FIXED_NETWORK = '3f2e1d0c-9b8a-4765-a432-10fedcba9876'
FIXED_SUBNET = '7c6b5a49-3827-4165-b0a9-f8e7d6c5b4a3'
IMAGE = '887c77d5-724d-4c75-8577-b126e908f508'


class Record(types.SimpleNamespace):
    """An object with attributes whose save() is remembered."""

    saves = 0

    def save(self):
        self.saves += 1


def template(**kw):
    values = dict(
        uuid='0a3b5c7d-0000-4000-8000-000000000001', name='k8s',
        image_id=IMAGE, flavor_id='m1.small', master_flavor_id='m1.small',
        keypair_id='demo-key', external_network_id='public',
        fixed_network=None, fixed_subnet=None, network_driver='flannel',
        volume_driver=None, dns_nameserver='8.8.8.8',
        docker_volume_size=None, docker_storage_driver='overlay2',
        cluster_distro='fedora-coreos', coe='kubernetes',
        http_proxy=None, https_proxy=None, no_proxy=None,
        registry_enabled=False, labels={}, tls_disabled=False,
        server_type='vm', insecure_registry=None, master_lb_enabled=False,
        floating_ip_enabled=True)
    values.update(kw)
    return Record(**values)


def nodegroup(name, role, count, is_default=True, **kw):
    values = dict(uuid='ng-%s' % name, name=name, role=role,
                  node_count=count, is_default=is_default, flavor_id=None,
                  image_id=None, docker_volume_size=None, labels={},
                  stack_id=None, status=None)
    values.update(kw)
    return Record(**values)


def cluster(ct=None, nodegroups=None, **kw):
    ct = ct or template()
    values = dict(
        uuid=CLUSTER_UUID, name='My_Cluster.one', project_id='demo-project',
        keypair='demo-key', docker_volume_size=None, labels={},
        master_flavor_id=None, flavor_id=None, stack_id=None,
        status='CREATE_IN_PROGRESS', create_timeout=None,
        trust_id='trust-1', trustee_username='trustee',
        trustee_user_id='trustee-id', trustee_password='p@ss word',
        fixed_network=None, fixed_subnet=None,
        floating_ip_enabled=ct.floating_ip_enabled,
        master_lb_enabled=ct.master_lb_enabled, cluster_template=ct,
        ca_cert_ref=None)
    values.update(kw)
    if nodegroups is None:
        nodegroups = [nodegroup('default-master', 'master', 1),
                      nodegroup('default-worker', 'worker', 2)]
    values['nodegroups'] = nodegroups
    c = Record(**values)
    c.default_ng_master = next(n for n in nodegroups
                               if n.role == 'master' and n.is_default)
    c.default_ng_worker = next(n for n in nodegroups
                               if n.role != 'master' and n.is_default)
    return c


def _pem(kind, body):
    return '-----BEGIN %s-----\n%s\n-----END %s-----\n' % (kind, body, kind)


#: Stand-ins for the CA fields of the inputs (real PEM is long).
CAS = dict(
    ca_cert=_pem('CERTIFICATE', 'CA'),
    ca_key=_pem('PRIVATE KEY', 'CA KEY'),
    etcd_ca_cert=_pem('CERTIFICATE', 'ETCD CA'),
    etcd_ca_key=_pem('PRIVATE KEY', 'ETCD CA KEY'),
    front_proxy_ca_cert=_pem('CERTIFICATE', 'FRONT PROXY CA'),
    front_proxy_ca_key=_pem('PRIVATE KEY', 'FRONT PROXY CA KEY'),
    ca_cert_hash='sha256:' + '0123456789abcdef' * 4)


def resolved(**kw):
    values = dict(
        CAS,
        auth_url='http://127.0.0.1:5000/v3',
        magnum_url='http://127.0.0.1:9511/v1', region_name='RegionOne',
        project_id='demo-project', trustee_domain_id='trustee-domain',
        trustee_user_id='trustee-id', trustee_username='trustee',
        trustee_password='p@ss word', trust_id='',
        external_network_id=EXTERNAL_NETWORK,
        fixed_network_name='My_Cluster.one',
        affinity_policy='soft-anti-affinity',
        service_account_public_key='PUBLIC KEY',
        service_account_private_key='PRIVATE KEY')
    values.update(kw)
    return inputs.Inputs(**values)


def rendered_cluster(definition, ct, masters=1, cluster_kw=None,
                     inputs_kw=None):
    """Render the cluster stack of a cluster of template ``ct`` with
    ``masters`` masters and two workers.
    """
    c = cluster(ct, nodegroups=[nodegroup('default-master', 'master', masters),
                                nodegroup('default-worker', 'worker', 2)],
                **(cluster_kw or {}))
    return render.render_cluster(definition, c, ct, c.nodegroups,
                                 resolved(**(inputs_kw or {})))


def one_stack(outputs):
    """Return a cluster of one master and two workers, all in stack 'sid',
    and {'sid': a complete view of the stack with ``outputs``}.
    """
    ngs = [nodegroup('default-master', 'master', 1, stack_id='sid'),
           nodegroup('default-worker', 'worker', 2, stack_id='sid')]
    view = stack.StackView(
        id='sid', status='CREATE_COMPLETE', status_reason='',
        outputs=outputs,
        parameters={'number_of_masters': '1', 'number_of_minions': '2'})
    return cluster(nodegroups=ngs, stack_id='sid'), {'sid': view}
