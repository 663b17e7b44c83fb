"""The services' own virtualenv, .localcloud/venv.

It is (re)installed only when the stamp of the pinned package list and of
the noop_bind driver's sources changes, so a second ``up`` costs nothing.
"""

import hashlib
import os
import shutil
import sys

from localcloud import layout
from localcloud import shell

STAMP = os.path.join(layout.VENV, '.localcloud-stamp')


def wanted_stamp():
    """Return the hash of what the venv must hold."""
    digest = hashlib.sha256()
    digest.update('\n'.join(layout.PINNED_PACKAGES).encode())
    for top, dirs, files in sorted(os.walk(layout.NOOPMECH_SRC)):
        dirs[:] = sorted(d for d in dirs if not d.startswith(('.', '_'))
                         and not d.endswith('.egg-info') and d != 'build')
        for name in sorted(files):
            if name.endswith(('.py', '.toml')):
                with open(os.path.join(top, name), 'rb') as f:
                    digest.update(name.encode() + f.read())
    return digest.hexdigest()


def current_stamp():
    """Return the stamp the venv was built with, or None."""
    try:
        with open(STAMP) as f:
            return f.read().strip()
    except OSError:
        return None


def ensure(report):
    """Create and fill the venv unless its stamp is current.

    :returns: True when something was installed.
    """
    stamp = wanted_stamp()
    if os.path.exists(layout.VENV_PYTHON) and current_stamp() == stamp:
        return False
    if not os.path.exists(layout.VENV_PYTHON):
        report.say('creating %s' % layout.VENV)
        shell.run([sys.executable, '-m', 'venv', layout.VENV], 'pip.log',
                  timeout=120)
    pip = [layout.VENV_PYTHON, '-m', 'pip', 'install', '--no-input', '-q']
    report.say('installing the pinned services into the venv '
               '(about a minute; log in log/pip.log)')
    shell.run(pip + list(layout.PINNED_PACKAGES), 'pip.log', timeout=1200)
    report.say('installing the noop_bind ML2 driver')
    build = os.path.join(layout.STATE, 'noopmech-build')
    shutil.rmtree(build, ignore_errors=True)
    shutil.copytree(layout.NOOPMECH_SRC, build,
                    ignore=shutil.ignore_patterns('*.egg-info', 'build',
                                                  '__pycache__'))
    shell.run(pip + ['--no-deps',
                     '--force-reinstall', build], 'pip.log', timeout=300)
    shutil.rmtree(build, ignore_errors=True)
    with open(STAMP, 'w') as f:
        f.write(stamp + '\n')
    return True


CLIENT_STAMP = os.path.join(layout.VENV, '.localcloud-clients-stamp')


def ensure_clients(report):
    """Install ``layout.CLIENT_PACKAGES`` unless their stamp is current.

    They have a stamp of their own, so adding a client does not count as
    a new venv and restarts no service.

    :returns: True when something was installed.
    """
    stamp = hashlib.sha256(
        '\n'.join(layout.CLIENT_PACKAGES).encode()).hexdigest()
    try:
        with open(CLIENT_STAMP) as f:
            if f.read().strip() == stamp:
                return False
    except OSError:
        pass
    report.say('installing %s into the venv'
               % ', '.join(layout.CLIENT_PACKAGES))
    shell.run([layout.VENV_PYTHON, '-m', 'pip', 'install', '--no-input',
               '-q'] + list(layout.CLIENT_PACKAGES), 'pip.log', timeout=600)
    with open(CLIENT_STAMP, 'w') as f:
        f.write(stamp + '\n')
    return True
