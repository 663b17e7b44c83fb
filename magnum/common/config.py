"""Loading magnum's configuration at process start-up.

``parse_args`` is the one place a magnum process reads its configuration.
It turns every configuration mistake into a single-line error naming the
option, the bad value and where it came from, so an operator sees what to
fix instead of a traceback.
"""

import contextlib
import glob
import io
import os
import re
import sys

from oslo_config import cfg
from oslo_config import types
from oslo_log import log
from oslo_middleware import cors

import magnum.conf
from magnum.conf import database
from magnum.conf import opts as magnum_opts
from magnum import version

_CORS_ALLOW_HEADERS = [
    'X-Auth-Token',
    'X-Identity-Status',
    'X-Roles',
    'X-Service-Catalog',
    'X-User-Id',
    'X-Tenant-Id',
    'X-OpenStack-Request-ID',
    'X-Server-Management-Url',
    'OpenStack-API-Version',
]
_CORS_EXPOSE_HEADERS = [
    'X-Auth-Token',
    'X-Subject-Token',
    'X-Service-Token',
    'X-OpenStack-Request-ID',
    'OpenStack-API-Version',
    'OpenStack-API-Minimum-Version',
    'OpenStack-API-Maximum-Version',
]
_CORS_ALLOW_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH']

_EXTRA_LOG_LEVELS = ['pecan=WARN', 'wsme=WARN', 'heatclient=WARN']

# What oslo.config writes before exiting when a file sets a command-line
# option to a value of the wrong type.
_CLI_VALUE_ERROR = re.compile(
    r'argument --(?P<name>[\w-]+): Invalid (?P<type>.+?) value: '
    r'(?P<value>.*)$',
    re.DOTALL)

# Exit status for a configuration error, as for a command-line usage error.
EXIT_STATUS = 2


class ConfigurationError(SystemExit):
    """The configuration cannot be used; the process should stop.

    The exit status is :data:`EXIT_STATUS`; ``str()`` gives the one-line
    message, which :func:`parse_args` has already written to stderr.
    """

    def __init__(self, message):
        super().__init__(EXIT_STATUS)
        self.message = message

    def __str__(self):
        return self.message


def set_config_defaults():
    """Set magnum's defaults for options owned by libraries.

    Also registered as the ``oslo.config.opts.defaults`` hook, so the
    sample configuration shows these defaults.
    """
    cors.set_defaults(allow_headers=_CORS_ALLOW_HEADERS,
                      expose_headers=_CORS_EXPOSE_HEADERS,
                      allow_methods=_CORS_ALLOW_METHODS)
    log.set_defaults(
        default_log_levels=log.get_default_log_levels() + _EXTRA_LOG_LEVELS)
    database.set_library_defaults()


def parse_args(argv, default_config_files=None, validate=True,
               conf=None):
    """Parse the command line and configuration files.

    :param argv: the full argument vector; ``argv[0]`` names the program in
        error messages
    :param default_config_files: files to read when no ``--config-file`` is
        given; ``None`` lets oslo.config search its usual places
    :param validate: read every registered option once so that a bad value
        in a file stops start-up instead of failing on first use
    :param conf: the ``ConfigOpts`` to fill; ``magnum.conf.CONF`` by default
    :raises ConfigurationError: (a ``SystemExit`` with status 2) when a file
        is missing or unparsable or a value is invalid; the one-line message
        is printed to stderr first
    """
    conf = magnum.conf.CONF if conf is None else conf
    prog = os.path.basename(argv[0]) if argv else 'magnum'
    try:
        log.register_options(conf)
    except cfg.ArgsAlreadyParsedError:
        # Parsed before: the logging options are registered already.
        pass
    set_config_defaults()
    try:
        _call_conf(conf, argv[1:], prog, default_config_files)
        if validate:
            _validate_values(conf)
    except _BadValue as exc:
        _fail(prog, exc.describe(conf))
    except cfg.ConfigFilesNotFoundError as exc:
        _fail(prog, 'configuration file not found or not readable: %s' %
              ', '.join(exc.config_files))
    except cfg.ConfigFileParseError as exc:
        _fail(prog, 'cannot parse %s: %s' % (exc.config_file, exc.msg))
    except (cfg.Error, ValueError) as exc:
        _fail(prog, str(exc))


def _call_conf(conf, args, prog, default_config_files):
    """Run oslo.config's parser, rewording its own exits for bad values.

    For a command-line option (such as ``debug``) set to a bad value in a
    file, oslo.config writes a line to stderr and exits with status 1
    itself; that case is turned into a :class:`_BadValue` here.
    """
    captured = io.StringIO()
    try:
        with contextlib.redirect_stderr(captured):
            conf(args,
                 project='magnum',
                 prog=prog,
                 version=version.version_string(),
                 default_config_files=default_config_files)
    except SystemExit:
        match = _CLI_VALUE_ERROR.match(captured.getvalue())
        if match is None:
            sys.stderr.write(captured.getvalue())
            raise
        raise _BadValue(None, match.group('name').replace('-', '_'),
                        ValueError(captured.getvalue().strip()),
                        raw=match.group('value').strip(),
                        expected='a valid %s value' % match.group('type'),
                        ) from None
    sys.stderr.write(captured.getvalue())


