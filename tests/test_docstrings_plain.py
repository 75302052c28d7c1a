"""Docstrings read plainly in `help()`: names in backticks, links only in the built docs.

The docs build links them (`docs/_griffe/crossrefs.py`); these tests check the sources carry
no mkdocs link markup and that the extension links a name from its docstring's own scope.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

import collabrel

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "src" / "collabrel"
EXTENSION = ROOT / "docs" / "_griffe" / "crossrefs.py"
# [`name`][target], [`name`][] and [`name`][..sibling]: what help() would show verbatim.
MARKUP = re.compile(r"`\]\[[\w.]*\]")


def test_sources_carry_no_crossref_markup() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(SOURCES.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MARKUP.search(line)
    ]
    assert not found, "write `Name` instead of link markup:\n" + "\n".join(found)


def test_help_shows_plain_names() -> None:
    assert collabrel.NoRelationshipError.__doc__ is not None
    assert "`RelationshipManagementPlan.require_relationship`" in (
        collabrel.NoRelationshipError.__doc__
    )
    assert not MARKUP.search(collabrel.NoRelationshipError.__doc__)


@pytest.fixture(scope="module")
def crossrefs() -> ModuleType:
    pytest.importorskip("griffe")
    spec = importlib.util.spec_from_file_location("_collabrel_crossrefs", EXTENSION)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_docs_build_links_names_from_their_scope(crossrefs: ModuleType) -> None:
    griffe = pytest.importorskip("griffe")
    pkg = griffe.load("collabrel", search_paths=[str(ROOT / "src")], extensions=None)
    crossrefs.PlainCrossrefs().on_package(pkg=pkg)
    errors = pkg["errors"]
    doc = errors["NoRelationshipError"].docstring.value
    assert (
        "[`RelationshipManagementPlan.require_relationship`]"
        "[collabrel.model.RelationshipManagementPlan.require_relationship]"
    ) in doc
    assert "[`conformance.Context.relationship`][collabrel.conformance.Context.relationship]" in doc
    # `path` is a parameter here and also `collabrel.examples.path`: not linked.
    dump = pkg["serialization._io"].members["dump"].docstring.value
    assert "`path`" in dump
    assert "[`path`]" not in dump
    # Examples are code, never rewritten.
    assess = pkg["conformance._assess"].members["assess"].docstring.value
    assert ">>>" in assess
    assert all("][" not in line for line in assess.splitlines() if ">>>" in line)
