"""The registers of a plan: the one table the workbook, the CSV files and the README sheet share.

A register is a list of the plan's plain data (`collabrel.to_data`) laid out as a sheet: one
row per item, one column per field. Each row of `REGISTERS` names the sheet, the list's
document path, the item's class and its columns with a description; what a column holds (text,
an id, a number, a day, one of an enum's values, a list) is read off the model's field, so the
table never restates a type. Lists inside an item that do not fit a cell (a KPI's
measurements, a value proposition's benefits, a benefit's interim targets) are registers of
their own, keyed by the parent's id.

Three registers have their own shape: `PLAN_FIELDS` (the plan's single fields, one per row),
`RECORDS` (the stage records' auditable core: status, approver, dates, signatories) and
`RACI` (activities down, parties across, codes in the cells).

A test holds the table to the model: every field of every register's class is a column, a
child register or (for the records) left to the rest of the document, so a round trip is
lossless by construction.
"""

from __future__ import annotations

import typing
from datetime import date
from enum import Enum
from typing import Any, Final

import attrs
from attrs import frozen

from collabrel.model import (
    KPI,
    Action,
    Candidate,
    Contact,
    Criterion,
    DocumentMeta,
    Evaluation,
    ExitPlan,
    ExpectedBenefit,
    HealthResponse,
    HealthSurvey,
    InterimTarget,
    IssueEntry,
    Measurement,
    Objective,
    Partner,
    Person,
    RealisedValue,
    Record,
    Relationship,
    Representation,
    Risk,
    Scope,
    Score,
    StageSections,
    ValueProposition,
)
from collabrel.model import _validators as v

__all__ = [
    "PLAN_FIELDS",
    "RACI",
    "RECORDS",
    "REGISTERS",
    "Column",
    "Kind",
    "PlanField",
    "RaciLayout",
    "RecordsLayout",
    "Register",
    "header_key",
]


class Kind(Enum):
    """What a column holds, read off the model's field."""

    TEXT = "text"
    ID = "id"
    INTEGER = "whole number"
    NUMBER = "number"
    BOOLEAN = "TRUE or FALSE"
    DATE = "date"
    CHOICE = "one of a list"
    IDS = "ids, separated by commas"
    CHOICES = "values from a list, separated by commas"
    TEXTS = "text items, one per line"

    @property
    def is_list(self) -> bool:
        """Whether a cell of this kind holds several values."""
        return self in (Kind.IDS, Kind.CHOICES, Kind.TEXTS)


_WORDS: Final = {"id": "ID", "ids": "IDs", "kpi": "KPI", "raci": "RACI"}


def _header(key: str) -> str:
    """The header of a column for `key`: `raised_on` becomes `Raised on`, `kpi_id` `KPI ID`."""
    words = [_WORDS.get(w, w) for w in key.split("_")]
    first = words[0]
    return " ".join([first[:1].upper() + first[1:], *words[1:]])


def header_key(text: str) -> str:
    """How a header is matched: case, spaces and underscores do not matter.

    Examples:
        >>> header_key("  Raised_ON ") == header_key("raised on")
        True
    """
    return " ".join(text.replace("_", " ").split()).casefold()


@frozen
class Column:
    """One column of a register: the key within the item's plain data and what it holds."""

    key: str
    description: str
    kind: Kind
    required: bool
    choices: tuple[str, ...] = ()
    default: object = None
    header: str = ""

    @property
    def title(self) -> str:
        """The header written in the sheet."""
        return self.header or _header(self.key)


def _is_identifier(validator: object) -> bool:
    if isinstance(validator, v.Identifier):
        return True
    if isinstance(validator, v.Optional):
        return _is_identifier(validator.inner)
    if isinstance(validator, v.Items):
        return _is_identifier(validator.element_check)
    inner = getattr(validator, "_validators", ())  # attrs' and_() of a validator list
    return any(_is_identifier(x) for x in inner)


