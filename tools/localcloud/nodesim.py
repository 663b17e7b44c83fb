"""The node simulator: what a booted cluster node would tell Heat.

The fake compute driver's servers go ACTIVE but never boot, so no node
ever runs its bootstrap script and signals the stack's wait condition.
This daemon plays that part, through public APIs only: as the cloud's
admin it lists the stacks being created or updated, finds every
``OS::Heat::WaitCondition`` that Heat is waiting on (nested stacks
included) and signals the ``OS::Heat::WaitConditionHandle`` beside it with
the handle's own token, as the node's ``curl`` would.

A wait condition only starts once its server is ACTIVE (it depends on the
server), so a handle is signalled no earlier than a real node could.

Run by ``up`` as ``.localcloud/venv/bin/python -m localcloud.nodesim``
with ``tools/`` on the path; it logs to ``.localcloud/log/nodesim.log``.
"""

import json
import logging
import sys
import time
import urllib.request
import warnings

from localcloud import layout

LOG = logging.getLogger('nodesim')
BUSY = ('CREATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'RESUME_IN_PROGRESS',
        'ROLLBACK_IN_PROGRESS')
WAIT_CONDITION = 'OS::Heat::WaitCondition'
HANDLE = 'OS::Heat::WaitConditionHandle'
NESTED_DEPTH = 5
INTERVAL = 2.0


def _link(resource, rel):
    for link in resource.get('links', ()):
        if link.get('rel') == rel:
            return link['href']
    return None


class Simulator(object):
    """Signals the wait conditions of the stacks Heat is working on."""

    def __init__(self, conn):
        self.conn = conn
        # (handle URL, wait condition's updated_time): signalled already.
        self.done = set()

    def _get(self, url, **params):
        return self.conn.session.get(url, params=params).json()

    def busy_stacks(self):
        """Return the URLs of the top-level stacks in progress.

        The admin of the local cloud sees every project's stacks.
        """
        listed = self.conn.orchestration.get('/stacks').json()['stacks']
        return [_link(stack, 'self') for stack in listed
                if stack['stack_status'] in BUSY]

    def waiting_handles(self, stack_url):
        """Return the URLs of the handles whose wait condition waits.

        :returns: a list of (handle URL, key) pairs, where the key names
            one wait of one condition.
        """
        resources = self._get(stack_url + '/resources',
                              nested_depth=NESTED_DEPTH)['resources']
        handles = {}
        waits = []
        for resource in resources:
            owner = _link(resource, 'stack')
            kind = resource['resource_type']
            if kind == HANDLE:
                handles.setdefault(owner, []).append(_link(resource,
                                                           'self'))
            elif (kind == WAIT_CONDITION and
                  resource['resource_status'].endswith('_IN_PROGRESS')):
                waits.append((owner, resource))
        found = []
        for owner, wait in waits:
            for handle in handles.get(owner, ()):
                key = (handle, wait.get('updated_time'))
                if key not in self.done:
                    found.append((handle, key))
        return found

    def signal(self, handle_url):
        """POST SUCCESS to the handle's signal URL with its own token."""
        attributes = self._get(handle_url)['resource']['attributes']
        body = json.dumps({'status': 'SUCCESS',
                           'reason': 'node booted (localcloud nodesim)',
                           'data': 'nodesim'}).encode()
        request = urllib.request.Request(
            attributes['endpoint'], data=body, method='POST',
            headers={'X-Auth-Token': attributes['token'],
                     'Content-Type': 'application/json',
                     'Accept': 'application/json'})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status

    def tick(self):
        """One pass over the busy stacks; return how many were signalled.
        """
        count = 0
        for stack_url in self.busy_stacks():
            try:
                pending = self.waiting_handles(stack_url)
            except Exception as exc:
                LOG.warning('cannot read %s: %s', stack_url, exc)
                continue
            for handle, key in pending:
                try:
                    status = self.signal(handle)
                except Exception as exc:
                    LOG.warning('signal of %s failed: %s', handle, exc)
                    continue
                self.done.add(key)
                count += 1
                LOG.info('signalled %s (HTTP %s)', handle, status)
        return count


def connect():
    """Return an admin connection made from cloud.json."""
    import openstack
    with open(layout.CLOUD_JSON) as f:
        cloud = json.load(f)
    return openstack.connect(**cloud['admin'])


def main():
    """Run until killed; return an exit status."""
    warnings.filterwarnings('ignore')
    logging.basicConfig(
        stream=sys.stdout, level=logging.INFO,
        format='%(asctime)s %(levelname)s %(name)s %(message)s')
    for noisy in ('keystoneauth', 'openstack', 'urllib3', 'stevedore'):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    LOG.info('watching the stacks of every project every %.0fs', INTERVAL)
    sim = Simulator(None)
    while True:
        try:
            if sim.conn is None:
                sim.conn = connect()
            sim.tick()
        except Exception as exc:
            LOG.warning('pass failed (%s); reconnecting', exc)
            sim.conn = None
        time.sleep(INTERVAL)


if __name__ == '__main__':
    sys.exit(main())
