"""Partners join and leave (issue 15, principle 5): membership periods, the parties of a day."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import attrs
import pytest

import collabrel as cr
from collabrel.conformance import Context
from collabrel.errors import DocumentError, InvalidFieldError
from collabrel.examples import load
from collabrel.governance import analyze
from collabrel.lifecycle import InvalidEventError, LifecycleState, replay, step

AS_OF = date(2026, 10, 31)
"""The day the alliance is judged on."""


def _partner(**kw: object) -> cr.Partner:
    return cr.Partner(id="p", name="P Ltd", role=cr.PartnerRole.PARTNER, **kw)  # type: ignore[arg-type]


def _at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def _data(rmp: cr.RelationshipManagementPlan) -> dict[str, object]:
    return cr.to_data(rmp)


class TestPartnerMembership:
    def test_member_from_joining_to_leaving_both_days_included(self) -> None:
        """A partner is a member from joined_on to left_on, both days counted."""
        p = _partner(joined_on=date(2026, 7, 1), left_on=date(2026, 9, 30))
        days = [date(2026, 6, 30), date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 1)]
        assert [p.is_member_on(d) for d in days] == [False, True, True, False]

    def test_open_ends_run_from_the_start_and_to_the_end(self) -> None:
        """Without dates a partner is a member on every day."""
        assert _partner().is_member_on(date.min)
        assert _partner().is_member_on(date.max)

    def test_leaving_on_the_day_of_joining_is_allowed(self) -> None:
        """A one-day membership is a membership."""
        p = _partner(joined_on=date(2026, 7, 1), left_on=date(2026, 7, 1))
        assert p.is_member_on(date(2026, 7, 1))

    def test_leaving_before_joining_names_the_field(self) -> None:
        """left_on before joined_on is an InvalidFieldError on left_on."""
        with pytest.raises(InvalidFieldError) as info:
            _partner(joined_on=date(2026, 7, 1), left_on=date(2026, 6, 30))
        assert (info.value.cls, info.value.field) == ("Partner", "left_on")
        assert "on or after joined_on (2026-07-01)" in str(info.value)

    def test_a_reason_needs_a_leaving_date(self) -> None:
        """left_because without left_on is an InvalidFieldError on left_because."""
        with pytest.raises(InvalidFieldError) as info:
            _partner(left_because="sold")
        assert info.value.field == "left_because"

    def test_a_bad_period_in_a_document_has_its_path(self) -> None:
        """Loading a partner that leaves before it joins names relationship.partners[i]."""
        data = _data(load("alliance"))
        partner = data["relationship"]["partners"][2]  # type: ignore[index]
        partner["left_on"] = "2024-01-01"
        with pytest.raises(DocumentError) as info:
            cr.loads(json.dumps(data), "json")
        assert info.value.paths == ("relationship.partners[2].left_on",)


class TestPartiesOn:
    def test_the_alliance_before_during_and_after_carricks_membership(self) -> None:
        """Carrick is a party only between joining and withdrawing; Aldergate from December."""
        rel = load("alliance").require_relationship()
        assert "carrick" not in rel.parties_on(date(2024, 9, 26))
        assert "carrick" in rel.parties_on(date(2024, 10, 18))
        assert "aldergate" not in rel.parties_on(date(2024, 10, 18))
        assert rel.parties_on(AS_OF) == ("nmri", "brackwell", "aldergate", "holloway", "kestrel")
        assert set(rel.parties_to_agreement) == {*rel.parties_on(AS_OF), "carrick"}

    def test_subcontractors_are_never_parties(self) -> None:
        """A subcontractor is not a party on any day."""
        rel = load("consortium").require_relationship()
        subs = {p.id for p in rel.partners if p.is_subcontractor}
        assert subs
        assert not subs & set(rel.parties_on(AS_OF))

    def test_a_record_is_signed_by_the_parties_of_its_latest_signing(self) -> None:
        """The parties of the day who were parties at its last review, else its approval."""
        rel = load("alliance").require_relationship()
        early = cr.Record(id="r", title="R", approved_on=date(2024, 10, 1))
        later = attrs.evolve(early, last_reviewed_on=date(2025, 1, 10))
        undated = cr.Record(id="u", title="U")
        founders = ("nmri", "brackwell", "holloway", "kestrel")
        assert rel.parties_to_sign(early, AS_OF) == founders  # before Aldergate joined
        assert rel.parties_to_sign(early, date(2024, 10, 2)) == (*founders, "carrick")
        assert rel.parties_to_sign(later, AS_OF) == rel.parties_on(AS_OF)
        assert rel.parties_to_sign(undated, date(2024, 10, 1)) == rel.parties_on(date(2024, 10, 1))


class TestMembershipEvents:
    def test_a_partner_event_changes_no_stage(self) -> None:
        """Joining or leaving moves time on and leaves every stage's status as it was."""
        state = step(
            LifecycleState.initial(),
            cr.Event(
                kind=cr.EventKind.START, stage=cr.Stage.AWARENESS, actor="jo", at=_at(2025, 1, 6)
            ),
        )
        after = step(
            state,
            cr.Event(kind=cr.EventKind.PARTNER_JOINS, partner="p", actor="jo", at=_at(2025, 2, 1)),
        )
        assert after.statuses == state.statuses
        assert after.updated_at == _at(2025, 2, 1)

    @pytest.mark.parametrize(
        ("kw", "field"),
        [
            ({"kind": cr.EventKind.PARTNER_LEAVES}, "partner"),
            (
                {"kind": cr.EventKind.PARTNER_LEAVES, "partner": "p", "stage": cr.Stage.KNOWLEDGE},
                "stage",
            ),
            ({"kind": cr.EventKind.START, "stage": cr.Stage.AWARENESS, "partner": "p"}, "partner"),
        ],
        ids=["no partner", "a stage", "a stage event naming a partner"],
    )
    def test_a_malformed_partner_event_is_invalid(self, kw: dict[str, object], field: str) -> None:
        """A partner event names a partner and no stage; only partner events name a partner."""
        event = cr.Event(actor="jo", at=_at(2025, 1, 6), **kw)  # type: ignore[arg-type]
        with pytest.raises(InvalidEventError) as info:
            step(LifecycleState.initial(), event)
        assert info.value.field == field
        with pytest.raises(InvalidEventError) as info:
            replay([event])
        assert info.value.path == f"history[0].{field}"

    def test_time_still_runs_forward(self) -> None:
        """A partner event earlier than the last event is refused like any other."""
        state = step(
            LifecycleState.initial(),
            cr.Event(kind=cr.EventKind.PARTNER_JOINS, partner="p", actor="jo", at=_at(2025, 2, 1)),
        )
        late = cr.Event(
            kind=cr.EventKind.PARTNER_LEAVES, partner="p", actor="jo", at=_at(2025, 1, 1)
        )
        with pytest.raises(InvalidEventError) as info:
            step(state, late)
        assert info.value.field == "at"

    def test_the_alliance_records_carrick_leaving_and_aldergate_joining(self) -> None:
        """The alliance's history holds the membership events, dated as the partners say."""
        rmp = load("alliance")
        moves = [(e.kind.value, e.partner, e.at.date()) for e in rmp.history if e.is_membership]
        assert moves == [
            ("partner_joins", "carrick", date(2024, 9, 27)),
            ("partner_leaves", "carrick", date(2024, 10, 18)),
            ("partner_joins", "aldergate", date(2024, 12, 13)),
        ]
        carrick = rmp.require_relationship().partner("carrick")
        assert carrick.left_because is not None
        stages_only = [e for e in rmp.history if not e.is_membership]
        assert replay(rmp.history) == replay(stages_only)

    def test_an_event_disagreeing_with_the_partner_is_a_document_error(self) -> None:
        """A leaving event on another day than left_on is refused, naming the event's date."""
        i, err = _refused("partner_leaves", "at", "2024-10-19T09:00:00+01:00")
        assert err.paths == (f"history[{i}].at",)
        assert "relationship.partners[5] has left_on 2024-10-18" in str(err)

    def test_an_event_naming_no_partner_of_the_plan_dangles(self) -> None:
        """A partner event naming an unknown partner is a dangling reference with its path."""
        i, err = _refused("partner_joins", "partner", "nobody")
        assert err.paths == (f"history[{i}].partner",)


