"""Write oslo.config style ini files only when their text changes."""

import os


def render(sections):
    """Return ini text for ``{section: {option: value}}``.

    Sections and options keep their order; lists become comma separated.
    """
    lines = []
    for section, options in sections.items():
        lines.append('[%s]' % section)
        for key, value in options.items():
            if isinstance(value, (list, tuple)):
                value = ','.join(str(v) for v in value)
            elif isinstance(value, bool):
                value = 'true' if value else 'false'
            lines.append('%s = %s' % (key, value))
        lines.append('')
    return '\n'.join(lines)


def write_if_changed(path, text, mode=0o600):
    """Write ``text`` to ``path`` unless it already holds it.

    :returns: True when the file was written.
    """
    try:
        with open(path) as f:
            if f.read() == text:
                return False
    except OSError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + '.tmp'
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode),
              'w') as f:
        f.write(text)
    os.replace(tmp, path)
    return True


def copy_if_changed(source, path):
    """Copy a file (a paste ini shipped in the venv) unless identical."""
    with open(source) as f:
        return write_if_changed(path, f.read(), mode=0o644)
