"""Every public analysis, over generated plans and extreme arguments, raises only our errors.

`CALLS` says how to call each public function of the analysis packages (their `__all__`),
drawing its arguments: a plan from `relationship_management_plans()`, and for every number,
date or option either a fitting value or a nasty one (NaN, infinities, huge or negative
numbers, bools, the wrong type). A function that is not an analysis says why instead. A new
public function without an entry fails `test_every_public_function_has_an_entry`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from types import ModuleType
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabrel import CollabrelError, conformance, governance, lifecycle, metrics
from collabrel.model import (
    Cadence,
    Candidate,
    Criterion,
    CriterionCategory,
    Direction,
    Relationship,
    RelationshipManagementPlan,
    Result,
    Score,
)
from collabrel.testing import strategies as cst

PACKAGES: tuple[ModuleType, ...] = (metrics, governance, lifecycle, conformance)

NOT_INTEGERS: st.SearchStrategy[object] = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=3),
    st.builds(object),
    st.lists(st.integers(), max_size=2),
)
NASTY: st.SearchStrategy[object] = st.one_of(
    NOT_INTEGERS,
    st.sampled_from([1e308, -1e308, 5e-324, 2**1024, -(2**80), 0, -1]),
    st.integers(),
)
"""Values no number, date or option should take quietly."""

NUMBERS = st.one_of(st.floats(min_value=0, max_value=10), st.integers(0, 10), NASTY)
DAYS = st.one_of(cst.calendar_dates(), NASTY, cst.aware_datetimes())
INSTANTS = st.one_of(st.none(), cst.aware_datetimes(), NASTY, cst.calendar_dates())
COUNTS = st.one_of(st.integers(-2, 30), NOT_INTEGERS)
PERIODS = metrics.review_periods(date(2025, 1, 1), date(2026, 12, 31), Cadence.QUARTERLY)
DRAWS = st.one_of(st.integers(-2, 20), st.integers(10**6 + 1), st.floats(), st.booleans())


class Drawn:
    """One example's plan and a way to draw more, with the helpers every entry shares."""

    def __init__(self, rmp: RelationshipManagementPlan, data: st.DataObject) -> None:
        self.rmp = rmp
        self.data = data

    def __call__(self, strategy: st.SearchStrategy[Any]) -> Any:
        return self.data.draw(strategy)

    @property
    def rel(self) -> Relationship | None:
        return self.rmp.relationship

    def subject(self) -> object:
        return self(st.sampled_from([self.rmp, self.rel]))

    def maybe(self, strategy: st.SearchStrategy[Any]) -> Any:
        """A value from `strategy` or a nasty one."""
        return self(st.one_of(strategy, NASTY))

    def problem(self) -> tuple[object, object, object]:
        """A decision matrix, weights and directions, mostly of one width."""
        width = self(st.integers(1, 3))

        def row(values: st.SearchStrategy[Any]) -> object:
            return self(st.one_of(st.lists(values, min_size=width, max_size=width), NASTY))

        rows = st.lists(NUMBERS, min_size=width, max_size=width)
        matrix = self(st.one_of(st.lists(rows, min_size=1, max_size=3), NASTY))
        return matrix, row(NUMBERS), row(st.sampled_from([1, -1]))

    def limits(self) -> object:
        """`None`, `Limits` with drawn numbers, or a nasty value."""
        choice = self(st.sampled_from(["default", "drawn", "nasty"]))
        if choice == "default":
            return None
        if choice == "nasty":
            return self(NASTY)
        names = [a.name for a in attrs.fields(governance.Limits)]
        return governance.Limits(**self(st.dictionaries(st.sampled_from(names), NUMBERS)))

    def graph_args(self) -> dict[str, object]:
        return {
            "samples": self(st.one_of(st.none(), COUNTS)),
            "seed": self(st.one_of(st.integers(), NASTY)),
            "backend": self(st.one_of(st.sampled_from(["auto", "networkx"]), NASTY)),
        }

    def state(self) -> lifecycle.LifecycleState:
        return lifecycle.replay(self.rmp.history)


