"""Load a docs hook (`docs/_hooks/*.py`) in a test as mkdocs loads it."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

HOOKS = Path(__file__).resolve().parent.parent / "docs" / "_hooks"


@contextmanager
def loaded_hook(name: str) -> Iterator[ModuleType]:
    """The hook `docs/_hooks/<name>.py` as a module, with its folder on the path while it loads."""
    spec = importlib.util.spec_from_file_location(f"_collabrel_docs_{name}", HOOKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    path = sys.path.copy()
    sys.path.insert(0, str(HOOKS))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = path
    try:
        yield module
    finally:
        del sys.modules[spec.name]
