"""Behaviour of the built-in guards: stage order, exit activation and record guards."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from attrs import evolve

from _lifecycle import AT, BOSS, COMPLETE, DONE, EXIT, IP, NA, RE, START
from collabrel.errors import InvalidFieldError
from collabrel.lifecycle import (
    RECORD_GUARDS,
    STANDARD,
    Event,
    EventKind,
    ExitActivation,
    Guard,
    LifecycleDefinition,
    LifecycleState,
    RecordGuard,
    StageOrder,
    StageSpec,
    StageStatus,
    TransitionRefusedError,
    can,
    default_guards,
    step,
)
from collabrel.model import Decision, RelationshipManagementPlan, Result, Stage

Plan = RelationshipManagementPlan


def _event(kind: EventKind, stage: Stage | None, **kw: object) -> Event:
    return Event(kind=kind, stage=stage, actor="jo", at=AT, **kw)  # type: ignore[arg-type]


def _state(statuses: dict[str, StageStatus], **kw: object) -> LifecycleState:
    return LifecycleState.from_statuses(statuses, **kw)  # type: ignore[arg-type]


def _found(guard: Guard, state: LifecycleState, event: Event, rmp: Plan | None = None):
    return list(guard.check(state, event, rmp))


def _completing_selection(definition: LifecycleDefinition, **substages: StageStatus):
    """StageOrder's one finding on completing partner selection, its sub-stages as given."""
    state = _state({"awareness": DONE, "partner_selection": IP, **substages}, definition=definition)
    [f] = _found(StageOrder(), state, _event(COMPLETE, Stage.PARTNER_SELECTION))
    return f


