"""Certificate storage backends, chosen by [certificates] cert_manager_type.

Backends are entry points in the ``magnum.cert_manager.backend`` group.
"""

import importlib.metadata
import threading

from stevedore import driver as stevedore_driver
from stevedore import exception as stevedore_exception

from magnum.common import exception
import magnum.conf

CONF = magnum.conf.CONF
NAMESPACE = 'magnum.cert_manager.backend'

_lock = threading.Lock()
_backends = {}


def get_backend():
    """Return the configured backend, created once per process.

    :returns: a :class:`magnum.common.cert_manager.base.CertManager`.
    :raises: magnum.common.exception.ConfigInvalid when no installed
        backend has the configured name.
    """
    name = CONF.certificates.cert_manager_type
    with _lock:
        if name not in _backends:
            _backends[name] = _load(name)
        return _backends[name]


def reset():
    """Forget the created backends (for tests)."""
    with _lock:
        _backends.clear()


def _load(name):
    try:
        manager = stevedore_driver.DriverManager(
            namespace=NAMESPACE, name=name, invoke_on_load=True)
    except stevedore_exception.NoMatches:
        installed = sorted(ep.name for ep in
                           importlib.metadata.entry_points(group=NAMESPACE))
        raise exception.ConfigInvalid(
            error_msg='[certificates] cert_manager_type = %s is not an '
                      'installed certificate backend; use one of: %s.'
                      % (name, ', '.join(installed) or 'none'))
    return manager.driver
