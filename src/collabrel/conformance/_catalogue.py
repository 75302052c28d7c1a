"""Requirement catalogues and the crosswalk between them: typed, validated package data.

A catalogue file is YAML (see `docs/reference/catalogue-format.md`); loading one checks every
id, clause and reference and reports every problem with its path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs
from attrs import field, frozen

from collabrel.errors import CatalogueError, Problem
from collabrel.model import Check, Finding, Phase, Result, Stage
from collabrel.model import _display as d
from collabrel.model._finding import REQUIREMENT_PATTERN
from collabrel.serialization._formats import Format, parse

__all__ = [
    "Catalogue",
    "Clause",
    "ClauseRef",
    "Crosswalk",
    "CrosswalkEntry",
    "Importance",
    "Relation",
    "Requirement",
    "RequirementLevel",
    "catalogue",
    "catalogues",
    "crosswalk",
    "load_catalogue",
    "load_crosswalk",
    "parse_catalogue",
    "parse_crosswalk",
]

FORMAT: Final = 1
"""The catalogue and crosswalk file format this release reads."""

_ID: Final = re.compile(REQUIREMENT_PATTERN)
_NAME: Final = re.compile(r"^[a-z0-9][a-z0-9:._-]*$")
_BUILTIN: Final[dict[str, str]] = {
    "bs11000-1:2010": "bs11000-1-2010.yaml",
    "iso44001:2017": "iso44001-2017.yaml",
}
_ALIASES: Final[dict[str, str]] = {
    "bs11000": "bs11000-1:2010",
    "bs11000-1": "bs11000-1:2010",
    "iso44001": "iso44001:2017",
}


class Importance(Enum):
    """How much a requirement weighs, as the catalogue's authors judge it.

    Reports show it and sort by it; the grade of a failure comes from the rule (its essential
    checks and its severity), not from the importance.
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class RequirementLevel(Enum):
    """Where a requirement is met: once for the organisation, per relationship, or by each plan.

    - `enterprise`: organisation-wide, set once for every relationship (the collaborative
      working policy, the relationship portfolio, the collaborative profile, competences,
      the management system itself). An enterprise plan (`PlanKind.ENTERPRISE`) is judged
      on it, and a relationship plan that inherits from one may rely on its records.
    - `relationship`: about one relationship (its business case, partners, joint plan,
      governance, exit); not applicable to an enterprise plan.
    - `plan`: about the plan document itself (its scope, its document control): every plan,
      an enterprise plan included, answers it for itself; it is never inherited.
    """

    ENTERPRISE = "enterprise"
    RELATIONSHIP = "relationship"
    PLAN = "plan"


class Relation(Enum):
    """How a requirement of one standard relates to one of another ("left RELATION right").

    Examples:
        >>> Relation.SUBSET.inverse
        <Relation.SUPERSET: 'superset'>
        >>> Relation.INTERSECT.inverse
        <Relation.INTERSECT: 'intersect'>
    """

    EQUAL = "equal"
    SUBSET = "subset"
    SUPERSET = "superset"
    INTERSECT = "intersect"

    @property
    def inverse(self) -> Relation:
        """The relation read the other way round."""
        if self is Relation.SUBSET:
            return Relation.SUPERSET
        if self is Relation.SUPERSET:
            return Relation.SUBSET
        return self


@frozen(kw_only=True)
class ClauseRef:
    """A reference to a clause of a standard, and whether we checked it against the text."""

    standard: str
    clause: str
    verified: bool = False

    def __str__(self) -> str:
        return f"{self.standard} {self.clause}" + ("" if self.verified else " (unverified)")


@frozen(kw_only=True)
class Clause:
    """A clause of the standard a catalogue paraphrases."""

    id: str
    title: str
    stage: Stage | None = None
    parent: str | None = None


