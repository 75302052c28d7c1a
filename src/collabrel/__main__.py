"""Run the command line as `python -m collabrel` (see `collabrel.cli`)."""

from __future__ import annotations

import sys

from collabrel.cli import main

if __name__ == "__main__":
    sys.exit(main())