def _matrix(d: Drawn) -> metrics.DecisionMatrix:
    return metrics.DecisionMatrix.from_plan(d.rmp)


FINITE = st.floats(allow_nan=False, allow_infinity=False)


def _extreme_matrix(d: Drawn) -> metrics.DecisionMatrix:
    """Criteria on scales anywhere in the float range, candidates scored anywhere on them."""
    criteria = []
    for j in range(d(st.integers(1, 3))):
        low, high = sorted(d(st.lists(FINITE, min_size=2, max_size=2, unique=True)))
        criteria.append(
            Criterion(
                id=f"c{j}",
                name="c",
                category=CriterionCategory.CAPABILITY,
                weight=d(st.floats(min_value=0, max_value=1e308)),
                scale_min=low,
                scale_max=high,
                direction=d(st.sampled_from(Direction)),
            )
        )
    candidates = [Candidate(id=f"p{i}", name="p") for i in range(d(st.integers(1, 3)))]
    cells = [
        metrics.DecisionCell(
            candidate_id=p.id,
            score=Score(
                criterion_id=c.id, value=d(st.floats(min_value=c.scale_min, max_value=c.scale_max))
            ),
        )
        for p in candidates
        for c in criteria
    ]
    return metrics.DecisionMatrix(criteria=criteria, candidates=candidates, cells=cells)


def _select(d: Drawn) -> object:
    matrix = _matrix(d) if d(st.booleans()) else _extreme_matrix(d)
    ids = [c.id for c in matrix.criteria]
    weights = d(st.one_of(st.none(), st.dictionaries(st.sampled_from(ids), NUMBERS), NASTY))
    return metrics.select_partners(
        matrix,
        method=d(st.one_of(st.sampled_from(metrics.Method), NASTY)),
        weights=weights,
        thresholds=d(st.sampled_from([None, metrics.Thresholds(), 70])),
        draws=d(DRAWS),
        spread=d(st.one_of(st.floats(0, 0.99), NASTY)),
        seed=d(st.one_of(st.integers(), NASTY)),
    )


def _kpi(d: Drawn) -> object:
    return d(st.sampled_from(d.rel.kpis)) if d.rel and d.rel.kpis else d(NASTY)


def _exit(d: Drawn) -> object:
    keys = list(metrics.DEFAULT_EXIT_WEIGHTS)
    return metrics.assess_exit_readiness(
        d.rel.exit_plan if d.rel else None,
        d(DAYS),
        partner_ids=d.rel.parties_to_agreement if d.rel else d(NASTY),
        weights=d(st.one_of(st.fixed_dictionaries(dict.fromkeys(keys, NUMBERS)), NASTY)),
    )


def _health(d: Drawn) -> object:
    dims = [
        metrics.HealthDimension(id=x.id, name=x.name, weight=d(NUMBERS))
        for x in metrics.DEFAULT_HEALTH_DIMENSIONS
    ]
    return metrics.assess_health(
        metrics.health_ratings(d.rmp),
        dimensions=d(st.sampled_from([dims, metrics.DEFAULT_HEALTH_DIMENSIONS])),
        sides=d(st.one_of(st.none(), st.lists(st.text(max_size=6)), NASTY)),
    )


def _raci(d: Drawn) -> object:
    return d.rel.governance.raci if d.rel else d(NASTY)


def _graph(d: Drawn) -> object:
    return governance.governance_graph(d.rel) if d.rel else d(NASTY)