class TestStageOrder:
    def test_requires_done(self):
        """Starting partner selection with knowledge completed and assessment skipped conforms."""
        state = _state({"knowledge": DONE, "internal_assessment": NA})
        [f] = _found(StageOrder(), state, _event(START, Stage.PARTNER_SELECTION))
        assert f.requirement == "LC.ORDER"
        assert f.result is Result.CONFORMS
        assert f.subjects == ("partner_selection",)
        assert [c.passed for c in f.explanation] == [True, True]

    def test_requires_not_done(self):
        """Starting partner selection before knowledge and assessment are done is a minor NC."""
        state = _state({"knowledge": IP, "internal_assessment": RE})
        [f] = _found(StageOrder(), state, _event(START, Stage.PARTNER_SELECTION))
        assert f.result is Result.MINOR
        assert f.message == (
            "Partner selection cannot start before Knowledge, Internal assessment are done"
        )
        assert [(c.passed, c.observed) for c in f.explanation] == [
            (False, "in progress"),
            (False, "reopened"),
        ]
        assert f.subjects == ("partner_selection", "knowledge", "internal_assessment")
        assert f.remediation is not None
        assert "override" in f.remediation

    def test_one_requirement_missing(self):
        """With one requirement unmet the message is singular and names only it."""
        state = _state({"knowledge": DONE})
        [f] = _found(StageOrder(), state, _event(START, Stage.PARTNER_SELECTION))
        assert f.message == "Partner selection cannot start before Internal assessment is done"

    def test_after_needs_only_a_start(self):
        """The internal assessment may start once knowledge has started (overlap)."""
        state = _state({"awareness": DONE, "knowledge": IP})
        [f] = _found(StageOrder(), state, _event(START, Stage.INTERNAL_ASSESSMENT))
        assert f.result is Result.CONFORMS

    def test_after_not_started(self):
        """Starting the exit strategy before knowledge has started is refused."""
        [f] = _found(StageOrder(), LifecycleState.initial(), _event(START, Stage.EXIT_STRATEGY))
        assert f.result is Result.MINOR
        assert f.message == "Exit strategy cannot start before Knowledge has started"

    def test_exit_strategy_from_stage_two(self):
        """Exit strategy planning may start as soon as the knowledge stage has."""
        state = _state({"awareness": DONE, "knowledge": IP})
        assert can(state, _event(START, Stage.EXIT_STRATEGY), guards=[StageOrder()])

    def test_requires_and_after_both_missing(self):
        """Both unmet kinds are joined in one message."""
        [f] = _found(
            StageOrder(), LifecycleState.initial(), _event(START, Stage.INTERNAL_ASSESSMENT)
        )
        assert f.message == (
            "Internal assessment cannot start before Awareness is done and Knowledge has started"
        )
        assert [c.passed for c in f.explanation] == [False, False]

    def test_stage_with_nothing_to_wait_on(self):
        """Starting awareness (which waits on nothing) gives no finding."""
        assert _found(StageOrder(), LifecycleState.initial(), _event(START, Stage.AWARENESS)) == []

    @pytest.mark.parametrize("kind", [EventKind.REOPEN, EventKind.SKIP, EXIT])
    def test_other_kinds_are_not_its_business(self, kind):
        """Reopen, skip and exit activation give no order findings."""
        state = _state({"partner_selection": DONE})
        assert _found(StageOrder(), state, _event(kind, Stage.PARTNER_SELECTION)) == []

    def test_complete_stage_without_substages(self):
        """Completing a stage that has no sub-stages gives no finding."""
        state = _state({"knowledge": IP})
        assert _found(StageOrder(), state, _event(COMPLETE, Stage.KNOWLEDGE)) == []

    def test_substages_must_be_done_to_complete_parent(self, selection_variant):
        """Completing a stage with an open sub-stage is a minor NC naming it."""
        f = _completing_selection(selection_variant, shortlist=DONE, due_diligence=IP)
        assert f.result is Result.MINOR
        assert f.message == "Partner selection cannot complete while Due diligence is not done"
        assert f.subjects == ("shortlist", "due_diligence")
        assert [c.passed for c in f.explanation] == [True, False]

    def test_several_open_substages(self, selection_variant):
        """Every open sub-stage is named, in the plural."""
        f = _completing_selection(selection_variant)
        assert f.message == (
            "Partner selection cannot complete while Shortlisting, Due diligence are not done"
        )

    def test_substages_done_or_skipped(self, selection_variant):
        """A parent whose sub-stages are completed or skipped may complete."""
        f = _completing_selection(selection_variant, shortlist=DONE, due_diligence=NA)
        assert f.result is Result.CONFORMS

    def test_substage_start_uses_its_own_rules(self, selection_variant):
        """Starting a sub-stage checks the sub-stage's requires and after."""
        defn = selection_variant
        state = _state({"awareness": DONE, "partner_selection": IP}, definition=defn)
        ps = Stage.PARTNER_SELECTION
        [ok] = _found(StageOrder(), state, _event(START, ps, substage="shortlist"))
        assert ok.result is Result.CONFORMS
        [bad] = _found(StageOrder(), state, _event(START, ps, substage="due_diligence"))
        assert bad.result is Result.MINOR
        assert bad.message == "Due diligence cannot start before Shortlisting is done"

    def test_completing_a_substage_is_not_checked(self, selection_variant):
        """Completing a sub-stage gives no order finding."""
        state = _state({"partner_selection": IP, "shortlist": IP}, definition=selection_variant)
        event = _event(COMPLETE, Stage.PARTNER_SELECTION, substage="shortlist")
        assert _found(StageOrder(), state, event) == []

    def test_refuses_in_step_unless_overridden(self, selection_variant):
        """step refuses an open-sub-stage completion, and an override lets it through."""
        state = _state({"awareness": DONE, "partner_selection": IP}, definition=selection_variant)
        with pytest.raises(TransitionRefusedError) as info:
            step(state, _event(COMPLETE, Stage.PARTNER_SELECTION), guards=[StageOrder()])
        assert [f.requirement for f in info.value.reasons] == ["LC.ORDER"]
        after = step(
            state, _event(COMPLETE, Stage.PARTNER_SELECTION, override=BOSS), guards=[StageOrder()]
        )
        assert after.status(Stage.PARTNER_SELECTION) is DONE


