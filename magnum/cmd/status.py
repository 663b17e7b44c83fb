"""magnum-status: checks an operator runs before and after an upgrade.

``magnum-status upgrade check`` exits 0 when everything passes, 1 when a
check warns and 2 when one fails; each result says what to fix.
"""

import sys

from oslo_upgradecheck import common_checks
from oslo_upgradecheck import upgradecheck

from magnum.common import exception
import magnum.conf
from magnum.drivers import registry
from magnum.i18n import _

CONF = magnum.conf.CONF

Code = upgradecheck.Code
Result = upgradecheck.Result


def _first_line(error):
    inner = getattr(error, 'inner_exception', None) or error
    text = str(inner).strip() or type(inner).__name__
    return text.splitlines()[0]


class Checks(upgradecheck.UpgradeCommands):
    """magnum's upgrade checks."""

    def _check_database_schema(self):
        # Imported here so that the other checks still run when the
        # database libraries are broken.
        try:
            from magnum.db import migration
            head = migration.head_revision()
            current = migration.version()
        except Exception as e:
            return Result(Code.FAILURE, _(
                'Cannot read the schema version of the database: %s. Check '
                'that the database is reachable and that [database] '
                'connection is right.') % _first_line(e))
        if current is None:
            return Result(Code.FAILURE, _(
                'The database has no magnum schema. Run "magnum-db-manage '
                'upgrade".'))
        if current != head:
            return Result(Code.FAILURE, _(
                'The database schema is at revision %(current)s, this '
                'release needs %(head)s. Run "magnum-db-manage upgrade".')
                % {'current': current, 'head': head})
        return Result(Code.SUCCESS)

    def _check_drivers(self):
        registry.reset()
        try:
            loaded = registry.load_drivers()
        except (exception.DriverLoadError,
                exception.DuplicateDriverTuple) as e:
            return Result(Code.FAILURE, str(e))
        finally:
            registry.reset()
        installed = set(registry.entry_point_names())
        problems = []
        default = CONF.drivers.default_driver
        if default and default not in loaded.by_name:
            return Result(Code.FAILURE, _(
                '[drivers] default_driver = %(name)s is not an enabled '
                'driver; enabled drivers: %(enabled)s.') % {
                'name': default,
                'enabled': ', '.join(sorted(loaded.by_name)) or _('none')})
        for option in ('disabled_drivers', 'enabled_beta_drivers'):
            unknown = sorted(set(getattr(CONF.drivers, option)) - installed)
            if unknown:
                problems.append(_(
                    '[drivers] %(option)s names drivers that are not '
                    'installed: %(names)s; check the spelling.') % {
                    'option': option, 'names': ', '.join(unknown)})
        if not loaded.by_name:
            problems.append(_(
                'No cluster driver is enabled, so no cluster can be '
                'created. Install a driver package, or check [drivers] '
                'disabled_drivers and enabled_beta_drivers.'))
        if problems:
            return Result(Code.WARNING, ' '.join(problems))
        return Result(Code.SUCCESS)

    def _check_policy_file(self):
        return common_checks.check_policy_json(self, CONF)

    def _check_trustee_domain(self):
        trust = CONF.trust
        missing = []
        if not (trust.trustee_domain_id or trust.trustee_domain_name):
            missing.append(_('trustee_domain_id or trustee_domain_name'))
        if not (trust.trustee_domain_admin_id
                or trust.trustee_domain_admin_name):
            missing.append(_('trustee_domain_admin_id or '
                             'trustee_domain_admin_name'))
        if not trust.trustee_domain_admin_password:
            missing.append('trustee_domain_admin_password')
        if missing:
            return Result(Code.FAILURE, _(
                'Clusters get a trustee user and a trust at creation, which '
                'needs [trust] %s. Create a domain for trustee users and '
                'a user that administers it (for example with '
                '"openstack domain create magnum" and "openstack role add '
                '--domain magnum --user magnum_domain_admin admin"), then '
                'set these options.') % '; '.join(missing))
        return Result(Code.SUCCESS)

    _upgrade_checks = (
        (_('Database schema at head'), _check_database_schema),
        (_('Cluster drivers load'), _check_drivers),
        (_('Policy file format'), _check_policy_file),
        (_('Trustee domain configured'), _check_trustee_domain),
    )


def main():
    return upgradecheck.main(CONF, project='magnum',
                             upgrade_command=Checks())


if __name__ == '__main__':
    sys.exit(main())
