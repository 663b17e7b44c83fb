"""Find, load and look up cluster drivers.

Drivers are entry points in the ``magnum.drivers`` group. Names listed in
``[drivers] disabled_drivers`` are never imported; a driver whose class
says ``beta = True`` is used only when listed in
``[drivers] enabled_beta_drivers``. Two enabled drivers providing the same
(server_type, os, coe) triple, or an enabled driver that does not import,
stop the load with an error that says what to change.
"""

import dataclasses
import importlib.metadata
import threading

from oslo_log import log as logging
from stevedore import named

from magnum.common import exception
import magnum.conf
from magnum.drivers import base
from magnum.i18n import _

CONF = magnum.conf.CONF
LOG = logging.getLogger(__name__)

NAMESPACE = 'magnum.drivers'

_lock = threading.Lock()
_loaded = None


@dataclasses.dataclass(frozen=True)
class DriverInfo:
    """A loaded driver as listed to operators."""

    name: str
    provides: tuple
    template_path: str | None


class LoadedDrivers:
    """The enabled drivers, by name and by the triples they provide."""

    def __init__(self):
        self.by_name = {}
        self.by_triple = {}

    def add(self, name, driver):
        for triple in _triples(name, driver):
            other = self.by_triple.get(triple)
            if other is None:
                self.by_triple[triple] = driver
            else:
                self.by_triple[triple] = self._settle(triple, other, driver)
        self.by_name[name] = driver

    @staticmethod
    def _settle(triple, first, second):
        """Pick [drivers] default_driver among two providers of a triple.

        :raises: DuplicateDriverTuple when it names neither of them.
        """
        preferred = CONF.drivers.default_driver
        server_type, os_distro, coe = triple
        if preferred not in (first.name, second.name):
            raise exception.DuplicateDriverTuple(
                first=first.name, second=second.name,
                server_type=server_type, os=os_distro, coe=coe)
        LOG.warning('Drivers %(first)s and %(second)s both provide '
                    '(%(st)s, %(os)s, %(coe)s); using %(pick)s, the '
                    '[drivers] default_driver.',
                    {'first': first.name, 'second': second.name,
                     'st': server_type, 'os': os_distro, 'coe': coe,
                     'pick': preferred})
        return first if first.name == preferred else second


def _triples(name, driver):
    provides = driver.provides
    if not provides:
        raise exception.DriverLoadError(
            name=name, reason=_('it provides no cluster type'))
    try:
        return [(p['server_type'], p['os'], p['coe']) for p in provides]
    except (KeyError, TypeError):
        raise exception.DriverLoadError(
            name=name,
            reason=_('each entry of provides must be a dict with the keys '
                     'server_type, os and coe, got %s') % (provides,))


def entry_point_names():
    """Return the names of every installed driver entry point, sorted."""
    eps = importlib.metadata.entry_points(group=NAMESPACE)
    return sorted({ep.name for ep in eps})


def _make_manager():
    """Import the drivers that are not disabled.

    :returns: a stevedore extension manager.
    :raises: DriverLoadError naming every driver that failed to import.
    """
    disabled = set(CONF.drivers.disabled_drivers)
    names = [n for n in entry_point_names() if n not in disabled]
    failures = []

    def on_failure(manager, entry_point, error):
        failures.append((entry_point.name, error))

    manager = named.NamedExtensionManager(
        NAMESPACE, names=names, name_order=True,
        on_load_failure_callback=on_failure)
    if failures:
        reasons = '; '.join('%s: %s' % (name, err) for name, err in failures)
        raise exception.DriverLoadError(
            name=', '.join(name for name, _err in failures),
            reason=reasons + _('. Fix the installation or add the driver '
                               'to [drivers] disabled_drivers.'))
    return manager


def _build(manager):
    disabled = set(CONF.drivers.disabled_drivers)
    beta_enabled = set(CONF.drivers.enabled_beta_drivers)
    loaded = LoadedDrivers()
    for ext in sorted(manager.extensions, key=lambda e: e.name):
        if ext.name in disabled:
            continue
        plugin = ext.plugin
        if not (isinstance(plugin, type)
                and issubclass(plugin, base.Driver)):
            raise exception.DriverLoadError(
                name=ext.name,
                reason=_('%s is not a subclass of '
                         'magnum.drivers.base.Driver') % (plugin,))
        if plugin.beta and ext.name not in beta_enabled:
            LOG.info('Cluster driver %s is beta and not listed in '
                     '[drivers] enabled_beta_drivers; skipping it.',
                     ext.name)
            continue
        try:
            driver = plugin()
        except Exception as e:
            raise exception.DriverLoadError(name=ext.name, reason=e)
        driver.name = ext.name
        loaded.add(ext.name, driver)
    LOG.debug('Loaded cluster drivers: %s', ', '.join(loaded.by_name))
    return loaded


