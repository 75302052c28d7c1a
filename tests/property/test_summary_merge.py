"""Portfolio reports are a monoid: any partition of the plans, merged in any order, is equal.

The plans are the bundled examples at two revisions each, judged on two days and found at
several locations (some shared, so ties in the canonical order are exercised), with a few
problems; their reports are assessed once for the module.
"""

from __future__ import annotations

import itertools
from datetime import date

import attrs
from hypothesis import given
from hypothesis import strategies as st

from collabrel import examples
from collabrel.conformance import ConformanceReport, assess
from collabrel.model import RelationshipManagementPlan
from collabrel.portfolio import Accumulator, PortfolioProblem, PortfolioReport


def _revised(plan: RelationshipManagementPlan) -> RelationshipManagementPlan:
    meta = attrs.evolve(plan.meta, revision=plan.meta.revision + 1, issued_on=date(2026, 11, 2))
    return attrs.evolve(plan, meta=meta)


def _pairs() -> list[tuple[str, RelationshipManagementPlan, ConformanceReport]]:
    found = []
    for name in examples.names():
        plan = examples.load(name)
        for plan_revision in (plan, _revised(plan)):
            for as_of in (date(2025, 6, 1), date(2026, 11, 30)):
                report = assess(plan_revision, as_of=as_of)
                found += [
                    (where, plan_revision, report) for where in (f"{name}.json", "shared.json")
                ]
    return found


PAIRS = _pairs()
PROBLEMS = (
    PortfolioProblem("bad.json", "not a plan", "load"),
    PortfolioProblem("bad.json", "not a plan", "load"),
    PortfolioProblem("portfolio.jsonl:3", "$.meta: missing", "assess"),
    PortfolioProblem("partition 2", "worker died", "worker"),
)
Item = tuple[str, RelationshipManagementPlan, ConformanceReport] | PortfolioProblem
items = st.lists(st.sampled_from(PAIRS) | st.sampled_from(PROBLEMS), max_size=14)


def _report(chosen: list[Item]) -> PortfolioReport:
    acc = Accumulator()
    for item in chosen:
        if isinstance(item, PortfolioProblem):
            acc.add_problem(item)
        else:
            acc.add(*item)
    return acc.freeze()


@st.composite
def partitions(draw: st.DrawFn) -> tuple[list[Item], list[list[Item]]]:
    """Items, and the same items shuffled and cut into partitions (some perhaps empty)."""
    chosen = draw(items)
    shuffled = draw(st.permutations(chosen))
    cuts = sorted(draw(st.lists(st.integers(0, len(chosen)), max_size=5)))
    bounds = [0, *cuts, len(chosen)]
    return chosen, [list(shuffled[a:b]) for a, b in itertools.pairwise(bounds)]


@given(partitions(), st.randoms(use_true_random=False))
def test_any_partition_merged_in_any_order_is_the_whole(split, random):
    """Partition reports merged one by one, in any order, equal the report of all at once."""
    chosen, parts = split
    reports = [_report(part) for part in parts]
    random.shuffle(reports)
    merged = PortfolioReport.empty()
    for report in reports:
        merged = merged.merge(report) if random.random() < 0.5 else report | merged
    whole = _report(chosen)
    assert merged == whole
    assert PortfolioReport.merge_all(reversed(reports)) == whole
    assert merged.plans + len(merged.problems) == len(chosen)


@given(items, items, items)
def test_merge_is_associative_and_commutative(a, b, c):
    """(a | b) | c == a | (b | c), and a | b == b | a."""
    x, y, z = _report(a), _report(b), _report(c)
    assert (x | y) | z == x | (y | z)
    assert x | y == y | x


@given(items)
def test_empty_is_the_identity(chosen):
    """Merging with the empty report, on either side, changes nothing."""
    report = _report(chosen)
    assert report | PortfolioReport.empty() == report
    assert PortfolioReport.empty(report.standard) | report == report
    assert PortfolioReport.merge_all([]) == PortfolioReport.empty()
