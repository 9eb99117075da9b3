"""Allow `python -m metanav`."""

import sys

from metanav.cli import main

sys.exit(main())
