"""Test helpers for code that uses collabrel: strategies and a lifecycle state machine.

`collabrel.testing.strategies` has one strategy per public
type of `collabrel.model`, valid by construction: whole relationships and
Relationship Management Plans come out with every id reference resolved. Installing collabrel
also registers them with hypothesis, so `st.from_type(Partner)` and `@given(rmp=...)` with
type inference use them too.

`collabrel.testing.lifecycle` has a hypothesis state machine
that drives random event sequences through the lifecycle and checks its invariants; subclass
it to check your own guards.

This package needs hypothesis, which collabrel itself does not depend on; its modules
are imported on first use, so `import collabrel.testing` stays cheap.

Examples:
    >>> from collabrel.testing import strategies
    >>> strategies.__name__
    'collabrel.testing.strategies'
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["lifecycle", "strategies"]


def __getattr__(name: str) -> ModuleType:
    if name in __all__:
        return importlib.import_module(f"collabrel.testing.{name}")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
