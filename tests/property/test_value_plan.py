"""Value is judged against its plan (issue 15, principle 3), as properties.

- realised value at or above what the plan expects as of the date is never behind;
- lowering the value realised never turns a benefit behind its plan into one on track;
- a monotone plan's expected value is monotone, and between two points of the plan it lies
  between their values;
- the plan's fields survive every format and the JSON Schema;
- a withdrawn value proposition counts for nothing in any rule.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from itertools import pairwise
from typing import Final

import attrs
import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import collabrel
from collabrel import examples
from collabrel.conformance import assess
from collabrel.metrics import BenefitStatus, assess_value
from collabrel.model import (
    ExpectedBenefit,
    InterimTarget,
    RealisedValue,
    RelationshipManagementPlan,
    ValueProposition,
    ValueStatus,
)
from collabrel.serialization import FORMATS, json_schema

START: Final = date(2025, 1, 1)
AMOUNTS: Final = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
GAPS: Final = st.integers(min_value=1, max_value=400)
AS_OF: Final = date(2026, 10, 31)


@st.composite
def monotone_plans(draw: st.DrawFn) -> ExpectedBenefit:
    """A benefit whose plan only ever rises: baseline, interim targets, target."""
    n = draw(st.integers(min_value=0, max_value=4))
    amounts = sorted(draw(st.lists(AMOUNTS, min_size=n + 2, max_size=n + 2)))
    day = START + timedelta(days=draw(st.integers(min_value=0, max_value=200)))
    days = [day]
    for _ in range(n + 1):
        days.append(days[-1] + timedelta(days=draw(GAPS)))
    with_start = draw(st.booleans())
    return ExpectedBenefit(
        id="b",
        description="Saving",
        measure="spend against budget",
        unit="GBP",
        baseline=amounts[0],
        baseline_on=days[0] if with_start else None,
        interim_targets=[
            InterimTarget(on=d, amount=a) for d, a in zip(days[1:-1], amounts[1:-1], strict=True)
        ],
        target=amounts[-1],
        due_on=days[-1],
    )


def _days(low: date = START, high: date = date(2030, 12, 31)) -> st.SearchStrategy[date]:
    return st.dates(min_value=low, max_value=high)


def _proposition(benefit: ExpectedBenefit, realised: list[RealisedValue]) -> ValueProposition:
    return ValueProposition(
        id="vp",
        statement="S",
        status=ValueStatus.IN_DELIVERY,
        benefits=[benefit],
        realised=realised,
    )


@st.composite
def realised_records(draw: st.DrawFn) -> list[RealisedValue]:
    """Up to four records of realised value against benefit `b`, on or before AS_OF."""
    return draw(
        st.lists(
            st.builds(RealisedValue, benefit_id=st.just("b"), amount=AMOUNTS, on=_days(high=AS_OF)),
            max_size=4,
        )
    )


@given(monotone_plans(), _days(), _days(), st.one_of(st.none(), _days()))
def test_expected_value_is_monotone_for_a_monotone_plan(
    benefit: ExpectedBenefit, one: date, other: date, starts_on: date | None
) -> None:
    """Later days never expect less; between two points the value lies between theirs."""
    early, late = sorted([one, other])
    expected_early = benefit.expected_by(early, starts_on=starts_on)
    expected_late = benefit.expected_by(late, starts_on=starts_on)
    assert expected_early is not None
    assert expected_late is not None
    assert expected_early <= expected_late
    for (d0, v0), (d1, v1) in pairwise(benefit.plan(starts_on)):
        if d0 <= early <= d1:
            assert v0 <= expected_early <= v1


@given(monotone_plans())
def test_the_plan_passes_through_its_points(benefit: ExpectedBenefit) -> None:
    """On each interim target's day and on the due date, the plan expects exactly that value."""
    for target in benefit.interim_targets:
        assert benefit.expected_by(target.on) == target.amount
    assert benefit.due_on is not None
    assert benefit.expected_by(benefit.due_on) == benefit.target


@given(monotone_plans(), realised_records(), st.one_of(st.none(), _days(high=AS_OF)))
def test_realised_at_or_above_the_plan_is_never_behind(
    benefit: ExpectedBenefit, realised: list[RealisedValue], starts_on: date | None
) -> None:
    """A realised total at or above what the plan expects by the date judged is not behind."""
    result = assess_value([_proposition(benefit, realised)], AS_OF, plans_start_on=starts_on)
    (b,) = result.benefits
    expected = benefit.expected_by(AS_OF, starts_on=starts_on)
    assert expected is not None
    if b.realised >= expected:
        assert not b.is_behind_plan
        assert b.status is not BenefitStatus.BEHIND


