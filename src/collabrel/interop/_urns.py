"""The URNs collabrel gives its catalogues in CISO Assistant, built in one place.

Every URN the library export, the mapping set and the assessment import use comes from
`urn()`, so they cannot disagree. They follow CISO Assistant's scheme,
`urn:<packager>:risk:<kind>:<name>[:<node>]`, in lower case (CISO Assistant lower-cases
URNs when it imports a library):

- a library: `urn:collabrel:risk:library:iso44001-2017`
- its framework: `urn:collabrel:risk:framework:iso44001-2017`
- a clause: `urn:collabrel:risk:req_node:iso44001-2017:8.2`
- a requirement: `urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci`
- a crosswalk's mapping set: `urn:collabrel:risk:req_mapping_set:bs11000-1-2010-to-iso44001-2017`
  (its library: `urn:collabrel:risk:library:mapping-bs11000-1-2010-to-iso44001-2017`)
"""

from __future__ import annotations

from typing import Final, Literal

from collabrel.conformance import Catalogue, Crosswalk, Requirement
from collabrel.errors import CatalogueError, Problem

__all__ = [
    "PACKAGER",
    "clause_urn",
    "framework_urn",
    "library_urn",
    "mapping_library_urn",
    "mapping_set_urn",
    "requirement_urn",
    "requirements_by_urn",
    "slug",
    "urn",
]

PACKAGER: Final = "collabrel"
"""The packager part of every URN (and the libraries' `packager`)."""

Kind = Literal["library", "framework", "req_node", "req_mapping_set"]


def slug(name: str) -> str:
    """A catalogue name as a URN part: `"iso44001:2017"` is `"iso44001-2017"`.

    Examples:
        >>> slug("bs11000-1:2010")
        'bs11000-1-2010'
    """
    return name.replace(":", "-").lower()


def urn(kind: Kind, *parts: str) -> str:
    """The URN of a `kind` of object named by `parts`, in lower case.

    Examples:
        >>> urn("req_node", "iso44001-2017", "CBR.S5.RACI")
        'urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci'
    """
    return ":".join(("urn", PACKAGER, "risk", kind, *parts)).lower()


def library_urn(name: str) -> str:
    """The URN of the library of the catalogue `name`."""
    return urn("library", slug(name))


def framework_urn(name: str) -> str:
    """The URN of the framework of the catalogue `name`."""
    return urn("framework", slug(name))


def clause_urn(name: str, clause: str) -> str:
    """The URN of the requirement node of clause `clause` of the catalogue `name`."""
    return urn("req_node", slug(name), clause)


def requirement_urn(name: str, requirement: str) -> str:
    """The URN of the requirement node of the requirement `requirement` of catalogue `name`."""
    return urn("req_node", slug(name), requirement)


def _mapping_name(mapping: Crosswalk) -> str:
    return f"{slug(mapping.left)}-to-{slug(mapping.right)}"


def mapping_library_urn(mapping: Crosswalk) -> str:
    """The URN of the library that carries a crosswalk."""
    return urn("library", f"mapping-{_mapping_name(mapping)}")


def mapping_set_urn(mapping: Crosswalk) -> str:
    """The URN of a crosswalk's requirement mapping set."""
    return urn("req_mapping_set", _mapping_name(mapping))


def requirements_by_urn(catalogue: Catalogue) -> tuple[dict[str, Requirement], frozenset[str]]:
    """The catalogue's requirements by URN, and the URNs of its clauses.

    Raises:
        CatalogueError: If two nodes would share a URN (a clause id equal to a requirement id
            in lower case, or ids differing only in case).

    Examples:
        >>> from collabrel.conformance import catalogue
        >>> by_urn, clauses = requirements_by_urn(catalogue("iso44001:2017"))
        >>> by_urn["urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci"].clause
        '8.6'
        >>> "urn:collabrel:risk:req_node:iso44001-2017:8.6" in clauses
        True
    """
    by_urn = {requirement_urn(catalogue.name, r.id): r for r in catalogue}
    clauses = frozenset(clause_urn(catalogue.name, c.id) for c in catalogue.clauses)
    clashes = sorted(set(by_urn) & clauses)
    problems = [Problem("", f"a clause and a requirement share the URN {u}") for u in clashes]
    if len(by_urn) != len(catalogue) or len(clauses) != len(catalogue.clauses):
        problems.append(Problem("", "ids that differ only in case share a URN"))
    if problems:
        raise CatalogueError(problems, source=catalogue.source)
    return by_urn, clauses
