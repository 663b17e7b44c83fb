"""magnum itself on the local cloud: its config, schema and processes.

``magnum-api`` and ``magnum-conductor`` run from the project checkout with
the project's Python (``MAGNUM_PYTHON``, else ``<checkout>/.venv``, else
``/work/venv``: the first that has magnum installed).  The node simulator
(``nodesim``) runs in the services' venv.  Each process carries a stamp of
the code it runs, so ``up`` restarts it after the code changed.
"""

import hashlib
import os

from localcloud import layout
from localcloud import magnum_conf
from localcloud import services as services_mod
from localcloud import shell

PYTHON_ENV = 'MAGNUM_PYTHON'
CANDIDATES = (
    os.path.join(layout.CHECKOUT, '.venv', 'bin', 'python'),
    '/work/venv/bin/python',
)
MIGRATIONS = os.path.join(layout.CHECKOUT, 'magnum', 'db', 'migrations')
DB_STAMP = os.path.join(layout.STAMPS, 'db-magnum')
NODESIM_MAIN = ('import sys; sys.path.insert(0, %r); '
                'from localcloud import nodesim; sys.exit(nodesim.main())'
                % layout.TOOLS_DIR)


def python():
    """Return the Python that runs magnum.

    :raises CommandFailed: when none has magnum's console scripts.
    """
    wanted = os.environ.get(PYTHON_ENV)
    candidates = (wanted,) if wanted else CANDIDATES
    for candidate in candidates:
        bindir = os.path.dirname(candidate)
        if os.path.exists(os.path.join(bindir, 'magnum-api')):
            return candidate
    raise shell.CommandFailed(
        'no Python with magnum installed among %s; run tools/run-tests '
        '(it builds .venv) or set %s to a python whose bin/ has '
        'magnum-api' % (', '.join(candidates), PYTHON_ENV))


def _bin(name):
    return os.path.join(os.path.dirname(python()), name)


def _tree_stamp(*tops, skip=()):
    """Hash the names, sizes and times of the files under ``tops``.

    A top may be a single file.
    """
    digest = hashlib.sha256()
    for top in tops:
        if os.path.isfile(top):
            stat = os.stat(top)
            digest.update(('%s %d %d' % (top, stat.st_size,
                                         stat.st_mtime_ns)).encode())
            continue
        for folder, dirs, files in sorted(os.walk(top)):
            dirs[:] = sorted(d for d in dirs
                             if d not in skip and d != '__pycache__')
            for name in sorted(files):
                if name.endswith(('.py', '.yaml', '.json', '.sh', '.ini')):
                    stat = os.stat(os.path.join(folder, name))
                    digest.update(('%s/%s %d %d' % (
                        folder, name, stat.st_size, stat.st_mtime_ns)
                    ).encode())
    return digest.hexdigest()[:16]


def code_stamp():
    """A stamp of magnum's code (tests excluded) and its packaging."""
    return _tree_stamp(os.path.join(layout.CHECKOUT, 'magnum'),
                       os.path.join(layout.CHECKOUT, 'etc', 'magnum'),
                       os.path.join(layout.CHECKOUT, 'setup.cfg'),
                       skip=('tests',))


def services():
    """Return magnum's processes and the node simulator, in start order."""
    conf = ['--config-file', layout.MAGNUM_CONF]
    stamp = {'LOCALCLOUD_CODE_STAMP': code_stamp()}
    api_url = 'http://%s:%d/' % (layout.HOST, layout.MAGNUM_PORT)
    nodesim = os.path.join(layout.TOOL_DIR, 'nodesim.py')
    return [
        services_mod.Service('magnum-api', 'magnum', layout.MAGNUM_PORT,
                             api_url, [_bin('magnum-api')] + conf, stamp),
        services_mod.Service('magnum-conductor', 'magnum', None, None,
                             [_bin('magnum-conductor')] + conf, stamp),
        services_mod.Service(
            'nodesim', 'nodesim', None, None,
            [layout.VENV_PYTHON, '-c', NODESIM_MAIN],
            {'LOCALCLOUD_CODE_STAMP': _tree_stamp(nodesim)}),
    ]


def forget_schema():
    """Make the next ``prepare`` upgrade the schema (a new database)."""
    try:
        os.unlink(DB_STAMP)
    except FileNotFoundError:
        pass


def prepare(report):
    """Write magnum.conf and upgrade the schema of ``lc_magnum``.

    :returns: the config names whose processes must restart.
    """
    restart = set()
    if magnum_conf.write():
        report.say('config written: magnum')
        restart.add('magnum')
    stamp = '%s %s' % (python(), _tree_stamp(MIGRATIONS))
    try:
        with open(DB_STAMP) as f:
            current = f.read().strip()
    except OSError:
        current = None
    if current != stamp or 'magnum' in restart:
        shell.run([_bin('magnum-db-manage'), '--config-file',
                   layout.MAGNUM_CONF, 'upgrade'], 'dbsync-magnum.log',
                  timeout=300)
        os.makedirs(layout.STAMPS, exist_ok=True)
        with open(DB_STAMP, 'w') as f:
            f.write(stamp + '\n')
        report.say('magnum database at the newest revision')
        restart.add('magnum')
    return restart