def _kind(hint: Any, validator: object) -> tuple[Kind, tuple[str, ...]]:
    """The kind of a field typed `hint` (and, for an enum, its values)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is tuple:
        element = args[0]
        if isinstance(element, type) and issubclass(element, Enum):
            return Kind.CHOICES, tuple(str(m.value) for m in element)
        return (Kind.IDS if _is_identifier(validator) else Kind.TEXTS), ()
    if args and typing.get_origin(hint) is not None:  # X | None
        hint = args[0]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return Kind.CHOICE, tuple(str(m.value) for m in hint)
    simple = {bool: Kind.BOOLEAN, int: Kind.INTEGER, float: Kind.NUMBER, date: Kind.DATE}
    if hint in simple:
        return simple[hint], ()
    if hint is str:
        return (Kind.ID if _is_identifier(validator) else Kind.TEXT), ()
    msg = f"no column kind for {hint!r}"  # pragma: no cover - the table test catches it
    raise TypeError(msg)  # pragma: no cover


def column(cls: type[Any], key: str, description: str, header: str = "") -> Column:
    """The column for field `key` of `cls`, its kind read off the model."""
    field = attrs.fields_dict(cls)[key]
    kind, choices = _kind(typing.get_type_hints(cls)[key], field.validator)
    default = field.default
    required = default is attrs.NOTHING
    plain: object = None
    if not required and not isinstance(default, attrs.Factory) and default not in (None, ()):  # type: ignore[arg-type]
        plain = default.value if isinstance(default, Enum) else default
    return Column(key, description, kind, required, choices, plain, header)


@frozen
class Register:
    """A list of the plan laid out as a sheet: one row per item.

    Attributes:
        sheet: The sheet's name (the CSV file's name is derived from it).
        path: The document path of the list (dotted keys), or for a child register the
            list field within each parent item.
        cls: The class of the items.
        columns: The columns, in order.
        parent: The sheet of the parent register for a child register (its rows name the
            parent by id in the first column), else empty.
        about: What the register is, for the README sheet.
    """

    sheet: str
    path: str
    cls: type[Any]
    columns: tuple[Column, ...]
    about: str
    parent: str = ""
    parent_column: Column | None = None

    @property
    def all_columns(self) -> tuple[Column, ...]:
        """The columns as written: the parent's id first for a child register."""
        return (self.parent_column, *self.columns) if self.parent_column else self.columns

    @property
    def file_name(self) -> str:
        """The CSV file's name, e.g. `value-propositions.csv`."""
        return self.sheet.lower().replace(" ", "-") + ".csv"


def _register(  # noqa: PLR0917 - one row of the table, read as one
    sheet: str,
    path: str,
    cls: type[Any],
    about: str,
    columns: tuple[tuple[str, str], ...],
    parent: tuple[str, str, str] | None = None,
) -> Register:
    cols = tuple(column(cls, key, words) for key, words in columns)
    if parent is None:
        return Register(sheet, path, cls, cols, about)
    parent_sheet, key, words = parent
    link = Column(key, words, Kind.ID, required=True)
    return Register(sheet, path, cls, cols, about, parent_sheet, link)


_RECORD_CORE: Final = (
    ("status", "draft, approved or superseded"),
    ("approved_by", "the id of the person who approved it"),
    ("approved_on", "the day it was approved"),
    ("review_every_months", "how often it must be reviewed, in months (1 to 120)"),
    ("last_reviewed_on", "the day of its last review"),
    ("signatories", "the ids of the partners who signed it"),
    ("evidence", "links or references to the underlying documents, one per line"),
    ("notes", "free text"),
)

