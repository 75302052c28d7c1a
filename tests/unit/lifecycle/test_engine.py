"""Behaviour of the lifecycle engine: step, can, replay, state_as_of and trace."""

from __future__ import annotations

import copy
import functools
import itertools
import pickle
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import attrs
import pytest

from _lifecycle import AT, BOSS, COMPLETE, DONE, EXIT, IP, NA, NS, RE, REOPEN, SKIP, START
from collabrel.errors import InvalidFieldError, LifecycleError
from collabrel.lifecycle import (
    STANDARD,
    Event,
    EventKind,
    Guard,
    InvalidEventError,
    LifecycleDefinition,
    LifecycleState,
    StageSpec,
    StageStatus,
    TransitionRefusedError,
    Verdict,
    can,
    default_guards,
    replay,
    state_as_of,
    step,
    trace,
)
from collabrel.model import Finding, Result, Stage

# The transition table of the issue, written out by hand: (kind, status) -> new status.
ALLOWED = {
    (START, NS): IP,
    (COMPLETE, IP): DONE,
    (COMPLETE, RE): DONE,
    (REOPEN, DONE): RE,
    (REOPEN, NA): RE,
    (SKIP, NS): NA,
    (SKIP, IP): NA,
    (SKIP, RE): NA,
}
# Every other (kind, status) pair, with words the reason must contain.
FORBIDDEN = {
    (START, IP): "already in progress",
    (START, RE): "already in progress",
    (START, DONE): "reopen it",
    (START, NA): "reopen it",
    (COMPLETE, NS): "never started",
    (COMPLETE, DONE): "already completed",
    (COMPLETE, NA): "skipped",
    (REOPEN, NS): "never started",
    (REOPEN, IP): "still in progress",
    (REOPEN, RE): "already reopened",
    (SKIP, DONE): "completed",
    (SKIP, NA): "already skipped",
}


def _event(kind: EventKind, stage: Stage | None = Stage.KNOWLEDGE, **kw: object) -> Event:
    fields: dict[str, object] = {"kind": kind, "stage": stage, "actor": "jo", "at": AT}
    if kind is SKIP:
        fields["note"] = "Not needed for this relationship."
    fields.update(kw)
    return Event(**fields)  # type: ignore[arg-type]


def _with(status: StageStatus, key: str = "knowledge", **kw: object) -> LifecycleState:
    return LifecycleState.from_statuses({key: status}, **kw)  # type: ignore[arg-type]


def _variant(*, exit_stage: str | None = None) -> LifecycleDefinition:
    """Awareness, knowledge, partner selection with sub-stages (maybe exit with a sub-stage)."""
    stages = [
        StageSpec(key="awareness", title="Awareness", stage=Stage.AWARENESS),
        StageSpec(key="knowledge", title="Knowledge", stage=Stage.KNOWLEDGE),
        StageSpec(
            key="partner_selection", title="Partner selection", stage=Stage.PARTNER_SELECTION
        ),
        StageSpec(key="shortlist", title="Shortlisting", stage=Stage.PARTNER_SELECTION),
        StageSpec(key="due_diligence", title="Due diligence", stage=Stage.PARTNER_SELECTION),
    ]
    if exit_stage is not None:
        stages.append(StageSpec(key="exit_strategy", title="Exit", stage=Stage.EXIT_STRATEGY))
        stages.append(StageSpec(key="handover", title="Handover", stage=Stage.EXIT_STRATEGY))
    return LifecycleDefinition(name="selection_variant", stages=stages, exit_stage=exit_stage)


def _refusing(requirement: str = "ORG.NO_GO", result: Result = Result.MINOR) -> Guard:
    class Refuse:
        def check(self, _state, _event, _rmp, /) -> Iterator[Finding]:
            yield Finding(requirement=requirement, result=result, message=f"{requirement} says no")

    return Refuse()


class _Recorder:
    """A guard that records what it was asked and finds nothing."""

    def __init__(self) -> None:
        self.calls: list[tuple[LifecycleState, Event, object]] = []

    def check(self, state, event, rmp) -> tuple[Finding, ...]:
        self.calls.append((state, event, rmp))
        return ()


def _invalid(state: LifecycleState, event: object, **kw: object) -> InvalidEventError:
    """Step that must fail as invalid, leaving the state unchanged."""
    before = copy.deepcopy(state)
    with pytest.raises(InvalidEventError) as info:
        step(state, event, **kw)  # type: ignore[arg-type]
    assert state == before
    assert info.value.state is state
    assert info.value.event is event
    return info.value


class TestTransitionTable:
    def test_table_covers_every_pair(self):
        """The test's table names every (event kind, status) pair once (exit, membership apart)."""
        stage_kinds = [k for k in EventKind if k is not EXIT and not k.value.startswith("partner_")]
        pairs = {(k, s) for k in stage_kinds for s in StageStatus}
        assert set(ALLOWED) | set(FORBIDDEN) == pairs
        assert not set(ALLOWED) & set(FORBIDDEN)


