"""Images, flavors, the demo keypair and the external network.

Runs inside .localcloud/venv once Glance, Nova and Neutron answer; each
thing is looked up by name first and made only when missing.
"""

import os
import subprocess
import time

from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives import serialization

from localcloud import layout

IMAGES = (
    ('fedora-coreos-latest', {'os_distro': 'fedora-coreos'}),
    ('no-os-distro-image', {}),
)
# name: (ram MB, vcpus, disk GB)
FLAVORS = {
    'm1.tiny': (512, 1, 1),
    'm1.small': (2048, 1, 10),
    'm1.medium': (4096, 2, 20),
    'm1.nodisk': (512, 1, 0),
}
KEYPAIR = 'demo-key'
EXTERNAL_NETWORK = 'public'
EXTERNAL_SUBNET = 'public-subnet'
EXTERNAL_CIDR = '172.24.4.0/24'


def images(conn):
    """Make the two tiny public raw images; return name -> id."""
    ids = {}
    for name, properties in IMAGES:
        image = conn.image.find_image(name)
        if image is None:
            # Raw bytes: the format inspector rejects fake qcow2 data.
            image = conn.image.create_image(
                name, data=b'\0' * 65536, disk_format='raw',
                container_format='bare', visibility='public',
                disable_vendor_agent=False, wait=True, timeout=120,
                **properties)
        ids[name] = image.id
    return ids


def flavors(conn):
    """Make the flavors; return name -> id."""
    ids = {}
    for name, (ram, vcpus, disk) in FLAVORS.items():
        flavor = conn.compute.find_flavor(name)
        if flavor is None:
            flavor = conn.compute.create_flavor(
                name=name, ram=ram, vcpus=vcpus, disk=disk, is_public=True)
        ids[name] = flavor.id
    return ids


def keypair(demo_conn):
    """Give the demo user keypair ``demo-key``; keep the private key."""
    if demo_conn.compute.find_keypair(KEYPAIR) is not None:
        return KEYPAIR
    key = ed25519.Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.OpenSSH,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    fd = os.open(layout.DEMO_KEY, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                 0o600)
    with os.fdopen(fd, 'wb') as f:
        f.write(private)
    demo_conn.compute.create_keypair(name=KEYPAIR,
                                     public_key=public.decode() + ' demo')
    return KEYPAIR


def external_network(conn):
    """Make the shared flat external network and its subnet."""
    network = conn.network.find_network(EXTERNAL_NETWORK)
    if network is None:
        network = conn.network.create_network(
            name=EXTERNAL_NETWORK, is_router_external=True, is_shared=True,
            provider_network_type='flat',
            provider_physical_network=EXTERNAL_NETWORK)
    subnet = conn.network.find_subnet(EXTERNAL_SUBNET,
                                      network_id=network.id)
    if subnet is None:
        subnet = conn.network.create_subnet(
            name=EXTERNAL_SUBNET, network_id=network.id, ip_version=4,
            cidr=EXTERNAL_CIDR, gateway_ip='172.24.4.1',
            is_dhcp_enabled=False,
            allocation_pools=[{'start': '172.24.4.10',
                               'end': '172.24.4.250'}])
    return {'name': network.name, 'id': network.id,
            'subnet_name': subnet.name, 'subnet_id': subnet.id,
            'cidr': subnet.cidr}


def _hypervisor_count(conn):
    try:
        return sum(1 for _ in conn.compute.hypervisors())
    except Exception:
        return 0


def _compute_service_up(conn):
    try:
        return any(s.state == 'up' for s in
                   conn.compute.services(binary='nova-compute'))
    except Exception:
        return False


def wait_for_hypervisor(conn, say, limit=180):
    """Wait until Nova lists the fake compute host, mapping it to its cell.

    Nova lists a hypervisor only once ``nova-manage cell_v2
    discover_hosts`` has mapped its host, which can only happen after the
    compute service reported its node.
    """
    since = time.monotonic()
    manage = [os.path.join(layout.VENV_BIN, 'nova-manage'), '--config-file',
              layout.etc('nova', 'nova.conf'), 'cell_v2', 'discover_hosts']
    while time.monotonic() - since < limit:
        if _hypervisor_count(conn):
            return True
        if _compute_service_up(conn):
            with open(os.path.join(layout.LOG, 'nova-manage.log'),
                      'a') as log:
                subprocess.run(manage, stdin=subprocess.DEVNULL, stdout=log,
                               stderr=subprocess.STDOUT, timeout=120)
            if _hypervisor_count(conn):
                say('compute host mapped after %.1fs'
                    % (time.monotonic() - since))
                return True
        time.sleep(1)
    say('WARNING: no compute host after %ds' % limit)
    return False
