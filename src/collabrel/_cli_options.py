"""The options several `collabrel` commands share: PATH..., `--as-of`, `--json` and others.

The others are `--standard`, `--output` and `--input-format`.
Each option is added, parsed and defaulted here once, so `assess`, `demo`, `export` and the
others read it the same way. This is the top layer: `as_of` reads the clock.
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final, Literal, TypeAlias

from collabrel.conformance import catalogues
from collabrel.serialization import FORMATS

__all__ = [
    "DEFAULT_STANDARD",
    "ISSUED",
    "Commands",
    "add_as_of",
    "add_input_format",
    "add_json",
    "add_output",
    "add_paths",
    "add_standard",
    "as_of",
    "as_of_or_issued",
    "today",
]

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"  # noqa: SLF001
"""What `add_subparsers` returns (argparse has no public name for it)."""

DEFAULT_STANDARD: Final = "iso44001:2017"

ISSUED: Final = "issued"
"""The `--as-of` that judges each plan as of its own issue date (`meta.issued_on`)."""


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        msg = f"expected a date such as 2026-10-31 (got {text!r})"
        raise argparse.ArgumentTypeError(msg) from None


def today() -> date:
    """The local calendar day: the default of `--as-of`."""
    return datetime.now(UTC).astimezone().date()


def _standard(text: str) -> str:
    known = catalogues()
    if text not in known:
        msg = f"unknown standard {text!r} (choose from {', '.join(known)})"
        raise argparse.ArgumentTypeError(msg)
    return text


def _iso_date_or_issued(text: str) -> date | Literal["issued"]:
    return ISSUED if text == ISSUED else _iso_date(text)


def add_as_of(command: argparse.ArgumentParser, *, issued: bool = False) -> None:
    """`--as-of YYYY-MM-DD`, the day to judge on (read it with `as_of`).

    With `issued`, `--as-of issued` judges each plan as of its own issue date too (read it
    with `as_of_or_issued`).
    """
    command.add_argument(
        "--as-of",
        type=_iso_date_or_issued if issued else _iso_date,
        default=None,
        metavar="YYYY-MM-DD" + ("|issued" if issued else ""),
        help="judge currency and progress on this day (default: today)"
        + ("; issued: each plan on the day it was issued (meta.issued_on)" if issued else ""),
    )


def as_of(args: argparse.Namespace) -> date:
    """The `--as-of` day, or today."""
    day: date | None = args.as_of
    return day if day is not None else today()


def as_of_or_issued(args: argparse.Namespace) -> date | Literal["issued"]:
    """The `--as-of` day, `"issued"` (each plan on its own issue date), or today."""
    day: date | Literal["issued"] | None = args.as_of
    return day if day is not None else today()


def add_standard(command: argparse.ArgumentParser, what: str) -> None:
    """`--standard NAME`, one of the catalogues; `what` says what it is the standard of."""
    command.add_argument(
        "--standard",
        type=_standard,
        default=DEFAULT_STANDARD,
        metavar="NAME",
        help=f"the standard {what}: {', '.join(catalogues())} (default: {DEFAULT_STANDARD})",
    )


def add_output(command: argparse.ArgumentParser, help: str) -> None:
    """`-o/--output PATH`, where the command writes instead of printing (`None` if not given)."""
    command.add_argument("-o", "--output", type=Path, default=None, metavar="PATH", help=help)


def add_input_format(command: argparse.ArgumentParser) -> None:
    """`--input-format FORMAT`, the format of the documents read (needed for `-`, stdin)."""
    command.add_argument(
        "--input-format",
        choices=FORMATS,
        default=None,
        help="the format of the documents read: needed for - (stdin); else it overrides the"
        " format the suffix names",
    )


def add_json(command: argparse.ArgumentParser) -> None:
    """`--json`: print JSON on stdout, and errors as one JSON object on stderr."""
    command.add_argument(
        "--json",
        action="store_true",
        help="print machine-readable JSON (errors: one JSON object on stderr)",
    )


def add_paths(command: argparse.ArgumentParser, what: str) -> None:
    """PATH..., the documents a command reads (`collabrel._cli_io.expand`), and their format."""
    command.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=f"{what}: files, globs such as 'plans/*.yaml', or - for stdin",
    )
    add_input_format(command)