class TestStep:
    @pytest.mark.parametrize(("kind", "old"), list(ALLOWED), ids=str)
    def test_allowed_transition(self, kind, old):
        """An allowed (kind, status) pair moves the stage to the table's new status."""
        state = _with(old, updated_at=AT - timedelta(days=1))
        before = copy.deepcopy(state)
        after = step(state, _event(kind))
        assert after.status(Stage.KNOWLEDGE) is ALLOWED[kind, old]
        assert after.updated_at == AT
        assert state == before

    @pytest.mark.parametrize(("kind", "old"), list(FORBIDDEN), ids=str)
    def test_forbidden_transition(self, kind, old):
        """A forbidden pair raises InvalidEventError on `kind` and leaves the state as it was."""
        state = _with(old)
        err = _invalid(state, _event(kind))
        assert err.field == "kind"
        assert err.path == "kind"
        assert err.index is None
        assert err.reason.startswith(f"cannot {kind.value} Knowledge: ")
        assert FORBIDDEN[kind, old] in err.reason
        assert str(err) == f"kind: {err.reason}"

    def test_other_stages_and_exit_are_kept(self):
        """Only the event's stage changes; exit_activated_at is carried along."""
        state = LifecycleState.from_statuses(
            {"awareness": DONE, "exit_strategy": RE}, exit_activated_at=AT - timedelta(1)
        )
        after = step(state, _event(START))
        assert after.by_key() == {**state.by_key(), "knowledge": IP}
        assert after.exit_activated_at == AT - timedelta(1)
        assert type(after) is LifecycleState

    def test_several_stages_may_be_in_progress(self):
        """Starting a stage while others are in progress keeps them all active."""
        state = step(LifecycleState.initial(), _event(START, Stage.AWARENESS))
        state = step(state, _event(START, Stage.EXIT_STRATEGY))
        state = step(state, _event(START, Stage.KNOWLEDGE))
        assert state.active == ("awareness", "knowledge", "exit_strategy")

    def test_reopen_then_complete_again(self):
        """A completed stage can be reopened and completed again."""
        state = _with(DONE)
        state = step(state, _event(REOPEN))
        assert state.status("knowledge") is RE
        assert step(state, _event(COMPLETE)).status("knowledge") is DONE

    def test_same_instant_is_allowed(self):
        """An event at the same instant as the last one applies."""
        state = step(_with(NS, updated_at=AT), _event(START))
        assert state.updated_at == AT

    def test_time_going_backwards(self):
        """An event earlier than the last one is refused on `at`; the history is append-only."""
        state = _with(NS, updated_at=AT)
        err = _invalid(state, _event(START, at=AT - timedelta(seconds=1)))
        assert err.field == "at"
        assert "earlier than the last event" in err.reason
        assert "2025-01-06T09:00:00+00:00" in err.reason
        assert "append-only" in err.reason

    def test_time_compared_as_instants(self):
        """10:00 at UTC+1 is before 09:30 UTC, whatever the wall clock says."""
        state = _with(NS, updated_at=AT + timedelta(minutes=30))
        plus_one = datetime(2025, 1, 6, 10, 0, tzinfo=timezone(timedelta(hours=1)))
        err = _invalid(state, _event(START, at=plus_one))
        assert err.field == "at"

    def test_time_checked_before_the_transition(self):
        """A backwards timestamp is reported even if the transition is also invalid."""
        state = _with(DONE, updated_at=AT)
        err = _invalid(state, _event(COMPLETE, at=AT - timedelta(days=1)))
        assert err.field == "at"

    def test_unknown_stage_for_custom_definition(self):
        """A stage the custom definition lacks is refused on `stage`, naming both."""
        state = LifecycleState.initial(_variant())
        err = _invalid(state, _event(START, Stage.VALUE_CREATION))
        assert err.field == "stage"
        assert err.reason == (
            "'value_creation' is not a stage of lifecycle definition 'selection_variant'"
        )

    def test_event_without_stage(self):
        """A start event with no stage is refused on `stage`."""
        err = _invalid(LifecycleState.initial(), _event(START, None))
        assert err.field == "stage"
        assert "must name a stage" in err.reason

    @pytest.mark.parametrize("event", ["start awareness", None, 42], ids=repr)
    def test_not_an_event(self, event):
        """Something that is not an Event is refused on `event`, not a bare error."""
        err = _invalid(LifecycleState.initial(), event)
        assert err.field == "event"
        assert "expected an Event" in err.reason

    def test_substage_event(self):
        """An event on a sub-stage changes the sub-stage only."""
        state = LifecycleState.initial(_variant())
        after = step(state, _event(START, Stage.PARTNER_SELECTION, substage="shortlist"))
        assert after.active == ("shortlist",)
        after = step(after, _event(COMPLETE, Stage.PARTNER_SELECTION, substage="shortlist"))
        assert after.completed == ("shortlist",)
        assert after.status(Stage.PARTNER_SELECTION) is NS

    def test_substage_of_wrong_parent(self):
        """A sub-stage named under another stage is refused on `substage`."""
        state = LifecycleState.initial(_variant())
        err = _invalid(state, _event(START, Stage.KNOWLEDGE, substage="shortlist"))
        assert err.field == "substage"
        assert err.reason == (
            "'shortlist' is not a sub-stage of 'knowledge' in lifecycle definition "
            "'selection_variant'"
        )

    @pytest.mark.parametrize("defn", [_variant(), STANDARD], ids=["variant", "standard"])
    def test_unknown_substage(self, defn):
        """A sub-stage the definition lacks is refused on `substage`."""
        state = LifecycleState.initial(defn)
        err = _invalid(state, _event(START, Stage.PARTNER_SELECTION, substage="pilot"))
        assert err.field == "substage"
        assert "'pilot'" in err.reason

    def test_substage_transition_rules(self):
        """Sub-stages follow the same transition table (completing one never started)."""
        state = LifecycleState.initial(_variant())
        err = _invalid(state, _event(COMPLETE, Stage.PARTNER_SELECTION, substage="shortlist"))
        assert err.field == "kind"
        assert "Shortlisting" in err.reason

    def test_skip_without_note(self):
        """A skip without a justification is refused on `note`."""
        event = _event(SKIP, note=None)
        err = _invalid(LifecycleState.initial(), event)
        assert err.field == "note"
        assert "justification" in err.reason

    def test_skip_with_note(self):
        """A justified skip marks the stage not applicable."""
        after = step(LifecycleState.initial(), _event(SKIP, Stage.INTERNAL_ASSESSMENT))
        assert after.status(Stage.INTERNAL_ASSESSMENT) is NA

    def test_other_kinds_need_no_note(self):
        """Start, complete and reopen apply without a note."""
        state = step(LifecycleState.initial(), _event(START, note=None))
        state = step(state, _event(COMPLETE, note=None))
        assert step(state, _event(REOPEN, note=None)).status("knowledge") is RE

    def test_invalid_event_error_pickles(self):
        """InvalidEventError survives pickling with its attributes."""
        err = _invalid(LifecycleState.initial(), _event(COMPLETE))
        back = pickle.loads(pickle.dumps(err))  # noqa: S301
        assert (back.field, back.reason, back.path, back.index) == (
            "kind",
            err.reason,
            "kind",
            None,
        )
        assert back.state == err.state
        assert back.event == err.event
        assert isinstance(back, LifecycleError)