def _validate_values(conf):
    """Read every registered option of ``conf`` once.

    :raises _BadValue: for the first option whose value does not convert
    """
    for key in list(conf):
        try:
            value = conf[key]
        except (cfg.ConfigSourceValueError, ValueError) as exc:
            raise _BadValue(None, key, exc) from exc
        if not isinstance(value, cfg.ConfigOpts.GroupAttr):
            continue
        for name in list(value):
            try:
                value[name]
            except (cfg.ConfigSourceValueError, ValueError) as exc:
                raise _BadValue(key, name, exc) from exc


def _fail(prog, detail):
    message = '%s: configuration error: %s' % (prog, _one_line(detail))
    print(message, file=sys.stderr)
    raise ConfigurationError(message)


def _one_line(text):
    return ' '.join(str(text).split())


class _BadValue(Exception):
    """An option whose configured value does not convert to its type."""

    def __init__(self, group, name, error, raw=None, expected=None):
        super().__init__(group, name)
        self.group = group
        self.name = name
        self.error = error
        self.raw = raw
        self.expected = expected

    def describe(self, conf):
        """Return ``[group] name: value 'x' in FILE is not <expected>``."""
        section = self.group or 'DEFAULT'
        raw, source = _raw_value(conf, section, self.name)
        if raw is None:
            raw = self.raw
        subject = 'value %r' % raw if raw is not None else 'the value'
        if source:
            subject += ' in %s' % source
        expected = self.expected
        if expected is None:
            opt = _find_opt(self.group, self.name)
            expected = _expected(opt.type) if opt is not None else None
        if expected:
            problem = 'is not %s' % expected
        else:
            problem = 'is not valid (%s)' % _reason(self.error)
        return '[%s] %s: %s %s' % (section, self.name, subject, problem)


def _find_opt(group, name):
    """Return magnum's ``Opt`` for ``[group] name``, or None.

    Options owned by libraries are not found; their errors fall back to the
    library's own wording.
    """
    wanted = group or 'DEFAULT'
    for opt_group, opts in magnum_opts.list_opts():
        if getattr(opt_group, 'name', opt_group) != wanted:
            continue
        for opt in opts:
            if opt.dest == name:
                return opt
    return None


def _raw_value(conf, section, name):
    """Return (raw string, where it was set) for an option, if known.

    Follows oslo.config's precedence: an environment variable beats the
    files, and a later file beats an earlier one.
    """
    env_name = 'OS_%s__%s' % (section.upper(), name.upper())
    if env_name in os.environ:
        return os.environ[env_name], 'environment variable %s' % env_name
    found = (None, None)
    for path in _config_files(conf):
        sections = {}
        try:
            cfg.ConfigParser(path, sections).parse()
        except (OSError, cfg.ParseError):
            continue
        values = sections.get(section, {}).get(name)
        if values:
            found = (values[-1], path)
    return found


def _config_files(conf):
    try:
        files = list(conf.config_file or [])
        config_dirs = conf.config_dir or []
    except cfg.Error:
        # The parse stopped before the file options were set.
        return []
    if isinstance(config_dirs, str):
        config_dirs = [config_dirs]
    for directory in config_dirs:
        files.extend(sorted(glob.glob(os.path.join(directory, '*.conf'))))
    return files


def _expected(opt_type):
    """Describe, in words, the values an option type accepts."""
    if isinstance(opt_type, types.Port):
        return 'a valid port number (%d to %d)' % (opt_type.min,
                                                   opt_type.max)
    if isinstance(opt_type, types.Integer):
        return _range('an integer', opt_type.min, opt_type.max)
    if isinstance(opt_type, types.Float):
        return _range('a number', opt_type.min, opt_type.max)
    if isinstance(opt_type, types.Boolean):
        return 'a boolean (true/false, yes/no, on/off or 1/0)'
    if isinstance(opt_type, types.String) and opt_type.choices:
        return 'one of: %s' % ', '.join(str(c) for c in opt_type.choices)
    if isinstance(opt_type, types.IPAddress):
        return 'a valid IP address'
    if isinstance(opt_type, types.HostAddress):
        return 'a valid host name or IP address'
    if isinstance(opt_type, types.URI):
        return 'a valid URI'
    return None


def _range(kind, minimum, maximum):
    if minimum is not None and maximum is not None:
        return '%s from %s to %s' % (kind, minimum, maximum)
    if minimum is not None:
        return '%s greater than or equal to %s' % (kind, minimum)
    if maximum is not None:
        return '%s less than or equal to %s' % (kind, maximum)
    return kind


def _reason(error):
    # oslo.config wraps the type's own complaint; that inner message is the
    # useful part, the wrapper repeats the option name and a location repr.
    inner = error.__context__ or error.__cause__
    return _one_line(inner if inner is not None else error)