REGISTERS: Final[tuple[Register, ...]] = (
    _register(
        "Parties",
        "relationship.partners",
        Partner,
        "The organisations in the relationship (at least two).",
        (
            ("id", "the partner's id, unique among partners"),
            ("name", "the organisation's name"),
            ("role", "its role in the relationship"),
            ("description", "what the organisation brings"),
            ("subcontractor_of", "the id of the partner it works for as a subcontractor"),
            ("joined_on", "the first day it was a party (blank: from the start)"),
            ("left_on", "the last day it was a party (blank: it still is one)"),
            ("left_because", "why it left, when it has left"),
        ),
    ),
    _register(
        "Contacts",
        "contacts",
        Contact,
        "Named contact points of each partner.",
        (
            ("name", "the contact point's name"),
            ("email", "its email address"),
            ("phone", "its phone number"),
            ("position", "the position it holds"),
        ),
        ("Parties", "partner", "the id of the partner (from Parties)"),
    ),
    _register(
        "People",
        "relationship.people",
        Person,
        "The people involved, each belonging to one partner.",
        (
            ("id", "the person's id, unique among people"),
            ("name", "the person's name"),
            ("partner_id", "the id of the partner the person belongs to"),
            ("position", "the person's position"),
            ("roles", "the collaboration roles the person holds"),
            ("email", "the person's email address"),
        ),
    ),
    _register(
        "Representations",
        "acts_for",
        Representation,
        "The other partners a person acts for, each for a period: seconded, agent, representative.",
        (
            ("partner_id", "the id of the partner the person acts for (from Parties)"),
            ("kind", "how: secondment, agent or representative"),
            ("from_on", "the first day the person acts for it (blank: from the start)"),
            ("until_on", "the last day the person acts for it (blank: still does)"),
            ("note", "free text"),
        ),
        ("People", "person", "the id of the person (from People)"),
    ),
    _register(
        "Objectives",
        "relationship.objectives",
        Objective,
        "Objectives: one partner's own, or joint (no partner).",
        (
            ("id", "the objective's id"),
            ("statement", "the objective in words"),
            ("partner_id", "the partner whose objective it is; blank for a joint one"),
            ("owner", "the id of the person who owns it"),
            ("target_date", "when it should be met"),
            ("kpi_ids", "the ids of the KPIs that measure it"),
        ),
    ),
    _register(
        "Value propositions",
        "relationship.value_propositions",
        ValueProposition,
        "The value the parties expect to create together.",
        (
            ("id", "the value proposition's id"),
            ("statement", "the value in words"),
            ("beneficiaries", "the ids of the partners who benefit"),
            ("status", "how far it has come"),
            ("owner", "the id of the person who owns it"),
        ),
    ),
    _register(
        "Benefits",
        "benefits",
        ExpectedBenefit,
        "The benefits each value proposition promises.",
        (
            ("id", "the benefit's id"),
            ("description", "the benefit in words"),
            ("measure", "what is measured, e.g. saving"),
            ("unit", "the unit of the target, e.g. GBP"),
            ("target", "the target value"),
            ("baseline", "the value before the relationship"),
            ("due_on", "when the target is due"),
            ("kpi_id", "the id of the KPI that tracks it"),
            ("baseline_on", "the day the realisation plan starts from the baseline"),
        ),
        ("Value propositions", "value_proposition", "the id of the value proposition"),
    ),
    _register(
        "Interim targets",
        "interim_targets",
        InterimTarget,
        "The value each benefit's realisation plan expects realised by days before it is due.",
        (
            ("on", "the day"),
            ("amount", "the value expected realised in all by that day"),
            ("note", "free text"),
        ),
        ("Benefits", "benefit", "the id of the benefit (from Benefits)"),
    ),
    _register(
        "Realised values",
        "realised",
        RealisedValue,
        "Value actually realised against a value proposition's benefits.",
        (
            ("benefit_id", "the id of the benefit (from Benefits)"),
            ("amount", "the amount realised"),
            ("on", "the day it was recorded"),
            ("partner_id", "the partner that realised it"),
            ("evidence", "where the evidence is"),
            ("note", "free text"),
        ),
        ("Value propositions", "value_proposition", "the id of the value proposition"),
    ),
    _register(
        "Risks",
        "relationship.risks",
        Risk,
        "The joint risk register, scored 1-5 for likelihood and impact.",
        (
            ("id", "the risk's id"),
            ("title", "the risk in a few words"),
            ("owner", "the id of the person who owns the risk"),
            ("likelihood", "how likely it is, 1 (rare) to 5 (almost certain)"),
            ("impact", "how bad it would be, 1 (minor) to 5 (severe)"),
            ("description", "the risk in full"),
            ("category", "a category of your own, e.g. commercial"),
            ("mitigation", "what is done about it"),
            ("status", "where it stands"),
            ("joint", "whether the partners manage it jointly"),
            ("raised_on", "the day it was raised"),
            ("review_on", "the day it is next reviewed"),
        ),
    ),
    _register(
        "KPIs",
        "relationship.kpis",
        KPI,
        "Key performance indicators; their measurements are in Measurements.",
        (
            ("id", "the KPI's id"),
            ("name", "the KPI's name"),
            ("unit", "the unit, e.g. %"),
            ("target", "the target value"),
            ("direction", "whether higher (increase) or lower (decrease) is better"),
            ("description", "what it measures"),
            ("baseline", "the value before the relationship"),
            ("tolerance", "how far from target still counts as on track"),
            ("target_date", "when the target should be met"),
            ("owner", "the id of the person who owns it"),
            ("frequency", "how often it is measured"),
        ),
    ),
    _register(
        "Measurements",
        "measurements",
        Measurement,
        "The dated measurements of each KPI, oldest first.",
        (
            ("on", "the day of the measurement"),
            ("value", "the value measured"),
            ("note", "free text"),
        ),
        ("KPIs", "kpi", "the id of the KPI (from KPIs)"),
    ),
    _register(
        "Selection criteria",
        "stages.internal_assessment.selection_criteria.criteria",
        Criterion,
        "Partner-selection criteria (the record itself is stage record "
        "stages.internal_assessment.selection_criteria).",
        (
            ("id", "the criterion's id"),
            ("name", "the criterion's name"),
            ("category", "what kind of criterion it is"),
            ("weight", "its weight (0 or more)"),
            ("scale_min", "the lowest score"),
            ("scale_max", "the highest score"),
            ("direction", "whether higher (increase) or lower (decrease) is better"),
            ("gate", "whether a candidate must pass it to be considered"),
            ("gate_threshold", "the score a gate needs"),
            ("evidence_required", "what evidence a score needs"),
        ),
    ),
    _register(
        "Candidates",
        "stages.partner_selection.candidates",
        Candidate,
        "Organisations nominated as potential partners.",
        (
            ("id", "the candidate's id"),
            ("name", "the organisation's name"),
            ("partner_id", "the partner it became, if it did"),
            ("shortlisted", "whether it is on the shortlist"),
            ("nominated_on", "the day it was nominated"),
        ),
    ),
    _register(
        "Evaluations",
        "stages.partner_selection.evaluations",
        Evaluation,
        "The evaluation record of each candidate; its scores are in Scores.",
        (
            ("id", "the evaluation record's id"),
            ("title", "the record's title"),
            ("candidate_id", "the id of the candidate evaluated (from Candidates)"),
            ("due_diligence_done", "whether due diligence was done"),
            ("behavioural_assessment_done", "whether the behaviours were assessed"),
            *_RECORD_CORE,
        ),
    ),
    _register(
        "Scores",
        "scores",
        Score,
        "The scores of each evaluation against the selection criteria.",
        (
            ("criterion_id", "the id of the criterion (from Selection criteria)"),
            ("value", "the score, within the criterion's scale"),
            ("scored_by", "the id of the person who scored"),
            ("scored_on", "the day it was scored"),
            ("evidence", "the evidence behind it"),
            ("rationale", "why this score"),
        ),
        ("Evaluations", "evaluation", "the id of the evaluation (from Evaluations)"),
    ),
    _register(
        "Issues",
        "stages.staying_together.issue_log",
        IssueEntry,
        "The issue and dispute log.",
        (
            ("id", "the issue's id"),
            ("description", "the issue in words"),
            ("raised_on", "the day it was raised"),
            ("raised_by", "the id of the partner who raised it"),
            ("severity", "how severe, 1 to 5"),
            ("status", "where it stands"),
            ("escalated_to", "the id of the governance body it went to"),
            ("resolved_on", "the day it was resolved"),
            ("resolution", "how it was resolved"),
        ),
    ),
    _register(
        "Corrective actions",
        "stages.staying_together.corrective_actions",
        Action,
        "Corrective actions, each with an owner and a due date.",
        (
            ("id", "the action's id"),
            ("description", "the action in words"),
            ("owner", "the id of the person who owns it"),
            ("due_on", "when it is due"),
            ("status", "where it stands"),
            ("completed_on", "the day it was done"),
        ),
    ),
    _register(
        "Health surveys",
        "stages.staying_together.health_surveys",
        HealthSurvey,
        "Relationship health surveys; their answers are in Health responses.",
        (
            ("id", "the survey's id"),
            ("held_on", "the day it was held"),
            ("title", "its title"),
            ("scale_min", "the lowest score"),
            ("scale_max", "the highest score"),
            ("review_id", "the id of the review record it belongs to"),
        ),
    ),
    _register(
        "Health responses",
        "responses",
        HealthResponse,
        "Each person's rating of each health dimension in a survey.",
        (
            ("respondent", "the id of the person answering"),
            ("dimension", "the dimension rated, e.g. trust"),
            ("score", "the rating, within the survey's scale; blank if unanswered"),
            ("comment", "free text"),
        ),
        ("Health surveys", "survey", "the id of the survey (from Health surveys)"),
    ),
)
"""The list registers, parents before their children."""