@frozen(kw_only=True)
class Requirement:
    """One requirement: our own id and paraphrase, where it sits, and what evidences it.

    Attributes:
        id: Our stable id, e.g. `"CBR.S5.RACI"` or `"MS.9.3.MANAGEMENT_REVIEW"`.
        title: A short title.
        text: Our one-to-three-sentence paraphrase (never the standard's wording).
        clause: The clause of the catalogue's standard it belongs to.
        stage: The lifecycle stage, or `None` for a management-system requirement.
        records: Document paths of the records that evidence it.
        joint: Whether the partners must agree it together.
        assessable: Whether it can be judged from records at all.
        not_assessable_reason: Why not, when it cannot (culture, behaviour, interviews).
        importance: How much it weighs.
        references: Clauses of BS 11000-1 and ISO 44001 it corresponds to.
        level: Where it is met: once for the organisation (`enterprise`, inherited by
            relationship plans), per relationship, or by every plan itself (`plan`).
    """

    id: str
    title: str
    text: str
    clause: str
    stage: Stage | None = None
    records: tuple[str, ...] = ()
    joint: bool = False
    assessable: bool = True
    not_assessable_reason: str | None = None
    importance: Importance = Importance.MEDIUM
    references: tuple[ClauseRef, ...] = ()
    level: RequirementLevel = RequirementLevel.RELATIONSHIP

    @property
    def phase(self) -> Phase | None:
        """The phase of the requirement's stage, if it has one."""
        return self.stage.phase if self.stage is not None else None

    def finding(
        self,
        result: Result,
        message: str,
        *,
        explanation: Iterable[Check] = (),
        remediation: str | None = None,
    ) -> Finding:
        """A finding on this requirement, pointing at the records that evidence it.

        Examples:
            >>> from collabrel.conformance import catalogue
            >>> req = catalogue("iso44001:2017")["CBR.S5.RACI"]
            >>> f = req.finding(Result.MINOR, "RACI: not agreed")
            >>> f.requirement, f.result.value, f.paths == req.records
            ('CBR.S5.RACI', 'minor', True)
        """
        return Finding(
            requirement=self.id,
            result=result,
            message=message,
            explanation=tuple(explanation),
            paths=self.records,
            remediation=remediation,
        )


