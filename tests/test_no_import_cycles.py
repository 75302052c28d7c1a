"""No module of collabrel imports, however lazily, a module that imports it back.

The import graph is read from the source with `ast`: every `import` and `from ... import`
counts wherever it stands (module level, inside a function or a method, under
`TYPE_CHECKING`), and so does `importlib.import_module("...")` with a literal name. A cycle
is one strongly connected component of that graph; the test names its modules in import
order, with the line of each import.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

import collabrel

ROOT = Path(collabrel.__file__).parent

# Import edges: (importer, imported) -> the first line of the importer that imports it.
Edges = dict[tuple[str, str], int]


def _module_names(root: Path, package: str) -> dict[str, Path]:
    names: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _imported(node: ast.AST, module: str, is_package: bool) -> Iterator[tuple[str, str | None]]:
    """(module, attribute) pairs that one AST node imports; attribute may be a submodule."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, None
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            anchor = module.split(".")
            anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
            base = ".".join([*anchor, base] if base else anchor)
        for alias in node.names:
            yield base, alias.name
    elif (
        isinstance(node, ast.Call)
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
        and (
            (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            or (isinstance(node.func, ast.Name) and node.func.id == "import_module")
        )
    ):
        yield node.args[0].value, None


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module of ours that importing `name` loads last (its longest known prefix)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def import_edges(root: Path, package: str) -> Edges:
    """Every import between modules of `package` (whose source is at `root`)."""
    modules = _module_names(root, package)
    edges: Edges = {}
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            for name, attribute in _imported(node, module, is_package):
                target = None
                if attribute is not None:
                    target = _resolve(f"{name}.{attribute}", modules)
                    if target != f"{name}.{attribute}":
                        target = None
                target = target or _resolve(name, modules)
                if target is not None and target != module:
                    line = getattr(node, "lineno", 0)
                    edges.setdefault((module, target), line)
    return edges


def cycles(edges: Edges) -> list[str]:
    """One line per import cycle: its modules in order, each import with its line."""
    graph = nx.DiGraph(list(edges))
    found = []
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        cycle = nx.find_cycle(graph.subgraph(component))
        chain = " -> ".join(f"{a} (line {edges[a, b]})" for a, b in cycle)
        found.append(f"{chain} -> {cycle[0][0]}; all of {sorted(component)}")
    return sorted(found)


def test_collabrel_has_no_import_cycles():
    """No collabrel module imports (at any level, or lazily) one that imports it back."""
    found = cycles(import_edges(ROOT, "collabrel"))
    assert not found, "import cycles:\n" + "\n".join(found)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# Packages of two modules that import each other, one of them in a way easy to miss:
# (case, the first module's file and source, the source of the second, pkg/b.py).
HIDDEN_CYCLES = [
    ("function-level import", "a.py", "from pkg.b import x\n", "def x():\n    from pkg import a\n"),
    (
        "method-level import",
        "__init__.py",
        "from pkg.b import C\n",
        "class C:\n    def m(self):\n        import pkg\n",
    ),
    (
        "import_module",
        "a.py",
        "import importlib\nimportlib.import_module('pkg.b')\n",
        "from pkg.a import y\n",
    ),
    ("relative import", "a.py", "from pkg.b import x\n", "from .a import y\n"),
]


@pytest.mark.parametrize(
    ("name", "source", "b_source"),
    [c[1:] for c in HIDDEN_CYCLES],
    ids=[c[0] for c in HIDDEN_CYCLES],
)
def test_lazy_and_dynamic_imports_count(tmp_path, name, source, b_source):
    """The graph sees imports inside functions, relative imports and import_module calls."""
    _write(tmp_path / "pkg", {"__init__.py": "", name: source, "b.py": b_source})
    edges = import_edges(tmp_path / "pkg", "pkg")
    first = "pkg" if name == "__init__.py" else "pkg.a"
    assert sorted(edges) == sorted([(first, "pkg.b"), ("pkg.b", first)])
    (found,) = cycles(edges)
    assert f"{first} (line " in found
    assert "pkg.b (line " in found


def test_an_acyclic_package_has_no_cycles(tmp_path):
    """Imports that only go one way make no cycle."""
    _write(
        tmp_path / "pkg",
        {"__init__.py": "from pkg.a import f\n", "a.py": "from pkg.b import g\n", "b.py": ""},
    )
    assert cycles(import_edges(tmp_path / "pkg", "pkg")) == []
