"""One meaning of "signed by every partner": the lifecycle guard and conformance agree.

`Relationship.parties_to_sign` decides who must sign a joint record (the parties of its signing
in force on the day judged); the lifecycle's `LC.S5.JOINT_RMP` guard and conformance's
`CBR.S5.JOINT_RMP` signature check both ask it, so they name the same unsigned parties on every
plan.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from collabrel.conformance import assess
from collabrel.examples import load, names
from collabrel.lifecycle import RECORD_GUARDS, LifecycleState
from collabrel.model import Event, Record, RecordStatus, RelationshipManagementPlan
from collabrel.testing import strategies as crst

AS_OF = date(2026, 10, 31)
_GUARD = next(g for g in RECORD_GUARDS if g.requirement == "LC.S5.JOINT_RMP")
_SIGNED = "the joint RMP is signed by every partner"


def _guard_unsigned(rmp: RelationshipManagementPlan) -> tuple[bool, str | None]:
    event = Event(
        kind=_GUARD.kind,
        stage=_GUARD.stage,
        actor="t",
        at=datetime(2026, 10, 31, tzinfo=UTC),
    )
    (finding,) = _GUARD.check(LifecycleState.initial(), event, rmp)
    return finding.result.value == "conforms", finding.explanation[0].observed


def _conformance_signed(rmp: RelationshipManagementPlan) -> bool | None:
    report = assess(rmp, "iso44001:2017", as_of=AS_OF)
    (finding,) = report.findings_for("CBR.S5.JOINT_RMP")
    checks = [c for c in finding.explanation if c.description == _SIGNED]
    return checks[0].passed if checks else None


def _with_joint_rmp(
    rmp: RelationshipManagementPlan, signatories: list[str]
) -> RelationshipManagementPlan:
    # re-sign the plan's own joint RMP (other records may refer to its id), or add one
    current = rmp.stages.working_together.joint_rmp
    joint_rmp = (
        Record(
            id="jrmp-agree",
            title="Joint RMP",
            status=RecordStatus.APPROVED,
            signatories=signatories,
        )
        if current is None
        else attrs.evolve(current, signatories=signatories)
    )
    working = attrs.evolve(rmp.stages.working_together, joint_rmp=joint_rmp)
    return attrs.evolve(rmp, stages=attrs.evolve(rmp.stages, working_together=working))


def _agree(rmp: RelationshipManagementPlan) -> None:
    assert rmp.relationship is not None
    record = rmp.stages.working_together.joint_rmp
    assert record is not None
    guard_ok, observed = _guard_unsigned(rmp)
    if record.is_dated_after(AS_OF):
        # approved after the day: both layers judge it not yet in place, no signature asked
        assert not guard_ok
        assert observed is not None
        assert "not in place" in observed
        assert _conformance_signed(rmp) is None
        return
    parties = rmp.relationship.parties_to_sign(record, AS_OF)
    expected = not record.unsigned_by(parties)
    assert guard_ok is expected, observed
    # with nobody a party on the day of the signing, conformance has no signature to ask for
    assert _conformance_signed(rmp) is (expected if parties else None)


WITH_RELATIONSHIP = [name for name in names() if load(name).relationship is not None]
"""The examples with partners to sign (an enterprise plan describes no relationship)."""


@pytest.mark.parametrize("example", WITH_RELATIONSHIP)
def test_guard_and_conformance_agree_on_the_examples(example: str) -> None:
    """On every bundled example, signed by its principals only, both layers say the same."""
    rmp = load(example)
    assert rmp.relationship is not None
    _agree(_with_joint_rmp(rmp, list(rmp.relationship.parties_on(AS_OF))))


@given(data=st.data(), example=st.sampled_from(WITH_RELATIONSHIP))
def test_guard_and_conformance_agree_on_any_signatures(data: st.DataObject, example: str) -> None:
    """Whoever signs the joint RMP, guard and conformance agree on whether every party did."""
    rmp = load(example)
    assert rmp.relationship is not None
    signers = data.draw(st.lists(st.sampled_from(rmp.relationship.partner_ids), unique=True))
    _agree(_with_joint_rmp(rmp, signers))


@given(plan=crst.relationship_management_plans(), data=st.data())
def test_guard_and_conformance_agree_on_generated_plans(
    plan: RelationshipManagementPlan, data: st.DataObject
) -> None:
    """On generated plans (their own joint RMP, or one signed by any parties), both agree."""
    assume(plan.relationship is not None)
    assert plan.relationship is not None
    if plan.stages.working_together.joint_rmp is None or data.draw(st.booleans()):
        ids = plan.relationship.partner_ids
        plan = _with_joint_rmp(plan, data.draw(st.lists(st.sampled_from(ids), unique=True)))
    _agree(plan)


def test_subcontractors_do_not_sign_for_their_principal() -> None:
    """A joint RMP signed by the consortium's principals is signed by every party."""
    rmp = load("consortium")
    assert rmp.relationship is not None
    subcontractors = {p.id for p in rmp.relationship.partners if p.is_subcontractor}
    assert subcontractors
    assert not subcontractors & set(rmp.relationship.parties_on(AS_OF))
    signed = _with_joint_rmp(rmp, list(rmp.relationship.parties_on(AS_OF)))
    assert _guard_unsigned(signed)[0]
