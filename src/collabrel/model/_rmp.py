"""The Relationship Management Plan: the one document root."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

import attrs
from attrs import field, frozen

from collabrel._text import plural
from collabrel.errors import DocumentError, InvalidFieldError, NoRelationshipError, Problem
from collabrel.model import _display as d
from collabrel.model import _validators as v
from collabrel.model._enterprise import PlanReference
from collabrel.model._enums import PlanKind, RecordStatus, ScopeLevel, Stage
from collabrel.model._evidence import EvidenceLink
from collabrel.model._history import Event, EventKind
from collabrel.model._refs import check_data_references, check_references, ref
from collabrel.model._relationship import Relationship, relationship_parts
from collabrel.model._stages import StageSections, record_counts

__all__ = ["SCHEMA_VERSION", "Approval", "DocumentMeta", "RelationshipManagementPlan", "Scope"]

SCHEMA_VERSION: Final = 2
"""The version of the RMP document schema this release reads and writes.

Version 2 added partners' membership periods (`Partner.joined_on`, `left_on`,
`left_because`) and the history's `partner_joins` / `partner_leaves` events, and the
evidence register (`RelationshipManagementPlan.evidence`, empty by default), all in one
unreleased version; a version 1 document is read as it is (see
`collabrel.serialization.MIGRATIONS`)."""


@frozen(kw_only=True)
class Approval:
    """A signed approval of the plan: who, in what role, for which partner, when."""

    person_id: str = field(validator=v.identifier(), metadata=ref("person"))
    role: str = field(validator=v.text())
    on: date = field(validator=v.calendar_date())
    partner_id: str | None = v.optional_id("partner")


def _check_schema_version(_inst: DocumentMeta, attribute: Any, value: int) -> None:
    if value != SCHEMA_VERSION:
        raise InvalidFieldError(
            "DocumentMeta", attribute.name, value, f"{SCHEMA_VERSION} (the current version)"
        )


@frozen(kw_only=True)
class DocumentMeta:
    """The plan's document metadata: version, revision, dates, author, approvals.

    `inherits` names the enterprise plan a relationship plan inherits the organisation-level
    records from (`PlanKind.ENTERPRISE`); an enterprise plan inherits from none.
    """

    title: str = field(validator=v.text())
    issued_on: date = field(validator=v.calendar_date())
    author: str = field(validator=v.text())
    schema_version: int = field(
        default=SCHEMA_VERSION, validator=[v.integer(low=1), _check_schema_version]
    )
    kind: PlanKind = field(default=PlanKind.RELATIONSHIP, validator=v.member_of(PlanKind))
    revision: int = field(default=1, validator=v.integer(low=1))
    status: RecordStatus = field(default=RecordStatus.DRAFT, validator=v.member_of(RecordStatus))
    owner: str | None = v.optional_id("person")
    next_review_on: date | None = v.optional_date()
    approvals: tuple[Approval, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Approval)
    )
    inherits: PlanReference | None = v.optional_part(PlanReference)


@frozen(kw_only=True)
class Scope:
    """What the plan covers."""

    level: ScopeLevel = field(default=ScopeLevel.RELATIONSHIP, validator=v.member_of(ScopeLevel))
    description: str | None = v.optional_text()


@frozen(kw_only=True, repr=False)
class RelationshipManagementPlan:
    """The Relationship Management Plan (RMP): the evolving record of one relationship.

    With `meta.kind` set to `PlanKind.TEMPLATE` it is the organisation's corporate template
    and needs no relationship; set to `PlanKind.ENTERPRISE` it is the organisation-wide plan
    whose organisation-level records relationship plans inherit (`meta.inherits`), and
    describes no relationship.

    Building one checks every id reference in the whole document (approvers, signatories,
    owners, RACI parties, lifecycle actors, ...) and reports every dangling one, and that a
    history event of a partner joining or leaving falls on the day the partner's own
    `joined_on` or `left_on` says.

    Its `repr` is a one-line summary. In a notebook it shows the partners and their roles,
    what the plan holds, the value expected and recorded, the next reviews due and a strip
    of the eight stages with each stage's latest event in the history (for the lifecycle's
    own view of the stages, `collabrel.lifecycle.replay(rmp.history)`).

    Raises:
        InvalidFieldError: A field has a bad value.
        DocumentError: Ids repeat or references dangle, with every problem's path.

    Examples:
        >>> import collabrel as cr
        >>> rmp = cr.examples.load("alliance")
        >>> rmp.relationship.name
        'Northern Rail Renewals Alliance'
        >>> rmp.stages.knowledge.business_case.decision.value
        'go'
        >>> rmp  # doctest: +ELLIPSIS
        <RelationshipManagementPlan 'Northern Rail Renewals Alliance' (alliance, 6 partners; \
stages done 1-5, under way 6-8; 10 risks, 7 KPIs, 40 records; 18 events)>
    """

    meta: DocumentMeta = field(validator=v.instance(DocumentMeta))
    relationship: Relationship | None = v.optional_part(Relationship)
    scope: Scope = v.part(Scope)
    stages: StageSections = v.part(StageSections)
    history: tuple[Event, ...] = field(default=(), converter=v.to_tuple, validator=v.items(Event))
    evidence: tuple[EvidenceLink, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(EvidenceLink)
    )

    def __attrs_post_init__(self) -> None:
        problems = _missing_relationship(self.meta.kind, self.relationship, self.meta.inherits)
        problems.extend(check_references(self))
        if not problems:
            problems.extend(_membership_problems(self))
        if problems:
            raise DocumentError(problems)

    def require_relationship(self) -> Relationship:
        """The plan's relationship, for code that needs one: never `None`.

        `relationship` is `None` only for a template (`meta.kind` `template`); this names
        the template instead of letting `None` travel on.

        Raises:
            NoRelationshipError: If the plan is a template without a relationship.

        Examples:
            >>> import collabrel as cr
            >>> cr.examples.load("alliance").require_relationship().name
            'Northern Rail Renewals Alliance'
            >>> from datetime import date
            >>> meta = DocumentMeta(title="Corporate template", issued_on=date(2026, 1, 5),
            ...                     author="Partnering office", kind=PlanKind.TEMPLATE)
            >>> RelationshipManagementPlan(meta=meta).require_relationship()
            Traceback (most recent call last):
            ...
            collabrel.errors.NoRelationshipError: the plan 'Corporate template' is a template \