@frozen
class PlanField:
    """One single field of the plan, a row of the Plan sheet."""

    path: str
    column: Column


def _plan_field(cls: type[Any], prefix: str, key: str, words: str) -> PlanField:
    return PlanField(f"{prefix}.{key}", column(cls, key, words))


PLAN_FIELDS: Final[tuple[PlanField, ...]] = (
    _plan_field(DocumentMeta, "meta", "title", "the plan's title"),
    _plan_field(DocumentMeta, "meta", "issued_on", "the day this revision was issued"),
    _plan_field(DocumentMeta, "meta", "author", "who wrote it"),
    _plan_field(DocumentMeta, "meta", "schema_version", "the document schema (leave it)"),
    _plan_field(DocumentMeta, "meta", "kind", "a relationship's plan or a corporate template"),
    _plan_field(DocumentMeta, "meta", "revision", "the revision number, from 1"),
    _plan_field(DocumentMeta, "meta", "status", "draft, approved or superseded"),
    _plan_field(DocumentMeta, "meta", "owner", "the id of the person who owns the plan"),
    _plan_field(DocumentMeta, "meta", "next_review_on", "when the plan is next reviewed"),
    _plan_field(Relationship, "relationship", "id", "the relationship's id"),
    _plan_field(Relationship, "relationship", "name", "the relationship's name"),
    _plan_field(Relationship, "relationship", "kind", "the form the relationship takes"),
    _plan_field(Relationship, "relationship", "description", "the relationship in words"),
    _plan_field(Scope, "scope", "level", "what the plan covers"),
    _plan_field(Scope, "scope", "description", "the scope in words"),
)
"""The rows of the Plan sheet: the plan's single fields."""