def load_drivers():
    """Load the enabled drivers once per process.

    :returns: a :class:`LoadedDrivers`.
    :raises: DriverLoadError, DuplicateDriverTuple
    """
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _build(_make_manager())
        return _loaded


def reset():
    """Forget the loaded drivers, so the next look-up loads them again."""
    global _loaded
    with _lock:
        _loaded = None


def list_drivers():
    """Describe the enabled drivers.

    :returns: a list of :class:`DriverInfo` sorted by name.
    """
    loaded = load_drivers()
    return [DriverInfo(name=name,
                       provides=tuple(_triples(name, driver)),
                       template_path=driver.template_path)
            for name, driver in sorted(loaded.by_name.items())]


def get_driver(server_type, os, coe, driver_name=None):
    """Return the driver for a cluster type.

    :param server_type: ``vm`` or ``bm``.
    :param os: the image's ``os_distro`` property; None when it has none.
    :param coe: the container orchestration engine.
    :param driver_name: the entry-point name of a driver chosen
        explicitly; it must provide the cluster type too.
    :returns: the driver instance.
    :raises: ClusterDriverNotSupported when ``driver_name`` is not an
        enabled driver; ClusterTypeNotSupported when no enabled driver
        (or not the named one) provides the triple.
    """
    loaded = load_drivers()
    triple = (server_type, os, coe)
    if driver_name:
        driver = loaded.by_name.get(driver_name)
        if driver is None:
            raise exception.ClusterDriverNotSupported(
                message=_driver_message(loaded, driver_name),
                driver_name=driver_name)
        if triple not in _triples(driver_name, driver):
            raise _type_not_supported(loaded, triple, driver_name)
        return driver
    driver = loaded.by_triple.get(triple)
    if driver is None:
        raise _type_not_supported(loaded, triple)
    return driver


def get_driver_for_cluster_template(cluster_template):
    """Return the driver a cluster template resolves to.

    :raises: see :func:`get_driver`.
    """
    return get_driver(cluster_template.server_type,
                      cluster_template.cluster_distro,
                      cluster_template.coe,
                      getattr(cluster_template, 'driver', None))


def get_driver_for_cluster(cluster):
    """Return the driver of a cluster, through its template.

    :raises: see :func:`get_driver`.
    """
    return get_driver_for_cluster_template(cluster.cluster_template)


def _driver_message(loaded, driver_name):
    msg = exception.ClusterDriverNotSupported(driver_name=driver_name)
    enabled = ', '.join(sorted(loaded.by_name)) or _('none')
    return '%s %s' % (msg, _('Enabled drivers: %s.') % enabled)


def _type_not_supported(loaded, triple, driver_name=None):
    server_type, os_distro, coe = triple
    kwargs = {'server_type': server_type, 'os': os_distro, 'coe': coe}
    if driver_name:
        candidates = _triples(driver_name, loaded.by_name[driver_name])
    else:
        candidates = list(loaded.by_triple)
    distros = sorted({t[1] for t in candidates
                      if t[0] == server_type and t[2] == coe})
    if not distros and driver_name:
        hint = _('Driver %(driver)s provides: %(types)s.') % {
            'driver': driver_name, 'types': _format_triples(candidates)}
    elif not distros:
        hint = _('No enabled driver provides COE %(coe)s on server type '
                 '%(server_type)s. Enabled cluster types: %(types)s. '
                 'Install a driver for it, or check [drivers] '
                 'disabled_drivers and enabled_beta_drivers.') % {
            'coe': coe, 'server_type': server_type,
            'types': _format_triples(candidates)}
    elif os_distro is None:
        hint = _('The image has no os_distro property; set it with '
                 '"openstack image set --property os_distro=<distro> '
                 '<image>" where <distro> is one of: %s.') % (
            ', '.join(distros))
    else:
        hint = _('No enabled driver supports os_distro %(os)s; the '
                 'image\'s os_distro property (case-sensitive) must be '
                 'one of: %(distros)s.') % {
            'os': os_distro, 'distros': ', '.join(distros)}
    msg = exception.ClusterTypeNotSupported(**kwargs)
    return exception.ClusterTypeNotSupported(
        message='%s %s' % (msg, hint), **kwargs)


def _format_triples(triples):
    if not triples:
        return _('none')
    return ', '.join('(%s, %s, %s)' % t for t in sorted(triples))