class TestExitActivation:
    def test_nothing_started(self):
        """Activating exit before any exit_from stage has started is a minor NC listing them."""
        [f] = _found(ExitActivation(), LifecycleState.initial(), _event(EXIT, None))
        assert f.requirement == "LC.EXIT_FROM"
        assert f.result is Result.MINOR
        assert f.message == (
            "exit can be activated only once one of Working together, Value creation, "
            "Staying together has started"
        )
        assert f.subjects == ("working_together", "value_creation", "staying_together")
        assert [c.passed for c in f.explanation] == [False, False, False]

    @pytest.mark.parametrize("key", ["working_together", "value_creation", "staying_together"])
    @pytest.mark.parametrize("status", [IP, DONE, RE])
    def test_from_an_allowed_stage(self, key, status):
        """Exit may be activated once working together, value creation or staying together began."""
        [f] = _found(ExitActivation(), _state({key: status}), _event(EXIT, None))
        assert f.result is Result.CONFORMS

    def test_other_stages_do_not_count(self):
        """Partner selection under way does not allow exit activation."""
        state = _state(dict.fromkeys(("awareness", "knowledge", "partner_selection"), DONE))
        [f] = _found(ExitActivation(), state, _event(EXIT, None))
        assert f.result is Result.MINOR

    def test_other_events_are_not_its_business(self):
        """Events other than exit activation give no finding."""
        assert (
            _found(ExitActivation(), LifecycleState.initial(), _event(START, Stage.AWARENESS)) == []
        )

    def test_definition_without_exit_from(self):
        """A definition with an exit stage but no exit_from puts no condition on exit."""
        defn = LifecycleDefinition(
            name="free_exit",
            stages=[StageSpec(key="exit_strategy", title="Exit", stage=Stage.EXIT_STRATEGY)],
        )
        assert _found(ExitActivation(), LifecycleState.initial(defn), _event(EXIT, None)) == []

    def test_in_step(self):
        """step refuses an early exit activation; an override lets it through."""
        state = LifecycleState.initial()
        with pytest.raises(TransitionRefusedError) as info:
            step(state, _event(EXIT, None), guards=[ExitActivation()])
        assert [f.requirement for f in info.value.reasons] == ["LC.EXIT_FROM"]
        after = step(state, _event(EXIT, None, override=BOSS), guards=[ExitActivation()])
        assert after.is_exit_activated


def _guard(requirement: str) -> RecordGuard:
    [guard] = [g for g in RECORD_GUARDS if g.requirement == requirement]
    return guard


LATE = datetime(2026, 10, 31, 9, 0, tzinfo=UTC)
"""A day by which every record of the alliance is approved."""


def _trigger(guard: RecordGuard, at: datetime = LATE) -> Event:
    """The event the record guard is about, on `at`."""
    return Event(kind=guard.kind, stage=guard.stage, actor="jo", at=at)


def _stages(rmp: Plan, name: str, **changes: object) -> Plan:
    section = getattr(rmp.stages, name)
    return evolve(rmp, stages=evolve(rmp.stages, **{name: evolve(section, **changes)}))


def _no_policy(rmp: Plan) -> Plan:
    return _stages(rmp, "awareness", policy=None)


def _no_ser(rmp: Plan) -> Plan:
    return _stages(rmp, "awareness", ser_appointment=None)


def _no_awareness_records(rmp: Plan) -> Plan:
    return _stages(rmp, "awareness", policy=None, ser_appointment=None)


def _no_business_case(rmp: Plan) -> Plan:
    return _stages(rmp, "knowledge", business_case=None)


def _undecided_case(rmp: Plan) -> Plan:
    case = evolve(rmp.stages.knowledge.business_case, decision=None)
    return _stages(rmp, "knowledge", business_case=case)


def _no_go_case(rmp: Plan) -> Plan:
    case = evolve(rmp.stages.knowledge.business_case, decision=Decision.NO_GO)
    return _stages(rmp, "knowledge", business_case=case)


def _no_profile(rmp: Plan) -> Plan:
    return _stages(rmp, "internal_assessment", collaborative_profile=None)


def _no_criteria(rmp: Plan) -> Plan:
    # Scores refer to the criteria, so the evaluations go too (the plan checks references).
    rmp = _stages(rmp, "partner_selection", evaluations=())
    return _stages(rmp, "internal_assessment", selection_criteria=None)


def _no_decision(rmp: Plan) -> Plan:
    return _stages(rmp, "partner_selection", decision=None)


def _nobody_selected(rmp: Plan) -> Plan:
    decision = evolve(rmp.stages.partner_selection.decision, selected=())
    return _stages(rmp, "partner_selection", decision=decision)


def _no_joint_rmp(rmp: Plan) -> Plan:
    return _stages(rmp, "working_together", joint_rmp=None)


def _half_signed(rmp: Plan) -> Plan:
    record = rmp.stages.working_together.joint_rmp
    return _stages(rmp, "working_together", joint_rmp=evolve(record, signatories=["nmri"]))


def _no_exit_plan(rmp: Plan) -> Plan:
    assert rmp.relationship is not None
    return evolve(rmp, relationship=evolve(rmp.relationship, exit_plan=None))


def _no_triggers(rmp: Plan) -> Plan:
    assert rmp.relationship is not None
    plan = evolve(rmp.relationship.exit_plan, triggers=())
    return evolve(rmp, relationship=evolve(rmp.relationship, exit_plan=plan))