def _record_paths() -> tuple[str, ...]:
    """Every place in a plan that holds one record (not a list of them), in document order."""
    paths = []
    hints = typing.get_type_hints(StageSections)
    for section in attrs.fields(StageSections):
        section_cls = hints[section.name]
        section_hints = typing.get_type_hints(section_cls)
        for f in attrs.fields(section_cls):
            hint = section_hints[f.name]
            held = [a for a in typing.get_args(hint) if a is not type(None)]
            single = typing.get_origin(hint) is not tuple
            if single and held and isinstance(held[0], type) and issubclass(held[0], Record):
                paths.append(f"stages.{section.name}.{f.name}")
    assert typing.get_type_hints(Relationship)["exit_plan"] == ExitPlan | None  # noqa: S101
    return (*paths, "relationship.exit_plan")


@frozen
class RecordsLayout:
    """The Stage records sheet: each record's auditable core, the record named by its path.

    A record's own fields beyond the core (a business case's objectives, an exit plan's
    triggers) stay in the rest of the document.
    """

    sheet: str
    record: Column
    columns: tuple[Column, ...]
    paths: tuple[str, ...]
    about: str

    @property
    def all_columns(self) -> tuple[Column, ...]:
        """The columns as written, the record's path first."""
        return (self.record, *self.columns)

    @property
    def file_name(self) -> str:
        """The CSV file's name."""
        return self.sheet.lower().replace(" ", "-") + ".csv"


_PATHS: Final = _record_paths()

RECORDS: Final = RecordsLayout(
    "Stage records",
    Column(
        "record", "where the record lives in the plan", Kind.CHOICE, required=True, choices=_PATHS
    ),
    (
        column(Record, "id", "the record's id, unique among the plan's records"),
        column(Record, "title", "what the record is"),
        *(column(Record, key, words) for key, words in _RECORD_CORE),
    ),
    _PATHS,
    "The stage records' status, approver, dates and signatories, one row per record.",
)


@frozen
class RaciLayout:
    """The RACI sheet: activities down, parties across, the codes each party holds in the cells.

    Every header that is not one of the fixed columns is a party's id (a person, a
    governance body or a partner). `order` lists a row's parties when they are not in the
    columns' order (collabrel writes it only then, so the plan reads back as it was).
    """

    sheet: str
    path: str
    columns: tuple[Column, ...]
    about: str

    @property
    def all_columns(self) -> tuple[Column, ...]:
        """The fixed columns."""
        return self.columns

    @property
    def file_name(self) -> str:
        """The CSV file's name."""
        return self.sheet.lower() + ".csv"


RACI: Final = RaciLayout(
    "RACI",
    "relationship.governance.raci.activities",
    (
        Column("id", "the activity's id", Kind.ID, required=True, header="Activity ID"),
        Column("name", "the activity in words", Kind.TEXT, required=True, header="Activity name"),
        Column(
            "order",
            "the row's parties in order, when not the columns' order (else blank)",
            Kind.IDS,
            required=False,
            header="Party order",
        ),
    ),
    "Who is responsible, accountable, consulted and informed: one column per party (the "
    "header is its id), codes such as R, A or AR in the cells.",
)