class TestStepExitActivation:
    @pytest.mark.parametrize(
        ("old", "new"),
        [(NS, IP), (IP, IP), (RE, RE), (DONE, RE), (NA, RE)],
    )
    def test_exit_stage_becomes_active(self, old, new):
        """Activating exit makes the exit stage active whatever it was, stamping the time."""
        state = _with(old, "exit_strategy", updated_at=AT - timedelta(days=1))
        after = step(state, _event(EXIT, None))
        assert after.status(Stage.EXIT_STRATEGY) is new
        assert after.exit_activated_at == AT
        assert after.updated_at == AT
        assert after.is_exit_activated
        assert [s for k, s in after.by_key().items() if k != "exit_strategy"] == [NS] * 7

    def test_may_name_the_exit_stage(self):
        """An activate_exit event may name the exit stage itself."""
        after = step(LifecycleState.initial(), _event(EXIT, Stage.EXIT_STRATEGY))
        assert after.status(Stage.EXIT_STRATEGY) is IP

    def test_naming_another_stage(self):
        """An activate_exit event naming a stage other than the exit stage is refused."""
        err = _invalid(LifecycleState.initial(), _event(EXIT, Stage.VALUE_CREATION))
        assert err.field == "stage"
        assert "'exit_strategy'" in err.reason

    def test_twice_is_an_error(self):
        """Exit cannot be activated twice; the reason gives the first activation."""
        first = step(LifecycleState.initial(), _event(EXIT, None))
        err = _invalid(first, _event(EXIT, None, at=AT + timedelta(days=1)))
        assert err.field == "kind"
        assert err.reason == "exit was already activated on 2025-01-06T09:00:00+00:00"

    def test_definition_without_exit_stage(self):
        """A definition with no exit stage refuses activate_exit on `kind`."""
        err = _invalid(LifecycleState.initial(_variant()), _event(EXIT, None))
        assert err.field == "kind"
        assert "'selection_variant' has no exit stage" in err.reason

    def test_custom_exit_stage(self):
        """A custom definition's exit stage (here a sub-stage) is the one activated."""
        state = LifecycleState.initial(_variant(exit_stage="handover"))
        after = step(state, _event(EXIT, None))
        assert after.active == ("handover",)
        named = step(state, _event(EXIT, Stage.EXIT_STRATEGY, substage="handover"))
        assert named == after

    def test_backwards_exit(self):
        """An exit activation earlier than the last event is refused on `at`."""
        state = _with(IP, updated_at=AT)
        err = _invalid(state, _event(EXIT, None, at=AT - timedelta(hours=1)))
        assert err.field == "at"

    def test_later_events_keep_the_exit_time(self):
        """Events after exit activation keep exit_activated_at."""
        state = step(LifecycleState.initial(), _event(EXIT, None))
        later = step(state, _event(START, at=AT + timedelta(days=2)))
        assert later.exit_activated_at == AT
        assert later.updated_at == AT + timedelta(days=2)