@given(
    monotone_plans(),
    realised_records(),
    st.floats(min_value=0, max_value=1),
    st.one_of(st.none(), _days(high=AS_OF)),
)
def test_lowering_realised_value_never_puts_a_benefit_back_on_plan(
    benefit: ExpectedBenefit,
    realised: list[RealisedValue],
    factor: float,
    starts_on: date | None,
) -> None:
    """Scaling every realised amount down keeps a benefit behind its plan behind it."""
    lowered = [attrs.evolve(r, amount=r.amount * factor) for r in realised]
    before, after = (
        assess_value([_proposition(benefit, rs)], AS_OF, plans_start_on=starts_on).benefits[0]
        for rs in (realised, lowered)
    )
    if before.is_behind_plan:
        assert after.is_behind_plan
    if before.status is BenefitStatus.BEHIND:
        assert after.status in {BenefitStatus.BEHIND, BenefitStatus.OVERDUE}


@cache
def _alliance() -> RelationshipManagementPlan:
    return examples.load("alliance")


def _with_benefit(rmp: RelationshipManagementPlan, benefit: ExpectedBenefit) -> object:
    rel = rmp.require_relationship()
    vp = ValueProposition(
        id="vp-planned", statement="Planned value", benefits=[attrs.evolve(benefit, id="b-plan")]
    )
    return attrs.evolve(
        rmp, relationship=attrs.evolve(rel, value_propositions=[*rel.value_propositions, vp])
    )


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=15)
@given(monotone_plans())
def test_a_plan_survives_every_format_and_the_schema(benefit: ExpectedBenefit) -> None:
    """Baseline day and interim targets read back unchanged and validate against the schema."""
    rmp = _with_benefit(_alliance(), benefit)
    for fmt in FORMATS:
        assert collabrel.loads(collabrel.dumps(rmp, fmt), fmt) == rmp
    validator = jsonschema.Draft202012Validator(
        json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(collabrel.to_data(rmp))


@st.composite
def withdrawn_propositions(draw: st.DrawFn) -> ValueProposition:
    """A withdrawn proposition: unmeasured benefits, some overdue, some value realised."""
    rel = _alliance().require_relationship()
    benefits = [
        ExpectedBenefit(
            id=f"b-withdrawn-{i}",
            description="Withdrawn benefit",
            measure="m",
            unit=draw(st.sampled_from(["GBP", "hours"])),
            target=draw(AMOUNTS),
            baseline=draw(st.one_of(st.none(), AMOUNTS)),
            due_on=draw(st.one_of(st.none(), _days())),
        )
        for i in range(draw(st.integers(min_value=0, max_value=2)))
    ]
    realised = [
        RealisedValue(benefit_id=b.id, amount=draw(AMOUNTS), on=draw(_days(high=AS_OF)))
        for b in benefits
        if draw(st.booleans())
    ]
    partners = [p.id for p in rel.partners]
    return ValueProposition(
        id="vp-withdrawn",
        statement="Withdrawn",
        status=ValueStatus.WITHDRAWN,
        beneficiaries=draw(st.lists(st.sampled_from(partners), max_size=2, unique=True)),
        benefits=benefits,
        realised=realised,
    )


@cache
def _outcomes(rmp: RelationshipManagementPlan, standard: str) -> dict[str, object]:
    return {o.requirement: o.result for o in assess(rmp, standard, as_of=AS_OF).outcomes}


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=10, deadline=None)
@given(
    withdrawn_propositions(),
    st.sampled_from(["flawed", "alliance"]),
    st.sampled_from(["iso44001:2017", "bs11000-1:2010"]),
)
def test_a_withdrawn_proposition_counts_for_nothing(
    vp: ValueProposition, name: str, standard: str
) -> None:
    """Adding a withdrawn value proposition, whatever it holds, changes no rule's result."""
    rmp = examples.load(name)
    rel = rmp.require_relationship()
    partners = {p.id for p in rel.partners}
    vp = attrs.evolve(vp, beneficiaries=[b for b in vp.beneficiaries if b in partners])
    more = attrs.evolve(
        rmp, relationship=attrs.evolve(rel, value_propositions=[*rel.value_propositions, vp])
    )
    assert _outcomes(more, standard) == _outcomes(rmp, standard)