def _refused(kind: str, key: str, value: str) -> tuple[int, DocumentError]:
    """The alliance with its first `kind` event's `key` set to `value`: where, and the error."""
    history: list[dict[str, str]] = _data(load("alliance"))["history"]  # type: ignore[assignment]
    i = next(n for n, e in enumerate(history) if e["kind"] == kind)
    history[i][key] = value
    with pytest.raises(DocumentError) as info:
        cr.loads(json.dumps({**_data(load("alliance")), "history": history}), "json")
    return i, info.value


class TestJudgedOnTheDay:
    def test_a_departed_partner_is_asked_for_nothing(self) -> None:
        """Carrick, gone since 2024, needs no people, seat, route or signature in 2026."""
        rmp = load("alliance")
        report = cr.assess(rmp, "iso44001:2017", as_of=AS_OF)
        assert not [f for f in report.findings if "carrick" in f.subjects]
        assert not [f for f in report.nonconformities if "carrick" in f.message]
        assert not [f for f in analyze(rmp).findings if "carrick" in f.subjects]

    def test_a_departed_partners_signature_and_value_stay_its_own(self) -> None:
        """Kestrel leaving keeps what it signed valid and its realised value in the totals."""
        rmp = load("alliance")
        rel = rmp.require_relationship()
        partners = [
            attrs.evolve(p, left_on=date(2026, 6, 30), left_because="sold")
            if p.id == "kestrel"
            else p
            for p in rel.partners
        ]
        gone = attrs.evolve(rel, partners=partners)
        plan = rel.exit_plan
        assert plan is not None
        assert "kestrel" not in gone.parties_to_sign(plan, AS_OF)  # reviewed after it left
        contract = rmp.stages.working_together.contract
        assert contract is not None
        assert contract.status is cr.RecordStatus.APPROVED
        assert "kestrel" in contract.signatories  # signed while a party: it stays
        assert "kestrel" not in gone.parties_to_sign(contract, AS_OF)  # gone: not asked
        assert not contract.unsigned_by(gone.parties_to_sign(contract, AS_OF))
        assert "kestrel" not in gone.parties_on(AS_OF)
        realised = [(r.partner_id, r.amount) for vp in gone.value_propositions for r in vp.realised]
        assert ("kestrel", 180000) in realised
        totals = {
            (vp.id, b.id): vp.realised_total(b.id)
            for vp in gone.value_propositions
            for b in vp.benefits
        }
        assert totals == {
            (vp.id, b.id): vp.realised_total(b.id)
            for vp in rel.value_propositions
            for b in vp.benefits
        }

    def test_who_may_approve_is_judged_on_the_day_of_approval(self) -> None:
        """An approval by someone whose organisation was not yet taking part does not count."""
        rmp = load("alliance")
        rel = rmp.require_relationship()
        later = [
            attrs.evolve(p, joined_on=date(2024, 6, 1)) if p.id == "nmri" else p
            for p in rel.partners
        ]
        plan = attrs.evolve(rmp, relationship=attrs.evolve(rel, partners=later))
        policy = plan.stages.awareness.policy
        assert policy is not None
        assert policy.approved_on is not None
        assert policy.approved_on < date(2024, 6, 1)
        for p, passed in ((rmp, True), (plan, False)):
            checks = Context(p, AS_OF).record_checks(
                policy, "stages.awareness.policy", "policy", approver=cr.PersonRole.SER
            )
            (check,) = [c for c in checks if c.path == "stages.awareness.policy.approved_by"]
            assert check.passed is passed
        assert "whose organisation nmri was not taking part on 2024-02-26" in check.observed
