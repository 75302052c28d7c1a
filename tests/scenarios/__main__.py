"""Print the scenario suite's table: `python -m tests.scenarios`."""

from __future__ import annotations

import sys

from ._score import score_all, table


def main() -> int:
    """Score every scenario and print the table (Markdown)."""
    sys.stdout.write(table(score_all()) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
