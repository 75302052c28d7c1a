"""The optional libraries of the report layer, imported on first use with a helpful error."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["matplotlib_module", "pandas", "pyplot"]


def _import(name: str, needs: str, extra: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:  # pragma: no cover - the dev extra installs the extras
        msg = f"{needs} need {name.split('.', maxsplit=1)[0]}: pip install 'collabrel[{extra}]'"
        raise ImportError(msg) from exc


def pyplot() -> ModuleType:
    """`matplotlib.pyplot`, or an ImportError naming the `plot` extra."""
    return _import("matplotlib.pyplot", "figures", "plot")


def matplotlib_module(name: str) -> ModuleType:
    """A matplotlib submodule such as `"matplotlib.dates"` (the `plot` extra)."""
    return _import(name, "figures", "plot")


def pandas() -> ModuleType:
    """`pandas`, or an ImportError naming the `pandas` extra."""
    return _import("pandas", "tables", "pandas")
