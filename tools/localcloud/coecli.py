"""Run the real ``openstack`` CLI of the venv as a user of the local cloud.
"""

import json
import os
import shlex
import subprocess

from localcloud import layout

# Lines every CLI call prints on stderr that say nothing about the call.
NOISE = ('blazarclient', "Could not load 'reservation", 'eventlet',
         'Eventlet', 'DeprecationWarning', 'warnings.warn')


def openrc_env(path):
    """Return the environment variables an openrc file exports."""
    env = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith('export ') and '=' in line:
                key, value = line[len('export '):].split('=', 1)
                env[key] = shlex.split(value)[0] if value else ''
    return env


class CommandError(Exception):
    """The CLI exited non-zero; ``output`` holds what it printed."""

    def __init__(self, argv, code, output):
        super().__init__('openstack %s exited %d: %s'
                         % (' '.join(argv), code, output.strip()))
        self.code = code
        self.output = output


class Cli(object):
    """``openstack`` with the credentials of one openrc file."""

    def __init__(self, openrc=layout.DEMO_OPENRC):
        self.env = dict(os.environ)
        for key in [k for k in self.env if k.startswith('OS_')]:
            del self.env[key]
        self.env.update(openrc_env(openrc))
        self.env['PYTHONWARNINGS'] = 'ignore'
        self.env['PATH'] = layout.VENV_BIN + os.pathsep + self.env['PATH']
        # python-magnumclient's ``coe cluster config`` reads $SHELL to pick
        # the export syntax and fails with KeyError when it is unset (as
        # under cron or a CI runner).
        self.env.setdefault('SHELL', '/bin/sh')

    def run(self, *argv, check=True, timeout=300):
        """Run ``openstack argv``; return (exit status, cleaned output)."""
        done = subprocess.run(
            [os.path.join(layout.VENV_BIN, 'openstack')] + list(argv),
            env=self.env, stdin=subprocess.DEVNULL, capture_output=True,
            text=True, timeout=timeout)
        output = clean(done.stdout + done.stderr)
        if check and done.returncode != 0:
            raise CommandError(argv, done.returncode, output)
        return done.returncode, output

    def json(self, *argv, timeout=300):
        """Run a listing or show command with ``-f json``; parse it."""
        done = subprocess.run(
            [os.path.join(layout.VENV_BIN, 'openstack')] + list(argv) +
            ['-f', 'json'], env=self.env, stdin=subprocess.DEVNULL,
            capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise CommandError(argv, done.returncode,
                               clean(done.stdout + done.stderr))
        return json.loads(done.stdout)


def clean(text):
    """Drop the CLI's import-time noise from its output."""
    return '\n'.join(line for line in text.splitlines()
                     if not any(word in line for word in NOISE)
                     and line.strip())
