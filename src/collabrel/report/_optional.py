"""The optional libraries of the report layer, imported on first use with a helpful error."""

from __future__ import annotations

from types import ModuleType

from collabrel._optional import import_optional as _import

__all__ = ["matplotlib_module", "pandas", "pyplot"]


def pyplot() -> ModuleType:
    """`matplotlib.pyplot`, or an ImportError naming the `plot` extra."""
    return _import("matplotlib.pyplot", "figures", "plot")


def matplotlib_module(name: str) -> ModuleType:
    """A matplotlib submodule such as `"matplotlib.dates"` (the `plot` extra)."""
    return _import(name, "figures", "plot")


def pandas() -> ModuleType:
    """`pandas`, or an ImportError naming the `pandas` extra."""
    return _import("pandas", "tables", "pandas")