MISSING: list[tuple[str, Callable[[Plan], Plan], str]] = [
    ("LC.S1.RECORDS", _no_policy, "recorded: SER appointment; missing: policy"),
    ("LC.S1.RECORDS", _no_ser, "recorded: policy; missing: SER appointment"),
    ("LC.S1.RECORDS", _no_awareness_records, "none recorded"),
    ("LC.S2.BUSINESS_CASE", _no_business_case, "no business case"),
    ("LC.S2.BUSINESS_CASE", _undecided_case, "a business case with no go / no-go decision"),
    ("LC.S2.BUSINESS_CASE", _no_go_case, "decision: no_go"),
    ("LC.S3.RECORDS", _no_profile, "recorded: selection criteria; missing: collaborative profile"),
    ("LC.S3.RECORDS", _no_criteria, "recorded: collaborative profile; missing: selection criteria"),
    ("LC.S4.DECISION", _no_decision, "no selection decision"),
    ("LC.S4.DECISION", _nobody_selected, "a decision selecting 0 candidates"),
    ("LC.S5.PARTNERS_SELECTED", _no_decision, "no selection decision"),
    ("LC.S5.JOINT_RMP", _no_joint_rmp, "no joint RMP"),
    (
        "LC.S5.JOINT_RMP",
        _half_signed,
        "not signed by brackwell, aldergate, holloway, kestrel",
    ),
    ("LC.S8.TRIGGERS", _no_exit_plan, "no exit plan"),
    ("LC.S8.TRIGGERS", _no_triggers, "0 triggers"),
]