class TestStepGuards:
    def test_guards_see_state_event_and_plan(self, alliance):
        """Each guard is asked with the state before, the event and the plan."""
        recorder = _Recorder()
        state = LifecycleState.initial()
        event = _event(START, Stage.AWARENESS)
        step(state, event, guards=[recorder], rmp=alliance)
        assert recorder.calls == [(state, event, alliance)]

    def test_guards_not_asked_for_invalid_events(self):
        """An invalid event fails before any guard runs."""
        recorder = _Recorder()
        _invalid(LifecycleState.initial(), _event(COMPLETE), guards=[recorder])
        assert recorder.calls == []

    def test_custom_guard_refuses(self):
        """A custom guard's nonconformity raises TransitionRefusedError; state unchanged."""
        state = LifecycleState.initial()
        before = copy.deepcopy(state)
        event = _event(START, Stage.AWARENESS)
        with pytest.raises(TransitionRefusedError) as info:
            step(state, event, guards=[_refusing()])
        err = info.value
        assert state == before
        assert err.state is state
        assert err.event is event
        assert [f.requirement for f in err.reasons] == ["ORG.NO_GO"]
        assert err.index is None
        assert isinstance(err, LifecycleError)

    def test_every_failed_guard_is_listed(self):
        """All failing guards are listed, in guard order; passing findings are left out."""
        guards = [
            _refusing("ORG.FIRST", Result.MAJOR),
            _refusing("ORG.FINE", Result.CONFORMS),
            _refusing("ORG.NOTE", Result.OBSERVATION),
            _refusing("ORG.SECOND", Result.MINOR),
        ]
        with pytest.raises(TransitionRefusedError) as info:
            step(LifecycleState.initial(), _event(START, Stage.AWARENESS), guards=guards)
        assert [f.requirement for f in info.value.reasons] == ["ORG.FIRST", "ORG.SECOND"]

    def test_refusal_message(self):
        """The message names the transition, lists the findings and suggests an override."""
        guards = [_refusing("ORG.FIRST"), _refusing("ORG.SECOND")]
        with pytest.raises(TransitionRefusedError) as info:
            step(LifecycleState.initial(), _event(START, Stage.AWARENESS), guards=guards)
        assert str(info.value) == (
            "start Awareness (awareness) on 2025-01-06 refused by 2 guard findings:\n"
            "  - [ORG.FIRST] ORG.FIRST says no\n"
            "  - [ORG.SECOND] ORG.SECOND says no\n"
            "(record an override on the event to proceed anyway)"
        )

    def test_single_refusal_message(self):
        """One finding is reported in the singular."""
        with pytest.raises(TransitionRefusedError, match="refused by 1 guard finding:"):
            step(LifecycleState.initial(), _event(START), guards=[_refusing()])

    @pytest.mark.parametrize(
        "result",
        [Result.CONFORMS, Result.OBSERVATION, Result.NOT_ASSESSABLE, Result.NOT_APPLICABLE],
    )
    def test_findings_that_do_not_refuse(self, result):
        """Findings that are not nonconformities let the event through."""
        after = step(LifecycleState.initial(), _event(START), guards=[_refusing(result=result)])
        assert after.status("knowledge") is IP

    def test_override_lets_refused_event_through(self):
        """An override on the event lets a refused transition apply."""
        event = _event(START, override=BOSS)
        after = step(LifecycleState.initial(), event, guards=[_refusing()])
        assert after == step(LifecycleState.initial(), event)

    def test_override_does_not_excuse_invalid_events(self):
        """An override cannot make an invalid event valid."""
        err = _invalid(LifecycleState.initial(), _event(COMPLETE, override=BOSS))
        assert err.field == "kind"

    def test_refused_error_pickles(self):
        """TransitionRefusedError survives pickling with its attributes."""
        with pytest.raises(TransitionRefusedError) as info:
            step(LifecycleState.initial(), _event(START), guards=[_refusing()])
        back = pickle.loads(pickle.dumps(info.value))  # noqa: S301
        assert back.reasons == info.value.reasons
        assert back.state == info.value.state
        assert str(back) == str(info.value)

    def test_guard_protocol(self):
        """Objects with a check method are Guards; others are not."""
        assert isinstance(_refusing(), Guard)
        assert isinstance(_Recorder(), Guard)
        assert not isinstance(object(), Guard)


