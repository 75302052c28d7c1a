"""Registers collabrel's strategies with hypothesis, so `st.from_type(Partner)` works.

Hypothesis calls `_register` through the `hypothesis` entry point while it is being
imported. Registration is lazy: each type gets a function that imports
`collabrel.testing.strategies` only when hypothesis first needs a strategy for that type, so
importing hypothesis neither builds strategies nor imports this package's strategy module.
Enums are left to hypothesis, which draws their members itself (and so do the strategies).
"""

from __future__ import annotations

import importlib
from enum import Enum
from typing import Any

from collabrel.testing._names import strategy_name


def _lazy(name: str) -> Any:
    """A function giving the strategy `strategies.<name>()`, importing it on first use."""

    def resolve(_: type) -> Any:
        module = importlib.import_module("collabrel.testing.strategies")
        return getattr(module, name)()

    return resolve


def _register() -> None:
    """Register a strategy for every public class of `collabrel.model` with hypothesis.

    Does nothing when hypothesis or collabrel's model cannot be imported (a broken or partial
    install), so it never stops hypothesis from importing; the test suite checks that every
    public type resolves.
    """
    try:
        from hypothesis import strategies as st  # noqa: PLC0415  (only when hypothesis loads us)

        model = importlib.import_module("collabrel.model")
    except ImportError:  # pragma: no cover - depends on the environment
        return
    for name in model.__all__:
        cls = getattr(model, name)
        if isinstance(cls, type) and not issubclass(cls, Enum):
            st.register_type_strategy(cls, _lazy(strategy_name(name)))
