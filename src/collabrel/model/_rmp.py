"""The Relationship Management Plan: the one document root."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

import attrs
from attrs import field, frozen

from collabrel.errors import DocumentError, InvalidFieldError, NoRelationshipError, Problem
from collabrel.model import _validators as v
from collabrel.model._enums import PlanKind, RecordStatus, ScopeLevel
from collabrel.model._history import Event
from collabrel.model._refs import check_data_references, check_references, ref
from collabrel.model._relationship import Relationship
from collabrel.model._stages import StageSections

__all__ = ["SCHEMA_VERSION", "Approval", "DocumentMeta", "RelationshipManagementPlan", "Scope"]

SCHEMA_VERSION: Final = 1
"""The version of the RMP document schema this release reads and writes."""


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
    """The plan's document metadata: version, revision, dates, author, approvals."""

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


@frozen(kw_only=True)
class Scope:
    """What the plan covers."""

    level: ScopeLevel = field(default=ScopeLevel.RELATIONSHIP, validator=v.member_of(ScopeLevel))
    description: str | None = v.optional_text()


@frozen(kw_only=True)
class RelationshipManagementPlan:
    """The Relationship Management Plan (RMP): the evolving record of one relationship.

    With `meta.kind` set to `PlanKind.TEMPLATE` it is the organisation's corporate template
    and needs no relationship.

    Building one checks every id reference in the whole document (approvers, signatories,
    owners, RACI parties, lifecycle actors, ...) and reports every dangling one.

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
    """

    meta: DocumentMeta = field(validator=v.instance(DocumentMeta))
    relationship: Relationship | None = v.optional_part(Relationship)
    scope: Scope = v.part(Scope)
    stages: StageSections = v.part(StageSections)
    history: tuple[Event, ...] = field(default=(), converter=v.to_tuple, validator=v.items(Event))

    def __attrs_post_init__(self) -> None:
        problems = _missing_relationship(self.meta.kind, self.relationship)
        problems.extend(check_references(self))
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


def _missing_relationship(kind: PlanKind | None, relationship: object) -> list[Problem]:
    if kind is PlanKind.RELATIONSHIP and relationship is None:
        return [Problem("relationship", "a relationship plan needs a relationship")]
    return []


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
    return [
        *_missing_relationship(kind, data.get("relationship")),
        *check_data_references(RelationshipManagementPlan, data),
    ]


_KIND_BY_VALUE: Final = {k.value: k for k in PlanKind}
