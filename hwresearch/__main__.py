"""``python -m hwresearch``: the command line."""

import sys

from hwresearch.cli import main

sys.exit(main())