class TestCan:
    def test_allowed(self):
        """A valid event with no objection is allowed and shows the state it leads to."""
        state = LifecycleState.initial()
        event = _event(START, Stage.AWARENESS)
        verdict = can(state, event, guards=default_guards())
        assert verdict
        assert verdict.allowed
        assert verdict.after == step(state, event)
        assert verdict.before is state
        assert verdict.error is None
        assert verdict.reasons == ()
        assert not verdict.overridden

    @pytest.mark.parametrize(("kind", "old"), list(FORBIDDEN), ids=str)
    def test_invalid_transitions_never_raise(self, kind, old):
        """For every forbidden pair can() answers falsy with the reason instead of raising."""
        state = _with(old)
        before = copy.deepcopy(state)
        verdict = can(state, _event(kind), guards=default_guards())
        assert not verdict
        assert verdict.after is None
        assert verdict.error is not None
        assert verdict.error.field == "kind"
        [reason] = verdict.reasons
        assert reason.requirement == "LC.EVENT"
        assert reason.result is Result.MAJOR
        assert reason.paths == ("kind",)
        assert FORBIDDEN[kind, old] in reason.message
        assert state == before

    @pytest.mark.parametrize(
        ("state", "event", "field"),
        [
            (_with(NS, updated_at=AT), _event(START, at=AT - timedelta(1)), "at"),
            (LifecycleState.initial(_variant()), _event(START, Stage.VALUE_CREATION), "stage"),
            (LifecycleState.initial(), _event(SKIP, note=None), "note"),
            (
                LifecycleState.initial(_variant()),
                _event(START, Stage.KNOWLEDGE, substage="shortlist"),
                "substage",
            ),
            (
                step(LifecycleState.initial(), _event(EXIT, None)),
                _event(EXIT, None, at=AT + timedelta(1)),
                "kind",
            ),
        ],
        ids=["backwards", "unknown-stage", "skip-no-note", "wrong-parent", "exit-twice"],
    )
    def test_other_invalid_events(self, state, event, field):
        """Invalid events of every sort give a falsy verdict naming the field."""
        verdict = can(state, event)
        assert not verdict
        assert verdict.error is not None
        assert verdict.error.field == field
        assert verdict.reasons[0].paths == (field,)

    def test_non_event_is_a_clear_error(self):
        """Something that is not an Event at all is an InvalidEventError on `event`."""
        with pytest.raises(InvalidEventError) as info:
            can(LifecycleState.initial(), "start awareness")  # type: ignore[arg-type]
        assert info.value.field == "event"

    def test_guards_not_run_for_invalid_events(self):
        """Guards are asked only about valid events."""
        recorder = _Recorder()
        can(LifecycleState.initial(), _event(COMPLETE), guards=[recorder])
        assert recorder.calls == []

    def test_refused_by_guards(self):
        """Guard refusals give a falsy verdict with every finding and the would-be state."""
        guards = [_refusing("ORG.FINE", Result.CONFORMS), _refusing("ORG.NO", Result.MAJOR)]
        state = LifecycleState.initial()
        verdict = can(state, _event(START), guards=guards)
        assert not verdict
        assert [f.requirement for f in verdict.findings] == ["ORG.FINE", "ORG.NO"]
        assert [f.requirement for f in verdict.reasons] == ["ORG.NO"]
        assert verdict.after is not None
        assert verdict.after.status("knowledge") is IP
        assert not verdict.overridden
        assert verdict.error is None

    def test_refused_but_overridden(self):
        """An overridden refusal is allowed and marked overridden."""
        verdict = can(LifecycleState.initial(), _event(START, override=BOSS), guards=[_refusing()])
        assert verdict
        assert verdict.overridden
        assert [f.requirement for f in verdict.reasons] == ["ORG.NO_GO"]

    def test_override_without_refusal_is_not_overridden(self):
        """An override nobody needed does not mark the verdict overridden."""
        verdict = can(LifecycleState.initial(), _event(START, Stage.AWARENESS, override=BOSS))
        assert verdict
        assert not verdict.overridden

    def test_agrees_with_step(self, alliance):
        """can() allows exactly the events step() applies, with the same resulting state."""
        state = LifecycleState.initial()
        for event in alliance.history:
            verdict = can(state, event, guards=default_guards(), rmp=alliance)
            assert verdict
            state = step(state, event, guards=default_guards(), rmp=alliance)
            assert verdict.after == state


class TestVerdict:
    def test_explain_refused_by_guard(self):
        """explain() heads with 'refused' and lists each nonconformity."""
        verdict = can(
            LifecycleState.initial(),
            _event(START, Stage.PARTNER_SELECTION),
            guards=default_guards(),
        )
        assert verdict.explain() == (
            "refused: start Partner selection (partner_selection) on 2025-01-06\n"
            "  - [LC.ORDER] Partner selection cannot start before Knowledge, "
            "Internal assessment are done"
        )

    def test_explain_invalid(self):
        """explain() of an invalid event gives the field and the reason."""
        verdict = can(LifecycleState.initial(), _event(COMPLETE))
        assert verdict.explain() == (
            "refused: complete Knowledge (knowledge) on 2025-01-06\n"
            "  - [LC.EVENT] kind: cannot complete Knowledge: it was never started"
        )

    def test_explain_allowed(self):
        """explain() of an allowed event is one line."""
        verdict = can(LifecycleState.initial(), _event(EXIT, None))
        assert verdict.explain() == "allowed: activate exit on 2025-01-06"

    def test_explain_overridden(self):
        """explain() of an overridden refusal says who overrode it, with the reasons."""
        verdict = can(LifecycleState.initial(), _event(START, override=BOSS), guards=[_refusing()])
        assert verdict.explain().splitlines() == [
            "allowed by override of h.okafor: start Knowledge (knowledge) on 2025-01-06",
            "  - [ORG.NO_GO] ORG.NO_GO says no",
        ]

    def test_truthiness_follows_allowed(self):
        """bool(verdict) is the allowed flag."""
        event = _event(START)
        state = LifecycleState.initial()
        assert bool(Verdict(allowed=True, event=event, before=state)) is True
        assert bool(Verdict(allowed=False, event=event, before=state)) is False

    def test_fields_are_validated(self):
        """A Verdict with a non-bool allowed flag is an InvalidFieldError."""
        with pytest.raises(InvalidFieldError):
            Verdict(allowed="yes", event=_event(START), before=LifecycleState.initial())  # type: ignore[arg-type]