@frozen(kw_only=True, repr=False)
class Catalogue:
    """A versioned, validated catalogue of requirements: iterable and queryable.

    Its `repr` is one line, its clauses and requirements counted.

    Examples:
        >>> from collabrel.conformance import catalogue
        >>> from collabrel.model import Stage
        >>> iso = catalogue("iso44001:2017")
        >>> iso  # doctest: +ELLIPSIS
        <Catalogue name='iso44001:2017', title='ISO 44001:2017 ...', version=1, ...>
        >>> iso["CBR.S5.RACI"].clause
        '8.6'
        >>> [r.id for r in iso.by_stage(Stage.EXIT_STRATEGY)][:2]
        ['CBR.S8.EXIT_PLAN', 'CBR.S8.TRIGGERS']
        >>> len(iso.by_clause("9")) >= 3
        True
    """

    name: str
    title: str
    version: int
    standard: str
    edition: str | None = None
    notice: str | None = None
    clauses: tuple[Clause, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    source: str | None = field(default=None, eq=False)
    _index: Mapping[str, Requirement] = field(init=False, eq=False, repr=False)
    _clause_index: Mapping[str, Clause] = field(init=False, eq=False, repr=False)

    __repr__ = d.summary_repr
    _repr_pretty_ = d.pretty

    def __attrs_post_init__(self) -> None:
        # Catalogues read from files are checked in full by `parse_catalogue`; one built in
        # code is checked here for what the assessment relies on: well-formed, unique ids.
        problems = [
            Problem(
                f"requirements[{i}].id",
                f"must be an id such as 'CBR.S5.RACI' (got {getattr(r, 'id', r)!r})",
            )
            for i, r in enumerate(self.requirements)
            if not (isinstance(rid := getattr(r, "id", None), str) and _ID.match(rid))
        ]
        ids = [r.id for r in self.requirements]
        if len(set(ids)) != len(ids):
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            problems.append(Problem("requirements", f"ids repeat: {', '.join(repeated)}"))
        if problems:
            raise CatalogueError(problems, source=self.source)
        object.__setattr__(self, "_index", {r.id: r for r in self.requirements})
        object.__setattr__(self, "_clause_index", {c.id: c for c in self.clauses})

    def __iter__(self) -> Iterator[Requirement]:
        return iter(self.requirements)

    def __len__(self) -> int:
        return len(self.requirements)

    def __contains__(self, requirement_id: object) -> bool:
        return requirement_id in self._index

    def __getitem__(self, requirement_id: str) -> Requirement:
        try:
            return self._index[requirement_id]
        except KeyError:
            msg = f"catalogue {self.name!r} has no requirement {requirement_id!r}"
            raise KeyError(msg) from None

    @property
    def ids(self) -> tuple[str, ...]:
        """Every requirement id, in catalogue order."""
        return tuple(self._index)

    def get(self, requirement_id: str) -> Requirement | None:
        """The requirement with id `requirement_id`, or `None`."""
        return self._index.get(requirement_id)

    def clause(self, clause_id: str) -> Clause:
        """The clause `clause_id` of the standard.

        Raises:
            KeyError: If the catalogue has no such clause.
        """
        try:
            return self._clause_index[clause_id]
        except KeyError:
            msg = f"catalogue {self.name!r} has no clause {clause_id!r}"
            raise KeyError(msg) from None

    def by_stage(self, stage: Stage) -> tuple[Requirement, ...]:
        """The requirements of `stage`, in catalogue order."""
        return tuple(r for r in self.requirements if r.stage is stage)

    def by_phase(self, phase: Phase) -> tuple[Requirement, ...]:
        """The requirements of the stages in `phase`, in catalogue order."""
        return tuple(r for r in self.requirements if r.stage is not None and r.stage.phase is phase)

    def by_clause(self, clause_id: str) -> tuple[Requirement, ...]:
        """The requirements of clause `clause_id` and its sub-clauses (`"8"` includes `"8.6"`)."""
        prefix = clause_id + "."
        return tuple(
            r for r in self.requirements if r.clause == clause_id or r.clause.startswith(prefix)
        )

    def assessable(self) -> tuple[Requirement, ...]:
        """The requirements that can be judged from records."""
        return tuple(r for r in self.requirements if r.assessable)

    def not_assessable(self) -> tuple[Requirement, ...]:
        """The requirements that only interviews or observation can judge."""
        return tuple(r for r in self.requirements if not r.assessable)

    def subset(self, requirement_ids: Iterable[str]) -> Catalogue:
        """A catalogue with only the requirements `requirement_ids` (same name and version).

        Use it to assess part of a standard, e.g. one stage's requirements.

        Raises:
            KeyError: If an id is not in the catalogue.

        Examples:
            >>> from collabrel.conformance import catalogue
            >>> from collabrel.model import Stage
            >>> iso = catalogue("iso44001:2017")
            >>> part = iso.subset(r.id for r in iso.by_stage(Stage.AWARENESS))
            >>> len(part) == len(iso.by_stage(Stage.AWARENESS)), part.name
            (True, 'iso44001:2017')
        """
        wanted = list(dict.fromkeys(requirement_ids))
        for rid in wanted:
            self[rid]  # raises KeyError naming the id
        keep = set(wanted)
        return attrs.evolve(self, requirements=tuple(r for r in self.requirements if r.id in keep))

    def top_clause(self, requirement_id: str) -> str:
        """The top-level clause a requirement falls under (`"8"` for one in `"8.6"`)."""
        return self[requirement_id].clause.split(".", 1)[0]


@frozen(kw_only=True)
class CrosswalkEntry:
    """One mapping between requirements of two catalogues: `left RELATION right`."""

    left: str
    right: str
    relation: Relation
    rationale: str


@frozen(kw_only=True, repr=False)
class Crosswalk:
    """How the requirements of two catalogues map onto each other, in both directions.

    Its `repr` is one line, its entries counted.

    Examples:
        >>> from collabrel.conformance import crosswalk
        >>> cw = crosswalk()
        >>> cw  # doctest: +ELLIPSIS
        <Crosswalk left='bs11000-1:2010', right='iso44001:2017', version=1, entries: ...>
        >>> cw.left, cw.right
        ('bs11000-1:2010', 'iso44001:2017')
        >>> [(e.right, e.relation.value) for e in cw.mapped("CBR.S5.RACI")][:1]
        [('CBR.S5.RACI', 'equal')]
        >>> cw.inverse().mapped("CBR.S5.RACI")[0].right
        'CBR.S5.RACI'
    """

    left: str
    right: str
    version: int
    entries: tuple[CrosswalkEntry, ...] = ()

    __repr__ = d.summary_repr
    _repr_pretty_ = d.pretty

    def mapped(self, requirement_id: str) -> tuple[CrosswalkEntry, ...]:
        """The entries whose left side is `requirement_id`."""
        return tuple(e for e in self.entries if e.left == requirement_id)

    def inverse(self) -> Crosswalk:
        """The same crosswalk read from right to left (relations inverted)."""
        return Crosswalk(
            left=self.right,
            right=self.left,
            version=self.version,
            entries=tuple(
                CrosswalkEntry(
                    left=e.right, right=e.left, relation=e.relation.inverse, rationale=e.rationale
                )
                for e in self.entries
            ),
        )

    def towards(self, target: str) -> Crosswalk:
        """This crosswalk oriented so that its right side is the catalogue `target`.

        Raises:
            CatalogueError: If `target` is neither side.
        """
        if target == self.right:
            return self
        if target == self.left:
            return self.inverse()
        raise CatalogueError(
            [Problem("target", f"the crosswalk maps {self.left} and {self.right}, not {target}")]
        )


# ---------------------------------------------------------------- loading


def catalogues() -> tuple[str, ...]:
    """The names of the built-in catalogues.

    Examples:
        >>> catalogues()
        ('bs11000-1:2010', 'iso44001:2017')
    """
    return tuple(_BUILTIN)


def catalogue(name: str) -> Catalogue:
    """The built-in catalogue `name` (`"bs11000-1:2010"` or `"iso44001:2017"`), loaded once.

    Short names `"bs11000"` and `"iso44001"` work too.

    Raises:
        CatalogueError: If there is no such catalogue (the message lists the names).

    Examples:
        >>> bs = catalogue("bs11000-1:2010")
        >>> bs["CBR.S1.SER"].stage.value, bs.version >= 1
        ('awareness', True)
    """
    key = _ALIASES.get(name, name)
    if key not in _BUILTIN:
        known = ", ".join(_BUILTIN)
        raise CatalogueError([Problem("name", f"no catalogue {name!r}; built in: {known}")])
    return _builtin_catalogue(key)


@cache
def _builtin_catalogue(name: str) -> Catalogue:
    filename = _BUILTIN[name]
    return parse_catalogue(_read_yaml(_data(filename), filename), source=filename)


@cache
def crosswalk() -> Crosswalk:
    """The built-in crosswalk from BS 11000-1:2010 (left) to ISO 44001:2017 (right).

    Loading it checks every id against both catalogues.
    """
    filename = "crosswalk.yaml"
    cw = parse_crosswalk(_read_yaml(_data(filename), filename), source=filename)
    _check_crosswalk_ids(cw, catalogue(cw.left), catalogue(cw.right), "crosswalk.yaml")
    return cw


def load_catalogue(path: str | Path) -> Catalogue:
    """Load a catalogue file of your own (e.g. your licensed text or an internal policy).

    Raises:
        CatalogueError: With every problem and its path.
        OSError: If the file cannot be read.
    """
    p = Path(path)
    return parse_catalogue(_read_yaml(p.read_bytes(), str(p)), source=str(p))


def load_crosswalk(
    path: str | Path, *, left: Catalogue | None = None, right: Catalogue | None = None
) -> Crosswalk:
    """Load a crosswalk file; when the catalogues are given, check its ids against them.

    Raises:
        CatalogueError: With every problem and its path.
        OSError: If the file cannot be read.
    """
    p = Path(path)
    cw = parse_crosswalk(_read_yaml(p.read_bytes(), str(p)), source=str(p))
    if left is not None and right is not None:
        _check_crosswalk_ids(cw, left, right, str(p))
    return cw


def _data(filename: str) -> bytes:
    return resources.files("collabrel.conformance").joinpath("data", filename).read_bytes()


def _read_yaml(text: bytes, source: str) -> Any:
    """Catalogue YAML, parsed as documents are (safely, YAML 1.2 booleans); names a bad line."""
    return parse(text, "yaml", source, error=CatalogueError, problem=_yaml_problem)


def _yaml_problem(_format: Format, line: int | None, _column: int | None, detail: str) -> Problem:
    return Problem("" if line is None else f"line {line}", f"not valid YAML: {detail}")


class _Reader:
    """Reads plain data into typed values, collecting every problem with its path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def mapping(self, data: object, path: str) -> Mapping[str, Any]:
        if isinstance(data, Mapping):
            return data
        self.fail(path, f"must be a mapping (got {type(data).__name__})")
        return {}

    def items(self, data: Mapping[str, Any], key: str, path: str) -> list[Any]:
        value = data.get(key, [])
        if isinstance(value, list):
            return value
        self.fail(_join(path, key), f"must be a list (got {type(value).__name__})")
        return []

    def text(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> Any:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(_join(path, key), "is required")
                return ""
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # clause "10" written as 10
        if not isinstance(value, str) or not value.strip():
            self.fail(_join(path, key), "must be non-empty text")
            return ""
        return value.strip()

    def flag(self, data: Mapping[str, Any], key: str, path: str, *, default: bool) -> bool:
        value = data.get(key, default)
        if isinstance(value, bool):
            return value
        self.fail(_join(path, key), f"must be true or false (got {value!r})")
        return default

    def integer(self, data: Mapping[str, Any], key: str, path: str) -> int:
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        self.fail(_join(path, key), f"must be a whole number of at least 1 (got {value!r})")
        return 1

    def member(self, data: Mapping[str, Any], key: str, path: str, enum: Any, default: Any) -> Any:
        value = data.get(key)
        if value is None:
            return default
        try:
            return enum(value)
        except ValueError:
            options = ", ".join(m.value for m in enum)
            self.fail(_join(path, key), f"must be one of {options} (got {value!r})")
            return default

    def unknown_keys(self, data: Mapping[str, Any], allowed: frozenset[str], path: str) -> None:
        for key in data:
            if key not in allowed:
                self.fail(_join(path, str(key)), "is not a known field")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


_TOP_KEYS: Final = frozenset(
    {"format", "name", "title", "standard", "edition", "version", "notice", "clauses"}
    | {"requirements"}
)
_CLAUSE_KEYS: Final = frozenset({"id", "title", "stage", "parent"})
_REQ_KEYS: Final = frozenset(
    {"id", "title", "text", "clause", "stage", "records", "joint", "assessable"}
    | {"not_assessable_reason", "importance", "references", "level"}
)
_REF_KEYS: Final = frozenset({"standard", "clause", "verified"})


def parse_catalogue(data: object, *, source: str | None = None) -> Catalogue:
    """Build a catalogue from plain data (a parsed catalogue file), checking it throughout.

    Checks: the format, the name, every id's shape and uniqueness, every requirement's clause
    and stage, that a not-assessable requirement says why, and that references to this
    catalogue's own standard name clauses it has.

    Raises:
        CatalogueError: With every problem found and its path.

    Examples:
        >>> cat = parse_catalogue({"format": 1, "name": "acme:policy", "title": "Acme policy",
        ...     "standard": "Acme", "version": 2,
        ...     "clauses": [{"id": "1", "title": "Partners"}],
        ...     "requirements": [{"id": "ACME.P.VETTED", "title": "Partners vetted",
        ...         "text": "Every partner is vetted before award.", "clause": "1"}]})
        >>> cat["ACME.P.VETTED"].importance.value
        'medium'
        >>> parse_catalogue({"format": 1, "name": "x", "title": "X", "standard": "X",
        ...     "version": 1, "requirements": [{"id": "bad id", "title": "T", "text": "T",
        ...     "clause": "9"}]})
        Traceback (most recent call last):
        ...
        collabrel.errors.CatalogueError: 2 problems in the document:
          requirements[0].id: must be an id such as 'CBR.S5.RACI' (got 'bad id')
          requirements[0].clause: no clause '9' in the catalogue
    """
    r = _Reader()
    top = r.mapping(data, "")
    r.unknown_keys(top, _TOP_KEYS, "")
    if top.get("format", FORMAT) != FORMAT:
        r.fail("format", f"must be {FORMAT} (got {top.get('format')!r})")
    name = r.text(top, "name", "")
    if name and not _NAME.match(name):
        r.fail("name", f"must be lower-case letters, digits and ':._-' (got {name!r})")
    clauses = _read_clauses(r, top)
    clause_ids = {c.id for c in clauses}
    requirements: list[Requirement] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(r.items(top, "requirements", "")):
        req = _read_requirement(r, item, f"requirements[{i}]", clause_ids, name)
        if req is None:
            continue
        if req.id in seen:
            r.fail(f"requirements[{i}].id", f"repeats requirements[{seen[req.id]}] ({req.id!r})")
        seen.setdefault(req.id, i)
        requirements.append(req)
    if not requirements and not r.problems:
        r.fail("requirements", "must list at least one requirement")
    version = r.integer(top, "version", "")
    texts = {key: r.text(top, key, "") for key in ("title", "standard")}
    texts |= {key: r.text(top, key, "", required=False) for key in ("edition", "notice")}
    if r.problems:
        raise CatalogueError(r.problems, source=source)
    return Catalogue(
        name=name,
        version=version,
        **texts,
        clauses=tuple(clauses),
        requirements=tuple(requirements),
        source=source,
    )


def _read_clauses(r: _Reader, top: Mapping[str, Any]) -> list[Clause]:
    clauses: list[Clause] = []
    seen: set[str] = set()
    raw = r.items(top, "clauses", "")
    for i, item in enumerate(raw):
        path = f"clauses[{i}]"
        data = r.mapping(item, path)
        r.unknown_keys(data, _CLAUSE_KEYS, path)
        cid = r.text(data, "id", path)
        if cid in seen:
            r.fail(_join(path, "id"), f"repeats clause {cid!r}")
        seen.add(cid)
        clauses.append(
            Clause(
                id=cid,
                title=r.text(data, "title", path),
                stage=r.member(data, "stage", path, Stage, None),
                parent=r.text(data, "parent", path, required=False),
            )
        )
    for i, c in enumerate(clauses):
        if c.parent is not None and c.parent not in seen:
            r.fail(f"clauses[{i}].parent", f"no clause {c.parent!r} in the catalogue")
    return clauses


def _read_requirement(
    r: _Reader, item: object, path: str, clause_ids: set[str], own_name: str
) -> Requirement | None:
    if not isinstance(item, Mapping):
        r.mapping(item, path)  # reports it
        return None
    data: Mapping[str, Any] = item
    r.unknown_keys(data, _REQ_KEYS, path)
    rid = r.text(data, "id", path)
    if rid and not _ID.match(rid):
        r.fail(_join(path, "id"), f"must be an id such as 'CBR.S5.RACI' (got {rid!r})")
    clause = r.text(data, "clause", path)
    if clause and clause not in clause_ids:
        r.fail(_join(path, "clause"), f"no clause {clause!r} in the catalogue")
    assessable = r.flag(data, "assessable", path, default=True)
    reason = r.text(data, "not_assessable_reason", path, required=False)
    if not assessable and reason is None:
        r.fail(_join(path, "not_assessable_reason"), "is required when assessable is false")
    if assessable and reason is not None:
        r.fail(_join(path, "not_assessable_reason"), "is only for requirements not assessable")
    records = []
    for j, rec in enumerate(r.items(data, "records", path)):
        if isinstance(rec, str) and rec.strip():
            records.append(rec.strip())
        else:
            r.fail(f"{path}.records[{j}]", "must be a document path such as 'stages.knowledge'")
    refs = []
    for j, ref in enumerate(r.items(data, "references", path)):
        rpath = f"{path}.references[{j}]"
        rdata = r.mapping(ref, rpath)
        r.unknown_keys(rdata, _REF_KEYS, rpath)
        standard = r.text(rdata, "standard", rpath)
        ref_clause = r.text(rdata, "clause", rpath)
        if standard == own_name and ref_clause and ref_clause not in clause_ids:
            r.fail(_join(rpath, "clause"), f"no clause {ref_clause!r} in this catalogue")
        refs.append(
            ClauseRef(
                standard=standard,
                clause=ref_clause,
                verified=r.flag(rdata, "verified", rpath, default=False),
            )
        )
    return Requirement(
        id=rid,
        title=r.text(data, "title", path),
        text=r.text(data, "text", path),
        clause=clause,
        stage=r.member(data, "stage", path, Stage, None),
        records=tuple(records),
        joint=r.flag(data, "joint", path, default=False),
        assessable=assessable,
        not_assessable_reason=reason,
        importance=r.member(data, "importance", path, Importance, Importance.MEDIUM),
        references=tuple(refs),
        level=r.member(data, "level", path, RequirementLevel, RequirementLevel.RELATIONSHIP),
    )


_CW_KEYS: Final = frozenset({"format", "version", "left", "right", "entries"})
_ENTRY_KEYS: Final = frozenset({"left", "right", "relation", "rationale"})


def parse_crosswalk(data: object, *, source: str | None = None) -> Crosswalk:
    """Build a crosswalk from plain data, checking its shape and that no pair repeats.

    Raises:
        CatalogueError: With every problem found and its path.
    """
    r = _Reader()
    top = r.mapping(data, "")
    r.unknown_keys(top, _CW_KEYS, "")
    if top.get("format", FORMAT) != FORMAT:
        r.fail("format", f"must be {FORMAT} (got {top.get('format')!r})")
    entries = []
    seen: dict[tuple[str, str], int] = {}
    for i, item in enumerate(r.items(top, "entries", "")):
        path = f"entries[{i}]"
        d = r.mapping(item, path)
        r.unknown_keys(d, _ENTRY_KEYS, path)
        entry = CrosswalkEntry(
            left=r.text(d, "left", path),
            right=r.text(d, "right", path),
            relation=r.member(d, "relation", path, Relation, None),
            rationale=r.text(d, "rationale", path),
        )
        if d.get("relation") is None:
            r.fail(_join(path, "relation"), "is required")
        pair = (entry.left, entry.right)
        if pair in seen:
            r.fail(path, f"repeats entries[{seen[pair]}] ({entry.left} -> {entry.right})")
        seen.setdefault(pair, i)
        entries.append(entry)
    left = r.text(top, "left", "")
    right = r.text(top, "right", "")
    version = r.integer(top, "version", "")
    if r.problems:
        raise CatalogueError(r.problems, source=source)
    return Crosswalk(left=left, right=right, version=version, entries=tuple(entries))


def _check_crosswalk_ids(cw: Crosswalk, left: Catalogue, right: Catalogue, source: str) -> None:
    problems = []
    if (cw.left, cw.right) != (left.name, right.name):
        problems.append(
            Problem("", f"maps {cw.left} -> {cw.right}, not {left.name} -> {right.name}")
        )
    for i, e in enumerate(cw.entries):
        if e.left not in left:
            problems.append(
                Problem(f"entries[{i}].left", f"no requirement {e.left!r} in {left.name}")
            )
        if e.right not in right:
            problems.append(
                Problem(f"entries[{i}].right", f"no requirement {e.right!r} in {right.name}")
            )
    if problems:
        raise CatalogueError(problems, source=source)
