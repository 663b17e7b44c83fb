"""Progress lines and the timing summary of a command."""

import sys
import time


class Report(object):
    """Print what is going on and remember how long each step took."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self.started = time.monotonic()
        self.steps = []
        self._tty = self.stream.isatty()
        self._pending = False
        self._printed = {}

    def say(self, text):
        """Print one line of progress."""
        self._clear()
        self.stream.write(text + '\n')
        self.stream.flush()

    def waiting(self, what, since):
        """Show that ``what`` is still awaited, rewriting the line on a tty.

        Off a tty, a line is printed at most every five seconds.
        """
        elapsed = time.monotonic() - since
        line = 'waiting for %s ... %.1fs' % (what, elapsed)
        if self._tty:
            self.stream.write('\r\033[K' + line)
            self._pending = True
        elif int(elapsed) // 5 > self._printed.get(what, 0):
            self._printed[what] = int(elapsed) // 5
            self.stream.write(line + '\n')
        self.stream.flush()

    def step(self, name):
        """Return a context manager that times the step ``name``."""
        return _Step(self, name)

    def summary(self):
        """Print the time of every step and the total."""
        self._clear()
        total = time.monotonic() - self.started
        self.stream.write('timing:\n')
        for name, seconds in self.steps:
            self.stream.write('  %-28s %7.1fs\n' % (name, seconds))
        self.stream.write('  %-28s %7.1fs\n' % ('total', total))
        self.stream.flush()

    def _clear(self):
        if self._pending:
            self.stream.write('\r\033[K')
            self._pending = False


class _Step(object):
    def __init__(self, report, name):
        self.report = report
        self.name = name

    def __enter__(self):
        self.began = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.report.steps.append((self.name, time.monotonic() - self.began))
        return False
