"""Lifecycle guards backed by conformance: a stage completes only when its requirements hold."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import field, frozen

from collabrel.conformance._assess import assess
from collabrel.conformance._catalogue import Catalogue, catalogue
from collabrel.conformance._rules import Registry
from collabrel.lifecycle import Guard, LifecycleState, StageStatus
from collabrel.model import Check, EventKind, Finding, Result

if TYPE_CHECKING:  # only in annotations
    from collections.abc import Iterator

    from collabrel.model import Event, RelationshipManagementPlan, Stage

__all__ = ["ConformanceGuard", "conformance_guards"]


@frozen(kw_only=True)
class ConformanceGuard:
    """Completing a stage needs the stage's requirements free of major nonconformities.

    A `Guard` for `step` and
    `trace`: on a `complete` event it assesses the plan against
    the stage's requirements, judged on the event's date, and answers with one finding
    (`CONF.STAGE_COMPLETE`): major when any requirement of the stage is a major
    nonconformity (so the transition is refused unless overridden), an observation when only
    minor ones remain (the stage may complete; they need corrective action), conforms
    otherwise. Without a plan it answers `not_assessable`.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from collabrel.examples import load
        >>> from collabrel.lifecycle import LifecycleState
        >>> from collabrel.model import Event, EventKind, Stage
        >>> guard = conformance_guards("iso44001:2017")[0]
        >>> e = Event(kind=EventKind.COMPLETE, stage=Stage.INTERNAL_ASSESSMENT, actor="r.carver",
        ...           at=datetime(2024, 6, 24, tzinfo=timezone.utc))
        >>> [f.result.value for f in guard.check(LifecycleState.initial(), e, load("flawed"))]
        ['major']
    """

    catalogue: Catalogue = field(repr=lambda c: repr(c.name))
    rules: Registry | None = field(default=None, eq=False)
    _by_stage: dict[Stage, Catalogue] = field(init=False, factory=dict, eq=False, repr=False)
    """Each stage's part of the catalogue, made on first use (a history completes many)."""

    def check(
        self, state: LifecycleState, event: Event, rmp: RelationshipManagementPlan | None, /
    ) -> Iterator[Finding]:
        """A finding on the stage `event` completes (see the class)."""
        if event.kind is not EventKind.COMPLETE or event.stage is None or event.substage:
            return
        stage = event.stage
        if rmp is None:
            yield Finding(
                requirement="CONF.STAGE_COMPLETE",
                result=Result.NOT_ASSESSABLE,
                message=f"not checked without the plan: {stage.title} requirements",
            )
            return
        sub = self._by_stage.get(stage)
        if sub is None:
            sub = self._by_stage[stage] = self.catalogue.subset(
                r.id for r in self.catalogue.by_stage(stage)
            )
        if not state.status(stage).is_started:  # completing it means it is being exercised
            statuses: dict[str | Stage, StageStatus | str] = {
                s.key: state.status(s.key) for s in state.definition.stages
            }
            statuses[stage.value] = StageStatus.IN_PROGRESS
            state = LifecycleState.from_statuses(statuses, definition=state.definition)
        report = assess(rmp, sub, as_of=event.at.date(), state=state, rules=self.rules)
        checks = [
            Check(
                description=f"{o.requirement} {o.title}",
                passed=None
                if o.result in (Result.NOT_ASSESSABLE, Result.NOT_APPLICABLE)
                else not o.result.is_nonconformity,
                observed=o.result.value,
            )
            for o in report.outcomes
        ]
        majors = [o.requirement for o in report.outcomes if o.result is Result.MAJOR]
        minors = [o.requirement for o in report.outcomes if o.result is Result.MINOR]
        result = Result.MAJOR if majors else Result.OBSERVATION if minors else Result.CONFORMS
        gaps = majors or minors
        yield Finding(
            requirement="CONF.STAGE_COMPLETE",
            result=result,
            message=(
                f"{stage.title} may complete: its requirements hold"
                if not gaps
                else f"{stage.title} has nonconformities: {', '.join(gaps)}"
            ),
            explanation=checks,
            paths=tuple(dict.fromkeys(p for f in report.nonconformities for p in f.paths)),
            subjects=[stage.value],
            remediation=None
            if not gaps
            else "resolve the nonconformities, or record an "
            "override saying who decided to complete the stage anyway and why",
        )


def conformance_guards(
    standard: str | Catalogue = "iso44001:2017", *, rules: Registry | None = None
) -> tuple[Guard, ...]:
    """Guards that make completing a stage depend on its requirements (see `ConformanceGuard`).

    Pass them to `step`, `can` or
    `trace`, alone or with
    `default_guards()`.

    Raises:
        CatalogueError: If `standard` names no catalogue.
    """
    cat = standard if isinstance(standard, Catalogue) else catalogue(standard)
    return (ConformanceGuard(catalogue=cat, rules=rules),)
