"""Partners join and leave (issue 15, principle 5), as properties across every rule.

A partner who is not a party on the date judged (it left before it, or joins after it) is
asked for nothing that day: adding one to a plan changes no finding of any rule, and it is
never among the parties who must sign or be represented. Join and leave events change no
stage, and a history with them replays deterministically.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache

import attrs
from hypothesis import given
from hypothesis import strategies as st

from collabrel.conformance import Context, assess
from collabrel.examples import load
from collabrel.lifecycle import LifecycleState, replay, step, trace
from collabrel.model import (
    Event,
    EventKind,
    Partner,
    PartnerRole,
    RelationshipManagementPlan,
    Stage,
)
from collabrel.testing.lifecycle import lifecycle_histories

CATALOGUE = "iso44001:2017"
DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
SPANS = st.integers(min_value=0, max_value=500).map(lambda n: timedelta(days=n))


@cache
def _plan(example: str) -> RelationshipManagementPlan:
    return load(example)


@cache
def _results(example: str, day: date) -> tuple[tuple[str, str], ...]:
    report = assess(_plan(example), CATALOGUE, as_of=day)
    return tuple((f.requirement, f.result.value) for f in report.findings)


@st.composite
def _outsiders(draw: st.DrawFn, day: date, left_by: date | None = None) -> Partner:
    """A partner that is not a party on `day`: it left before it, or joins after it.

    With `left_by`, one that left goes before that day too (before the first event a
    history-replaying rule judges, when it is the history's first day).
    """
    if draw(st.booleans()):
        left = min(day, left_by or day) - timedelta(days=1) - draw(SPANS)
        joined, left_on = left - draw(SPANS), left
    else:
        joined = day + timedelta(days=1) + draw(SPANS)
        left_on = draw(st.none() | SPANS.map(lambda span: joined + span))
    return Partner(
        id="outsider",
        name="Outsider Ltd",
        role=draw(st.sampled_from([PartnerRole.PARTNER, PartnerRole.SUPPLIER])),
        joined_on=joined,
        left_on=left_on,
    )


def _with(rmp: RelationshipManagementPlan, partner: Partner) -> RelationshipManagementPlan:
    rel = rmp.require_relationship()
    return attrs.evolve(rmp, relationship=attrs.evolve(rel, partners=[*rel.partners, partner]))


@given(example=st.sampled_from(["alliance", "consortium", "flawed"]), day=DAYS, data=st.data())
def test_a_partner_not_party_on_the_day_changes_no_finding(
    example: str, day: date, data: st.DataObject
) -> None:
    """Every rule judges a plan with an outsider exactly as the plan without it.

    The outsider is a party neither on the day nor at any event of the history: the rules
    replaying the history (MS.8.1's stage gates) judge each event on its own day, when a
    partner who has left since was a party and rightly asked to sign.
    """
    history = _plan(example).history
    first = min((e.at.date() for e in history), default=None)
    outsider = data.draw(_outsiders(day, left_by=first))
    plan = _with(_plan(example), outsider)
    report = assess(plan, CATALOGUE, as_of=day)
    assert tuple((f.requirement, f.result.value) for f in report.findings) == _results(example, day)
    assert not [f for f in report.findings if "outsider" in f.subjects]


@given(example=st.sampled_from(["alliance", "consortium", "flawed"]), day=DAYS, data=st.data())
def test_an_outsider_of_the_day_never_signs_nor_sits(
    example: str, day: date, data: st.DataObject
) -> None:
    """Neither the parties of the day nor any record's signers include an outsider."""
    plan = _with(_plan(example), data.draw(_outsiders(day)))
    ctx = Context(plan, day)
    assert "outsider" not in ctx.partner_ids
    rel = plan.require_relationship()
    records = [r for s in Stage if s.is_joint for _, r in plan.stages.records(s)]
    for record in [*records, *([rel.exit_plan] if rel.exit_plan else [])]:
        signers = ctx.parties_to_sign(record)
        assert "outsider" not in signers
        assert set(signers) <= set(rel.parties_to_agreement)


@st.composite
def _with_membership(draw: st.DrawFn) -> list[Event]:
    """A replayable history with partners' join and leave events slipped in anywhere."""
    history = draw(lifecycle_histories(max_events=12))
    start = datetime(2024, 1, 1, tzinfo=UTC)
    out: list[Event] = []
    for event in [*history, None]:
        last = out[-1].at if out else start
        upto = event.at if event is not None else last + timedelta(days=30)
        for _ in range(draw(st.integers(min_value=0, max_value=2))):
            at = last + (upto - last) * draw(st.floats(min_value=0, max_value=1))
            kind = draw(st.sampled_from([EventKind.PARTNER_JOINS, EventKind.PARTNER_LEAVES]))
            partner = draw(st.sampled_from(["a", "b"]))
            out.append(Event(kind=kind, partner=partner, actor="ser", at=at))
            last = at
        if event is not None:
            out.append(event)
    return out


@given(history=_with_membership())
def test_join_and_leave_events_change_no_stage_and_replay_deterministically(
    history: list[Event],
) -> None:
    """Replay with membership events: deterministic, equal to stepping, stages as without."""
    state = replay(history)
    assert replay(history) == state
    stepped = LifecycleState.initial()
    for event in history:
        stepped = step(stepped, event)
    assert stepped == state
    stages_only = [e for e in history if not e.is_membership]
    assert replay(stages_only).statuses == state.statuses
    assert [t.after for t in trace(history)][-1:] == ([state] if history else [])
