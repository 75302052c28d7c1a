"""Hypothesis strategies for every public type of [`collabrel.model`][collabrel.model].

Every strategy draws objects that are valid by construction and shrink towards small, plain
ones (few items, short ids such as `"0"`, short text). There is one function per type, named
after it in snake case and in the plural: `partners()`, `people()`, `raci_matrices()`,
`relationships()`, `relationship_management_plans()` (also `rmps()`), and one per enum
(`stages()`, `results()`, ...).

References are ids, so a strategy for an object that refers to others takes the ids it may
refer to, e.g. `people(partner_ids=["acme", "nr"])`. `None` (the default) means any valid id,
which is right for an object on its own; a sequence restricts the reference to those ids, and
an empty sequence leaves optional references out (and makes a strategy whose object needs
such a reference draw nothing). Entity strategies take `ids`, a strategy for the object's own
id. Ids nested inside one drawn object (the actions of an action plan, the criteria of a
selection record, ...) are unique per kind.

The document strategies, `relationships()` and `relationship_management_plans()`, build whole
documents in which ids are unique per kind and every reference resolves: people belong to the
partners drawn, risk owners are people, RACI parties are people, bodies or partners, bodies
escalate only to bodies listed before them (so never in a cycle), records are approved by
people and signed by partners, evaluations score the drawn candidates against the drawn
criteria, and the history is in time order with actors who are people.

Text is printable (no control characters but tab and newline, no surrogates) and non-blank
where the model asks for it; numbers are finite; dates fall between 1990 and 2100 and instants
carry one of a few fixed UTC offsets.

Examples:
    >>> from hypothesis import given, settings
    >>> from collabrel.testing import strategies as cst
    >>> @settings(max_examples=5)
    ... @given(cst.relationship_management_plans())
    ... def test_every_plan_has_a_title(rmp):
    ...     assert rmp.meta.title.strip()
    >>> test_every_plan_has_a_title()
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Final, TypeVar

import attrs
from hypothesis import strategies as st

from collabrel.model._enums import (
    Cadence,
    Direction,
    PartnerRole,
    PersonRole,
    Phase,
    PlanKind,
    RecordStatus,
    RelationshipKind,
    RiskStatus,
    ScopeLevel,
    Stage,
    ValueStatus,
)
from collabrel.model._exit import (
    DisengagementStep,
    ExitPlan,
    ExitTrigger,
    Responsibility,
    Transfer,
    TransferKind,
)
from collabrel.model._finding import REQUIREMENT_PATTERN, Check, Finding, Result
from collabrel.model._governance import BodyKind, DecisionRight, Governance, GovernanceBody
from collabrel.model._history import Event, EventKind, Override
from collabrel.model._kpi import KPI, Measurement
from collabrel.model._parties import Contact, Partner, Person
from collabrel.model._raci import RaciActivity, RaciAssignment, RACIMatrix
from collabrel.model._records import (
    Action,
    ActionPlan,
    ActionStatus,
    Appointment,
    BusinessCase,
    CollaborativeProfile,
    Decision,
    KnowledgeItem,
    KnowledgeMap,
    Policy,
    Record,
    Sharing,
)
from collabrel.model._refs import deferred_reference_checks
from collabrel.model._relationship import KeyDate, Relationship
from collabrel.model._risk import Risk
from collabrel.model._rmp import (
    SCHEMA_VERSION,
    Approval,
    DocumentMeta,
    RelationshipManagementPlan,
    Scope,
)
from collabrel.model._stages import (
    AwarenessSection,
    Candidate,
    CommunicationItem,
    CommunicationsPlan,
    Criterion,
    CriterionCategory,
    Evaluation,
    ExitStrategySection,
    HealthResponse,
    HealthSurvey,
    IdeaStatus,
    InnovationIdea,
    InternalAssessmentSection,
    IssueEntry,
    IssueStatus,
    KnowledgeSection,
    Lesson,
    MaturityAssessment,
    PartnerSelectionSection,
    PrioritisedRelationship,
    RelationshipPortfolio,
    Review,
    ReviewKind,
    Score,
    SelectionCriteria,
    SelectionDecision,
    StageLevel,
    StageSections,
    StayingTogetherSection,
    ValueCreationSection,
    WorkingTogetherSection,
)
from collabrel.model._validators import INT_MAX
from collabrel.model._value import ExpectedBenefit, Objective, RealisedValue, ValueProposition
from collabrel.testing._hypothesis_plugin import STRATEGY_NAMES

__all__ = [
    "Ids",
    "action_plans",
    "action_statuses",
    "actions",
    "appointments",
    "approvals",
    "aware_datetimes",
    "awareness_sections",
    "body_kinds",
    "business_cases",
    "cadences",
    "calendar_dates",
    "candidates",
    "checks",
    "collaborative_profiles",
    "communication_items",
    "communications_plans",
    "contacts",
    "criteria",
    "criterion_categories",
    "decision_rights",
    "decisions",
    "directions",
    "disengagement_steps",
    "document_metas",
    "evaluations",
    "event_kinds",
    "events",
    "exit_plans",
    "exit_strategy_sections",
    "exit_triggers",
    "expected_benefits",
    "findings",
    "for_type",
    "governance_bodies",
    "governances",
    "health_responses",
    "health_surveys",
    "idea_statuses",
    "identifiers",
    "innovation_ideas",
    "internal_assessment_sections",
    "issue_entries",
    "issue_statuses",
    "key_dates",
    "knowledge_items",
    "knowledge_maps",
    "knowledge_sections",
    "kpis",
    "lessons",
    "maturity_assessments",
    "measurements",
    "objectives",
    "overrides",
    "partner_roles",
    "partner_selection_sections",
    "partners",
    "people",
    "person_roles",
    "phases",
    "plan_kinds",
    "policies",
    "prioritised_relationships",
    "raci_activities",
    "raci_assignments",
    "raci_matrices",
    "realised_values",
    "record_statuses",
    "records",
    "relationship_kinds",
    "relationship_management_plans",
    "relationship_portfolios",
    "relationships",
    "responsibilities",
    "results",
    "review_kinds",
    "reviews",
    "risk_statuses",
    "risks",
    "rmps",
    "scope_levels",
    "scopes",
    "scores",
    "selection_criteria",
    "selection_decisions",
    "sharings",
    "stage_levels",
    "stage_sections",
    "stages",
    "staying_together_sections",
    "texts",
    "transfer_kinds",
    "transfers",
    "value_creation_sections",
    "value_propositions",
    "value_statuses",
    "working_together_sections",
]

_T = TypeVar("_T")

Ids = Sequence[str] | None
"""The ids a reference may take: `None` for any valid id, or the ids of a document."""

_ID_MAX: Final = 128
_MODEL: Final = "collabrel.model."
_FIRST_DAY: Final = date(1990, 1, 1)
_LAST_DAY: Final = date(2100, 12, 31)
_OFFSETS: Final = (
    UTC,
    timezone(timedelta(hours=1)),
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=5, minutes=30)),
    timezone(timedelta(hours=-9, minutes=-30)),
)
_ALPHABETS: Final = ("RACI", "RASCI", "RACIVS", "DACI")
_CAPITALS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SMALL: Final = 2
"""The usual upper bound on the length of a drawn collection."""

# the kinds a multi-kind reference may name
_PARTY: Final = ("person", "body", "partner")
_STEP_OWNER: Final = ("person", "partner")
_ITEM_OWNER: Final = ("person", "body")
_EARLIER_BODY: Final = "earlier_body"
"""Pseudo-kind: the bodies a body may escalate to (those drawn before it)."""


# ---------------------------------------------------------------- primitives

_ID_FIRST: Final = string.digits + string.ascii_letters


def _join(first: str, rest: str) -> str:
    return first + rest


_IDENTIFIERS: Final = st.builds(
    _join,
    st.sampled_from(_ID_FIRST),
    st.text(alphabet=_ID_FIRST + "._:-", max_size=_ID_MAX - 1),
)
_TEXT_CHARACTERS: Final = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n")
_FLOATS: Final = st.floats(allow_nan=False, allow_infinity=False)
_NON_NEGATIVE_FLOATS: Final = st.floats(min_value=0, allow_nan=False, allow_infinity=False)
_DATES: Final = st.dates(min_value=_FIRST_DAY, max_value=_LAST_DAY)
_DATETIMES: Final = st.datetimes(
    min_value=datetime(_FIRST_DAY.year, 1, 1),  # noqa: DTZ001  (naive bounds, aware values)
    max_value=datetime(_LAST_DAY.year, 12, 31, 23, 59, 59),  # noqa: DTZ001
    timezones=st.sampled_from(_OFFSETS),
)


def identifiers() -> st.SearchStrategy[str]:
    """Ids as the model accepts them: 1-128 letters, digits, `.`, `_`, `:` or `-`.

    Returns:
        A strategy drawing ids that start with a letter or digit and shrink towards `"0"`.

    Examples:
        >>> import re
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(identifiers())
        ... def test_ids_are_well_formed(ident):
        ...     assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}", ident)
        >>> test_ids_are_well_formed()
    """
    return _IDENTIFIERS


def _non_blank(value: str) -> str:
    """`value`, or `value` with a `0` added when it is only whitespace."""
    return value if value.strip() else value + "0"


def texts(*, allow_empty: bool = False, max_size: int = 20) -> st.SearchStrategy[str]:
    """Printable text: no surrogates and no control characters but tab and newline.

    Args:
        allow_empty: Whether empty and blank (whitespace-only) text may be drawn; the model's
            free-text fields ask for non-blank text, its lists of strings do not.
        max_size: The longest text drawn, in characters.

    Returns:
        A strategy drawing text that shrinks towards `"0"` (or `""` when `allow_empty`).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(texts())
        ... def test_text_is_never_blank(text):
        ...     assert text.strip()
        >>> test_text_is_never_blank()
    """
    return _texts(allow_empty, max_size)


@functools.cache
def _texts(allow_empty: bool, max_size: int) -> st.SearchStrategy[str]:
    if allow_empty:
        return st.text(_TEXT_CHARACTERS, max_size=max_size)
    # a map, not a filter: hypothesis re-validates a filtered text strategy on every draw
    return st.text(_TEXT_CHARACTERS, min_size=1, max_size=max(max_size - 1, 1)).map(_non_blank)


def calendar_dates() -> st.SearchStrategy[date]:
    """Days from 1 January 1990 to 31 December 2100.

    Returns:
        A strategy drawing `datetime.date` objects (never `datetime`).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(calendar_dates())
        ... def test_dates_are_in_range(day):
        ...     assert 1990 <= day.year <= 2100
        >>> test_dates_are_in_range()
    """
    return _DATES


def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Instants from 1990 to 2100 with one of a few fixed UTC offsets.

    The offsets are UTC, +01:00, -05:00, +05:30 and -09:30.

    Returns:
        A strategy drawing timezone-aware `datetime` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(aware_datetimes())
        ... def test_instants_are_aware(instant):
        ...     assert instant.utcoffset() is not None
        >>> test_instants_are_aware()
    """
    return _DATETIMES


# ---------------------------------------------------------------- scopes and references
#
# Strategies are built once, at import or on first use, and never per example: building
# hypothesis strategies is far slower than drawing from them. What varies from one drawn
# document to the next (the ids drawn so far, which references may name) lives in a scope
# that the document's strategy opens for the length of one draw and the reference
# strategies below read.


class _Scope:
    """The ids references may name, and the ids taken, while one object is drawn."""

    __slots__ = ("pools", "taken")

    def __init__(self, pools: dict[str, tuple[str, ...] | None]) -> None:
        self.pools = pools
        self.taken: dict[str, set[str]] = {}

    def pool(self, kinds: tuple[str, ...]) -> tuple[str, ...] | None:
        """The ids of `kinds` a reference may name; `None` (any id) when a kind is free."""
        pools = [self.pools.get(k) for k in kinds]
        if len(pools) == 1:
            return pools[0]
        if any(p is None for p in pools):
            return None
        return tuple(dict.fromkeys(i for pool in pools if pool is not None for i in pool))

    def claim(self, kind: str, base: str) -> str:
        """`base`, or `base` with a `.1`, `.2`, ... suffix when it is taken for `kind`."""
        taken = self.taken.setdefault(kind, set())
        ident, n = base, 0
        while ident in taken:
            n += 1
            suffix = f".{n}"
            ident = base[: _ID_MAX - len(suffix)] + suffix
        taken.add(ident)
        return ident


_SCOPE: ContextVar[_Scope | None] = ContextVar("collabrel_testing_scope", default=None)


def _current() -> _Scope:
    scope = _SCOPE.get()
    return _Scope({}) if scope is None else scope


@contextmanager
def _pools(**pools: tuple[str, ...] | None) -> Iterator[None]:
    """Set some pools of the current scope for the length of a `with` block."""
    scope = _current()
    saved = {kind: scope.pools.get(kind) for kind in pools}
    scope.pools.update(pools)
    try:
        yield
    finally:
        scope.pools.update(saved)


@st.composite
def _scoped(draw: st.DrawFn, /, strategy: st.SearchStrategy[_T], **pools: Ids) -> _T:
    """Draw from `strategy` in a new scope whose pools are `pools`."""
    scope = _Scope({k: None if v is None else tuple(v) for k, v in pools.items()})
    token = _SCOPE.set(scope)
    try:
        return draw(strategy)
    finally:
        _SCOPE.reset(token)


