"""The governance functions check their arguments and say which one is wrong."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from collabrel import examples
from collabrel.errors import GovernanceError
from collabrel.governance import (
    analyze,
    analyze_portfolio,
    escalation_betweenness,
    governance_graph,
    portfolio_graph,
    raci_from_csv,
    raci_table,
    raci_to_csv,
    resolve_alphabet,
    to_graphml,
    to_node_link,
    validate_raci,
)

REL = examples.load("alliance").relationship
RACI = REL.governance.raci

_Call = Callable[[object], object]
NOT_INT: list[object] = [math.nan, 2.5, True, "2", object(), None]
NOT_OBJECT: list[object] = [math.nan, 1, True, "x", object(), [object()]]
# Each argument, how to pass it a value, the word its error must name it by, what it refuses.
CALLS: list[tuple[str, _Call, str, list[object]]] = [
    ("analyze.limits", lambda x: analyze(REL, limits=x), "limits", NOT_OBJECT),
    ("analyze.samples", lambda x: analyze(REL, samples=x), "samples", [*NOT_INT[:-1], 1, -1]),
    ("analyze.seed", lambda x: analyze(REL, seed=x), "seed", NOT_INT),
    ("analyze_portfolio.relationships", analyze_portfolio, "relationships", NOT_OBJECT),
    (
        "escalation_betweenness.samples",
        lambda x: escalation_betweenness(REL, samples=x),
        "samples",
        [*NOT_INT[:-1], 0],
    ),
    ("escalation_betweenness.seed", lambda x: escalation_betweenness(REL, seed=x), "seed", NOT_INT),
    ("validate_raci.matrix", validate_raci, "matrix", NOT_OBJECT),
    ("validate_raci.alphabet", lambda x: validate_raci(RACI, x), "alphabet", NOT_OBJECT[:3]),
    ("validate_raci.limits", lambda x: validate_raci(RACI, limits=x), "limits", NOT_OBJECT),
    ("validate_raci.path", lambda x: validate_raci(RACI, path=x), "path", NOT_OBJECT[:3]),
    ("resolve_alphabet.letters", lambda x: resolve_alphabet(None, x), "letters", NOT_OBJECT),
    ("governance_graph.relationship", governance_graph, "relationship", NOT_OBJECT),
    ("portfolio_graph.relationships", portfolio_graph, "relationships", NOT_OBJECT),
    ("raci_table.matrix", raci_table, "matrix", NOT_OBJECT),
    ("raci_to_csv.matrix", raci_to_csv, "matrix", NOT_OBJECT),
    ("raci_from_csv.text", raci_from_csv, "text", [*NOT_OBJECT[:3], [1]]),
    (
        "raci_from_csv.alphabet",
        lambda x: raci_from_csv(raci_to_csv(RACI), alphabet=x),
        "alphabet",
        NOT_OBJECT,
    ),
    ("to_node_link.graph", to_node_link, "graph", NOT_OBJECT),
    ("to_graphml.graph", lambda x: to_graphml(x, "unused.graphml"), "graph", NOT_OBJECT),
]
CASES = [(call, words, bad) for _, call, words, bads in CALLS for bad in bads]
IDS = [f"{name}={bad!r}" for name, _, _, bads in CALLS for bad in bads]


class TestArguments:
    @pytest.mark.parametrize(("call", "words", "bad"), CASES, ids=IDS)
    def test_bad_argument_is_named(self, call: _Call, words: str, bad: object):
        """A value of the wrong type or out of range gives a GovernanceError naming it."""
        with pytest.raises(GovernanceError, match=words):
            call(bad)

    @pytest.mark.parametrize(
        ("call", "message"),
        [
            (lambda: analyze(REL, samples=2.5), "samples must be an integer at least 2"),
            (lambda: analyze(REL, seed=1.5), "seed must be an integer"),
            (lambda: analyze(REL, limits={}), "limits must be a Limits"),
            (lambda: raci_from_csv(["activity,name", 3]), r"text\[1\] must be a str"),
        ],
    )
    def test_messages(self, call: Callable[[], object], message: str):
        """The message names the argument (or the item) and what it must be."""
        with pytest.raises(GovernanceError, match=message):
            call()
