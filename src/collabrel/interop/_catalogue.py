"""The catalogue an export is of, and its clause tree in the order every export walks it."""

from __future__ import annotations

from attrs import frozen

from collabrel.conformance import Catalogue, Clause, Requirement, catalogue
from collabrel.errors import ArgumentError

__all__ = ["Branch", "catalogue_of", "tree"]


def catalogue_of(standard: str | Catalogue) -> Catalogue:
    """The catalogue `standard` names, or `standard` itself.

    Raises:
        CatalogueError: If the name is not a built-in catalogue's.
        ArgumentError: If `standard` is neither a name nor a catalogue.
    """
    if isinstance(standard, Catalogue):
        return standard
    if not isinstance(standard, str):
        raise ArgumentError("standard", standard, "a catalogue name or a Catalogue")
    return catalogue(standard)


@frozen(kw_only=True)
class Branch:
    """One clause of the tree: its depth (from 1), its parent and its own requirements."""

    clause: Clause
    depth: int
    parent: Clause | None
    requirements: tuple[Requirement, ...]


def tree(cat: Catalogue) -> tuple[tuple[Branch, ...], tuple[Requirement, ...]]:
    """The clauses in pre-order (each before its sub-clauses), and the requirements outside.

    A requirement is outside the tree when its clause is not reached from a top clause (a
    catalogue built in code need not name its clauses).

    Examples:
        >>> from collabrel.conformance import catalogue
        >>> branches, outside = tree(catalogue("iso44001:2017"))
        >>> [(b.clause.id, b.depth) for b in branches][:3], outside
        ([('4', 1), ('4.1', 2), ('4.2', 2)], ())
    """
    children: dict[str | None, list[Clause]] = {}
    for c in cat.clauses:
        children.setdefault(c.parent, []).append(c)
    under: dict[str, list[Requirement]] = {}
    for r in cat:
        under.setdefault(r.clause, []).append(r)
    branches: list[Branch] = []
    stack: list[tuple[Clause, int, Clause | None]] = [
        (c, 1, None) for c in reversed(children.get(None, []))
    ]
    seen: set[str] = set()
    while stack:
        clause, depth, parent = stack.pop()
        if clause.id in seen:
            continue
        seen.add(clause.id)
        own = tuple(under.get(clause.id, ()))
        branches.append(Branch(clause=clause, depth=depth, parent=parent, requirements=own))
        stack.extend((c, depth + 1, clause) for c in reversed(children.get(clause.id, [])))
    outside = tuple(r for r in cat if r.clause not in seen)
    return tuple(branches), outside