class TestRecordGuard:
    @pytest.mark.parametrize("guard", RECORD_GUARDS, ids=lambda g: g.requirement)
    def test_alliance_conforms(self, guard, alliance):
        """Every record guard conforms on the alliance plan, with its path and a passed check."""
        [f] = _found(guard, LifecycleState.initial(), _trigger(guard), alliance)
        assert f.requirement == guard.requirement
        assert f.result is Result.CONFORMS
        assert f.message == guard.description
        assert f.paths == (guard.path,)
        assert [c.passed for c in f.explanation] == [True]
        assert f.remediation is None

    @pytest.mark.parametrize("guard", RECORD_GUARDS, ids=lambda g: g.requirement)
    def test_a_record_approved_after_the_event_is_not_in_place(self, guard, alliance):
        """Time is judged as conformance judges it: a record approved later was not there."""
        early = datetime(2023, 1, 2, tzinfo=UTC)
        [f] = _found(guard, LifecycleState.initial(), _trigger(guard, early), alliance)
        assert f.result is Result.MAJOR
        [check] = f.explanation
        assert check.passed is False
        assert "after 2023-01-02: not in place on that date" in check.observed

    @pytest.mark.parametrize(
        ("requirement", "remove", "observed"),
        MISSING,
        ids=[f"{r}-{f.__name__.strip('_')}" for r, f, _ in MISSING],
    )
    def test_missing_record_is_major(self, requirement, remove, observed, alliance):
        """A plan missing the record gives a major NC saying what was seen and what to do."""
        guard = _guard(requirement)
        rmp = remove(alliance)
        [f] = _found(guard, LifecycleState.initial(), _trigger(guard), rmp)
        assert f.result is Result.MAJOR
        assert f.message == f"missing: {guard.description}"
        assert f.remediation == guard.remediation
        [check] = f.explanation
        assert check.passed is False
        assert check.observed == observed
        assert check.path == guard.path

    @pytest.mark.parametrize(
        ("requirement", "remove"),
        [(r, f) for r, f, _ in MISSING[::3]],
        ids=[f"{r}-{f.__name__.strip('_')}" for r, f, _ in MISSING[::3]],
    )
    def test_missing_record_refuses_in_step(self, requirement, remove, alliance):
        """step with the guard refuses the transition when the plan lacks the record."""
        guard = _guard(requirement)
        state = _state({guard.stage.value: IP} if guard.kind is COMPLETE and guard.stage else {})
        with pytest.raises(TransitionRefusedError) as info:
            step(state, _trigger(guard), guards=[guard], rmp=remove(alliance))
        assert [f.requirement for f in info.value.reasons] == [requirement]

    def test_alliance_plan_is_not_changed(self, alliance):
        """Removing records with evolve leaves the loaded alliance plan as it was."""
        _no_decision(alliance)
        [f] = _found(
            _guard("LC.S4.DECISION"),
            LifecycleState.initial(),
            _trigger(_guard("LC.S4.DECISION")),
            alliance,
        )
        assert f.result is Result.CONFORMS

    @pytest.mark.parametrize("guard", RECORD_GUARDS, ids=lambda g: g.requirement)
    def test_without_plan_not_assessable(self, guard):
        """Without a plan each guard answers not_assessable and does not refuse."""
        [f] = _found(guard, LifecycleState.initial(), _trigger(guard), None)
        assert f.result is Result.NOT_ASSESSABLE
        assert f.message == f"not checked without the plan: {guard.description}"
        assert f.paths == (guard.path,)
        state = _state({guard.stage.value: IP} if guard.kind is COMPLETE and guard.stage else {})
        assert step(state, _trigger(guard), guards=[guard], rmp=None) != state

    @pytest.mark.parametrize("guard", RECORD_GUARDS, ids=lambda g: g.requirement)
    def test_other_transitions_are_ignored(self, guard, alliance):
        """A guard says nothing about other kinds, other stages or sub-stage events."""
        stage = guard.stage or Stage.EXIT_STRATEGY
        other_kind = EventKind.REOPEN
        other_stage = Stage.VALUE_CREATION if stage is not Stage.VALUE_CREATION else Stage.KNOWLEDGE
        state = LifecycleState.initial()
        rmp = _no_decision(alliance)
        assert _found(guard, state, _event(other_kind, stage), rmp) == []
        if guard.stage is not None:
            assert _found(guard, state, _event(guard.kind, other_stage), rmp) == []
        sub = _event(guard.kind, stage, substage="extra")
        assert _found(guard, state, sub, rmp) == []

    def test_flawed_plan(self, flawed):
        """The flawed plan's planted gaps show: no SER, no go decision, one-sided joint RMP."""
        results = {
            g.requirement: _found(g, LifecycleState.initial(), _trigger(g), flawed)[0].result
            for g in RECORD_GUARDS
        }
        assert results == {
            "LC.S1.RECORDS": Result.MAJOR,
            "LC.S2.BUSINESS_CASE": Result.MAJOR,
            "LC.S3.RECORDS": Result.MAJOR,
            "LC.S4.DECISION": Result.CONFORMS,
            "LC.S5.PARTNERS_SELECTED": Result.CONFORMS,
            "LC.S5.JOINT_RMP": Result.MAJOR,
            "LC.S8.TRIGGERS": Result.MAJOR,
        }

    def test_custom_record_guard(self, alliance):
        """A user-built RecordGuard runs its own test on the plan."""
        guard = RecordGuard(
            requirement="ORG.S6.PILOT",
            kind=START,
            stage=Stage.VALUE_CREATION,
            description="a pilot is agreed",
            path="stages.value_creation",
            test=lambda _rmp, _on: (False, "no pilot"),
            remediation="agree a pilot",
        )
        state = _state({"working_together": DONE})
        verdict = can(state, _event(START, Stage.VALUE_CREATION), guards=[guard], rmp=alliance)
        assert not verdict
        assert [(f.requirement, f.explanation[0].observed) for f in verdict.reasons] == [
            ("ORG.S6.PILOT", "no pilot")
        ]

    @pytest.mark.parametrize(
        ("change", "field"),
        [({"requirement": "not an id"}, "requirement"), ({"kind": "start"}, "kind")],
    )
    def test_fields_are_validated(self, change, field):
        """A RecordGuard with a bad requirement id or kind names the field."""
        fields: dict[str, object] = {
            "requirement": "ORG.X",
            "kind": START,
            "stage": None,
            "description": "d",
            "path": "p",
            "test": lambda _rmp: (True, ""),
            "remediation": "r",
        }
        fields.update(change)
        with pytest.raises(InvalidFieldError) as info:
            RecordGuard(**fields)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_requirements_are_unique(self):
        """Each built-in record guard has its own requirement id."""
        ids = [g.requirement for g in RECORD_GUARDS]
        assert len(ids) == len(set(ids)) == 7


class TestDefaultGuards:
    def test_composition(self):
        """default_guards() is stage order, exit activation, then every record guard."""
        guards = default_guards()
        assert isinstance(guards[0], StageOrder)
        assert isinstance(guards[1], ExitActivation)
        assert guards[2:] == RECORD_GUARDS
        assert all(isinstance(g, Guard) for g in guards)

    def test_fresh_equal_tuples(self):
        """Each call returns an equal tuple."""
        assert default_guards() == default_guards()

    def test_alliance_steps_allowed(self, alliance):
        """Against the alliance plan every event is allowed by the default guards."""
        state = LifecycleState.initial(STANDARD)
        for event in alliance.history:
            verdict = can(state, event, guards=default_guards(), rmp=alliance)
            assert verdict, verdict.explain()
            assert verdict.overridden == (event.override is not None)
            state = verdict.after
