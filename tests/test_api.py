"""The public API: what users import is there, sorted, documented and layered."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from types import ModuleType

import pytest

import collabrel

PUBLIC_MODULES = [
    "collabrel",
    "collabrel.errors",
    "collabrel.model",
    "collabrel.lifecycle",
    "collabrel.governance",
    "collabrel.metrics",
    "collabrel.conformance",
    "collabrel.serialization",
    "collabrel.report",
    "collabrel.interop",
    "collabrel.portfolio",
    "collabrel.evidence",
    "collabrel.examples",
    "collabrel.testing",
    "collabrel.testing.strategies",
    "collabrel.testing.lifecycle",
]

LIFECYCLE_ENTRY_POINTS = {"LifecycleState", "Event", "step", "can", "replay", "state_as_of"}

REQUIRED_TOP_LEVEL = {
    "Relationship",
    "Partner",
    "Person",
    "RACIMatrix",
    "ValueProposition",
    "ExitPlan",
    "Risk",
    "KPI",
    "RelationshipManagementPlan",
    "Stage",
    "Phase",
    "load",
    "loads",
    "dump",
    "dumps",
    "json_schema",
    "CollabrelError",
    "DocumentError",
    "examples",
}


def _isort_key(name: str) -> tuple[int, str]:
    """Constants first, then classes, then functions and modules (ruff's RUF022 order)."""
    if name.isupper() and len(name) > 1:
        return (0, name)
    return (1, name) if name[:1].isupper() else (2, name)


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_is_sorted_and_importable(name: str) -> None:
    """Each public module's __all__ is sorted and every name in it exists."""
    module = _module(name)
    names = list(module.__all__)
    assert names == sorted(names, key=_isort_key)
    for attr in names:
        assert hasattr(module, attr), f"{name}.{attr}"


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_public_objects_are_documented(name: str) -> None:
    """Every public class, function and module has a docstring."""
    module = _module(name)
    assert inspect.getdoc(module)
    for attr in module.__all__:
        obj = getattr(module, attr)
        if inspect.isclass(obj) or inspect.isfunction(obj) or inspect.ismodule(obj):
            assert inspect.getdoc(obj), f"{name}.{attr} has no docstring"


def test_issue_entry_points_are_exposed() -> None:
    """`import collabrel as cr` exposes the names the foundation promises."""
    assert set(collabrel.__all__) >= REQUIRED_TOP_LEVEL


def test_lifecycle_entry_points_are_exposed() -> None:
    """`collabrel.lifecycle` exposes the entry points the lifecycle issue promises."""
    from collabrel import lifecycle  # noqa: PLC0415

    assert set(lifecycle.__all__) >= LIFECYCLE_ENTRY_POINTS


def test_model_is_re_exported_at_top_level() -> None:
    """Top-level names are the very objects defined in collabrel.model / errors."""
    from collabrel import errors, lifecycle, model  # noqa: PLC0415

    for attr in collabrel.__all__:
        for source in (model, errors, lifecycle):
            if attr in getattr(source, "__all__", ()):
                assert getattr(collabrel, attr) is getattr(source, attr)


def _loaded(code: str, modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` a fresh interpreter has imported after running `code`."""
    probe = f"{code}; import sys; print(*(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def test_import_is_cheap() -> None:
    """Importing collabrel loads neither networkx, hypothesis nor the YAML/TOML writers."""
    assert _loaded("import collabrel", ("networkx", "hypothesis", "pandas", "matplotlib")) == []


def test_importing_hypothesis_does_not_import_the_strategies() -> None:
    """Registration is lazy: hypothesis loads collabrel's plugin, not the strategies."""
    modules = ("collabrel.testing.strategies", "collabrel.testing._hypothesis_plugin")
    assert _loaded("import hypothesis", modules) == [modules[1]]


def test_lazy_names_match_all() -> None:
    """Every __all__ name but the version loads lazily from its home, dir() lists them all."""
    lazy = set(collabrel.__all__) - {"__version__"}
    for name in lazy:
        assert collabrel.__getattr__(name) is getattr(collabrel, name), name
    assert set(dir(collabrel)) >= lazy
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = collabrel.nope  # type: ignore[attr-defined]