def _parties(parties: Ids, kinds: tuple[str, ...] = _PARTY) -> dict[str, Ids]:
    """Pools that let a reference to any of `kinds` name exactly `parties`."""
    if parties is None:
        return {}
    return {kind: parties if i == 0 else () for i, kind in enumerate(kinds)}


def _is_empty(pool: Ids) -> bool:
    return pool is not None and len(pool) == 0


@functools.cache
def _index(size: int) -> st.SearchStrategy[int]:
    return st.integers(min_value=0, max_value=size - 1)


@functools.cache
def _indices(size: int, max_size: int, min_size: int = 0) -> st.SearchStrategy[list[int]]:
    return st.lists(_index(size), unique=True, min_size=min_size, max_size=min(max_size, size))


@functools.cache
def _any_ids(max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(_IDENTIFIERS, unique=True, max_size=max_size)


def _pick(draw: st.DrawFn, items: Sequence[_T]) -> _T:
    return items[draw(_index(len(items)))]


def _pick_some(draw: st.DrawFn, items: Sequence[_T], max_size: int, min_size: int = 0) -> list[_T]:
    if not items:
        return []
    return [items[i] for i in draw(_indices(len(items), max_size, min_size))]


@st.composite
def _draw_one(draw: st.DrawFn, kinds: tuple[str, ...]) -> str:
    pool = _current().pool(kinds)
    if pool is None:
        return draw(_IDENTIFIERS)
    if not pool:
        draw(st.nothing())  # pragma: no cover - callers check for empty pools
    return _pick(draw, pool)


@functools.cache
def _one(*kinds: str) -> st.SearchStrategy[str]:
    """A required reference to one of `kinds`."""
    return _draw_one(kinds)


@st.composite
def _draw_maybe_one(draw: st.DrawFn, kinds: tuple[str, ...]) -> str | None:
    pool = _current().pool(kinds)
    if pool is None:
        return draw(_maybe(_IDENTIFIERS))
    if not pool:
        return None
    # one choice, None half the time: the lower half (where it shrinks to) is None
    pick = draw(_index(2 * len(pool))) - len(pool)
    return None if pick < 0 else pool[pick]


@functools.cache
def _maybe_one(*kinds: str) -> st.SearchStrategy[str | None]:
    """An optional reference to one of `kinds` (always `None` when there is nothing to name)."""
    return _draw_maybe_one(kinds)


@st.composite
def _draw_some(draw: st.DrawFn, kinds: tuple[str, ...], max_size: int) -> list[str]:
    pool = _current().pool(kinds)
    if pool is None:
        return draw(_any_ids(max_size))
    return _pick_some(draw, pool, max_size)


@functools.cache
def _some(*kinds: str, max_size: int = _SMALL) -> st.SearchStrategy[list[str]]:
    """Up to `max_size` different references to `kinds`."""
    return _draw_some(kinds, max_size)


@st.composite
def _needs(
    draw: st.DrawFn, kinds: tuple[str, ...], strategy: st.SearchStrategy[_T], otherwise: _T
) -> _T:
    """Draw from `strategy`, or give `otherwise` when `kinds` have no ids to refer to."""
    pool = _current().pool(kinds)
    if pool is not None and not pool:
        return otherwise
    return draw(strategy)


@st.composite
def _draw_fresh(draw: st.DrawFn, kind: str) -> str:
    return _current().claim(kind, draw(_IDENTIFIERS))


@functools.cache
def _fresh(kind: str) -> st.SearchStrategy[str]:
    """An id not yet taken by another `kind` in the object being drawn."""
    return _draw_fresh(kind)


def _own(ids: st.SearchStrategy[str] | None, kind: str) -> st.SearchStrategy[str]:
    return _fresh(kind) if ids is None else ids


def _maybe(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    return st.none() | strategy


@st.composite
def _draw_sometimes(draw: st.DrawFn, strategy: st.SearchStrategy[_T]) -> _T | None:
    return draw(strategy) if draw(_index(4)) == 3 else None  # noqa: PLR2004


def _sometimes(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    """`None` three times in four: for the many optional records of a plan."""
    return _draw_sometimes(strategy)


def _few(strategy: st.SearchStrategy[_T], max_size: int = _SMALL) -> st.SearchStrategy[list[_T]]:
    return st.lists(strategy, max_size=max_size)


_STRINGS: Final = st.lists(texts(allow_empty=True), max_size=_SMALL)
"""A short list of free strings (the model accepts any string in such lists)."""


def _ids_of(items: Sequence[Any]) -> tuple[str, ...]:
    return tuple(item.id for item in items)


# ---------------------------------------------------------------- enums


def action_statuses() -> st.SearchStrategy[ActionStatus]:
    """Members of [`ActionStatus`][collabrel.model.ActionStatus].

    Returns:
        A strategy drawing `ActionStatus` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(action_statuses())
        ... def test_draws_members(status):
        ...     assert isinstance(status, ActionStatus)
        >>> test_draws_members()
    """
    return st.sampled_from(ActionStatus)


def body_kinds() -> st.SearchStrategy[BodyKind]:
    """Members of [`BodyKind`][collabrel.model.BodyKind].

    Returns:
        A strategy drawing `BodyKind` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(body_kinds())
        ... def test_draws_members(kind):
        ...     assert isinstance(kind, BodyKind)
        >>> test_draws_members()
    """
    return st.sampled_from(BodyKind)


def cadences() -> st.SearchStrategy[Cadence]:
    """Members of [`Cadence`][collabrel.model.Cadence].

    Returns:
        A strategy drawing `Cadence` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(cadences())
        ... def test_cadences_have_a_length(cadence):
        ...     assert cadence.months > 0
        >>> test_cadences_have_a_length()
    """
    return st.sampled_from(Cadence)


def criterion_categories() -> st.SearchStrategy[CriterionCategory]:
    """Members of [`CriterionCategory`][collabrel.model.CriterionCategory].

    Returns:
        A strategy drawing `CriterionCategory` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(criterion_categories())
        ... def test_draws_members(category):
        ...     assert isinstance(category, CriterionCategory)
        >>> test_draws_members()
    """
    return st.sampled_from(CriterionCategory)


def decisions() -> st.SearchStrategy[Decision]:
    """Members of [`Decision`][collabrel.model.Decision] (go, no-go, deferred).

    Returns:
        A strategy drawing `Decision` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(decisions())
        ... def test_draws_members(decision):
        ...     assert isinstance(decision, Decision)
        >>> test_draws_members()
    """
    return st.sampled_from(Decision)


def directions() -> st.SearchStrategy[Direction]:
    """Members of [`Direction`][collabrel.model.Direction].

    Returns:
        A strategy drawing `Direction` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(directions())
        ... def test_draws_members(direction):
        ...     assert isinstance(direction, Direction)
        >>> test_draws_members()
    """
    return st.sampled_from(Direction)


def event_kinds() -> st.SearchStrategy[EventKind]:
    """Members of [`EventKind`][collabrel.model.EventKind].

    Returns:
        A strategy drawing `EventKind` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(event_kinds())
        ... def test_draws_members(kind):
        ...     assert isinstance(kind, EventKind)
        >>> test_draws_members()
    """
    return st.sampled_from(EventKind)


def idea_statuses() -> st.SearchStrategy[IdeaStatus]:
    """Members of [`IdeaStatus`][collabrel.model.IdeaStatus].

    Returns:
        A strategy drawing `IdeaStatus` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(idea_statuses())
        ... def test_draws_members(status):
        ...     assert isinstance(status, IdeaStatus)
        >>> test_draws_members()
    """
    return st.sampled_from(IdeaStatus)


def issue_statuses() -> st.SearchStrategy[IssueStatus]:
    """Members of [`IssueStatus`][collabrel.model.IssueStatus].

    Returns:
        A strategy drawing `IssueStatus` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(issue_statuses())
        ... def test_draws_members(status):
        ...     assert isinstance(status, IssueStatus)
        >>> test_draws_members()
    """
    return st.sampled_from(IssueStatus)


def partner_roles() -> st.SearchStrategy[PartnerRole]:
    """Members of [`PartnerRole`][collabrel.model.PartnerRole].

    Returns:
        A strategy drawing `PartnerRole` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(partner_roles())
        ... def test_draws_members(role):
        ...     assert isinstance(role, PartnerRole)
        >>> test_draws_members()
    """
    return st.sampled_from(PartnerRole)


def person_roles() -> st.SearchStrategy[PersonRole]:
    """Members of [`PersonRole`][collabrel.model.PersonRole].

    Returns:
        A strategy drawing `PersonRole` members, shrinking towards the first (the SER).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(person_roles())
        ... def test_draws_members(role):
        ...     assert isinstance(role, PersonRole)
        >>> test_draws_members()
    """
    return st.sampled_from(PersonRole)


def phases() -> st.SearchStrategy[Phase]:
    """Members of [`Phase`][collabrel.model.Phase].

    Returns:
        A strategy drawing `Phase` members, shrinking towards the strategic phase.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(phases())
        ... def test_every_phase_has_stages(phase):
        ...     assert phase.stages
        >>> test_every_phase_has_stages()
    """
    return st.sampled_from(Phase)


def plan_kinds() -> st.SearchStrategy[PlanKind]:
    """Members of [`PlanKind`][collabrel.model.PlanKind].

    Returns:
        A strategy drawing `PlanKind` members, shrinking towards a relationship plan.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(plan_kinds())
        ... def test_draws_members(kind):
        ...     assert isinstance(kind, PlanKind)
        >>> test_draws_members()
    """
    return st.sampled_from(PlanKind)


def record_statuses() -> st.SearchStrategy[RecordStatus]:
    """Members of [`RecordStatus`][collabrel.model.RecordStatus].

    Returns:
        A strategy drawing `RecordStatus` members, shrinking towards draft.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(record_statuses())
        ... def test_draws_members(status):
        ...     assert isinstance(status, RecordStatus)
        >>> test_draws_members()
    """
    return st.sampled_from(RecordStatus)


def relationship_kinds() -> st.SearchStrategy[RelationshipKind]:
    """Members of [`RelationshipKind`][collabrel.model.RelationshipKind].

    Returns:
        A strategy drawing `RelationshipKind` members, shrinking towards bilateral.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(relationship_kinds())
        ... def test_draws_members(kind):
        ...     assert isinstance(kind, RelationshipKind)
        >>> test_draws_members()
    """
    return st.sampled_from(RelationshipKind)


def results() -> st.SearchStrategy[Result]:
    """Members of [`Result`][collabrel.model.Result].

    Returns:
        A strategy drawing `Result` members, shrinking towards conforms.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(results())
        ... def test_nonconformities_are_minor_or_major(result):
        ...     assert result.is_nonconformity == (result in (Result.MINOR, Result.MAJOR))
        >>> test_nonconformities_are_minor_or_major()
    """
    return st.sampled_from(Result)


def review_kinds() -> st.SearchStrategy[ReviewKind]:
    """Members of [`ReviewKind`][collabrel.model.ReviewKind].

    Returns:
        A strategy drawing `ReviewKind` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(review_kinds())
        ... def test_draws_members(kind):
        ...     assert isinstance(kind, ReviewKind)
        >>> test_draws_members()
    """
    return st.sampled_from(ReviewKind)


def risk_statuses() -> st.SearchStrategy[RiskStatus]:
    """Members of [`RiskStatus`][collabrel.model.RiskStatus].

    Returns:
        A strategy drawing `RiskStatus` members, shrinking towards open.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(risk_statuses())
        ... def test_draws_members(status):
        ...     assert isinstance(status, RiskStatus)
        >>> test_draws_members()
    """
    return st.sampled_from(RiskStatus)


def scope_levels() -> st.SearchStrategy[ScopeLevel]:
    """Members of [`ScopeLevel`][collabrel.model.ScopeLevel].

    Returns:
        A strategy drawing `ScopeLevel` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(scope_levels())
        ... def test_draws_members(level):
        ...     assert isinstance(level, ScopeLevel)
        >>> test_draws_members()
    """
    return st.sampled_from(ScopeLevel)


def sharings() -> st.SearchStrategy[Sharing]:
    """Members of [`Sharing`][collabrel.model.Sharing].

    Returns:
        A strategy drawing `Sharing` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(sharings())
        ... def test_draws_members(sharing):
        ...     assert isinstance(sharing, Sharing)
        >>> test_draws_members()
    """
    return st.sampled_from(Sharing)


def stages() -> st.SearchStrategy[Stage]:
    """Members of [`Stage`][collabrel.model.Stage], the eight stages.

    Returns:
        A strategy drawing `Stage` members, shrinking towards awareness.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=8)
        ... @given(stages())
        ... def test_stage_numbers_round_trip(stage):
        ...     assert Stage.from_number(stage.number) is stage
        >>> test_stage_numbers_round_trip()
    """
    return st.sampled_from(Stage)


def transfer_kinds() -> st.SearchStrategy[TransferKind]:
    """Members of [`TransferKind`][collabrel.model.TransferKind].

    Returns:
        A strategy drawing `TransferKind` members, shrinking towards the first.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(transfer_kinds())
        ... def test_draws_members(kind):
        ...     assert isinstance(kind, TransferKind)
        >>> test_draws_members()
    """
    return st.sampled_from(TransferKind)


def value_statuses() -> st.SearchStrategy[ValueStatus]:
    """Members of [`ValueStatus`][collabrel.model.ValueStatus].

    Returns:
        A strategy drawing `ValueStatus` members, shrinking towards proposed.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(value_statuses())
        ... def test_draws_members(status):
        ...     assert isinstance(status, ValueStatus)
        >>> test_draws_members()
    """
    return st.sampled_from(ValueStatus)


# ---------------------------------------------------------------- parties

_CONTACTS: Final = st.builds(
    Contact,
    name=texts(),
    email=_maybe(texts()),
    phone=_maybe(texts()),
    position=_maybe(texts()),
)


def contacts() -> st.SearchStrategy[Contact]:
    """[`Contact`][collabrel.model.Contact]s: a name and, perhaps, email, phone and position.

    Returns:
        A strategy drawing `Contact` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(contacts())
        ... def test_contacts_have_a_name(contact):
        ...     assert contact.name.strip()
        >>> test_contacts_have_a_name()
    """
    return _CONTACTS


@functools.cache
def _partners(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Partner]:
    return st.builds(
        Partner,
        id=ids,
        name=texts(),
        role=partner_roles(),
        description=_maybe(texts()),
        contacts=_few(_CONTACTS),
    )


def partners(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Partner]:
    """[`Partner`][collabrel.model.Partner] organisations with up to two contacts.

    Args:
        ids: Strategy for the partner's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `Partner` objects.

    Examples:
        >>> from hypothesis import given, settings, strategies as st
        >>> @settings(max_examples=5)
        ... @given(partners(ids=st.just("acme")))
        ... def test_the_id_is_the_one_given(partner):
        ...     assert partner.id == "acme"
        >>> test_the_id_is_the_one_given()
    """
    return _partners(_own(ids, "partner"))


@functools.cache
def _people(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Person]:
    return st.builds(
        Person,
        id=ids,
        name=texts(),
        partner_id=_one("partner"),
        position=_maybe(texts()),
        roles=st.lists(person_roles(), unique=True, max_size=_SMALL),
        email=_maybe(texts()),
    )


def people(
    *, partner_ids: Ids = None, ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Person]:
    """[`Person`][collabrel.model.Person]s, each belonging to one partner.

    Args:
        partner_ids: Ids of the partners a person may belong to; `None` for any id.
        ids: Strategy for the person's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `Person` objects with up to two different roles. It draws
        nothing when `partner_ids` is empty, as a person must belong to a partner.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(people(partner_ids=["acme", "nr"]))
        ... def test_people_belong_to_known_partners(person):
        ...     assert person.partner_id in {"acme", "nr"}
        >>> test_people_belong_to_known_partners()
    """
    if _is_empty(partner_ids):
        return st.nothing()
    return _scoped(_people(_own(ids, "person")), partner=partner_ids)


# ---------------------------------------------------------------- records


def _record_fields(ids: st.SearchStrategy[str]) -> dict[str, st.SearchStrategy[Any]]:
    """The strategies for the fields every record shares."""
    return {
        "id": ids,
        "title": texts(),
        "status": record_statuses(),
        "approved_by": _maybe_one("person"),
        "approved_on": _maybe(_DATES),
        "review_every_months": _maybe(st.integers(min_value=1, max_value=120)),
        "last_reviewed_on": _maybe(_DATES),
        "signatories": _some("partner", max_size=3),
        "evidence": _STRINGS,
        "notes": _maybe(texts()),
    }


@functools.cache
def _records(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Record]:
    return st.builds(Record, **_record_fields(ids))


def records(
    *,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Record]:
    """Plain [`Record`][collabrel.model.Record]s: approval, review period and signatories.

    Args:
        person_ids: Ids of the people who may approve the record; `None` for any id.
        partner_ids: Ids of the partners who may sign it; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `Record` objects (of that exact class, not a subclass).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(records(person_ids=["jo"], partner_ids=["acme", "nr"]))
        ... def test_records_are_signed_by_partners(record):
        ...     assert set(record.signatories) <= {"acme", "nr"}
        ...     assert record.approved_by in (None, "jo")
        >>> test_records_are_signed_by_partners()
    """
    return _scoped(_records(_own(ids, "record")), person=person_ids, partner=partner_ids)


@functools.cache
def _policies(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Policy]:
    return st.builds(
        Policy, **_record_fields(ids), principles=_STRINGS, business_objectives=_STRINGS
    )


def policies(
    *,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Policy]:
    """[`Policy`][collabrel.model.Policy] records with principles and business objectives.

    Args:
        person_ids: Ids of the people who may approve the policy; `None` for any id.
        partner_ids: Ids of the partners who may sign it; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `Policy` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(policies())
        ... def test_policies_are_records(policy):
        ...     assert isinstance(policy, Record)
        >>> test_policies_are_records()
    """
    return _scoped(_policies(_own(ids, "record")), person=person_ids, partner=partner_ids)


@functools.cache
def _appointments(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Appointment]:
    return st.builds(
        Appointment,
        **_record_fields(ids),
        person_id=_one("person"),
        role=texts(),
        effective_on=_maybe(_DATES),
    )


def appointments(
    *,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Appointment]:
    """[`Appointment`][collabrel.model.Appointment]s of a person to a role, e.g. the SER.

    Args:
        person_ids: Ids of the people who may be appointed or approve the appointment;
            `None` for any id.
        partner_ids: Ids of the partners who may sign it; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `Appointment` objects; it draws nothing when `person_ids` is
        empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(appointments(person_ids=["jo"]))
        ... def test_the_appointee_is_known(appointment):
        ...     assert appointment.person_id == "jo"
        >>> test_the_appointee_is_known()
    """
    if _is_empty(person_ids):
        return st.nothing()
    return _scoped(_appointments(_own(ids, "record")), person=person_ids, partner=partner_ids)


@functools.cache
def _business_cases(ids: st.SearchStrategy[str]) -> st.SearchStrategy[BusinessCase]:
    return st.builds(
        BusinessCase,
        **_record_fields(ids),
        objectives=_STRINGS,
        drivers=_STRINGS,
        operating_model=_maybe(texts()),
        benefits=_STRINGS,
        candidate_partners=_STRINGS,
        decision=_maybe(decisions()),
        decided_on=_maybe(_DATES),
        decided_by=_maybe_one("person"),
    )


def business_cases(
    *,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[BusinessCase]:
    """[`BusinessCase`][collabrel.model.BusinessCase] records, perhaps with a decision.

    Args:
        person_ids: Ids of the people who may approve the case or decide on it; `None` for
            any id.
        partner_ids: Ids of the partners who may sign it; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `BusinessCase` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(business_cases(person_ids=[]))
        ... def test_no_people_means_no_decider(case):
        ...     assert case.decided_by is None and case.approved_by is None
        >>> test_no_people_means_no_decider()
    """
    return _scoped(_business_cases(_own(ids, "record")), person=person_ids, partner=partner_ids)


_KNOWLEDGE_ITEMS: Final = st.builds(
    KnowledgeItem,
    name=texts(),
    sharing=st.sampled_from(Sharing),
    owner_partner_id=_maybe_one("partner"),
    intellectual_property=st.booleans(),
    conditions=_maybe(texts()),
)


def knowledge_items(*, partner_ids: Ids = None) -> st.SearchStrategy[KnowledgeItem]:
    """[`KnowledgeItem`][collabrel.model.KnowledgeItem]s: what may be shared, owned by whom.

    Args:
        partner_ids: Ids of the partners who may own the item; `None` for any id.

    Returns:
        A strategy drawing `KnowledgeItem` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(knowledge_items(partner_ids=["acme"]))
        ... def test_owners_are_known(item):
        ...     assert item.owner_partner_id in (None, "acme")
        >>> test_owners_are_known()
    """
    return _scoped(_KNOWLEDGE_ITEMS, partner=partner_ids)


@functools.cache
def _knowledge_maps(ids: st.SearchStrategy[str]) -> st.SearchStrategy[KnowledgeMap]:
    return st.builds(KnowledgeMap, **_record_fields(ids), items=_few(_KNOWLEDGE_ITEMS))


def knowledge_maps(
    *,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[KnowledgeMap]:
    """[`KnowledgeMap`][collabrel.model.KnowledgeMap] records with up to two items.

    Args:
        person_ids: Ids of the people who may approve the map; `None` for any id.
        partner_ids: Ids of the partners who may sign it or own its items; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `KnowledgeMap` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(knowledge_maps())
        ... def test_maps_hold_items(kmap):
        ...     assert all(isinstance(i, KnowledgeItem) for i in kmap.items)
        >>> test_maps_hold_items()
    """
    return _scoped(_knowledge_maps(_own(ids, "record")), person=person_ids, partner=partner_ids)


@functools.cache
def _collaborative_profiles(
    ids: st.SearchStrategy[str],
) -> st.SearchStrategy[CollaborativeProfile]:
    return st.builds(
        CollaborativeProfile,
        **_record_fields(ids),
        strengths=_STRINGS,
        weaknesses=_STRINGS,
        blockers=_STRINGS,
        maturity_level=_maybe(st.integers(min_value=0, max_value=10)),
    )


def collaborative_profiles(
    *,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[CollaborativeProfile]:
    """[`CollaborativeProfile`][collabrel.model.CollaborativeProfile] records.

    Args:
        person_ids: Ids of the people who may approve the profile; `None` for any id.
        partner_ids: Ids of the partners who may sign it; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `CollaborativeProfile` objects with a maturity level of 0-10 or
        none.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(collaborative_profiles())
        ... def test_levels_are_in_range(profile):
        ...     assert profile.maturity_level is None or 0 <= profile.maturity_level <= 10
        >>> test_levels_are_in_range()
    """
    return _scoped(
        _collaborative_profiles(_own(ids, "record")), person=person_ids, partner=partner_ids
    )


@functools.cache
def _actions(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Action]:
    return st.builds(
        Action,
        id=ids,
        description=texts(),
        owner=_maybe_one("person"),
        due_on=_maybe(_DATES),
        status=action_statuses(),
        completed_on=_maybe(_DATES),
    )


def actions(
    *, person_ids: Ids = None, ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Action]:
    """[`Action`][collabrel.model.Action]s with, perhaps, an owner and dates.

    Args:
        person_ids: Ids of the people who may own the action; `None` for any id.
        ids: Strategy for the action's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `Action` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(actions(person_ids=["jo"]))
        ... def test_owners_are_known(action):
        ...     assert action.owner in (None, "jo")
        >>> test_owners_are_known()
    """
    return _scoped(_actions(_own(ids, "action")), person=person_ids)


@functools.cache
def _action_plans(ids: st.SearchStrategy[str]) -> st.SearchStrategy[ActionPlan]:
    return st.builds(ActionPlan, **_record_fields(ids), actions=_few(_actions(_fresh("action"))))


def action_plans(
    *,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[ActionPlan]:
    """[`ActionPlan`][collabrel.model.ActionPlan] records with up to two actions.

    Args:
        person_ids: Ids of the people who may approve the plan or own its actions; `None`
            for any id.
        partner_ids: Ids of the partners who may sign it; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `ActionPlan` objects whose actions have different ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(action_plans())
        ... def test_action_ids_differ(plan):
        ...     ids = [a.id for a in plan.actions]
        ...     assert len(ids) == len(set(ids))
        >>> test_action_ids_differ()
    """
    return _scoped(_action_plans(_own(ids, "record")), person=person_ids, partner=partner_ids)


# ---------------------------------------------------------------- objectives and value


@functools.cache
def _objectives(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Objective]:
    return st.builds(
        Objective,
        id=ids,
        statement=texts(),
        partner_id=_maybe_one("partner"),
        owner=_maybe_one("person"),
        target_date=_maybe(_DATES),
        kpi_ids=_some("kpi"),
    )


def objectives(
    *,
    partner_ids: Ids = None,
    person_ids: Ids = None,
    kpi_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Objective]:
    """[`Objective`][collabrel.model.Objective]s: joint, or one partner's own.

    Args:
        partner_ids: Ids of the partners whose own objective it may be; `None` for any id.
        person_ids: Ids of the people who may own it; `None` for any id.
        kpi_ids: Ids of the KPIs that may measure it; `None` for any id.
        ids: Strategy for the objective's own id; [`identifiers()`][..identifiers] by
            default.

    Returns:
        A strategy drawing `Objective` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(objectives(partner_ids=[]))
        ... def test_without_partners_objectives_are_joint(objective):
        ...     assert objective.is_joint
        >>> test_without_partners_objectives_are_joint()
    """
    return _scoped(
        _objectives(_own(ids, "objective")),
        partner=partner_ids,
        person=person_ids,
        kpi=kpi_ids,
    )


@functools.cache
def _expected_benefits(ids: st.SearchStrategy[str]) -> st.SearchStrategy[ExpectedBenefit]:
    return st.builds(
        ExpectedBenefit,
        id=ids,
        description=texts(),
        measure=texts(),
        unit=texts(max_size=8),
        target=_FLOATS,
        baseline=_maybe(_FLOATS),
        due_on=_maybe(_DATES),
        kpi_id=_maybe_one("kpi"),
    )


def expected_benefits(
    *, kpi_ids: Ids = None, ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[ExpectedBenefit]:
    """[`ExpectedBenefit`][collabrel.model.ExpectedBenefit]s: a measure, a target, a date.

    Args:
        kpi_ids: Ids of the KPIs that may track the benefit; `None` for any id.
        ids: Strategy for the benefit's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `ExpectedBenefit` objects with finite numbers.

    Examples:
        >>> import math
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(expected_benefits())
        ... def test_targets_are_finite(benefit):
        ...     assert math.isfinite(benefit.target)
        >>> test_targets_are_finite()
    """
    return _scoped(_expected_benefits(_own(ids, "benefit")), kpi=kpi_ids)


_REALISED_VALUES: Final = st.builds(
    RealisedValue,
    benefit_id=_one("benefit"),
    amount=_FLOATS,
    on=_DATES,
    partner_id=_maybe_one("partner"),
    evidence=_maybe(texts()),
    note=_maybe(texts()),
)


def realised_values(
    *, benefit_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[RealisedValue]:
    """[`RealisedValue`][collabrel.model.RealisedValue]s recorded against a benefit.

    Args:
        benefit_ids: Ids of the benefits the value may be recorded against; `None` for any
            id.
        partner_ids: Ids of the partners who may have realised it; `None` for any id.

    Returns:
        A strategy drawing `RealisedValue` objects; it draws nothing when `benefit_ids` is
        empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(realised_values(benefit_ids=["b1"]))
        ... def test_values_name_the_benefit(value):
        ...     assert value.benefit_id == "b1"
        >>> test_values_name_the_benefit()
    """
    if _is_empty(benefit_ids):
        return st.nothing()
    return _scoped(_REALISED_VALUES, benefit=benefit_ids, partner=partner_ids)


@st.composite
def _draw_value_proposition(draw: st.DrawFn, ids: st.SearchStrategy[str]) -> ValueProposition:
    benefits = draw(_few(_expected_benefits(_fresh("benefit"))))
    realised = []
    if benefits:  # value is realised against the proposition's own benefits
        with _pools(benefit=_ids_of(benefits)):
            realised = draw(_few(_REALISED_VALUES))
    return ValueProposition(
        id=draw(ids),
        statement=draw(texts()),
        beneficiaries=draw(_some("partner", max_size=3)),
        benefits=benefits,
        status=draw(value_statuses()),
        owner=draw(_maybe_one("person")),
        realised=realised,
    )


@functools.cache
def _value_propositions(ids: st.SearchStrategy[str]) -> st.SearchStrategy[ValueProposition]:
    return _draw_value_proposition(ids)


def value_propositions(
    *,
    partner_ids: Ids = None,
    person_ids: Ids = None,
    kpi_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[ValueProposition]:
    """[`ValueProposition`][collabrel.model.ValueProposition]s with benefits and realised value.

    Realised value is only ever recorded against the proposition's own benefits.

    Args:
        partner_ids: Ids of the partners who may benefit or realise value; `None` for any id.
        person_ids: Ids of the people who may own the proposition; `None` for any id.
        kpi_ids: Ids of the KPIs its benefits may be tracked by; `None` for any id.
        ids: Strategy for the proposition's own id; [`identifiers()`][..identifiers] by
            default.

    Returns:
        A strategy drawing `ValueProposition` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(value_propositions())
        ... def test_value_is_realised_against_own_benefits(vp):
        ...     assert {r.benefit_id for r in vp.realised} <= {b.id for b in vp.benefits}
        >>> test_value_is_realised_against_own_benefits()
    """
    return _scoped(
        _value_propositions(_own(ids, "value_proposition")),
        partner=partner_ids,
        person=person_ids,
        kpi=kpi_ids,
    )


# ---------------------------------------------------------------- risks and KPIs


@functools.cache
def _risks(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Risk]:
    return st.builds(
        Risk,
        id=ids,
        title=texts(),
        owner=_one("person"),
        likelihood=st.integers(min_value=1, max_value=5),
        impact=st.integers(min_value=1, max_value=5),
        description=_maybe(texts()),
        category=_maybe(texts()),
        mitigation=_maybe(texts()),
        status=risk_statuses(),
        joint=st.booleans(),
        raised_on=_maybe(_DATES),
        review_on=_maybe(_DATES),
    )


def risks(
    *, person_ids: Ids = None, ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Risk]:
    """[`Risk`][collabrel.model.Risk]s scored 1-5 for likelihood and impact.

    Args:
        person_ids: Ids of the people who may own the risk; `None` for any id.
        ids: Strategy for the risk's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `Risk` objects; it draws nothing when `person_ids` is empty, as
        every risk has an owner.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(risks(person_ids=["jo", "ann"]))
        ... def test_risk_owners_are_people(risk):
        ...     assert risk.owner in {"jo", "ann"} and 1 <= risk.score <= 25
        >>> test_risk_owners_are_people()
    """
    if _is_empty(person_ids):
        return st.nothing()
    return _scoped(_risks(_own(ids, "risk")), person=person_ids)


_MEASUREMENTS: Final = st.builds(Measurement, on=_DATES, value=_FLOATS, note=_maybe(texts()))


def measurements() -> st.SearchStrategy[Measurement]:
    """[`Measurement`][collabrel.model.Measurement]s: a day and a finite value.

    Returns:
        A strategy drawing `Measurement` objects.

    Examples:
        >>> import math
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(measurements())
        ... def test_values_are_finite(m):
        ...     assert math.isfinite(m.value)
        >>> test_values_are_finite()
    """
    return _MEASUREMENTS


def _in_date_order(items: list[Measurement]) -> list[Measurement]:
    return sorted(items, key=lambda m: m.on)


@functools.cache
def _kpis(ids: st.SearchStrategy[str]) -> st.SearchStrategy[KPI]:
    return st.builds(
        KPI,
        id=ids,
        name=texts(),
        unit=texts(max_size=8),
        target=_FLOATS,
        direction=directions(),
        description=_maybe(texts()),
        baseline=_maybe(_FLOATS),
        tolerance=_maybe(_NON_NEGATIVE_FLOATS),
        target_date=_maybe(_DATES),
        owner=_maybe_one("person"),
        frequency=_maybe(cadences()),
        measurements=_few(_MEASUREMENTS, max_size=3).map(_in_date_order),
    )


def kpis(
    *, person_ids: Ids = None, ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[KPI]:
    """[`KPI`][collabrel.model.KPI]s with up to three measurements in date order.

    Args:
        person_ids: Ids of the people who may own the KPI; `None` for any id.
        ids: Strategy for the KPI's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `KPI` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(kpis())
        ... def test_measurements_are_in_date_order(kpi):
        ...     days = [m.on for m in kpi.measurements]
        ...     assert days == sorted(days)
        >>> test_measurements_are_in_date_order()
    """
    return _scoped(_kpis(_own(ids, "kpi")), person=person_ids)


# ---------------------------------------------------------------- RACI


@st.composite
def _draw_codes(draw: st.DrawFn, alphabet: str) -> str:
    return "".join(_pick_some(draw, alphabet, max_size=3, min_size=1))


@st.composite
def _draw_alphabet(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return "".join(_pick_some(draw, _CAPITALS, max_size=6, min_size=1))
    return _pick(draw, _ALPHABETS)


@functools.cache
def _raci_assignments(alphabet: str) -> st.SearchStrategy[RaciAssignment]:
    return st.builds(RaciAssignment, party=_one(*_PARTY), codes=_draw_codes(alphabet))


def raci_assignments(
    *, parties: Ids = None, alphabet: str = "RACI"
) -> st.SearchStrategy[RaciAssignment]:
    """[`RaciAssignment`][collabrel.model.RaciAssignment]s: a party and one to three codes.

    Args:
        parties: Ids of the people, bodies or partners who may hold the codes; `None` for
            any id.
        alphabet: The letters codes are drawn from, e.g. `"RASCI"`.

    Returns:
        A strategy drawing `RaciAssignment` objects with codes such as `"A"` or `"AR"`; it
        draws nothing when `parties` is empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(raci_assignments(parties=["jmt"], alphabet="DACI"))
        ... def test_codes_come_from_the_alphabet(assignment):
        ...     assert set(assignment.codes) <= set("DACI")
        >>> test_codes_come_from_the_alphabet()
    """
    if _is_empty(parties):
        return st.nothing()
    return _scoped(_raci_assignments(alphabet), **_parties(parties))


@st.composite
def _draw_raci_activity(
    draw: st.DrawFn, ids: st.SearchStrategy[str], alphabet: str
) -> RaciActivity:
    holders = draw(_some(*_PARTY, max_size=3))
    return RaciActivity(
        id=draw(ids),
        name=draw(texts()),
        assignments=[RaciAssignment(party=p, codes=draw(_draw_codes(alphabet))) for p in holders],
    )


def raci_activities(
    *,
    parties: Ids = None,
    alphabet: str = "RACI",
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[RaciActivity]:
    """[`RaciActivity`][collabrel.model.RaciActivity] rows naming each party at most once.

    Args:
        parties: Ids of the people, bodies or partners who may hold codes; `None` for any
            id; an empty sequence gives rows without assignments.
        alphabet: The letters codes are drawn from, e.g. `"RASCI"`.
        ids: Strategy for the activity's own id; [`identifiers()`][..identifiers] by
            default.

    Returns:
        A strategy drawing `RaciActivity` objects with up to three assignments.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(raci_activities(parties=["jo", "jmt", "acme"]))
        ... def test_each_party_once(row):
        ...     parties = [a.party for a in row.assignments]
        ...     assert len(parties) == len(set(parties))
        ...     assert set(parties) <= {"jo", "jmt", "acme"}
        >>> test_each_party_once()
    """
    return _scoped(_draw_raci_activity(_own(ids, "activity"), alphabet), **_parties(parties))


@st.composite
def _draw_raci_matrix(draw: st.DrawFn, alphabet: str | None) -> RACIMatrix:
    letters = draw(_draw_alphabet()) if alphabet is None else alphabet
    rows = draw(_few(_draw_raci_activity(_fresh("activity"), letters), max_size=3))
    return RACIMatrix(
        activities=rows, alphabet=letters, accountable_acts_as_responsible=draw(st.booleans())
    )


def raci_matrices(
    *, parties: Ids = None, alphabet: str | None = None
) -> st.SearchStrategy[RACIMatrix]:
    """[`RACIMatrix`][collabrel.model.RACIMatrix]es with up to three activities.

    Args:
        parties: Ids of the people, bodies or partners who may hold codes; `None` for any
            id.
        alphabet: The matrix's alphabet; by default one of RACI, RASCI, RACI-VS and DACI, or
            a few distinct capitals.

    Returns:
        A strategy drawing `RACIMatrix` objects whose activities have different ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(raci_matrices(parties=["jo", "jmt"]))
        ... def test_parties_are_the_ones_given(matrix):
        ...     assert set(matrix.parties) <= {"jo", "jmt"}
        >>> test_parties_are_the_ones_given()
    """
    return _scoped(_draw_raci_matrix(alphabet), **_parties(parties))


# ---------------------------------------------------------------- governance


@st.composite
def _draw_governance_body(draw: st.DrawFn, ids: st.SearchStrategy[str]) -> GovernanceBody:
    members = draw(_some("person", max_size=3))
    has_chair = bool(members) and draw(st.booleans())
    return GovernanceBody(
        id=draw(ids),
        name=draw(texts()),
        kind=draw(body_kinds()),
        members=members,
        chair=_pick(draw, members) if has_chair else None,
        escalates_to=draw(_maybe_one(_EARLIER_BODY)),
        cadence=draw(_maybe(cadences())),
        terms_of_reference=draw(_maybe_one("record")),
    )


def governance_bodies(
    *,
    person_ids: Ids = None,
    body_ids: Ids = None,
    record_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[GovernanceBody]:
    """[`GovernanceBody`][collabrel.model.GovernanceBody]s: members, chair, escalation.

    The chair, when there is one, is a member.

    Args:
        person_ids: Ids of the people who may be members; `None` for any id.
        body_ids: Ids of the bodies it may escalate to; `None` for any id. Leave the body's
            own id out so that it does not escalate to itself.
        record_ids: Ids of the records that may be its terms of reference; `None` for any id.
        ids: Strategy for the body's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `GovernanceBody` objects with up to three members.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(governance_bodies(person_ids=["jo", "ann"], body_ids=["jeb"]))
        ... def test_the_chair_is_a_member(body):
        ...     assert body.chair is None or body.chair in body.members
        ...     assert body.escalates_to in (None, "jeb")
        >>> test_the_chair_is_a_member()
    """
    pools: dict[str, Ids] = {"person": person_ids, _EARLIER_BODY: body_ids, "record": record_ids}
    return _scoped(_draw_governance_body(_own(ids, "body")), **pools)


_DECISION_RIGHTS: Final = st.builds(
    DecisionRight, decision=texts(), holder=_one(*_PARTY), limit=_maybe(texts())
)


def decision_rights(*, parties: Ids = None) -> st.SearchStrategy[DecisionRight]:
    """[`DecisionRight`][collabrel.model.DecisionRight]s: who may decide what, to what limit.

    Args:
        parties: Ids of the people, bodies or partners who may hold the right; `None` for
            any id.

    Returns:
        A strategy drawing `DecisionRight` objects; it draws nothing when `parties` is
        empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(decision_rights(parties=["jeb"]))
        ... def test_holders_are_known(right):
        ...     assert right.holder == "jeb"
        >>> test_holders_are_known()
    """
    if _is_empty(parties):
        return st.nothing()
    return _scoped(_DECISION_RIGHTS, **_parties(parties))


def _governance_with(draw: st.DrawFn, body_ids: Sequence[str]) -> Governance:
    """Draw governance whose bodies have `body_ids`, in the current scope."""
    bodies = []
    for i, body_id in enumerate(body_ids):
        # a body escalates only to bodies before it, so escalation never forms a cycle
        with _pools(**{_EARLIER_BODY: tuple(body_ids[:i])}):
            bodies.append(draw(_draw_governance_body(st.just(body_id))))
    with _pools(body=tuple(body_ids)):
        return Governance(
            bodies=bodies,
            raci=draw(_draw_raci_matrix(None)),
            decision_rights=draw(_needs(_PARTY, _few(_DECISION_RIGHTS), [])),
        )


@st.composite
def _draw_governance(draw: st.DrawFn) -> Governance:
    return _governance_with(draw, draw(_few(_fresh("body"), max_size=3)))


def governances(
    *, person_ids: Ids = None, partner_ids: Ids = None, record_ids: Ids = None
) -> st.SearchStrategy[Governance]:
    """[`Governance`][collabrel.model.Governance]: bodies, a RACI matrix and decision rights.

    Bodies have different ids and escalate only to bodies listed before them, so escalation
    never forms a cycle. RACI parties and decision-right holders are people, partners or
    the bodies drawn.

    Args:
        person_ids: Ids of the people who may sit on bodies or hold codes; `None` for any id.
        partner_ids: Ids of the partners who may hold codes or rights; `None` for any id.
        record_ids: Ids of the records bodies may take as terms of reference; `None` for any
            id.

    Returns:
        A strategy drawing `Governance` objects with up to three bodies.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(governances(person_ids=["jo"], partner_ids=["acme", "nr"], record_ids=[]))
        ... def test_raci_parties_are_known(gov):
        ...     known = {"jo", "acme", "nr"} | {b.id for b in gov.bodies}
        ...     assert set(gov.raci.parties) <= known
        >>> test_raci_parties_are_known()
    """
    return _scoped(_draw_governance(), person=person_ids, partner=partner_ids, record=record_ids)


# ---------------------------------------------------------------- exit


@functools.cache
def _exit_triggers(ids: st.SearchStrategy[str]) -> st.SearchStrategy[ExitTrigger]:
    return st.builds(ExitTrigger, id=ids, description=texts(), indicator=_maybe(texts()))


def exit_triggers(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[ExitTrigger]:
    """[`ExitTrigger`][collabrel.model.ExitTrigger]s: agreed signs that it is time to exit.

    Args:
        ids: Strategy for the trigger's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `ExitTrigger` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(exit_triggers())
        ... def test_triggers_are_described(trigger):
        ...     assert trigger.description.strip()
        >>> test_triggers_are_described()
    """
    return _exit_triggers(_own(ids, "trigger"))


_DISENGAGEMENT_STEPS: Final = st.builds(
    DisengagementStep,
    description=texts(),
    owner=_maybe_one(*_STEP_OWNER),
    timing=_maybe(texts()),
)


def disengagement_steps(*, parties: Ids = None) -> st.SearchStrategy[DisengagementStep]:
    """[`DisengagementStep`][collabrel.model.DisengagementStep]s, perhaps with an owner.

    Args:
        parties: Ids of the people or partners who may own the step; `None` for any id.

    Returns:
        A strategy drawing `DisengagementStep` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(disengagement_steps(parties=[]))
        ... def test_no_parties_means_no_owner(step):
        ...     assert step.owner is None
        >>> test_no_parties_means_no_owner()
    """
    return _scoped(_DISENGAGEMENT_STEPS, **_parties(parties, _STEP_OWNER))


_TRANSFERS: Final = st.builds(
    Transfer,
    kind=st.sampled_from(TransferKind),
    description=texts(),
    from_partner=_maybe_one("partner"),
    to_partner=_maybe_one("partner"),
)


def transfers(*, partner_ids: Ids = None) -> st.SearchStrategy[Transfer]:
    """[`Transfer`][collabrel.model.Transfer]s on exit, perhaps between named partners.

    Args:
        partner_ids: Ids of the partners things may pass from and to; `None` for any id.

    Returns:
        A strategy drawing `Transfer` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(transfers(partner_ids=["acme"]))
        ... def test_partners_are_known(transfer):
        ...     assert {transfer.from_partner, transfer.to_partner} <= {None, "acme"}
        >>> test_partners_are_known()
    """
    return _scoped(_TRANSFERS, partner=partner_ids)


_RESPONSIBILITIES: Final = st.builds(Responsibility, party=_one(*_PARTY), duty=texts())


def responsibilities(*, parties: Ids = None) -> st.SearchStrategy[Responsibility]:
    """[`Responsibility`][collabrel.model.Responsibility]s: a duty on exit and its holder.

    Args:
        parties: Ids of the people, bodies or partners who may hold the duty; `None` for
            any id.

    Returns:
        A strategy drawing `Responsibility` objects; it draws nothing when `parties` is
        empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(responsibilities(parties=["acme"]))
        ... def test_holders_are_known(duty):
        ...     assert duty.party == "acme"
        >>> test_holders_are_known()
    """
    if _is_empty(parties):
        return st.nothing()
    return _scoped(_RESPONSIBILITIES, **_parties(parties))


@functools.cache
def _exit_plans(ids: st.SearchStrategy[str]) -> st.SearchStrategy[ExitPlan]:
    return st.builds(
        ExitPlan,
        **_record_fields(ids),
        triggers=_few(_exit_triggers(_fresh("trigger"))),
        steps=_few(_DISENGAGEMENT_STEPS),
        continuity=_STRINGS,
        transfers=_few(_TRANSFERS),
        responsibilities=_needs(_PARTY, _few(_RESPONSIBILITIES), []),
        future_relationship=_maybe(texts()),
    )


def exit_plans(
    *,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    body_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[ExitPlan]:
    """[`ExitPlan`][collabrel.model.ExitPlan] records: triggers, steps, transfers, duties.

    Args:
        person_ids: Ids of the people who may approve the plan, own steps or hold duties;
            `None` for any id.
        partner_ids: Ids of the partners who may sign it, own steps, transfer or hold duties;
            `None` for any id.
        body_ids: Ids of the governance bodies that may hold duties; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `ExitPlan` objects whose triggers have different ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(exit_plans(person_ids=[], partner_ids=["acme"], body_ids=[]))
        ... def test_only_the_partner_holds_duties(plan):
        ...     assert {r.party for r in plan.responsibilities} <= {"acme"}
        >>> test_only_the_partner_holds_duties()
    """
    return _scoped(
        _exit_plans(_own(ids, "record")), person=person_ids, partner=partner_ids, body=body_ids
    )


# ---------------------------------------------------------------- the relationship

_KEY_DATES: Final = st.builds(KeyDate, name=texts(), on=_DATES)


def key_dates() -> st.SearchStrategy[KeyDate]:
    """[`KeyDate`][collabrel.model.KeyDate]s: a name and a day.

    Returns:
        A strategy drawing `KeyDate` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(key_dates())
        ... def test_key_dates_are_named(key_date):
        ...     assert key_date.name.strip()
        >>> test_key_dates_are_named()
    """
    return _KEY_DATES


def _with_subcontractors(draw: st.DrawFn, partners: list[Partner]) -> list[Partner]:
    """`partners`, some made subcontractors of a partner listed before them (never a cycle)."""
    out = partners[:1]
    for i, partner in enumerate(partners[1:], start=1):
        pick = draw(_index(i + 1))  # 0 (where it shrinks to): not a subcontractor
        sub = None if pick == 0 else partners[pick - 1].id
        out.append(attrs.evolve(partner, subcontractor_of=sub))
    return out


@st.composite
def _draw_relationship(draw: st.DrawFn, *, in_plan: bool = False) -> Relationship:
    """Draw a whole relationship; leaves its people, partners and bodies as the scope's pools.

    On its own, the exit plan is the only record a body can take as its terms of reference;
    `in_plan` leaves terms of reference out, for the plan to choose among all its records.
    """
    scope = _current()
    the_partners = _with_subcontractors(
        draw, draw(st.lists(_partners(_fresh("partner")), min_size=2, max_size=3))
    )
    scope.pools["partner"] = _ids_of(the_partners)
    the_people = draw(_few(_people(_fresh("person")), max_size=4))
    scope.pools["person"] = _ids_of(the_people)
    the_kpis = draw(_few(_kpis(_fresh("kpi"))))
    scope.pools["kpi"] = _ids_of(the_kpis)
    the_objectives = draw(_few(_objectives(_fresh("objective"))))
    propositions = draw(_few(_value_propositions(_fresh("value_proposition"))))
    the_risks = draw(_needs(("person",), _few(_risks(_fresh("risk"))), []))
    # body ids come first: the exit plan may give bodies duties, and bodies may take the
    # exit plan (the only record a relationship holds) as their terms of reference
    body_ids = draw(_few(_fresh("body"), max_size=3))
    scope.pools["body"] = tuple(body_ids)
    exit_plan = draw(_maybe(_exit_plans(_fresh("record"))))
    scope.pools["record"] = () if exit_plan is None or in_plan else (exit_plan.id,)
    return Relationship(
        id=draw(_fresh("relationship")),
        name=draw(texts()),
        kind=draw(relationship_kinds()),
        partners=the_partners,
        description=draw(_maybe(texts())),
        people=the_people,
        objectives=the_objectives,
        value_propositions=propositions,
        risks=the_risks,
        kpis=the_kpis,
        governance=_governance_with(draw, body_ids),
        exit_plan=exit_plan,
        key_dates=draw(_few(_KEY_DATES)),
    )


def relationships() -> st.SearchStrategy[Relationship]:
    """Whole [`Relationship`][collabrel.model.Relationship]s in which every reference resolves.

    Two or three partners; up to four people, each belonging to one of them; KPIs,
    objectives, value propositions and risks owned by those people; governance bodies whose
    members are those people and which escalate without cycles; a RACI matrix over people,
    bodies and partners; perhaps an exit plan. Ids are unique per kind.

    Returns:
        A strategy drawing `Relationship` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, deadline=None)
        ... @given(relationships())
        ... def test_people_belong_to_partners(rel):
        ...     assert {p.partner_id for p in rel.people} <= set(rel.partner_ids)
        >>> test_people_belong_to_partners()
    """
    return _scoped(_draw_relationship())


# ---------------------------------------------------------------- stage 1 and 2

_PRIORITISED_RELATIONSHIPS: Final = st.builds(
    PrioritisedRelationship,
    name=texts(),
    priority=st.integers(min_value=1, max_value=INT_MAX),
    collaborative=st.booleans(),
    rationale=_maybe(texts()),
)


def prioritised_relationships() -> st.SearchStrategy[PrioritisedRelationship]:
    """[`PrioritisedRelationship`][collabrel.model.PrioritisedRelationship] entries.

    Returns:
        A strategy drawing `PrioritisedRelationship` objects with a priority of 1 or more.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(prioritised_relationships())
        ... def test_priorities_are_positive(entry):
        ...     assert entry.priority >= 1
        >>> test_priorities_are_positive()
    """
    return _PRIORITISED_RELATIONSHIPS


@functools.cache
def _relationship_portfolios(
    ids: st.SearchStrategy[str],
) -> st.SearchStrategy[RelationshipPortfolio]:
    return st.builds(
        RelationshipPortfolio,
        **_record_fields(ids),
        criteria=_STRINGS,
        entries=_few(_PRIORITISED_RELATIONSHIPS),
    )


def relationship_portfolios(
    *,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[RelationshipPortfolio]:
    """[`RelationshipPortfolio`][collabrel.model.RelationshipPortfolio] records.

    Args:
        person_ids: Ids of the people who may approve the portfolio; `None` for any id.
        partner_ids: Ids of the partners who may sign it; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `RelationshipPortfolio` objects with up to two entries.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(relationship_portfolios())
        ... def test_portfolios_hold_entries(portfolio):
        ...     assert len(portfolio.entries) <= 2
        >>> test_portfolios_hold_entries()
    """
    return _scoped(
        _relationship_portfolios(_own(ids, "record")), person=person_ids, partner=partner_ids
    )


_RECORD: Final = _fresh("record")
_PLAIN_RECORD: Final = _sometimes(_records(_RECORD))

_AWARENESS_SECTIONS: Final = st.builds(
    AwarenessSection,
    policy=_sometimes(_policies(_RECORD)),
    ser_appointment=_needs(("person",), _sometimes(_appointments(_RECORD)), None),
    value_analysis=_PLAIN_RECORD,
    relationship_portfolio=_sometimes(_relationship_portfolios(_RECORD)),
    initial_risk_assessment=_PLAIN_RECORD,
)


def awareness_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[AwarenessSection]:
    """[`AwarenessSection`][collabrel.model.AwarenessSection]s (stage 1), records optional.

    Args:
        person_ids: Ids of the people who may approve records or be appointed SER; `None`
            for any id.
        partner_ids: Ids of the partners who may sign records; `None` for any id.

    Returns:
        A strategy drawing `AwarenessSection` objects whose records have different ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(awareness_sections(person_ids=[]))
        ... def test_no_people_means_no_ser(section):
        ...     assert section.ser_appointment is None
        >>> test_no_people_means_no_ser()
    """
    return _scoped(_AWARENESS_SECTIONS, person=person_ids, partner=partner_ids)


_KNOWLEDGE_SECTIONS: Final = st.builds(
    KnowledgeSection,
    business_case=_sometimes(_business_cases(_RECORD)),
    knowledge_map=_sometimes(_knowledge_maps(_RECORD)),
    skills_assessment=_PLAIN_RECORD,
    risk_management=_PLAIN_RECORD,
    exit_outline=_PLAIN_RECORD,
)


def knowledge_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[KnowledgeSection]:
    """[`KnowledgeSection`][collabrel.model.KnowledgeSection]s (stage 2), records optional.

    Args:
        person_ids: Ids of the people who may approve records or decide; `None` for any id.
        partner_ids: Ids of the partners who may sign records or own knowledge; `None` for
            any id.

    Returns:
        A strategy drawing `KnowledgeSection` objects whose records have different ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(knowledge_sections())
        ... def test_business_cases_are_records(section):
        ...     assert section.business_case is None or section.business_case.title
        >>> test_business_cases_are_records()
    """
    return _scoped(_KNOWLEDGE_SECTIONS, person=person_ids, partner=partner_ids)


# ---------------------------------------------------------------- stage 3

_SCALE: Final = st.lists(_FLOATS, min_size=2, max_size=2, unique=True).map(sorted)


@st.composite
def _draw_criterion(draw: st.DrawFn, ids: st.SearchStrategy[str]) -> Criterion:
    low, high = draw(_SCALE)
    return Criterion(
        id=draw(ids),
        name=draw(texts()),
        category=draw(criterion_categories()),
        weight=draw(_NON_NEGATIVE_FLOATS),
        scale_min=low,
        scale_max=high,
        direction=draw(directions()),
        gate=draw(st.booleans()),
        gate_threshold=draw(_maybe(_FLOATS)),
        evidence_required=draw(_maybe(texts())),
    )


def criteria(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Criterion]:
    """Partner-selection [`Criterion`][collabrel.model.Criterion] objects.

    Args:
        ids: Strategy for the criterion's own id; [`identifiers()`][..identifiers] by
            default.

    Returns:
        A strategy drawing `Criterion` objects whose scale maximum exceeds its minimum.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(criteria())
        ... def test_scales_are_ordered(criterion):
        ...     assert criterion.scale_min < criterion.scale_max
        >>> test_scales_are_ordered()
    """
    return _draw_criterion(_own(ids, "criterion"))


@functools.cache
def _selection_criteria(ids: st.SearchStrategy[str]) -> st.SearchStrategy[SelectionCriteria]:
    return st.builds(
        SelectionCriteria,
        **_record_fields(ids),
        strategy=_maybe(texts()),
        criteria=_few(_draw_criterion(_fresh("criterion")), max_size=3),
    )


def selection_criteria(
    *,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[SelectionCriteria]:
    """[`SelectionCriteria`][collabrel.model.SelectionCriteria] records, up to three criteria.

    Args:
        person_ids: Ids of the people who may approve the record; `None` for any id.
        partner_ids: Ids of the partners who may sign it; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `SelectionCriteria` objects whose criteria have different ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(selection_criteria())
        ... def test_criterion_ids_differ(record):
        ...     ids = [c.id for c in record.criteria]
        ...     assert len(ids) == len(set(ids))
        >>> test_criterion_ids_differ()
    """
    return _scoped(_selection_criteria(_own(ids, "record")), person=person_ids, partner=partner_ids)


_INTERNAL_ASSESSMENT_SECTIONS: Final = st.builds(
    InternalAssessmentSection,
    collaborative_profile=_sometimes(_collaborative_profiles(_RECORD)),
    gap_plan=_sometimes(_action_plans(_RECORD)),
    competence_assessment=_PLAIN_RECORD,
    collaborative_leaders=_some("person"),
    selection_criteria=_maybe(_selection_criteria(_RECORD)),
)


def internal_assessment_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[InternalAssessmentSection]:
    """[`InternalAssessmentSection`][collabrel.model.InternalAssessmentSection]s (stage 3).

    Args:
        person_ids: Ids of the people who may approve records, own actions or lead; `None`
            for any id.
        partner_ids: Ids of the partners who may sign records; `None` for any id.

    Returns:
        A strategy drawing `InternalAssessmentSection` objects whose records, actions and
        criteria have different ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(internal_assessment_sections(person_ids=["jo"]))
        ... def test_leaders_are_known(section):
        ...     assert set(section.collaborative_leaders) <= {"jo"}
        >>> test_leaders_are_known()
    """
    return _scoped(_INTERNAL_ASSESSMENT_SECTIONS, person=person_ids, partner=partner_ids)


# ---------------------------------------------------------------- stage 4


@functools.cache
def _candidates(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Candidate]:
    return st.builds(
        Candidate,
        id=ids,
        name=texts(),
        partner_id=_maybe_one("partner"),
        shortlisted=st.booleans(),
        nominated_on=_maybe(_DATES),
    )


def candidates(
    *, partner_ids: Ids = None, ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Candidate]:
    """[`Candidate`][collabrel.model.Candidate] organisations, perhaps already partners.

    Args:
        partner_ids: Ids of the partners a candidate may have become; `None` for any id.
        ids: Strategy for the candidate's own id; [`identifiers()`][..identifiers] by
            default.

    Returns:
        A strategy drawing `Candidate` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(candidates(partner_ids=[]))
        ... def test_no_partners_means_no_link(candidate):
        ...     assert candidate.partner_id is None
        >>> test_no_partners_means_no_link()
    """
    return _scoped(_candidates(_own(ids, "candidate")), partner=partner_ids)


_SCORES: Final = st.builds(
    Score,
    criterion_id=_one("criterion"),
    value=_FLOATS,
    scored_by=_maybe_one("person"),
    scored_on=_maybe(_DATES),
    evidence=_maybe(texts()),
    rationale=_maybe(texts()),
)


def scores(*, criterion_ids: Ids = None, person_ids: Ids = None) -> st.SearchStrategy[Score]:
    """[`Score`][collabrel.model.Score]s of a candidate against one criterion.

    Args:
        criterion_ids: Ids of the criteria that may be scored; `None` for any id.
        person_ids: Ids of the people who may have scored; `None` for any id.

    Returns:
        A strategy drawing `Score` objects; it draws nothing when `criterion_ids` is empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(scores(criterion_ids=["price"]))
        ... def test_scores_name_the_criterion(score):
        ...     assert score.criterion_id == "price"
        >>> test_scores_name_the_criterion()
    """
    if _is_empty(criterion_ids):
        return st.nothing()
    return _scoped(_SCORES, criterion=criterion_ids, person=person_ids)


@functools.cache
def _evaluations(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Evaluation]:
    return st.builds(
        Evaluation,
        **_record_fields(ids),
        candidate_id=_one("candidate"),
        scores=_needs(("criterion",), _few(_SCORES, max_size=3), []),
        due_diligence_done=st.booleans(),
        behavioural_assessment_done=st.booleans(),
    )


def evaluations(
    *,
    candidate_ids: Ids = None,
    criterion_ids: Ids = None,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Evaluation]:
    """[`Evaluation`][collabrel.model.Evaluation] records: one candidate's scores.

    Args:
        candidate_ids: Ids of the candidates that may be evaluated; `None` for any id.
        criterion_ids: Ids of the criteria scores may be against; `None` for any id; an empty
            sequence gives evaluations without scores.
        person_ids: Ids of the people who may approve the record or score; `None` for any
            id.
        partner_ids: Ids of the partners who may sign it; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `Evaluation` objects with up to three scores; it draws nothing
        when `candidate_ids` is empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(evaluations(candidate_ids=["c1"], criterion_ids=["fit", "price"]))
        ... def test_scores_use_known_criteria(evaluation):
        ...     assert evaluation.candidate_id == "c1"
        ...     assert {s.criterion_id for s in evaluation.scores} <= {"fit", "price"}
        >>> test_scores_use_known_criteria()
    """
    if _is_empty(candidate_ids):
        return st.nothing()
    return _scoped(
        _evaluations(_own(ids, "record")),
        candidate=candidate_ids,
        criterion=criterion_ids,
        person=person_ids,
        partner=partner_ids,
    )


@functools.cache
def _selection_decisions(ids: st.SearchStrategy[str]) -> st.SearchStrategy[SelectionDecision]:
    return st.builds(
        SelectionDecision,
        **_record_fields(ids),
        selected=_some("candidate", max_size=3),
        rationale=_maybe(texts()),
        decided_on=_maybe(_DATES),
        decided_by=_maybe_one("person"),
    )


def selection_decisions(
    *,
    candidate_ids: Ids = None,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[SelectionDecision]:
    """[`SelectionDecision`][collabrel.model.SelectionDecision] records.

    Args:
        candidate_ids: Ids of the candidates that may be selected; `None` for any id.
        person_ids: Ids of the people who may approve or decide; `None` for any id.
        partner_ids: Ids of the partners who may sign it; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `SelectionDecision` objects selecting up to three candidates.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(selection_decisions(candidate_ids=["c1", "c2"]))
        ... def test_selected_are_candidates(decision):
        ...     assert set(decision.selected) <= {"c1", "c2"}
        >>> test_selected_are_candidates()
    """
    return _scoped(
        _selection_decisions(_own(ids, "record")),
        candidate=candidate_ids,
        person=person_ids,
        partner=partner_ids,
    )


@st.composite
def _draw_partner_selection(draw: st.DrawFn) -> PartnerSelectionSection:
    the_candidates = draw(_few(_candidates(_fresh("candidate")), max_size=3))
    with _pools(candidate=_ids_of(the_candidates)):
        return PartnerSelectionSection(
            candidates=the_candidates,
            evaluations=draw(_needs(("candidate",), _few(_evaluations(_RECORD)), [])),
            decision=draw(_maybe(_selection_decisions(_RECORD))),
            joint_objectives_draft=draw(_PLAIN_RECORD),
            negotiation_approach=draw(_PLAIN_RECORD),
        )


def partner_selection_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None, criterion_ids: Ids = None
) -> st.SearchStrategy[PartnerSelectionSection]:
    """[`PartnerSelectionSection`][collabrel.model.PartnerSelectionSection]s (stage 4).

    Evaluations and the decision refer only to the candidates drawn in the same section.

    Args:
        person_ids: Ids of the people who may approve records, score or decide; `None` for
            any id.
        partner_ids: Ids of the partners who may sign records or be candidates; `None` for
            any id.
        criterion_ids: Ids of the selection criteria (set in stage 3) that may be scored;
            `None` for any id.

    Returns:
        A strategy drawing `PartnerSelectionSection` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(partner_selection_sections())
        ... def test_evaluations_are_of_candidates(section):
        ...     names = {c.id for c in section.candidates}
        ...     assert {e.candidate_id for e in section.evaluations} <= names
        >>> test_evaluations_are_of_candidates()
    """
    return _scoped(
        _draw_partner_selection(),
        person=person_ids,
        partner=partner_ids,
        criterion=criterion_ids,
    )


# ---------------------------------------------------------------- stage 5

_COMMUNICATION_ITEMS: Final = st.builds(
    CommunicationItem,
    audience=texts(),
    purpose=texts(),
    channel=_maybe(texts()),
    frequency=_maybe(texts()),
    owner=_maybe_one(*_ITEM_OWNER),
)


def communication_items(*, owners: Ids = None) -> st.SearchStrategy[CommunicationItem]:
    """[`CommunicationItem`][collabrel.model.CommunicationItem]s of a communications plan.

    Args:
        owners: Ids of the people or governance bodies who may own the item; `None` for any
            id.

    Returns:
        A strategy drawing `CommunicationItem` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(communication_items(owners=["jmt"]))
        ... def test_owners_are_known(item):
        ...     assert item.owner in (None, "jmt")
        >>> test_owners_are_known()
    """
    return _scoped(_COMMUNICATION_ITEMS, **_parties(owners, _ITEM_OWNER))


@functools.cache
def _communications_plans(ids: st.SearchStrategy[str]) -> st.SearchStrategy[CommunicationsPlan]:
    return st.builds(CommunicationsPlan, **_record_fields(ids), items=_few(_COMMUNICATION_ITEMS))


def communications_plans(
    *,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    body_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[CommunicationsPlan]:
    """[`CommunicationsPlan`][collabrel.model.CommunicationsPlan] records.

    Args:
        person_ids: Ids of the people who may approve the plan or own items; `None` for any
            id.
        partner_ids: Ids of the partners who may sign it; `None` for any id.
        body_ids: Ids of the governance bodies that may own items; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `CommunicationsPlan` objects with up to two items.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(communications_plans(person_ids=["jo"], body_ids=["jmt"]))
        ... def test_items_have_known_owners(plan):
        ...     assert {i.owner for i in plan.items} <= {None, "jo", "jmt"}
        >>> test_items_have_known_owners()
    """
    return _scoped(
        _communications_plans(_own(ids, "record")),
        person=person_ids,
        partner=partner_ids,
        body=body_ids,
    )


_WORKING_TOGETHER_SECTIONS: Final = st.builds(
    WorkingTogetherSection,
    joint_rmp=_PLAIN_RECORD,
    governance_terms=_PLAIN_RECORD,
    contract=_PLAIN_RECORD,
    communications_plan=_sometimes(_communications_plans(_RECORD)),
    issue_resolution=_PLAIN_RECORD,
    knowledge_sharing=_PLAIN_RECORD,
    performance_framework=_PLAIN_RECORD,
)


def working_together_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None, body_ids: Ids = None
) -> st.SearchStrategy[WorkingTogetherSection]:
    """[`WorkingTogetherSection`][collabrel.model.WorkingTogetherSection]s (stage 5).

    Args:
        person_ids: Ids of the people who may approve records or own communications; `None`
            for any id.
        partner_ids: Ids of the partners who may sign records; `None` for any id.
        body_ids: Ids of the governance bodies that may own communications; `None` for any
            id.

    Returns:
        A strategy drawing `WorkingTogetherSection` objects whose records have different ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(working_together_sections())
        ... def test_contracts_are_records(section):
        ...     assert section.contract is None or isinstance(section.contract, Record)
        >>> test_contracts_are_records()
    """
    return _scoped(
        _WORKING_TOGETHER_SECTIONS, person=person_ids, partner=partner_ids, body=body_ids
    )


# ---------------------------------------------------------------- stage 6


@functools.cache
def _innovation_ideas(ids: st.SearchStrategy[str]) -> st.SearchStrategy[InnovationIdea]:
    return st.builds(
        InnovationIdea,
        id=ids,
        title=texts(),
        status=idea_statuses(),
        proposed_by=_maybe_one("partner"),
        proposed_on=_maybe(_DATES),
        expected_benefit=_maybe(texts()),
        realised_benefit=_maybe(_FLOATS),
        decided_on=_maybe(_DATES),
        decision_note=_maybe(texts()),
    )


def innovation_ideas(
    *, partner_ids: Ids = None, ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[InnovationIdea]:
    """[`InnovationIdea`][collabrel.model.InnovationIdea]s of the joint idea register.

    Args:
        partner_ids: Ids of the partners who may have proposed the idea; `None` for any id.
        ids: Strategy for the idea's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `InnovationIdea` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(innovation_ideas(partner_ids=["acme"]))
        ... def test_proposers_are_known(idea):
        ...     assert idea.proposed_by in (None, "acme")
        >>> test_proposers_are_known()
    """
    return _scoped(_innovation_ideas(_own(ids, "idea")), partner=partner_ids)


_VALUE_CREATION_SECTIONS: Final = st.builds(
    ValueCreationSection,
    innovation_process=_PLAIN_RECORD,
    ideas=_few(_innovation_ideas(_fresh("idea")), max_size=3),
)


def value_creation_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[ValueCreationSection]:
    """[`ValueCreationSection`][collabrel.model.ValueCreationSection]s (stage 6).

    Args:
        person_ids: Ids of the people who may approve records; `None` for any id.
        partner_ids: Ids of the partners who may sign records or propose ideas; `None` for
            any id.

    Returns:
        A strategy drawing `ValueCreationSection` objects whose ideas have different ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(value_creation_sections())
        ... def test_idea_ids_differ(section):
        ...     ids = [i.id for i in section.ideas]
        ...     assert len(ids) == len(set(ids))
        >>> test_idea_ids_differ()
    """
    return _scoped(_VALUE_CREATION_SECTIONS, person=person_ids, partner=partner_ids)


# ---------------------------------------------------------------- stage 7


@functools.cache
def _reviews(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Review]:
    return st.builds(
        Review,
        **_record_fields(ids),
        held_on=_DATES,
        kind=review_kinds(),
        attendees=_some("person", max_size=3),
        outcomes=_STRINGS,
        actions=_few(_actions(_fresh("action"))),
    )


def reviews(
    *,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Review]:
    """Joint [`Review`][collabrel.model.Review] records with attendees and actions.

    Args:
        person_ids: Ids of the people who may approve, attend or own actions; `None` for any
            id.
        partner_ids: Ids of the partners who may sign the record; `None` for any id.
        ids: Strategy for the record's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `Review` objects whose actions have different ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(reviews(person_ids=["jo", "ann"]))
        ... def test_attendees_are_people(review):
        ...     assert set(review.attendees) <= {"jo", "ann"}
        >>> test_attendees_are_people()
    """
    return _scoped(_reviews(_own(ids, "record")), person=person_ids, partner=partner_ids)


@functools.cache
def _issue_entries(ids: st.SearchStrategy[str]) -> st.SearchStrategy[IssueEntry]:
    return st.builds(
        IssueEntry,
        id=ids,
        description=texts(),
        raised_on=_DATES,
        raised_by=_maybe_one("partner"),
        severity=st.integers(min_value=1, max_value=5),
        status=issue_statuses(),
        escalated_to=_maybe_one("body"),
        resolved_on=_maybe(_DATES),
        resolution=_maybe(texts()),
    )


def issue_entries(
    *,
    partner_ids: Ids = None,
    body_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[IssueEntry]:
    """[`IssueEntry`][collabrel.model.IssueEntry] lines of the issue and dispute log.

    Args:
        partner_ids: Ids of the partners who may raise the issue; `None` for any id.
        body_ids: Ids of the governance bodies it may be escalated to; `None` for any id.
        ids: Strategy for the issue's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `IssueEntry` objects with a severity of 1-5.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(issue_entries(body_ids=["jeb"]))
        ... def test_escalation_is_to_a_body(issue):
        ...     assert issue.escalated_to in (None, "jeb")
        >>> test_escalation_is_to_a_body()
    """
    return _scoped(_issue_entries(_own(ids, "issue")), partner=partner_ids, body=body_ids)


@functools.cache
def _stage_levels(scale_max: int) -> st.SearchStrategy[StageLevel]:
    return st.builds(
        StageLevel, stage=stages(), level=st.integers(min_value=0, max_value=scale_max)
    )


def stage_levels(*, scale_max: int = 10) -> st.SearchStrategy[StageLevel]:
    """[`StageLevel`][collabrel.model.StageLevel]s: a stage and a level from 0 to `scale_max`.

    Args:
        scale_max: The highest level drawn (at most 10, the model's limit).

    Returns:
        A strategy drawing `StageLevel` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(stage_levels(scale_max=3))
        ... def test_levels_are_in_range(level):
        ...     assert 0 <= level.level <= 3
        >>> test_levels_are_in_range()
    """
    return _stage_levels(scale_max)


_STAGES: Final = tuple(Stage)


@st.composite
def _draw_maturity_assessment(draw: st.DrawFn) -> MaturityAssessment:
    scale_max = draw(st.integers(min_value=1, max_value=10))
    levels = [
        StageLevel(stage=stage, level=draw(_index(scale_max + 1)))
        for stage in _pick_some(draw, _STAGES, max_size=3)
    ]
    return MaturityAssessment(
        assessed_on=draw(_DATES),
        scale_max=scale_max,
        assessed_by=draw(_maybe_one("person")),
        levels=levels,
    )


_MATURITY_ASSESSMENTS: Final = _draw_maturity_assessment()


def maturity_assessments(*, person_ids: Ids = None) -> st.SearchStrategy[MaturityAssessment]:
    """[`MaturityAssessment`][collabrel.model.MaturityAssessment]s: one level per stage.

    Args:
        person_ids: Ids of the people who may have assessed; `None` for any id.

    Returns:
        A strategy drawing `MaturityAssessment` objects with levels within their scale.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(maturity_assessments())
        ... def test_levels_fit_the_scale(assessment):
        ...     assert all(s.level <= assessment.scale_max for s in assessment.levels)
        >>> test_levels_fit_the_scale()
    """
    return _scoped(_MATURITY_ASSESSMENTS, person=person_ids)


_SURVEY_SCORES: Final = st.floats(min_value=0, max_value=1, allow_nan=False)
_HEALTH_DIMENSIONS: Final = st.sampled_from(
    ("trust", "communication", "charter_behaviours", "joint_objectives")
)


@st.composite
def _draw_health_survey(draw: st.DrawFn, ids: st.SearchStrategy[str]) -> HealthSurvey:
    scale_min = draw(st.sampled_from((0.0, 1.0)))
    scale_max = scale_min + draw(st.sampled_from((4.0, 9.0, 100.0)))
    count = 0 if _is_empty(_current().pool(("person",))) else draw(_index(_SMALL + 2))
    responses = []
    for _ in range(count):
        fraction = draw(_maybe(_SURVEY_SCORES))
        responses.append(
            HealthResponse(
                respondent=draw(_one("person")),
                dimension=draw(_HEALTH_DIMENSIONS | _IDENTIFIERS),
                score=None if fraction is None else scale_min + fraction * (scale_max - scale_min),
                comment=draw(_maybe(texts())),
            )
        )
    return HealthSurvey(
        id=draw(ids),
        held_on=draw(_DATES),
        title=draw(_maybe(texts())),
        scale_min=scale_min,
        scale_max=scale_max,
        review_id=draw(_maybe_one("record")),
        responses=responses,
    )


_HEALTH_RESPONSES: Final = st.builds(
    HealthResponse,
    respondent=_one("person"),
    dimension=_IDENTIFIERS,
    score=_maybe(_FLOATS),
    comment=_maybe(texts()),
)


def health_responses(*, person_ids: Ids = None) -> st.SearchStrategy[HealthResponse]:
    """[`HealthResponse`][collabrel.model.HealthResponse]s: one person's rating of a dimension.

    Args:
        person_ids: Ids of the people who may respond (not empty); `None` for any id.

    Returns:
        A strategy drawing `HealthResponse` objects, some unanswered (`score` is `None`).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(health_responses(person_ids=["jo"]))
        ... def test_respondents_are_people(response):
        ...     assert response.respondent == "jo"
        >>> test_respondents_are_people()
    """
    return _scoped(_HEALTH_RESPONSES, person=person_ids)


def health_surveys(
    *,
    person_ids: Ids = None,
    record_ids: Ids = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[HealthSurvey]:
    """[`HealthSurvey`][collabrel.model.HealthSurvey]s with responses within their scale.

    Args:
        person_ids: Ids of the people who may respond; `None` for any id (an empty sequence
            draws surveys without responses).
        record_ids: Ids of the review records a survey may belong to; `None` for any id.
        ids: Strategy for the survey's own id; [`identifiers()`][..identifiers] by default.

    Returns:
        A strategy drawing `HealthSurvey` objects on scales such as 1-5, 0-9 or 0-100.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(health_surveys())
        ... def test_scores_fit_the_scale(survey):
        ...     for r in survey.responses:
        ...         assert r.score is None or survey.scale_min <= r.score <= survey.scale_max
        >>> test_scores_fit_the_scale()
    """
    return _scoped(_draw_health_survey(_own(ids, "survey")), person=person_ids, record=record_ids)


@st.composite
def _draw_staying_together_section(draw: st.DrawFn) -> StayingTogetherSection:
    reviews = draw(_few(_reviews(_RECORD)))
    with _pools(record=_ids_of(reviews)):
        surveys = draw(_few(_draw_health_survey(_fresh("survey"))))
    return StayingTogetherSection(
        reviews=reviews,
        issue_log=draw(_few(_issue_entries(_fresh("issue")))),
        corrective_actions=draw(_few(_actions(_fresh("action")))),
        maturity_assessments=draw(_few(_MATURITY_ASSESSMENTS)),
        health_surveys=surveys,
    )


_STAYING_TOGETHER_SECTIONS: Final = _draw_staying_together_section()


def staying_together_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None, body_ids: Ids = None
) -> st.SearchStrategy[StayingTogetherSection]:
    """[`StayingTogetherSection`][collabrel.model.StayingTogetherSection]s (stage 7).

    Args:
        person_ids: Ids of the people who may approve, attend, own actions or assess; `None`
            for any id.
        partner_ids: Ids of the partners who may sign records or raise issues; `None` for
            any id.
        body_ids: Ids of the governance bodies issues may be escalated to; `None` for any id.

    Returns:
        A strategy drawing `StayingTogetherSection` objects; actions across reviews and
        corrective actions have different ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(staying_together_sections())
        ... def test_action_ids_differ(section):
        ...     ids = [a.id for r in section.reviews for a in r.actions]
        ...     ids += [a.id for a in section.corrective_actions]
        ...     assert len(ids) == len(set(ids))
        >>> test_action_ids_differ()
    """
    return _scoped(
        _STAYING_TOGETHER_SECTIONS, person=person_ids, partner=partner_ids, body=body_ids
    )


# ---------------------------------------------------------------- stage 8

_LESSONS: Final = st.builds(Lesson, on=_DATES, text=texts(), stage=_maybe(stages()))


def lessons() -> st.SearchStrategy[Lesson]:
    """[`Lesson`][collabrel.model.Lesson]s learnt, perhaps about one stage.

    Returns:
        A strategy drawing `Lesson` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(lessons())
        ... def test_lessons_say_something(lesson):
        ...     assert lesson.text.strip()
        >>> test_lessons_say_something()
    """
    return _LESSONS


_EXIT_STRATEGY_SECTIONS: Final = st.builds(
    ExitStrategySection,
    transition_plan=_PLAIN_RECORD,
    lessons_learnt=_few(_LESSONS),
    future_opportunities=_PLAIN_RECORD,
)


def exit_strategy_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[ExitStrategySection]:
    """[`ExitStrategySection`][collabrel.model.ExitStrategySection]s (stage 8).

    Args:
        person_ids: Ids of the people who may approve records; `None` for any id.
        partner_ids: Ids of the partners who may sign records; `None` for any id.

    Returns:
        A strategy drawing `ExitStrategySection` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(exit_strategy_sections())
        ... def test_lessons_are_few(section):
        ...     assert len(section.lessons_learnt) <= 2
        >>> test_lessons_are_few()
    """
    return _scoped(_EXIT_STRATEGY_SECTIONS, person=person_ids, partner=partner_ids)


# ---------------------------------------------------------------- all stages


@st.composite
def _draw_stage_sections(draw: st.DrawFn) -> StageSections:
    internal = draw(_INTERNAL_ASSESSMENT_SECTIONS)
    chosen = internal.selection_criteria
    with _pools(criterion=() if chosen is None else _ids_of(chosen.criteria)):
        selection = draw(_draw_partner_selection())
    return StageSections(
        awareness=draw(_AWARENESS_SECTIONS),
        knowledge=draw(_KNOWLEDGE_SECTIONS),
        internal_assessment=internal,
        partner_selection=selection,
        working_together=draw(_WORKING_TOGETHER_SECTIONS),
        value_creation=draw(_VALUE_CREATION_SECTIONS),
        staying_together=draw(_STAYING_TOGETHER_SECTIONS),
        exit_strategy=draw(_EXIT_STRATEGY_SECTIONS),
    )


_STAGE_SECTIONS: Final = _draw_stage_sections()


def stage_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None, body_ids: Ids = None
) -> st.SearchStrategy[StageSections]:
    """[`StageSections`][collabrel.model.StageSections]: one section for each of the stages.

    Records, actions, criteria, candidates, ideas and issues have ids unique per kind across
    all sections, and evaluations score the section's candidates against the stage-3
    criteria.

    Args:
        person_ids: Ids of the people records may refer to; `None` for any id.
        partner_ids: Ids of the partners records may refer to; `None` for any id.
        body_ids: Ids of the governance bodies records may refer to; `None` for any id.

    Returns:
        A strategy drawing `StageSections` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, deadline=None)
        ... @given(stage_sections())
        ... def test_record_ids_differ(sections):
        ...     ids = [r.id for s in Stage for _, r in sections.records(s)]
        ...     assert len(ids) == len(set(ids))
        >>> test_record_ids_differ()
    """
    return _scoped(_STAGE_SECTIONS, person=person_ids, partner=partner_ids, body=body_ids)


# ---------------------------------------------------------------- history and findings

_OVERRIDES: Final = st.builds(Override, by=_one("person"), reason=texts())


def overrides(*, person_ids: Ids = None) -> st.SearchStrategy[Override]:
    """[`Override`][collabrel.model.Override]s of a refused transition: who, and why.

    Args:
        person_ids: Ids of the people who may override; `None` for any id.

    Returns:
        A strategy drawing `Override` objects; it draws nothing when `person_ids` is empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(overrides(person_ids=["ser"]))
        ... def test_overrides_are_by_people(override):
        ...     assert override.by == "ser"
        >>> test_overrides_are_by_people()
    """
    if _is_empty(person_ids):
        return st.nothing()
    return _scoped(_OVERRIDES, person=person_ids)


def _event_at(draw: st.DrawFn, at: datetime) -> Event:
    return Event(
        kind=draw(event_kinds()),
        at=at,
        actor=draw(_one("person")),
        stage=draw(_maybe(stages())),
        substage=draw(_maybe(identifiers())),
        note=draw(_maybe(texts())),
        override=draw(_maybe(_OVERRIDES)),
    )


@st.composite
def _draw_event(draw: st.DrawFn, at: st.SearchStrategy[datetime]) -> Event:
    return _event_at(draw, draw(at))


def events(
    *, person_ids: Ids = None, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[Event]:
    """Lifecycle [`Event`][collabrel.model.Event]s: what happened to a stage, when, by whom.

    Args:
        person_ids: Ids of the people who may act or override; `None` for any id.
        at: Strategy for the event's instant; [`aware_datetimes()`][..aware_datetimes] by
            default.

    Returns:
        A strategy drawing `Event` objects; it draws nothing when `person_ids` is empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(events(person_ids=["jo"]))
        ... def test_actors_are_people(event):
        ...     assert event.actor == "jo" and event.at.utcoffset() is not None
        >>> test_actors_are_people()
    """
    if _is_empty(person_ids):
        return st.nothing()
    return _scoped(_draw_event(_DATETIMES if at is None else at), person=person_ids)


@st.composite
def _draw_history(draw: st.DrawFn) -> list[Event]:
    instants = sorted(draw(_few(_DATETIMES, max_size=3)))
    return [_event_at(draw, at) for at in instants]


_HISTORY: Final = _needs(("person",), _draw_history(), [])

_CHECKS: Final = st.builds(
    Check,
    description=texts(),
    passed=_maybe(st.booleans()),
    observed=_maybe(texts(allow_empty=True)),
    path=_maybe(texts()),
)


def checks() -> st.SearchStrategy[Check]:
    """[`Check`][collabrel.model.Check]s: one check behind a finding, and what it saw.

    Returns:
        A strategy drawing `Check` objects; `observed` may be empty text.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(checks())
        ... def test_checks_are_described(check):
        ...     assert check.description.strip()
        >>> test_checks_are_described()
    """
    return _CHECKS


_FINDINGS: Final = st.builds(
    Finding,
    requirement=st.from_regex(REQUIREMENT_PATTERN, fullmatch=True),
    result=st.sampled_from(Result),
    message=texts(),
    explanation=_few(_CHECKS),
    paths=_STRINGS,
    subjects=_STRINGS,
    remediation=_maybe(texts()),
)


def findings() -> st.SearchStrategy[Finding]:
    """[`Finding`][collabrel.model.Finding]s with requirement ids such as `CBR.S5.RACI`.

    Returns:
        A strategy drawing `Finding` objects with up to two checks, paths and subjects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(findings())
        ... def test_requirements_are_dotted(finding):
        ...     assert "." in finding.requirement
        >>> test_requirements_are_dotted()
    """
    return _FINDINGS


# ---------------------------------------------------------------- the plan

_APPROVALS: Final = st.builds(
    Approval,
    person_id=_one("person"),
    role=texts(),
    on=_DATES,
    partner_id=_maybe_one("partner"),
)


def approvals(*, person_ids: Ids = None, partner_ids: Ids = None) -> st.SearchStrategy[Approval]:
    """Signed [`Approval`][collabrel.model.Approval]s of a plan.

    Args:
        person_ids: Ids of the people who may approve; `None` for any id.
        partner_ids: Ids of the partners they may approve for; `None` for any id.

    Returns:
        A strategy drawing `Approval` objects; it draws nothing when `person_ids` is empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(approvals(person_ids=["jo"], partner_ids=["acme"]))
        ... def test_approvers_are_known(approval):
        ...     assert approval.person_id == "jo" and approval.partner_id in (None, "acme")
        >>> test_approvers_are_known()
    """
    if _is_empty(person_ids):
        return st.nothing()
    return _scoped(_APPROVALS, person=person_ids, partner=partner_ids)


@functools.cache
def _document_metas(kinds: st.SearchStrategy[PlanKind]) -> st.SearchStrategy[DocumentMeta]:
    return st.builds(
        DocumentMeta,
        title=texts(),
        issued_on=_DATES,
        author=texts(),
        schema_version=st.just(SCHEMA_VERSION),
        kind=kinds,
        revision=st.integers(min_value=1, max_value=INT_MAX),
        status=record_statuses(),
        owner=_maybe_one("person"),
        next_review_on=_maybe(_DATES),
        approvals=_needs(("person",), _few(_APPROVALS), []),
    )


def document_metas(
    *, person_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[DocumentMeta]:
    """[`DocumentMeta`][collabrel.model.DocumentMeta]: a plan's title, revision, approvals.

    Args:
        person_ids: Ids of the people who may own or approve the plan; `None` for any id.
        partner_ids: Ids of the partners approvals may be for; `None` for any id.

    Returns:
        A strategy drawing `DocumentMeta` objects at the current schema version.

    Examples:
        >>> from hypothesis import given, settings
        >>> from collabrel.model import SCHEMA_VERSION
        >>> @settings(max_examples=5)
        ... @given(document_metas())
        ... def test_metadata_is_current(meta):
        ...     assert meta.schema_version == SCHEMA_VERSION and meta.revision >= 1
        >>> test_metadata_is_current()
    """
    return _scoped(_document_metas(plan_kinds()), person=person_ids, partner=partner_ids)


_SCOPES: Final = st.builds(Scope, level=scope_levels(), description=_maybe(texts()))


def scopes() -> st.SearchStrategy[Scope]:
    """[`Scope`][collabrel.model.Scope]s: what a plan covers.

    Returns:
        A strategy drawing `Scope` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(scopes())
        ... def test_scopes_have_a_level(scope):
        ...     assert isinstance(scope.level, ScopeLevel)
        >>> test_scopes_have_a_level()
    """
    return _SCOPES


@st.composite
def _draw_plan(draw: st.DrawFn) -> RelationshipManagementPlan:
    kind = draw(plan_kinds())
    # a template need not describe a relationship; without one there is nobody to refer to.
    # The plan checks every reference of the document, the relationship's included.
    relationship_strategy = _draw_relationship(in_plan=True)
    with deferred_reference_checks():
        relationship = draw(
            relationship_strategy
            if kind is PlanKind.RELATIONSHIP
            else _maybe(relationship_strategy)
        )
    if relationship is None:
        _current().pools.update(person=(), partner=(), body=())
    stages = draw(_STAGE_SECTIONS)
    if relationship is not None and relationship.governance.bodies:
        relationship = _with_terms_of_reference(draw, relationship, stages)
    return RelationshipManagementPlan(
        meta=draw(_document_metas(st.just(kind))),
        relationship=relationship,
        scope=draw(_SCOPES),
        stages=stages,
        history=draw(_HISTORY),
    )


def _with_terms_of_reference(
    draw: st.DrawFn, relationship: Relationship, stages: StageSections
) -> Relationship:
    """`relationship` with bodies whose terms of reference are records of the plan."""
    record_ids = tuple(record.id for stage in Stage for _, record in stages.records(stage))
    if relationship.exit_plan is not None:
        record_ids += (relationship.exit_plan.id,)
    governance = relationship.governance
    with _pools(record=record_ids):
        bodies = [
            attrs.evolve(body, terms_of_reference=draw(_maybe_one("record")))
            for body in governance.bodies
        ]
    with deferred_reference_checks():
        return attrs.evolve(relationship, governance=attrs.evolve(governance, bodies=bodies))


def relationship_management_plans() -> st.SearchStrategy[RelationshipManagementPlan]:
    """Whole [`RelationshipManagementPlan`][collabrel.model.RelationshipManagementPlan]s.

    A relationship plan carries a relationship drawn as by
    [`relationships()`][..relationships]; a template may or may not. Every stage section
    refers only to the people, partners and bodies of that relationship, governance bodies
    take any record of the plan as their terms of reference, ids are unique per
    kind across the whole document (the exit plan and the stage records share one
    namespace), and the history is in time order with actors who are people. Also available
    as [`rmps()`][..rmps].

    Returns:
        A strategy drawing `RelationshipManagementPlan` objects.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, deadline=None)
        ... @given(relationship_management_plans())
        ... def test_history_is_in_time_order(rmp):
        ...     instants = [e.at for e in rmp.history]
        ...     assert instants == sorted(instants)
        >>> test_history_is_in_time_order()
    """
    return _scoped(_draw_plan())


rmps = relationship_management_plans


# ---------------------------------------------------------------- by type


def for_type(cls: type[_T]) -> st.SearchStrategy[_T]:
    """The default strategy for a public model type, e.g. `partners()` for `Partner`.

    This is what `st.from_type(cls)` uses once hypothesis has loaded collabrel's plugin.
    Objects drawn on their own refer to arbitrary ids, except `relationships()` and
    `relationship_management_plans()`, which are whole documents.

    Args:
        cls: A class or enum listed in `collabrel.model.__all__`.

    Returns:
        The strategy for `cls`, called without arguments.

    Raises:
        KeyError: If `cls` is not a public model type.

    Examples:
        >>> from collabrel.model import Partner
        >>> for_type(Partner) is not None
        True
        >>> for_type(int)
        Traceback (most recent call last):
        ...
        KeyError: "no collabrel strategy for <class 'int'>"
    """
    name = STRATEGY_NAMES.get(cls.__name__) if cls.__module__.startswith(_MODEL) else None
    if name is None:
        msg = f"no collabrel strategy for {cls!r}"
        raise KeyError(msg)
    strategy: st.SearchStrategy[_T] = globals()[name]()
    return strategy
