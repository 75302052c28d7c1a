"""Built-in guards: stage order, exit activation and the records a transition needs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Final

from attrs import field, frozen

from collabrel.lifecycle._engine import Guard
from collabrel.lifecycle._state import LifecycleState
from collabrel.model import (
    Check,
    Decision,
    Event,
    EventKind,
    Finding,
    Record,
    RelationshipManagementPlan,
    Result,
    Stage,
)
from collabrel.model import _validators as v
from collabrel.model._finding import REQUIREMENT_PATTERN

__all__ = ["RECORD_GUARDS", "ExitActivation", "RecordGuard", "StageOrder", "default_guards"]


@frozen
class StageOrder:
    """Stages start only when what they wait on is done, and complete after their sub-stages.

    Starting a stage needs every stage in its `requires` completed (or not applicable) and
    every stage in its `after` started, as the lifecycle definition says. Completing a main
    stage needs its sub-stages done. Findings: `LC.ORDER` (a minor nonconformity when
    unmet, so an override can let the event through).

    Examples:
        >>> from datetime import datetime, timezone
        >>> e = Event(kind=EventKind.START, stage=Stage.PARTNER_SELECTION, actor="jo",
        ...           at=datetime(2025, 1, 6, tzinfo=timezone.utc))
        >>> [f.message for f in StageOrder().check(LifecycleState.initial(), e, None)]
        ['Partner selection cannot start before Knowledge, Internal assessment are done']
    """

    def check(
        self, state: LifecycleState, event: Event, _rmp: RelationshipManagementPlan | None, /
    ) -> Iterator[Finding]:
        """Findings on the order of stages for `event` (see the class)."""
        if event.kind is EventKind.START:
            yield from self._check_start(state, event)
        elif event.kind is EventKind.COMPLETE and event.substage is None:
            yield from self._check_complete(state, event)

    @staticmethod
    def _check_start(state: LifecycleState, event: Event) -> Iterator[Finding]:
        definition = state.definition
        key = event.substage or (event.stage.value if event.stage is not None else "")
        spec = definition.spec(key)
        checks = [
            Check(
                description=f"{definition.spec(r).title} is done before {spec.title} starts",
                passed=state.status(r).is_done,
                observed=state.status(r).label,
            )
            for r in spec.requires
        ] + [
            Check(
                description=f"{definition.spec(a).title} has started before {spec.title} starts",
                passed=state.status(a).is_started,
                observed=state.status(a).label,
            )
            for a in spec.after
        ]
        if not checks:
            return
        missing_done = [
            definition.spec(r).title for r in spec.requires if not state.status(r).is_done
        ]
        missing_start = [
            definition.spec(a).title for a in spec.after if not state.status(a).is_started
        ]
        if not missing_done and not missing_start:
            yield Finding(
                requirement="LC.ORDER",
                result=Result.CONFORMS,
                message=f"{spec.title} may start: what it waits on is in place",
                explanation=checks,
                subjects=[spec.key],
            )
            return
        parts = []
        if missing_done:
            parts.append(
                f"{', '.join(missing_done)} {'is' if len(missing_done) == 1 else 'are'} done"
            )
        if missing_start:
            parts.append(
                f"{', '.join(missing_start)} {'has' if len(missing_start) == 1 else 'have'} started"
            )
        yield Finding(
            requirement="LC.ORDER",
            result=Result.MINOR,
            message=f"{spec.title} cannot start before {' and '.join(parts)}",
            explanation=checks,
            subjects=[spec.key, *spec.requires, *spec.after],
            remediation="finish (or skip, with a justification) the stages it waits on, or "
            "record an override saying who decided to go ahead and why",
        )

    @staticmethod
    def _check_complete(state: LifecycleState, event: Event) -> Iterator[Finding]:
        if event.stage is None:
            return
        subs = state.definition.substages(event.stage)
        if not subs:
            return
        open_subs = [s.title for s in subs if not state.status(s.key).is_done]
        checks = [
            Check(
                description=f"sub-stage {s.title} is done",
                passed=state.status(s.key).is_done,
                observed=state.status(s.key).label,
            )
            for s in subs
        ]
        title = state.definition.spec(event.stage).title
        yield Finding(
            requirement="LC.ORDER",
            result=Result.MINOR if open_subs else Result.CONFORMS,
            message=(
                f"{title} cannot complete while {', '.join(open_subs)} "
                f"{'is' if len(open_subs) == 1 else 'are'} not done"
                if open_subs
                else f"every sub-stage of {title} is done"
            ),
            explanation=checks,
            subjects=[s.key for s in subs],
        )


@frozen
class ExitActivation:
    """Exit is activated only from the stages the definition allows (`exit_from`).

    In the standard lifecycle one of working together, value creation or staying together
    must have started. Findings: `LC.EXIT_FROM`.
    """

    def check(
        self, state: LifecycleState, event: Event, _rmp: RelationshipManagementPlan | None, /
    ) -> Iterator[Finding]:
        """Findings on where exit is activated from (see the class)."""
        if event.kind is not EventKind.ACTIVATE_EXIT:
            return
        definition = state.definition
        sources = definition.exit_from
        if not sources:
            return
        checks = [
            Check(
                description=f"{definition.spec(k).title} has started",
                passed=state.status(k).is_started,
                observed=state.status(k).label,
            )
            for k in sources
        ]
        ok = any(c.passed for c in checks)
        names = ", ".join(definition.spec(k).title for k in sources)
        yield Finding(
            requirement="LC.EXIT_FROM",
            result=Result.CONFORMS if ok else Result.MINOR,
            message=(
                "exit is activated from a stage that allows it"
                if ok
                else f"exit can be activated only once one of {names} has started"
            ),
            explanation=checks,
            subjects=list(sources),
        )


_Test = Callable[[RelationshipManagementPlan, date], tuple[bool, str]]


@frozen(kw_only=True)
class RecordGuard:
    """A transition that needs a record in the plan: a guard built from a test on the plan.

    Without a plan (`rmp=None`) the guard answers `not_assessable` and does not refuse.

    Attributes:
        requirement: The finding id, e.g. `"LC.S4.DECISION"`.
        kind: The event kind it applies to.
        stage: The stage it applies to (`None` for any, e.g. exit activation).
        description: What it checks, in words.
        path: Where in the plan the record lives.
        test: Given the plan and the event's date, returns whether the record is in place
            and what was seen.
        remediation: What to do when it is not.

    Examples:
        >>> from collabrel.examples import load
        >>> from datetime import datetime, timezone
        >>> guard = next(g for g in RECORD_GUARDS if g.requirement == "LC.S4.DECISION")
        >>> e = Event(kind=EventKind.COMPLETE, stage=Stage.PARTNER_SELECTION, actor="jo",
        ...           at=datetime(2025, 1, 6, tzinfo=timezone.utc))
        >>> [f.result.value for f in guard.check(LifecycleState.initial(), e, load("alliance"))]
        ['conforms']
    """

    requirement: str = field(validator=v.matches(REQUIREMENT_PATTERN, "a finding id"))
    kind: EventKind = field(validator=v.member_of(EventKind))
    stage: Stage | None = field(validator=v.optional(v.member_of(Stage)))
    description: str = field(validator=v.text())
    path: str = field(validator=v.text())
    test: _Test = field(eq=False)
    remediation: str = field(validator=v.text())

    def check(
        self, _state: LifecycleState, event: Event, rmp: RelationshipManagementPlan | None, /
    ) -> Iterator[Finding]:
        """A finding on the record when `event` is the transition this guard is about."""
        if event.kind is not self.kind or event.substage is not None:
            return
        if self.stage is not None and event.stage is not self.stage:
            return
        if rmp is None:
            yield Finding(
                requirement=self.requirement,
                result=Result.NOT_ASSESSABLE,
                message=f"not checked without the plan: {self.description}",
                paths=[self.path],
            )
            return
        passed, observed = self.test(rmp, event.at.date())
        yield Finding(
            requirement=self.requirement,
            result=Result.CONFORMS if passed else Result.MAJOR,
            message=self.description if passed else f"missing: {self.description}",
            explanation=[
                Check(
                    description=self.description, passed=passed, observed=observed, path=self.path
                )
            ],
            paths=[self.path],
            remediation=None if passed else self.remediation,
        )


def _late(record: Record | None, on: date) -> str:
    """Why `record` was not in place on `on` (approved after it); `""` when it was or is absent.

    The lifecycle judges time as conformance does (`Record.lateness`): a record approved
    after the event's day was not there when the transition happened.
    """
    return "" if record is None else record.lateness(on)


def _awareness_records(rmp: RelationshipManagementPlan, on: date) -> tuple[bool, str]:
    s = rmp.stages.awareness
    return _both((("policy", s.policy), ("SER appointment", s.ser_appointment)), on)


def _business_case(rmp: RelationshipManagementPlan, on: date) -> tuple[bool, str]:
    case = rmp.stages.knowledge.business_case
    if case is None:
        return False, "no business case"
    if late := _late(case, on):
        return False, f"the business case was {late}"
    if case.decision is None:
        return False, "a business case with no go / no-go decision"
    return case.decision is Decision.GO, f"decision: {case.decision.value}"


def _assessment_records(rmp: RelationshipManagementPlan, on: date) -> tuple[bool, str]:
    s = rmp.stages.internal_assessment
    return _both(
        (
            ("collaborative profile", s.collaborative_profile),
            ("selection criteria", s.selection_criteria),
        ),
        on,
    )


def _both(records: tuple[tuple[str, Record | None], ...], on: date) -> tuple[bool, str]:
    seen = [name for name, rec in records if rec is not None and not _late(rec, on)]
    late = [f"{name} {_late(rec, on)}" for name, rec in records if _late(rec, on)]
    missing = [name for name, rec in records if rec is None]
    if not seen and not late:
        return False, "none recorded"
    parts = [
        f"{label}: {', '.join(names)}"
        for label, names in (("recorded", seen), ("missing", missing))
        if names
    ]
    return not missing and not late, "; ".join([*parts, *late])


def _selection_decision(rmp: RelationshipManagementPlan, on: date) -> tuple[bool, str]:
    decision = rmp.stages.partner_selection.decision
    if decision is None:
        return False, "no selection decision"
    if late := _late(decision, on):
        return False, f"the selection decision was {late}"
    n = len(decision.selected)
    return n > 0, f"a decision selecting {n} candidate{'s' if n != 1 else ''}"


def _joint_rmp(rmp: RelationshipManagementPlan, on: date) -> tuple[bool, str]:
    record = rmp.stages.working_together.joint_rmp
    if record is None:
        return False, "no joint RMP"
    if late := _late(record, on):
        return False, f"the joint RMP was {late}"
    if rmp.relationship is None:
        return False, "no relationship whose partners could sign it"
    partners = rmp.relationship.parties_to_sign(record, on)
    unsigned = record.unsigned_by(partners)
    if unsigned:
        return False, f"not signed by {', '.join(unsigned)}"
    return True, f"signed by all {len(partners)} partners"


def _exit_triggers(rmp: RelationshipManagementPlan, on: date) -> tuple[bool, str]:
    plan = rmp.relationship.exit_plan if rmp.relationship is not None else None
    if plan is None:
        return False, "no exit plan"
    if late := _late(plan, on):
        return False, f"the exit plan was {late}"
    n = len(plan.triggers)
    return n > 0, f"{n} trigger{'s' if n != 1 else ''}"


RECORD_GUARDS: Final[tuple[RecordGuard, ...]] = (
    RecordGuard(
        requirement="LC.S1.RECORDS",
        kind=EventKind.COMPLETE,
        stage=Stage.AWARENESS,
        description="a collaboration policy and an SER appointment are recorded",
        path="stages.awareness",
        test=_awareness_records,
        remediation="record the policy and the senior executive responsible's appointment",
    ),
    RecordGuard(
        requirement="LC.S2.BUSINESS_CASE",
        kind=EventKind.COMPLETE,
        stage=Stage.KNOWLEDGE,
        description="a business case with a 'go' decision is recorded",
        path="stages.knowledge.business_case",
        test=_business_case,
        remediation="record the business case and its go / no-go decision",
    ),
    RecordGuard(
        requirement="LC.S3.RECORDS",
        kind=EventKind.COMPLETE,
        stage=Stage.INTERNAL_ASSESSMENT,
        description="a collaborative profile and partner selection criteria are recorded",
        path="stages.internal_assessment",
        test=_assessment_records,
        remediation="record the collaborative profile and the selection criteria",
    ),
    RecordGuard(
        requirement="LC.S4.DECISION",
        kind=EventKind.COMPLETE,
        stage=Stage.PARTNER_SELECTION,
        description="a selection decision naming the selected partners is recorded",
        path="stages.partner_selection.decision",
        test=_selection_decision,
        remediation="record the selection decision with the selected candidates",
    ),
    RecordGuard(
        requirement="LC.S5.PARTNERS_SELECTED",
        kind=EventKind.START,
        stage=Stage.WORKING_TOGETHER,
        description="partners have been selected (a selection decision names them)",
        path="stages.partner_selection.decision",
        test=_selection_decision,
        remediation="select the partners before working together",
    ),
    RecordGuard(
        requirement="LC.S5.JOINT_RMP",
        kind=EventKind.COMPLETE,
        stage=Stage.WORKING_TOGETHER,
        description="the joint RMP is recorded and signed by every partner",
        path="stages.working_together.joint_rmp",
        test=_joint_rmp,
        remediation="have every partner sign the joint relationship management plan",
    ),
    RecordGuard(
        requirement="LC.S8.TRIGGERS",
        kind=EventKind.ACTIVATE_EXIT,
        stage=None,
        description="the exit plan names the triggers for exit",
        path="relationship.exit_plan.triggers",
        test=_exit_triggers,
        remediation="agree the exit triggers in the joint exit plan",
    ),
)
"""The built-in record guards: the records a transition needs before it goes ahead."""


def default_guards() -> tuple[Guard, ...]:
    """The built-in guards: stage order, exit activation and the record guards.

    Examples:
        >>> [type(g).__name__ for g in default_guards()][:3]
        ['StageOrder', 'ExitActivation', 'RecordGuard']
    """
    return (StageOrder(), ExitActivation(), *RECORD_GUARDS)
