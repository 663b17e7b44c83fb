"""The machine's MariaDB and RabbitMQ: installed, running, and our corner.

The local cloud owns only the ``lc_*`` databases, the ``localcloud``
database user and the ``localcloud`` RabbitMQ vhost; other users of the
same servers are never touched.
"""

import os
import shutil
import socket
import subprocess
import time

from localcloud import layout
from localcloud import shell


def port_open(port, host=layout.HOST, timeout=1.0):
    """Return True when something accepts TCP connections on the port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def ensure_packages(report):
    """Install MariaDB and RabbitMQ with apt when they are missing."""
    missing = [pkg for pkg, binary in layout.APT_PACKAGES.values()
               if not os.path.exists(binary)]
    if not missing:
        return
    report.say('installing %s with apt-get' % ' '.join(missing))
    env = {'DEBIAN_FRONTEND': 'noninteractive'}
    shell.run(['apt-get', 'update'], 'apt.log', timeout=300, env=env)
    shell.run(['apt-get', 'install', '-y', '--no-install-recommends']
              + missing, 'apt.log', timeout=600, env=env)


def ensure_servers(report):
    """Start MariaDB and RabbitMQ when nothing answers on their ports."""
    if not port_open(3306):
        report.say('starting mariadb')
        shell.run(['service', 'mariadb', 'start'], 'system.log',
                  timeout=120)
        _wait_port(report, 'mariadb on :3306', 3306, 60)
    if not port_open(layout.RABBIT_PORT):
        report.say('starting rabbitmq')
        if shutil.which('rabbitmq-server'):
            shell.run(['rabbitmq-server', '-detached'], 'system.log',
                      timeout=60)
        _wait_port(report, 'rabbitmq on :5672', layout.RABBIT_PORT, 90)


def _wait_port(report, what, port, limit):
    since = time.monotonic()
    while not port_open(port):
        if time.monotonic() - since > limit:
            raise shell.CommandFailed('%s did not come up' % what)
        report.waiting(what, since)
        time.sleep(0.5)
    report.say('%s up after %.1fs' % (what, time.monotonic() - since))


def _mysql(sql, timeout=60):
    """Run SQL as the MariaDB root user (unix socket) and return stdout."""
    done = subprocess.run(['mysql', '-uroot', '-N', '-B', '-e', sql],
                          stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=timeout)
    if done.returncode != 0:
        raise shell.CommandFailed('mysql: %s' % done.stderr.strip())
    return done.stdout


def ensure_databases(password):
    """Create the lc_* databases and the database user of the cloud.

    :param password: the password the ``localcloud`` user must have.
    :returns: the set of databases that did not exist before.
    """
    present = set(_mysql("SHOW DATABASES LIKE 'lc\\_%'").split())
    created = set(layout.DATABASES) - present
    statements = []
    for name in sorted(created):
        statements.append('CREATE DATABASE IF NOT EXISTS `%s` '
                          'CHARACTER SET utf8' % name)
    for host in ('127.0.0.1', 'localhost'):
        user = "'%s'@'%s'" % (layout.DB_USER, host)
        statements.append("CREATE USER IF NOT EXISTS %s IDENTIFIED BY '%s'"
                          % (user, password))
        statements.append("ALTER USER %s IDENTIFIED BY '%s'"
                          % (user, password))
        statements.append("GRANT ALL PRIVILEGES ON `lc\\_%%`.* TO %s"
                          % user)
    _mysql('; '.join(statements))
    return created


def drop_databases():
    """Drop the lc_* databases of the local cloud and its database user."""
    statements = ['DROP DATABASE IF EXISTS `%s`' % name
                  for name in layout.DATABASES]
    for host in ('127.0.0.1', 'localhost'):
        statements.append("DROP USER IF EXISTS '%s'@'%s'"
                          % (layout.DB_USER, host))
    _mysql('; '.join(statements))


def ensure_vhost():
    """Create the RabbitMQ vhost of the cloud and let guest use it."""
    listed = shell.output(['rabbitmqctl', '-q', 'list_vhosts'])
    if listed is not None and layout.RABBIT_VHOST in listed.split():
        return False
    shell.run(['rabbitmqctl', 'add_vhost', layout.RABBIT_VHOST],
              'system.log', timeout=60, check=False)
    shell.run(['rabbitmqctl', 'set_permissions', '-p', layout.RABBIT_VHOST,
               layout.RABBIT_USER, '.*', '.*', '.*'], 'system.log',
              timeout=60)
    return True


def drop_vhost():
    """Delete the RabbitMQ vhost of the cloud, with its queues."""
    shell.run(['rabbitmqctl', 'delete_vhost', layout.RABBIT_VHOST],
              'system.log', timeout=60, check=False)
