"""Run ``python3 tools/localcloud up|down|status``."""

import os
import sys

# Run as a directory, sys.path[0] is this package's own directory, whose
# module names (venv, shell, ...) must not shadow others: use tools/.
sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

from localcloud import cli  # noqa: E402

if __name__ == '__main__':
    sys.exit(cli.main())