(meta.kind 'template') and has no relationship
        """
        if self.relationship is None:
            raise NoRelationshipError(self.meta.kind.value, self.meta.title)
        return self.relationship

    def evidence_for(self, requirement: str) -> tuple[EvidenceLink, ...]:
        """The register's accepted links for `requirement`, in register order.

        Examples:
            >>> import collabrel as cr
            >>> cr.examples.load("alliance").evidence_for("MS.5.1.LEADERSHIP")
            ()
        """
        return tuple(e for e in self.evidence if e.requirement == requirement and e.is_accepted)

    def __repr__(self) -> str:
        rel = self.relationship
        if rel is None:
            head = f"{self.meta.kind.value} {d.clip(self.meta.title)!r} ("
        else:
            head = (
                f"{d.clip(rel.name)!r} ({rel.kind.value}, {plural(len(rel.partners), 'partner')}; "
            )
        latest = latest_events(self.history)
        done = [s.number for s, e in latest.items() if e.kind in _DONE]
        under_way = [s.number for s, e in latest.items() if e.kind not in _DONE]
        stages = ", ".join(
            f"{word} {_ranges(numbers)}"
            for word, numbers in (("done", done), ("under way", under_way))
            if numbers
        )
        counted = [
            plural(n, word)
            for n, word in (
                (len(rel.risks) if rel else 0, "risk"),
                (len(rel.kpis) if rel else 0, "KPI"),
                (sum(record_counts(self.stages).values()), "record"),
            )
            if n or word == "record"
        ]
        return (
            f"<RelationshipManagementPlan {head}stages {stages or 'not started'}; "
            f"{', '.join(counted)}; {plural(len(self.history), 'event')})>"
        )

    _repr_pretty_ = d.pretty

    def _repr_html_(self) -> str:
        meta = self.meta
        rel = self.relationship
        latest = latest_events(self.history)
        counts = record_counts(self.stages)
        cells = []
        for stage in Stage:
            event = latest.get(stage)
            happened = (
                f"{_PROGRESS[event.kind]} {event.at.date().isoformat()}"
                if event is not None
                else "no events"
            )
            cells.append(
                [f"{stage.number} {stage.title}", happened, plural(counts[stage], "record")]
            )
        active = [i for i, s in enumerate(Stage) if s in latest and latest[s].kind not in _DONE]
        due = _reviews_due(self)
        reviews = (
            d.table(["due", "record", "where"], due[:_REVIEWS_SHOWN], caption="Next reviews due")
            if due
            else d.paragraph("No reviews scheduled.")
        )
        return d.block(
            d.heading(
                rel.name if rel is not None else meta.title,
                rel.kind.value if rel is not None else None,
                f"{meta.kind.value} plan, revision {meta.revision} ({meta.status.value})",
                f"issued {meta.issued_on.isoformat()}",
            ),
            *(relationship_parts(rel) if rel is not None else ()),
            d.strip(cells, emphasised=active),
            d.paragraph(
                f"{plural(sum(counts.values()), 'record')} in the stages, "
                f"{plural(len(self.history), 'history event')}"
            ),
            reviews,
        )


def _missing_relationship(
    kind: PlanKind | None, relationship: object, inherits: object = None
) -> list[Problem]:
    if kind is PlanKind.RELATIONSHIP and relationship is None:
        return [Problem("relationship", "a relationship plan needs a relationship")]
    problems = []
    if kind is PlanKind.ENTERPRISE and relationship is not None:
        problems.append(Problem("relationship", "an enterprise plan describes no relationship"))
    if kind is PlanKind.ENTERPRISE and inherits is not None:
        problems.append(Problem("meta.inherits", "an enterprise plan inherits from no other plan"))
    return problems


def _membership_problems(rmp: RelationshipManagementPlan) -> list[Problem]:
    """History events of a partner joining or leaving that disagree with its dates.

    The partner's `joined_on` / `left_on` is the one record of the date; an event recording
    it must fall on that day (by the event's own local date).
    """
    rel = rmp.relationship
    where = {p.id: i for i, p in enumerate(rel.partners)} if rel is not None else {}
    problems = []
    for i, event in enumerate(rmp.history):
        j = where.get(event.partner) if event.partner is not None else None
        if rel is None or j is None or not event.is_membership:
            continue
        partner = rel.partners[j]
        joins = event.kind is EventKind.PARTNER_JOINS
        name, day = ("joined_on", partner.joined_on) if joins else ("left_on", partner.left_on)
        on = event.at.date()
        if day != on:
            said = f"{name} {day.isoformat()}" if day is not None else f"no {name}"
            problems.append(
                Problem(
                    f"history[{i}].at",
                    f"partner {partner.id!r} {'joins' if joins else 'leaves'} on "
                    f"{on.isoformat()} by this event, but relationship.partners[{j}] has {said}",
                )
            )
    return problems


def plan_data_problems(data: Mapping[str, Any]) -> list[Problem]:
    """What building a plan from plain `data` would report beyond the shape of its parts.

    A relationship plan without a relationship, ids used twice and references that name
    nothing, found in the plain data, so that a document whose parts do not all build still
    reports them together with its other problems.

    Examples:
        >>> plan_data_problems({"meta": {"schema_version": 1}})
        [Problem(path='relationship', message='a relationship plan needs a relationship')]
    """
    meta = data.get("meta")
    written = meta.get("kind") if isinstance(meta, Mapping) else None
    kind: PlanKind | None
    if written is None:
        kind = attrs.fields(DocumentMeta).kind.default
    else:
        kind = _KIND_BY_VALUE.get(written) if isinstance(written, str) else None
    inherits = meta.get("inherits") if isinstance(meta, Mapping) else None
    return [
        *_missing_relationship(kind, data.get("relationship"), inherits),
        *check_data_references(RelationshipManagementPlan, data),
    ]


_KIND_BY_VALUE: Final = {k.value: k for k in PlanKind}

_PROGRESS: Final = {
    EventKind.START: "started",
    EventKind.COMPLETE: "completed",
    EventKind.REOPEN: "reopened",
    EventKind.SKIP: "skipped",
    EventKind.ACTIVATE_EXIT: "exit activated",
}
"""What each kind of event says about its stage, in the plan's notebook view."""
_DONE: Final = frozenset({EventKind.COMPLETE, EventKind.SKIP})
"""The kinds of event after which a stage counts as done in the plan's summary."""
_REVIEWS_SHOWN: Final = 5
"""How many of the next reviews the plan's notebook view lists."""


def latest_events(history: Iterable[Event]) -> dict[Stage, Event]:
    """The latest event of each stage that has one, in stage order."""
    latest = {e.stage: e for e in history if e.stage is not None}
    return {stage: latest[stage] for stage in Stage if stage in latest}


def _ranges(numbers: Iterable[int]) -> str:
    """`1-5, 7`: the numbers with runs written as ranges."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs)


def _reviews_due(rmp: RelationshipManagementPlan) -> list[list[str]]:
    """Every scheduled review as `[due, record, path]`, earliest first."""
    due = [
        (record.review_due_on, record.title, f"stages.{stage.value}.{path}")
        for stage in Stage
        for path, record in rmp.stages.records(stage)
        if record.review_due_on is not None
    ]
    rel = rmp.relationship
    exit_plan = rel.exit_plan if rel is not None else None
    if exit_plan is not None and exit_plan.review_due_on is not None:
        due.append((exit_plan.review_due_on, exit_plan.title, "relationship.exit_plan"))
    if rmp.meta.next_review_on is not None:
        due.append((rmp.meta.next_review_on, rmp.meta.title, "meta.next_review_on"))
    return [[on.isoformat(), title, path] for on, title, path in sorted(due)]
