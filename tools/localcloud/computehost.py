"""Keep nova-compute's node identity file in step with its database.

nova-compute refuses to start when its database knows the host but the
``compute_id`` file under state_path is gone.  When that file is missing
and the cell database has the node, the file is written back.
"""

import os
import subprocess

from localcloud import layout

COMPUTE_ID = os.path.join(layout.STATE, 'nova', 'compute_id')


def ensure_identity():
    """Write state/nova/compute_id from lc_nova when it is missing.

    :returns: True when the file was written.
    """
    if os.path.exists(COMPUTE_ID):
        return False
    sql = ("SELECT uuid FROM lc_nova.compute_nodes WHERE host='localcloud'"
           " AND deleted=0 ORDER BY id LIMIT 1")
    done = subprocess.run(['mysql', '-uroot', '-N', '-B', '-e', sql],
                          stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=60)
    node = done.stdout.strip() if done.returncode == 0 else ''
    if not node:
        return False
    os.makedirs(os.path.dirname(COMPUTE_ID), exist_ok=True)
    with open(COMPUTE_ID, 'w') as f:
        f.write(node + '\n')
    return True
