"""Helpers for the command-line tests: example plans on disk and the day they are judged on."""

from __future__ import annotations

import collabrel
from collabrel import examples

AS_OF = "2026-10-31"
"""The day every CLI test judges on, so the answers do not change from day to day."""


def write_example(tmp_path, name="alliance", suffix=".yaml"):
    """Save the bundled example `name` in `tmp_path` as `name` + `suffix`; its path."""
    path = tmp_path / f"{name}{suffix}"
    if suffix == ".yaml":  # the bundled text as it is
        path.write_text(examples.text(name), encoding="utf-8")
    else:
        collabrel.dump(examples.load(name), path)
    return path
