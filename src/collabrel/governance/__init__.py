"""Governance: RACI validation and multi-party consortium governance graphs.

Alliances with five or ten organisations fail at their seams: two accountables for one
decision, an escalation ladder that loops, a partner with no route to the executive board,
one person on whom every decision hangs. This package makes those visible, as
`Finding`s:

- `validate_raci` checks a responsibility matrix
  (RACI, RASCI, RACI-VS or DACI);
- `governance_graph` turns a relationship into a
  typed networkx `MultiDiGraph` of organisations, people, bodies and activities;
- `raci_table`, `raci_to_csv` and `raci_from_csv` lay a
  matrix out as a table (`collabrel.report` adds pandas DataFrames and a drawing);
- `analyze` runs every check on a relationship, a plan or
  such a graph; `analyze_portfolio` on many
  relationships at once.

Examples:
    >>> from collabrel import examples
    >>> from collabrel.governance import analyze
    >>> for f in analyze(examples.load("flawed")).select("GOV.ESCALATION"):
    ...     print(f.result.value, f.requirement, f.subjects)
    major GOV.ESCALATION.CYCLE ('jmt', 'board')
    major GOV.ESCALATION.NO_TOP ()
"""

from __future__ import annotations

from collabrel.governance._analysis import analyze, analyze_portfolio, escalation_betweenness
from collabrel.governance._backend import Backend
from collabrel.governance._findings import GovernanceFinding, GovernanceReport, Limits
from collabrel.governance._graph import (
    governance_graph,
    portfolio_graph,
    to_graphml,
    to_node_link,
)
from collabrel.governance._kinds import EdgeKind, NodeKind, node_key
from collabrel.governance._raci import ALPHABETS, RaciAlphabet, resolve_alphabet, validate_raci
from collabrel.governance._tables import RaciTable, raci_from_csv, raci_table, raci_to_csv

__all__ = [
    "ALPHABETS",
    "Backend",
    "EdgeKind",
    "GovernanceFinding",
    "GovernanceReport",
    "Limits",
    "NodeKind",
    "RaciAlphabet",
    "RaciTable",
    "analyze",
    "analyze_portfolio",
    "escalation_betweenness",
    "governance_graph",
    "node_key",
    "portfolio_graph",
    "raci_from_csv",
    "raci_table",
    "raci_to_csv",
    "resolve_alphabet",
    "to_graphml",
    "to_node_link",
    "validate_raci",
]