ALLIANCE_FINAL = {
    "awareness": DONE,
    "knowledge": DONE,
    "internal_assessment": DONE,
    "partner_selection": DONE,
    "working_together": DONE,
    "value_creation": IP,
    "staying_together": IP,
    "exit_strategy": IP,
}


class TestReplay:
    def test_empty_history_is_initial(self):
        """Replaying no events gives the initial state of the definition."""
        assert replay([]) == LifecycleState.initial()
        assert replay([], definition=_variant()) == LifecycleState.initial(_variant())

    def test_alliance_final_state(self, alliance):
        """The alliance history ends with stages 6-8 active and everything before completed."""
        state = replay(alliance.history)
        assert state.by_key() == ALLIANCE_FINAL
        assert state.updated_at == datetime(2025, 4, 1, 7, 0, tzinfo=UTC)
        assert state.exit_activated_at is None

    def test_equals_folding_step(self, alliance, flawed):
        """replay() equals step() folded over the events, after every prefix."""
        for history in (alliance.history, flawed.history):
            for n in range(len(history) + 1):
                folded = functools.reduce(step, history[:n], LifecycleState.initial())
                assert replay(history[:n]) == folded

    def test_equals_folding_step_with_exit_skips_and_substages(self):
        """replay() agrees with step() on exits, skips, reopenings and sub-stages."""
        ps = Stage.PARTNER_SELECTION
        events = [
            _event(START, Stage.AWARENESS, at=AT),
            _event(SKIP, Stage.KNOWLEDGE, at=AT + timedelta(1)),
            _event(START, ps, at=AT + timedelta(2)),
            _event(START, ps, substage="shortlist", at=AT + timedelta(3)),
            _event(COMPLETE, ps, substage="shortlist", at=AT + timedelta(3)),
            _event(REOPEN, Stage.KNOWLEDGE, at=AT + timedelta(4)),
            _event(EXIT, None, at=AT + timedelta(5)),
            _event(COMPLETE, Stage.KNOWLEDGE, at=AT + timedelta(6)),
        ]
        defn = _variant(exit_stage="handover")
        start = LifecycleState.initial(defn)
        folded = functools.reduce(step, events, start)
        assert replay(events, definition=defn) == folded
        assert replay(iter(events), definition=defn) == folded
        assert folded.by_key() == {
            "awareness": IP,
            "knowledge": DONE,
            "partner_selection": IP,
            "shortlist": DONE,
            "due_diligence": NS,
            "exit_strategy": NS,
            "handover": IP,
        }
        assert folded.exit_activated_at == AT + timedelta(5)

    def test_start_state(self, alliance):
        """Replaying the rest of a history from a prefix's state gives the whole replay."""
        history = alliance.history
        middle = replay(history[:9])
        assert replay(history[9:], start=middle) == replay(history)

    def test_start_state_time_is_respected(self, alliance):
        """Events earlier than the start state's last event are refused."""
        later = replay(alliance.history)
        with pytest.raises(InvalidEventError) as info:
            replay(alliance.history[:1], start=later)
        assert info.value.path == "history[0].at"

    @pytest.mark.parametrize("guarded", [False, True], ids=["plain", "guarded"])
    @pytest.mark.parametrize(
        ("bad", "field"),
        [
            (_event(START, Stage.AWARENESS, at=AT - timedelta(days=30)), "at"),
            (_event(COMPLETE, Stage.VALUE_CREATION, at=AT + timedelta(days=30)), "kind"),
            (_event(SKIP, Stage.VALUE_CREATION, note=None, at=AT + timedelta(days=30)), "note"),
            ("not an event", "event"),
        ],
        ids=["at", "kind", "note", "event"],
    )
    def test_errors_carry_index_and_path(self, bad, field, guarded):
        """A bad event's error names its position: history[3].<field>, with the state before."""
        good = [
            _event(START, Stage.AWARENESS, at=AT),
            _event(COMPLETE, Stage.AWARENESS, at=AT + timedelta(days=1)),
            _event(START, Stage.KNOWLEDGE, at=AT + timedelta(days=2)),
        ]
        guards = [_Recorder()] if guarded else []
        with pytest.raises(InvalidEventError) as info:
            replay([*good, bad, _event(START, Stage.EXIT_STRATEGY)], guards=guards)
        err = info.value
        assert err.index == 3
        assert err.field == field
        assert err.path == f"history[3].{field}"
        assert str(err).startswith(f"history[3].{field}: ")
        assert err.state == replay(good)
        assert err.event is bad

    def test_unknown_stage_for_custom_definition(self, alliance):
        """Replaying the standard alliance history on a smaller definition names the event."""
        with pytest.raises(InvalidEventError) as info:
            replay(alliance.history, definition=_variant())
        assert info.value.path == "history[3].stage"  # internal_assessment is not a stage

    def test_alliance_with_default_guards(self, alliance):
        """With the built-in guards the alliance replays (its one refusal is overridden)."""
        guarded = replay(alliance.history, guards=default_guards(), rmp=alliance)
        assert guarded == replay(alliance.history)

    def test_alliance_without_the_override_is_refused(self, alliance):
        """Dropping the override makes the early start of staying together a refusal."""
        history = list(alliance.history)
        history[17] = attrs.evolve(history[17], override=None)
        with pytest.raises(TransitionRefusedError) as info:
            replay(history, guards=default_guards(), rmp=alliance)
        err = info.value
        assert err.index == 17
        assert [f.requirement for f in err.reasons] == ["LC.ORDER"]
        assert str(err).startswith(
            "history[17]: start Staying together (staying_together) on 2025-04-01 refused"
        )
        assert err.state == replay(history[:17])

    def test_flawed_is_refused_at_the_first_unjustified_event(self, flawed):
        """The flawed plan's awareness closes without an SER appointment: refused at [1]."""
        with pytest.raises(TransitionRefusedError) as info:
            replay(flawed.history, guards=default_guards(), rmp=flawed)
        assert info.value.index == 1
        assert [f.requirement for f in info.value.reasons] == ["LC.S1.RECORDS"]

    def test_flawed_without_plan_is_refused_at_partner_selection(self, flawed):
        """Without the plan, the start of partner selection before knowledge is done is refused."""
        with pytest.raises(TransitionRefusedError) as info:
            replay(flawed.history, guards=default_guards())
        assert info.value.index == 4
        assert info.value.event.stage is Stage.PARTNER_SELECTION
        assert [f.requirement for f in info.value.reasons] == ["LC.ORDER"]

    def test_flawed_without_guards(self, flawed):
        """Without guards the flawed history replays, the internal assessment not applicable."""
        state = replay(flawed.history)
        assert state.status(Stage.INTERNAL_ASSESSMENT) is NA
        assert state.status(Stage.KNOWLEDGE) is IP
        assert state.active == ("knowledge", "working_together")


