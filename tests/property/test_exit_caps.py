"""Properties of exit readiness: the weights and the caps of the essentials (issue 15, 4).

Removing any element of a plan never raises its score, removing an essential never does,
any essential missing keeps the score below 50, adding an element that is not essential never
lowers it, and the score stays within 0-100: under the default weights and any others.
"""

from __future__ import annotations

from datetime import date

from attrs import evolve
from hypothesis import assume, given
from hypothesis import strategies as st

from collabrel.metrics import (
    DEFAULT_EXIT_WEIGHTS,
    EXIT_CRITERIA,
    EXIT_ESSENTIALS,
    ExitReadiness,
    assess_exit_readiness,
    exit_readiness_cap,
)
from collabrel.model import ExitPlan, RecordStatus, Responsibility, Transfer, TransferKind
from collabrel.testing import strategies as cst

ELEMENTS = [c.id for c in EXIT_CRITERIA]
OPTIONAL = [c.id for c in EXIT_CRITERIA if not c.essential]
PARTNERS = ["p-a", "p-b", "p-c"]
DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def weights(draw: st.DrawFn) -> dict[str, float]:
    """The default weights, or any weights of 0-100 with one above zero."""
    if draw(st.booleans()):
        return dict(DEFAULT_EXIT_WEIGHTS)
    drawn = draw(st.fixed_dictionaries(dict.fromkeys(ELEMENTS, st.floats(0, 100))))
    assume(any(w > 0 for w in drawn.values()))
    return drawn


@st.composite
def cases(draw: st.DrawFn) -> tuple[ExitPlan, date, list[str], dict[str, float]]:
    """A plan, a day, the parties who must sign it and the weights."""
    plan = draw(cst.exit_plans())
    parties = draw(
        st.one_of(
            st.just(list(plan.signatories)),
            st.lists(st.sampled_from([*PARTNERS, *plan.signatories]), unique=True, max_size=4),
        )
    )
    return plan, draw(DAYS), parties, draw(weights())


def _kind(element: str) -> TransferKind:
    return TransferKind(element.removeprefix("transfer_"))


def without(plan: ExitPlan, element: str) -> ExitPlan:
    """The plan with `element` taken out (or left as it is where it was not in place)."""
    if element == "approved":
        return evolve(plan, status=RecordStatus.DRAFT)
    if element == "current":
        return evolve(plan, review_every_months=None)
    if element == "signed":
        return evolve(plan, signatories=())
    if element == "future_relationship":
        return evolve(plan, future_relationship=None)
    if element.startswith("transfer_"):
        kind = _kind(element)
        return evolve(plan, transfers=[t for t in plan.transfers if t.kind is not kind])
    return evolve(plan, **{element: ()})


def with_(plan: ExitPlan, element: str) -> ExitPlan:
    """The plan with the element that is not essential `element` put in place, where it can be."""
    if element == "future_relationship":
        return evolve(plan, future_relationship="The partners may work together again.")
    if element == "responsibilities":
        duty = Responsibility(party="p-a", duty="Hand back the data")
        return evolve(plan, responsibilities=[*plan.responsibilities, duty])
    if element.startswith("transfer_"):
        transfer = Transfer(kind=_kind(element), description="Handed over on exit")
        return evolve(plan, transfers=[*plan.transfers, transfer])
    return plan  # a review within its period is a matter of dates, not added here


def _score(plan: ExitPlan, day: date, parties: list[str], w: dict[str, float]) -> ExitReadiness:
    return assess_exit_readiness(plan, day, partner_ids=parties, weights=w)


@given(cases(), st.sampled_from(ELEMENTS))
def test_removing_an_element_never_raises_the_score(case, element):
    """A plan with more missing never scores higher, whatever the element and the weights."""
    plan, day, parties, w = case
    before, after = _score(plan, day, parties, w), _score(without(plan, element), day, parties, w)
    assert {e.id for e in before.missing} <= {e.id for e in after.missing}
    assert after.score <= before.score


@given(cases(), st.sampled_from(sorted(EXIT_ESSENTIALS)))
def test_removing_an_essential_never_raises_the_score_and_caps_it(case, essential):
    """Taking out an essential never raises the score, and leaves it below 50."""
    plan, day, parties, w = case
    assume(essential != "signed" or parties)  # nobody to sign: a signature is never missing
    before = _score(plan, day, parties, w)
    after = _score(without(plan, essential), day, parties, w)
    assert after.score <= before.score
    assert essential in {e.id for e in after.capped_by}
    assert after.score < 50


@given(cases())
def test_any_essential_missing_keeps_the_score_below_50(case):
    """With an essential missing the score is below 50; the cap is the one for their count."""
    readiness = _score(*case)
    capped = readiness.capped_by
    assert readiness.cap == (exit_readiness_cap(len(capped)) if capped else None)
    assert readiness.score == (
        min(readiness.weighted, readiness.cap) if capped else readiness.weighted
    )
    if capped:
        assert readiness.score < 50


@given(cases(), st.sampled_from(OPTIONAL))
def test_adding_an_element_that_is_not_essential_never_lowers_the_score(case, element):
    """Putting in place a transfer, a responsibility or the future never lowers the score."""
    plan, day, parties, w = case
    before, after = _score(plan, day, parties, w), _score(with_(plan, element), day, parties, w)
    assert {e.id for e in after.capped_by} == {e.id for e in before.capped_by}
    assert after.score >= before.score


@given(cases())
def test_the_score_stays_within_0_and_100(case):
    """Exit readiness, weighted and capped, lies between 0 and 100."""
    readiness = _score(*case)
    assert 0 <= readiness.score <= readiness.weighted <= 100