# How to call each public function, drawing its arguments; or why it is not called here.
CALLS: dict[str, Callable[[Drawn], object] | str] = {
    # metrics
    "metrics.ahp_weights": lambda d: metrics.ahp_weights(
        d.problem()[0],
        max_consistency_ratio=d(st.one_of(st.none(), NUMBERS)),
        reciprocal_tolerance=d(NUMBERS),
    ),
    "metrics.assess_exit_readiness": _exit,
    "metrics.assess_health": _health,
    "metrics.assess_kpi": lambda d: metrics.assess_kpi(_kpi(d), d(DAYS), window=d(COUNTS)),
    "metrics.assess_kpi_over": lambda d: metrics.assess_kpi_over(
        _kpi(d),
        d(st.one_of(st.just(PERIODS), NASTY)),
        window=d(COUNTS),
    ),
    "metrics.assess_kpis": lambda d: metrics.assess_kpis(
        d.rel.kpis if d.rel else d(NASTY), d(DAYS), window=d(COUNTS)
    ),
    "metrics.assess_maturity": lambda d: metrics.assess_maturity(
        d.rmp.stages.staying_together.maturity_assessments,
        as_of=d(st.one_of(st.none(), DAYS)),
        scale=d(st.one_of(st.just(metrics.DEFAULT_MATURITY_SCALE), NASTY)),
    ),
    "metrics.exit_readiness_cap": lambda d: metrics.exit_readiness_cap(d(COUNTS)),
    "metrics.assess_value": lambda d: metrics.assess_value(
        d.rel.value_propositions if d.rel else d(NASTY), d(DAYS)
    ),
    "metrics.health_ratings": lambda d: metrics.health_ratings(
        d.rmp,
        sides=d(
            st.one_of(st.none(), st.dictionaries(st.text(max_size=4), st.text(max_size=4)), NASTY)
        ),
    ),
    "metrics.review_periods": lambda d: metrics.review_periods(
        d(DAYS), d(DAYS), d(st.one_of(st.sampled_from(Cadence), NASTY))
    ),
    "metrics.select_partners": _select,
    "metrics.topsis": lambda d: metrics.topsis(*d.problem()),
    "metrics.weighted_sum": lambda d: metrics.weighted_sum(
        *d.problem(),
        bounds=d(st.one_of(st.none(), st.lists(st.tuples(NUMBERS, NUMBERS), max_size=3), NASTY)),
    ),
    # governance
    "governance.analyze": lambda d: governance.analyze(
        d.subject(), limits=d.limits(), **d.graph_args()
    ),
    "governance.analyze_portfolio": lambda d: governance.analyze_portfolio(
        [d.rel] if d.rel else d(NASTY), limits=d.limits(), **d.graph_args()
    ),
    "governance.escalation_betweenness": lambda d: governance.escalation_betweenness(
        d.subject(), **d.graph_args()
    ),
    "governance.governance_graph": _graph,
    "governance.node_key": lambda d: governance.node_key(
        d(st.one_of(st.sampled_from(governance.NodeKind), NASTY)), d(st.one_of(st.text(), NASTY))
    ),
    "governance.portfolio_graph": lambda d: governance.portfolio_graph(
        [d.rel] if d.rel else d(NASTY)
    ),
    "governance.raci_from_csv": lambda d: governance.raci_from_csv(
        governance.raci_to_csv(d.rel.governance.raci) if d.rel else d(NASTY),
        alphabet=d(st.one_of(st.sampled_from(list(governance.ALPHABETS)), NASTY)),
    ),
    "governance.raci_table": lambda d: governance.raci_table(_raci(d)),
    "governance.raci_to_csv": lambda d: governance.raci_to_csv(_raci(d)),
    "governance.resolve_alphabet": lambda d: governance.resolve_alphabet(
        d(st.one_of(st.none(), st.text(max_size=5), NASTY)),
        d(st.one_of(st.text(max_size=5), NASTY)),
    ),
    "governance.to_graphml": "writes a file: the governance graph tests write and read one",
    "governance.to_node_link": lambda d: governance.to_node_link(_graph(d)),
    "governance.validate_raci": lambda d: governance.validate_raci(
        _raci(d),
        d(st.one_of(st.none(), st.sampled_from(list(governance.ALPHABETS)), NASTY)),
        limits=d.limits(),
        path=d(st.one_of(st.text(max_size=5), NASTY)),
    ),
    # lifecycle: summaries and durations take any as_of; the machine takes the plan's history
    "lifecycle.available": lambda d: lifecycle.available(d.state()),
    "lifecycle.can": lambda d: [lifecycle.can(d.state(), e) for e in d.rmp.history[-1:]],
    "lifecycle.default_guards": "builds the guards, takes nothing: the guard tests",
    "lifecycle.intervals": lambda d: [
        i.duration(d(INSTANTS)) for i in lifecycle.intervals(d.rmp.history, as_of=d(INSTANTS))
    ],
    "lifecycle.replay": lambda d: lifecycle.replay(d.rmp.history),
    "lifecycle.state_as_of": lambda d: lifecycle.state_as_of(
        d.rmp.history, d(st.one_of(cst.calendar_dates(), cst.aware_datetimes()))
    ),
    "lifecycle.status_diagram": "a fixed diagram, takes nothing",
    "lifecycle.step": lambda d: [lifecycle.step(d.state(), e) for e in d.rmp.history[-1:]],
    "lifecycle.summarize": lambda d: lifecycle.summarize(d.rmp.history, as_of=d(INSTANTS)),
    "lifecycle.to_dot": lambda d: lifecycle.to_dot(d.state()),
    "lifecycle.to_mermaid": lambda d: lifecycle.to_mermaid(d.state()),
    "lifecycle.trace": lambda d: lifecycle.trace(d.rmp.history),
    # conformance: assess takes any as_of and state; the rest read catalogues or reports
    "conformance.assess": lambda d: conformance.assess(
        d.rmp,
        d(st.one_of(st.sampled_from(conformance.catalogues()), NASTY)),
        as_of=d(st.one_of(st.none(), DAYS)),
        state=d(st.one_of(st.none(), st.just(d.state()), NASTY)),
    ),
    "conformance.assess_many": "assess on each plan: called through conformance.assess",
    "conformance.builtin_rules": "the rule book, takes nothing",
    "conformance.catalogue": "reads a bundled catalogue by name: the catalogue tests",
    "conformance.catalogues": "lists the bundled catalogues, takes nothing",
    "conformance.conformance_guards": "builds guards from a catalogue: the guard tests",
    "conformance.default_rules": "the rule registry, takes nothing",
    "conformance.draft": "maps a report to another catalogue: the crosswalk tests",
    "conformance.load_catalogue": "a document reader: the catalogue loading tests",
    "conformance.load_crosswalk": "a document reader: the crosswalk loading tests",
    "conformance.parse_catalogue": "a document reader: the catalogue loading tests",
    "conformance.parse_crosswalk": "a document reader: the crosswalk loading tests",
    "conformance.worst": lambda d: conformance.worst(
        d(st.lists(st.one_of(st.sampled_from(Result), st.text(), st.none(), st.lists(st.none()))))
    ),
}
CALLED = sorted(name for name, call in CALLS.items() if callable(call))


def test_every_public_function_has_an_entry():
    """Each public function of the analysis packages is called here, or says why not."""
    public = {
        f"{package.__name__.rsplit('.', 1)[-1]}.{name}"
        for package in PACKAGES
        for name in package.__all__
        if inspect.isfunction(getattr(package, name))
    }
    assert public == set(CALLS)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(rmp=cst.relationship_management_plans(), data=st.data())
def test_analyses_raise_only_collabrel_errors(rmp: RelationshipManagementPlan, data: st.DataObject):
    """Over a generated plan and drawn arguments, every analysis returns or raises ours."""
    drawn = Drawn(rmp, data)
    for name in CALLED:
        call = CALLS[name]
        assert callable(call)
        try:
            call(drawn)
        except CollabrelError:
            pass
        except Exception as exc:
            raise AssertionError(f"{name} raised {type(exc).__name__}: {exc}") from exc