class TestStateAsOf:
    def test_date(self, alliance):
        """By the end of March 2024 awareness is completed and knowledge under way."""
        state = state_as_of(alliance.history, date(2024, 3, 31))
        assert state.completed == ("awareness",)
        assert state.active == ("knowledge",)
        assert state.updated_at == datetime(2024, 3, 11, 9, 0, tzinfo=UTC)

    def test_carries_the_date_asked_for(self, alliance):
        """The state shows the day asked for as its `as_of`, not only the last event's instant."""
        state = state_as_of(alliance.history, date(2024, 3, 31))
        assert state.as_of == date(2024, 3, 31)
        assert repr(state).endswith("updated_at=2024-03-11T09:00:00+00:00, as_of=2024-03-31)")
        assert "as of 2024-03-31 (last event: 2024-03-11T09:00:00+00:00)" in state._repr_html_()
        at = datetime(2024, 4, 8, 8, 0, tzinfo=UTC)
        assert state_as_of(alliance.history, at).as_of == at

    def test_as_of_is_left_out_of_equality(self, alliance):
        """A state read as of a day equals (and hashes like) the replay it is; replay has none."""
        read = state_as_of(alliance.history, date(2030, 1, 1))
        again = state_as_of(alliance.history, date(2031, 1, 1))
        live = replay(alliance.history)
        assert live.as_of is None
        assert read == live == again
        assert not read != live  # noqa: SIM202 - __ne__ is ours
        assert hash(read) == hash(live) == hash(again)
        assert len({read, live, again}) == 1

    def test_as_of_survives_pickling_but_not_a_step(self, alliance):
        """A pickled state keeps its `as_of`; a state moved on by an event does not."""
        read = state_as_of(alliance.history, date(2024, 3, 31))
        assert pickle.loads(pickle.dumps(read)).as_of == date(2024, 3, 31)  # noqa: S301
        moved = step(read, alliance.history[3])
        assert moved.as_of is None
        assert read._replace().as_of is None

    def test_date_counts_events_on_that_day(self, alliance):
        """Events on the date itself count, by their own local date."""
        before = state_as_of(alliance.history, date(2024, 4, 7))
        on = state_as_of(alliance.history, date(2024, 4, 8))
        assert before.status(Stage.INTERNAL_ASSESSMENT) is NS
        assert on.status(Stage.INTERNAL_ASSESSMENT) is IP

    def test_aware_datetime(self, alliance):
        """An aware instant counts events at or before it (09:00+01:00 is 08:00 UTC)."""
        ia = Stage.INTERNAL_ASSESSMENT
        at = datetime(2024, 4, 8, 8, 0, tzinfo=UTC)
        assert state_as_of(alliance.history, at).status(ia) is IP
        assert state_as_of(alliance.history, at - timedelta(seconds=1)).status(ia) is NS
        local = datetime(2024, 4, 8, 9, 0, tzinfo=timezone(timedelta(hours=1)))
        assert state_as_of(alliance.history, local).status(ia) is IP

    def test_reopened_partner_selection(self, alliance):
        """On 1 November 2024 partner selection was reopened beside working together."""
        state = state_as_of(alliance.history, date(2024, 11, 1))
        assert state.status(Stage.PARTNER_SELECTION) is RE
        assert state.active == ("partner_selection", "working_together", "exit_strategy")

    def test_before_the_first_event(self, alliance):
        """Before the first event the state is the initial one."""
        assert state_as_of(alliance.history, date(2023, 12, 31)) == LifecycleState.initial()

    def test_after_the_last_event(self, alliance):
        """After the last event the state is the full replay."""
        assert state_as_of(alliance.history, date(2030, 1, 1)) == replay(alliance.history)

    def test_each_event_instant(self, alliance):
        """At each event's instant the state is the replay up to and including it."""
        history = alliance.history
        for i, event in enumerate(history):
            assert state_as_of(history, event.at) == replay(history[: i + 1])

    def test_custom_definition(self):
        """The definition is used for the replay."""
        events = [_event(START, Stage.PARTNER_SELECTION, substage="shortlist")]
        state = state_as_of(events, AT, definition=_variant())
        assert state.active == ("shortlist",)

    def test_naive_datetime(self, alliance):
        """A naive datetime is a LifecycleError that says so."""
        with pytest.raises(LifecycleError, match="naive"):
            state_as_of(alliance.history, datetime(2024, 11, 1))  # noqa: DTZ001

    @pytest.mark.parametrize("when", ["2024-11-01", 20241101, None])
    def test_not_a_date(self, alliance, when):
        """Something that is not a date or datetime is a LifecycleError."""
        with pytest.raises(LifecycleError, match="when must be a date"):
            state_as_of(alliance.history, when)  # type: ignore[arg-type]

    def test_bad_event_before_cut_off(self):
        """An invalid event up to the cut-off raises with its path."""
        events = [_event(START), _event(START)]
        with pytest.raises(InvalidEventError) as info:
            state_as_of(events, AT)
        assert info.value.path == "history[1].kind"

    def test_non_event_in_history(self, alliance):
        """A non-Event in the history is an InvalidEventError naming its position."""
        with pytest.raises(InvalidEventError) as info:
            state_as_of([*alliance.history, "junk"], date(2030, 1, 1))
        assert info.value.path == f"history[{len(alliance.history)}].event"


class TestTrace:
    def test_one_transition_per_event(self, alliance):
        """trace gives one transition per event, chained before/after, ending at the replay."""
        steps = trace(alliance.history)
        assert [t.index for t in steps] == list(range(len(alliance.history)))
        assert steps[0].before == LifecycleState.initial()
        for prev, nxt in itertools.pairwise(steps):
            assert prev.after == nxt.before
        assert steps[-1].after == replay(alliance.history)
        assert all(t.findings == () and not t.refused for t in steps)

    def test_alliance_refusal_is_overridden(self, alliance):
        """In the alliance only the start of staying together is refused, and it is overridden."""
        steps = trace(alliance.history, guards=default_guards(), rmp=alliance)
        refused = [t for t in steps if t.refused]
        assert [t.index for t in refused] == [17]
        assert refused[0].overridden
        assert not refused[0].is_unjustified
        assert [f.requirement for f in refused[0].reasons] == ["LC.ORDER"]
        assert not any(t.is_unjustified for t in steps)

    def test_flawed_unjustified_transitions(self, flawed):
        """The flawed plan's unjustified transitions are awareness closed and the early start."""
        steps = trace(flawed.history, guards=default_guards(), rmp=flawed)
        unjustified = [
            (t.index, [f.requirement for f in t.reasons]) for t in steps if t.is_unjustified
        ]
        assert unjustified == [(1, ["LC.S1.RECORDS"]), (4, ["LC.ORDER"])]
        assert steps[-1].after == replay(flawed.history)

    def test_flawed_without_plan(self, flawed):
        """Without the plan the record guards are not assessable and only the order is refused."""
        steps = trace(flawed.history, guards=default_guards())
        assert [t.index for t in steps if t.is_unjustified] == [4]
        assert Result.NOT_ASSESSABLE in {f.result for f in steps[1].findings}

    def test_override_recorded_even_when_not_needed(self):
        """overridden reflects the event's override even if nothing refused it."""
        [t] = trace([_event(START, Stage.AWARENESS, override=BOSS)])
        assert t.overridden
        assert not t.refused
        assert not t.is_unjustified

    def test_invalid_event_raises_with_path(self):
        """An event that cannot apply stops the trace with its path."""
        with pytest.raises(InvalidEventError) as info:
            trace([_event(START), _event(REOPEN)], guards=default_guards())
        assert info.value.path == "history[1].kind"

    def test_custom_definition(self):
        """trace follows the given definition."""
        steps = trace(
            [_event(START, Stage.PARTNER_SELECTION, substage="due_diligence")],
            definition=_variant(),
        )
        assert steps[0].after.active == ("due_diligence",)
