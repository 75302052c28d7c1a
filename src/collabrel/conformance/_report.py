"""The conformance report: outcomes per requirement, roll-ups, readiness and the diff."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, ClassVar, Final

from attrs import field, frozen

from collabrel._rows import records
from collabrel._text import plural, with_article
from collabrel.conformance._catalogue import Importance, catalogue
from collabrel.errors import CatalogueError, InvalidFieldError
from collabrel.model import EvidenceLink, Finding, Phase, PlanKind, Result, Stage
from collabrel.model import _display as d
from collabrel.model import _validators as v

__all__ = [
    "REPORT_SCHEMA_VERSION",
    "Certification",
    "Change",
    "ConformanceReport",
    "Outcome",
    "Remediation",
    "ReportDiff",
    "StageProgress",
    "StageReadiness",
    "Tally",
    "worst",
]

REPORT_SCHEMA_VERSION: Final = 2
"""The version of the conformance report's JSON form this release writes.

It reads every version from 1 on: version 2 added optional fields only (root-cause links,
`Check.rests_on`, the plan's kind, the accepted evidence of each outcome), so a version 1
report is a valid version 2 report.
"""

_SEVERITY: Final[dict[Result, int]] = {
    Result.MAJOR: 6,
    Result.MINOR: 5,
    Result.OBSERVATION: 4,
    Result.AGREED_NOT_EXERCISED: 3,
    Result.CONFORMS: 2,
    Result.NOT_ASSESSABLE: 1,
    Result.NOT_APPLICABLE: 0,
}
_GOODNESS: Final[dict[Result, int]] = {
    Result.CONFORMS: 6,
    Result.AGREED_NOT_EXERCISED: 5,
    Result.NOT_APPLICABLE: 5,
    Result.OBSERVATION: 4,
    Result.NOT_ASSESSABLE: 3,
    Result.MINOR: 2,
    Result.MAJOR: 1,
}


def worst(results: Iterable[Result]) -> Result:
    """The gravest of `results` (major > minor > observation > agreed > conforms > ...).

    Raises:
        InvalidFieldError: If an item is not a `Result`.

    Examples:
        >>> worst([Result.CONFORMS, Result.MINOR, Result.OBSERVATION]).value
        'minor'
        >>> worst([]).value
        'not_applicable'
    """
    gravest = Result.NOT_APPLICABLE
    rank = 0
    for i, r in enumerate(results):
        try:
            n = _SEVERITY[r]
        except (KeyError, TypeError):  # not a Result (TypeError: not even hashable)
            raise InvalidFieldError("worst", f"results[{i}]", r, "a Result") from None
        if n > rank:
            gravest, rank = r, n
    return gravest


@frozen(kw_only=True)
class Outcome:
    """How one requirement came out: the gravest result of its findings, and where it sits.

    `caused_by` names the root requirements when the requirement's nonconformity is a
    consequence of them: every nonconforming finding on it is (`Finding.caused_by`). Its
    `result` is its own grade all the same. `evidence` holds the plan's accepted evidence
    links for the requirement (`RelationshipManagementPlan.evidence_for`), shown under it in
    reports; they never change its result.
    """

    requirement: str = field(validator=v.text())
    title: str = field(validator=v.text())
    clause: str = field(validator=v.text())
    stage: Stage | None = v.optional_member(Stage)
    importance: Importance = field(default=Importance.MEDIUM, validator=v.member_of(Importance))
    result: Result = field(validator=v.member_of(Result))
    rules: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    caused_by: tuple[str, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(str, unique=True)
    )
    evidence: tuple[EvidenceLink, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(EvidenceLink)
    )

    @property
    def evidence_offered(self) -> bool:
        """Whether a reviewer accepted evidence for a requirement records cannot show.

        The result stays `not_assessable`: the evidence is for the auditor to judge.
        """
        return self.result is Result.NOT_ASSESSABLE and bool(self.evidence)

    @property
    def is_consequence(self) -> bool:
        """Whether the requirement's nonconformity is a consequence of a root cause elsewhere."""
        return bool(self.caused_by)

    @property
    def phase(self) -> Phase | None:
        """The phase of the requirement's stage, if it has one."""
        return self.stage.phase if self.stage is not None else None


@frozen(kw_only=True)
class Tally:
    """How many requirements came out with each result.

    Each result's count is of every requirement with that result, consequences included: a
    consequence keeps its grade. `consequences` says how many of the nonconformities are
    consequences of a root cause reported elsewhere (`Outcome.caused_by`), `root_causes` how
    many are not; it is not a result, so `total` and `as_dict()` leave it out.

    Examples:
        >>> t = Tally.of([Result.CONFORMS, Result.MAJOR, Result.MINOR], consequences=1)
        >>> t.conforms, t.major, t.total, t.nonconformities, t.root_causes
        (1, 1, 3, 2, 1)
    """

    conforms: int = 0
    minor: int = 0
    major: int = 0
    observation: int = 0
    agreed_not_exercised: int = 0
    not_applicable: int = 0
    not_assessable: int = 0
    consequences: int = 0

    @classmethod
    def of(cls, results: Iterable[Result], *, consequences: int = 0) -> Tally:
        """Count `results`, `consequences` of whose nonconformities are consequences."""
        counts = Counter(r.value for r in results)
        return cls(**counts, consequences=consequences)

    @classmethod
    def of_outcomes(cls, outcomes: Iterable[Outcome]) -> Tally:
        """Count the results of `outcomes`, and which nonconformities are consequences."""
        results: list[Result] = []
        consequences = 0
        for o in outcomes:
            results.append(o.result)
            consequences += bool(o.caused_by) and o.result.is_nonconformity
        return cls.of(results, consequences=consequences)

    @property
    def total(self) -> int:
        """All requirements counted."""
        return (
            self.conforms
            + self.minor
            + self.major
            + self.observation
            + self.agreed_not_exercised
            + self.not_applicable
            + self.not_assessable
        )

    @property
    def nonconformities(self) -> int:
        """Minor plus major nonconformities, consequences included."""
        return self.minor + self.major

    @property
    def root_causes(self) -> int:
        """The nonconformities that are root causes: not consequences of another."""
        return self.nonconformities - self.consequences

    @property
    def readiness(self) -> float | None:
        """The share of judged requirements that conform or are agreed and not yet exercised.

        Observations count as conforming (they are not nonconformities). Not applicable and not
        assessable requirements are left out; `None` when nothing was judged.
        """
        judged = self.conforms + self.observation + self.agreed_not_exercised + self.minor
        judged += self.major
        if judged == 0:
            return None
        return (self.conforms + self.observation + self.agreed_not_exercised) / judged

    def as_dict(self) -> dict[str, int]:
        """The counts by result value."""
        return {r.value: getattr(self, r.value) for r in Result}

    def _repr_html_(self) -> str:
        counts = self.as_dict()
        return d.table(
            [*counts, "total", "root causes", "consequences", "readiness"],
            [
                [
                    *map(d.format_number, counts.values()),
                    d.format_number(self.total),
                    d.format_number(self.root_causes),
                    d.format_number(self.consequences),
                    d.format_percent(self.readiness),
                ]
            ],
            caption="Requirements by result",
            right=range(len(counts) + 4),
        )


@frozen(kw_only=True)
class StageProgress:
    """Where the lifecycle stood on a stage when the plan was assessed."""

    stage: Stage = field(validator=v.member_of(Stage))
    status: str | None = v.optional_text()
    reached: bool = field(default=False, validator=v.boolean())


@frozen(kw_only=True)
class StageReadiness:
    """The "where are we now?" answer for one stage.

    Attributes:
        stage: The stage.
        status: Its lifecycle status (`None` without a usable history).
        reached: Whether the relationship has reached it.
        tally: Its requirements' results.
        gaps: The ids of its requirements with a nonconformity.
        readiness: The share of judged requirements conforming or agreed (0 to 1).
        agreed: Whether the stage's controls are agreed: no major nonconformity, and for a
            stage not reached yet no nonconformity at all (a minor one in a stage being
            exercised needs corrective action, not a new agreement).
    """

    stage: Stage
    status: str | None
    reached: bool
    tally: Tally
    gaps: tuple[str, ...]

    @property
    def readiness(self) -> float | None:
        """See the class."""
        return self.tally.readiness

    @property
    def agreed(self) -> bool:
        """See the class."""
        if self.tally.major:
            return False
        return self.reached or self.tally.nonconformities == 0


@frozen(kw_only=True)
class Certification:
    """Whether the plan is ready for certification, and if not, why not.

    Ready means: a relationship plan (not a template), no major nonconformity anywhere, and
    every stage agreed (see `StageReadiness.agreed`).
    Minor nonconformities do not stop it: they need corrective action plans.

    The verdict counts root causes: `major_causes` are the root causes behind the major
    nonconformities (a major root cause itself, and the roots of a major consequence: a
    consequence keeps its grade, and makes its root a major cause whatever the root's own
    grade). When some majors are consequences, the reason says how many root causes they
    come from.

    Attributes:
        ready: Whether the plan is ready.
        majors: Every requirement with a major nonconformity, consequences included.
        major_causes: The root causes behind `majors`, once each, in catalogue order.
        stages_not_agreed: The stages not agreed.
        reasons: Why it is not ready, in words.
    """

    ready: bool
    majors: tuple[str, ...] = ()
    stages_not_agreed: tuple[Stage, ...] = ()
    reasons: tuple[str, ...] = ()
    major_causes: tuple[str, ...] = field(default=(), repr=False)  # mostly `majors` again

    def _repr_html_(self) -> str:
        verdict = "Ready for certification" if self.ready else "Not ready for certification"
        majors, causes = _listed(self.majors), _listed(self.major_causes)
        differ = self.major_causes and self.major_causes != self.majors
        return d.block(
            d.heading(verdict),
            d.paragraph("; ".join(self.reasons)),
            d.paragraph(f"Major nonconformities: {majors}" if majors else ""),
            d.paragraph(f"Their root causes: {causes}" if differ else ""),
        )


_LISTED: Final = 10
"""How many requirement ids a notebook view lists before it says how many more there are."""


def _listed(ids: tuple[str, ...]) -> str:
    """`ids` joined, the first `_LISTED` of them, then how many more there are."""
    more = len(ids) - _LISTED
    return ", ".join(ids[:_LISTED]) + (f" and {more} more" if more > 0 else "")


_SHOWN: Final = 25
"""The most root causes a report's notebook view lists; the rest are counted."""
_MESSAGE: Final = 160
"""The longest message a report's notebook view shows before cutting it short."""


@frozen(kw_only=True)
class Remediation:
    """One corrective action of a report, listed once however many nonconformities it answers.

    Attributes:
        action: What to do, in the findings' words.
        requirements: The nonconforming requirements whose findings ask for it, in order.
        result: The gravest of their results.
        caused_by: For the action of a consequence, the root causes to correct first (their
            own actions come earlier in `ConformanceReport.remediations()`); `()` for a root
            cause's action.
    """

    action: str = field(validator=v.text())
    requirements: tuple[str, ...] = field(converter=v.to_tuple, validator=v.items(str))
    result: Result = field(validator=v.member_of(Result))
    caused_by: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))


@frozen(kw_only=True, repr=False)
class ConformanceReport:
    """The result of assessing a plan against a catalogue.

    Its `repr` is a one-line summary; in a notebook it shows the readiness of each stage.

    Attributes:
        standard: The catalogue's name, e.g. `"iso44001:2017"`.
        catalogue_version: The catalogue's version.
        as_of: The date the plan was judged against.
        subject: The relationship's id (`None` for a template or an enterprise plan).
        subject_name: The relationship's name.
        outcomes: One per requirement of the catalogue, in catalogue order.
        findings: Every finding, requirement by requirement.
        stages: The lifecycle progress per stage on `as_of`.
        drafted_from: For a report drafted through a crosswalk, the catalogue assessed.
        plan_kind: The kind of plan assessed (`meta.kind`): a relationship's, a template or
            an enterprise plan.
        schema_version: The version of the report's JSON form.

    Its JSON form is the converter's, like a plan's: `collabrel.dumps(report)` writes it
    (always with `schema_version`), `collabrel.loads(text, cls=ConformanceReport)` reads it
    back and `collabrel.to_data(report)` gives its plain data; `to_records()` is its table.

    Examples:
        >>> from datetime import date
        >>> import collabrel as cr
        >>> report = cr.assess(cr.examples.load("flawed"), "iso44001:2017",
        ...                    as_of=date(2026, 10, 31))
        >>> report.outcome("CBR.S5.JOINT_RMP").result.value
        'major'
        >>> report.certification.ready
        False
        >>> sum(report.tally.as_dict().values()) == len(report.outcomes)
        True
        >>> report  # doctest: +ELLIPSIS
        <ConformanceReport 'Greywater Harbour maintenance partnership' against iso44001:2017 \
as of 2026-10-31: ... requirements (... major, ... minor); ... findings; not ready \
for certification>
    """

    record_columns: ClassVar[tuple[str, ...]] = (
        "requirement",
        "title",
        "clause",
        "stage",
        "phase",
        "importance",
        "result",
        "message",
        "paths",
        "remediation",
        "caused_by",
    )
    """The keys of `to_records()` rows, in order (a table without rows still has them)."""

    standard: str = field(validator=v.text())
    catalogue_version: int = field(validator=v.integer(low=1))
    as_of: date = field(validator=v.calendar_date())
    subject: str | None = v.optional_text()
    subject_name: str | None = v.optional_text()
    outcomes: tuple[Outcome, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Outcome)
    )
    findings: tuple[Finding, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Finding)
    )
    stages: tuple[StageProgress, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(StageProgress)
    )
    drafted_from: str | None = v.optional_text()
    schema_version: int = field(default=REPORT_SCHEMA_VERSION)
    plan_kind: PlanKind = field(default=PlanKind.RELATIONSHIP, validator=v.member_of(PlanKind))

    @schema_version.validator
    def _check_schema(self, attribute: Any, value: object) -> None:
        if isinstance(value, int) and not isinstance(value, bool) and value > REPORT_SCHEMA_VERSION:
            raise InvalidFieldError(
                "ConformanceReport",
                attribute.name,
                value,
                f"at most {REPORT_SCHEMA_VERSION}: this report is newer than this collabrel "
                "understands; upgrade collabrel to read it",
            )
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InvalidFieldError(
                "ConformanceReport", attribute.name, value, f"1 to {REPORT_SCHEMA_VERSION}"
            )

    # ------------------------------------------------------------------ lookups

    def outcome(self, requirement: str) -> Outcome:
        """The outcome of `requirement`.

        Raises:
            KeyError: If the report has no such requirement.
        """
        for o in self.outcomes:
            if o.requirement == requirement:
                return o
        msg = f"the report has no requirement {requirement!r}"
        raise KeyError(msg)

    def findings_for(self, requirement: str) -> tuple[Finding, ...]:
        """The findings on `requirement`."""
        return tuple(f for f in self.findings if f.requirement == requirement)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def nonconformities(self) -> tuple[Finding, ...]:
        """The findings that are minor or major nonconformities."""
        return tuple(f for f in self.findings if f.result.is_nonconformity)

    @property
    def not_assessable(self) -> tuple[Outcome, ...]:
        """The requirements only interviews or observation can judge (never counted as passed)."""
        return tuple(o for o in self.outcomes if o.result is Result.NOT_ASSESSABLE)

    # ------------------------------------------------------------------ roll-ups

    @property
    def tally(self) -> Tally:
        """Counts of outcomes by result, over the whole catalogue."""
        return Tally.of_outcomes(self.outcomes)

    def by_clause(self) -> dict[str, Tally]:
        """Counts of outcomes per top-level clause, in catalogue order."""
        return self._group(lambda o: o.clause.split(".", 1)[0])

    def clause_titles(self) -> dict[str, str]:
        """The titles of the standard's clauses by id, looked up in the built-in catalogue.

        A report does not carry them: this is empty for a report of your own catalogue, or of
        a built-in catalogue at another version.

        Examples:
            >>> from datetime import date
            >>> from collabrel import examples
            >>> from collabrel.conformance import assess
            >>> report = assess(examples.load("alliance"), "bs11000-1:2010",
            ...                 as_of=date(2026, 1, 1))
            >>> report.clause_titles()["7"]
            'Working together'
        """
        try:
            cat = catalogue(self.standard)
        except CatalogueError:
            return {}
        if cat.version != self.catalogue_version:
            return {}
        return {c.id: c.title for c in cat.clauses}

    def by_stage(self) -> dict[Stage, Tally]:
        """Counts of outcomes per stage (management-system requirements left out)."""
        groups: dict[Stage, list[Outcome]] = {s: [] for s in Stage}
        for o in self.outcomes:
            if o.stage is not None:
                groups[o.stage].append(o)
        return {s: Tally.of_outcomes(os) for s, os in groups.items() if os}

    def by_phase(self) -> dict[Phase, Tally]:
        """Counts of outcomes per phase (management-system requirements left out)."""
        groups: dict[Phase, list[Outcome]] = {p: [] for p in Phase}
        for o in self.outcomes:
            if o.stage is not None:
                groups[o.stage.phase].append(o)
        return {p: Tally.of_outcomes(os) for p, os in groups.items() if os}

    def _group(self, key: Any) -> dict[str, Tally]:
        groups: dict[str, list[Outcome]] = {}
        for o in self.outcomes:
            groups.setdefault(key(o), []).append(o)
        return {k: Tally.of_outcomes(os) for k, os in groups.items()}

    def readiness(self) -> tuple[StageReadiness, ...]:
        """The readiness of every stage: the gap analysis, stage by stage."""
        progress = {p.stage: p for p in self.stages}
        tallies = self.by_stage()
        out = []
        for stage in Stage:
            p = progress.get(stage)
            gaps = tuple(
                o.requirement
                for o in self.outcomes
                if o.stage is stage and o.result.is_nonconformity
            )
            out.append(
                StageReadiness(
                    stage=stage,
                    status=p.status if p else None,
                    reached=p.reached if p else False,
                    tally=tallies.get(stage, Tally()),
                    gaps=gaps,
                )
            )
        return tuple(out)

    @property
    def certification(self) -> Certification:
        """Certification readiness: no major nonconformity and every stage agreed.

        Examples:
            >>> from datetime import date
            >>> import collabrel as cr
            >>> cert = cr.assess(cr.examples.load("flawed"), as_of=date(2026, 10, 31)).certification
            >>> cert.ready, cert.reasons[0]
            (False, '23 major nonconformities from 22 root causes')
            >>> "MS.5.3.ROLES" in cert.majors, "MS.5.3.ROLES" in cert.major_causes
            (True, False)
        """
        major = [o for o in self.outcomes if o.result is Result.MAJOR]
        majors = tuple(o.requirement for o in major)
        causes = {c for o in major for c in (o.caused_by or (o.requirement,))}
        major_causes = tuple(o.requirement for o in self.outcomes if o.requirement in causes)
        not_agreed = tuple(r.stage for r in self.readiness() if not r.agreed)
        reasons = []
        if self.subject is None:
            kind = with_article(self.plan_kind.value)
            reasons.append(f"{kind} plan: certification needs a relationship with partners")
        if self.drafted_from is not None:
            reasons.append(f"a draft from {self.drafted_from}: confirm it by a direct assessment")
        if majors:
            reason = plural(len(majors), "major nonconformity", "major nonconformities")
            if major_causes != majors:
                reason += f" from {plural(len(major_causes), 'root cause')}"
            reasons.append(reason)
        if not_agreed:
            reasons.append("stages not agreed: " + ", ".join(s.title for s in not_agreed))
        return Certification(
            ready=not reasons,
            majors=majors,
            stages_not_agreed=not_agreed,
            reasons=tuple(reasons),
            major_causes=major_causes,
        )

    # ------------------------------------------------------------------ root causes

    @property
    def root_causes(self) -> tuple[Finding, ...]:
        """The nonconformities that are root causes: not consequences of another finding."""
        return tuple(f for f in self.findings if f.result.is_nonconformity and not f.caused_by)

    @property
    def consequences(self) -> tuple[Finding, ...]:
        """The nonconformities that are consequences of a root cause (`Finding.caused_by`)."""
        return tuple(f for f in self.findings if f.result.is_nonconformity and f.caused_by)

    def consequences_of(self, requirement: str) -> tuple[Finding, ...]:
        """The nonconformities that are consequences of the root cause `requirement`.

        Examples:
            >>> from datetime import date
            >>> import collabrel as cr
            >>> report = cr.assess(cr.examples.load("flawed"), as_of=date(2026, 10, 31))
            >>> [f.requirement for f in report.consequences_of("CBR.S1.SER")]
            ['MS.5.3.ROLES', 'CBR.S1.RMP']
        """
        return tuple(f for f in self.consequences if requirement in f.caused_by)

    def remediations(self) -> tuple[Remediation, ...]:
        """The corrective actions, each listed once, root causes first and then what follows.

        For each root cause in catalogue order: its own remediation, then those of its
        consequences (a consequence is listed under its first root cause), each with the
        root causes to correct first. A remediation several nonconformities give in the same
        words (two requirements judged by one rule, a consequence repeating its root) is one
        action answering all of them.

        Examples:
            >>> from datetime import date
            >>> import collabrel as cr
            >>> report = cr.assess(cr.examples.load("flawed"), as_of=date(2026, 10, 31))
            >>> fix = next(r for r in report.remediations() if r.caused_by)
            >>> fix.requirements, fix.caused_by
            (('MS.5.3.ROLES',), ('CBR.S1.SER',))
            >>> len(report.remediations()) < len(report.nonconformities)
            True
        """
        order = {o.requirement: n for n, o in enumerate(self.outcomes)}
        unlisted = len(order)
        groups: dict[str, list[tuple[Finding, str]]] = {}
        for f in self.nonconformities:
            if f.remediation:
                root = f.caused_by[0] if f.caused_by else f.requirement
                groups.setdefault(root, []).append((f, f.remediation))
        actions: dict[str, tuple[list[str], list[Result], tuple[str, ...]]] = {}
        for root in sorted(groups, key=lambda r: order.get(r, unlisted)):
            for f, action in sorted(groups[root], key=lambda g: bool(g[0].caused_by)):
                requirements, results, _ = actions.setdefault(action, ([], [], f.caused_by))
                if f.requirement not in requirements:
                    requirements.append(f.requirement)
                results.append(f.result)
        return tuple(
            Remediation(
                action=action,
                requirements=requirements,
                result=worst(results),
                caused_by=caused_by,
            )
            for action, (requirements, results, caused_by) in actions.items()
        )

    # ------------------------------------------------------------------ comparison

    def diff(self, previous: ConformanceReport) -> ReportDiff:
        """What changed since `previous` (an earlier assessment of the same plan).

        Examples:
            >>> from datetime import date
            >>> import collabrel as cr
            >>> rmp = cr.examples.load("flawed")
            >>> before = cr.assess(rmp, "bs11000-1:2010", as_of=date(2019, 6, 1))
            >>> after = cr.assess(rmp, "bs11000-1:2010", as_of=date(2026, 10, 31))
            >>> change = after.diff(before).regressed[0]
            >>> change.requirement, change.before.value, change.after.value
            ('CBR.S3.PROFILE', 'agreed_not_exercised', 'major')
        """
        old = {o.requirement: o for o in previous.outcomes}
        new = {o.requirement: o for o in self.outcomes}
        changes = []
        for req, o in new.items():
            before = old.get(req)
            changes.append(
                Change(
                    requirement=req,
                    title=o.title,
                    before=before.result if before else None,
                    after=o.result,
                )
            )
        changes += [
            Change(requirement=req, title=o.title, before=o.result, after=None)
            for req, o in old.items()
            if req not in new
        ]
        return ReportDiff(previous_as_of=previous.as_of, as_of=self.as_of, changes=changes)

    # ------------------------------------------------------------------ output

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One flat row per finding (for a table or a DataFrame).

        Cells are plain data (enums by value) unless `typed`, which keeps enum members.
        `caused_by` holds a consequence's root causes (`"; "`-separated), else `None`.
        """
        by_req = {o.requirement: o for o in self.outcomes}
        rows: list[dict[str, object]] = []
        for f in self.findings:
            o = by_req.get(f.requirement)
            values = (
                f.requirement,
                o.title if o else None,
                o.clause if o else None,
                o.stage if o else None,
                o.stage.phase if o and o.stage else None,
                o.importance if o else None,
                f.result,
                f.message,
                "; ".join(f.paths),
                f.remediation,
                "; ".join(f.caused_by) or None,
            )
            rows.append(dict(zip(self.record_columns, values, strict=True)))
        return records(rows, typed=typed)

    def __repr__(self) -> str:
        tally = self.tally
        subject = d.clip(self.subject_name or self.subject or f"{self.plan_kind.value} plan")
        ready = "ready" if self.certification.ready else "not ready"
        return (
            f"<ConformanceReport {subject!r} against {self.standard} as of "
            f"{self.as_of.isoformat()}: {plural(len(self.outcomes), 'requirement')} "
            f"({tally.major} major, {tally.minor} minor); {plural(len(self.findings), 'finding')}; "
            f"{ready} for certification>"
        )

    _repr_pretty_ = d.pretty

    def _repr_html_(self) -> str:
        cert = self.certification
        tally = self.tally
        subject = self.subject_name or self.subject or f"{self.plan_kind.value} plan"
        head = d.heading(
            subject,
            self.standard,
            f"as of {self.as_of.isoformat()}",
            f"{'ready' if cert.ready else 'not ready'} for certification",
            f"{tally.major} major, {tally.minor} minor",
            f"{plural(tally.root_causes, 'root cause')}, "
            f"{plural(tally.consequences, 'consequence')}",
        )
        readiness = d.table(
            ["stage", "status", "readiness", "nonconformities", "gaps"],
            [
                [
                    f"{r.stage.number} {r.stage.title}",
                    r.status or "",
                    d.format_percent(r.readiness),
                    r.tally.nonconformities,
                    ", ".join(r.gaps),
                ]
                for r in self.readiness()
            ],
            caption="Readiness by stage",
            right=[2, 3],
        )
        roots = self.root_causes
        causes = d.table(
            ["result", "requirement", "message", "consequences"],
            [
                [
                    f.result.value,
                    f.requirement,
                    d.clip(f.message, _MESSAGE),
                    ", ".join(c.requirement for c in self.consequences_of(f.requirement)),
                ]
                for f in roots[:_SHOWN]
            ],
            caption="Root causes",
        )
        more = len(roots) - _SHOWN
        return d.block(
            head,
            d.paragraph("; ".join(cert.reasons) or "no major nonconformity"),
            readiness,
            causes if roots else "",
            d.paragraph(f"and {more} more root causes" if more > 0 else ""),
        )


@frozen(kw_only=True)
class Change:
    """How one requirement's outcome moved between two assessments."""

    requirement: str
    title: str
    before: Result | None
    after: Result | None

    @property
    def direction(self) -> str:
        """`"improved"`, `"regressed"`, `"unchanged"`, `"added"` or `"removed"`."""
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        delta = _GOODNESS[self.after] - _GOODNESS[self.before]
        return "improved" if delta > 0 else "regressed" if delta < 0 else "unchanged"


@frozen(kw_only=True, repr=False)
class ReportDiff:
    """What improved and what regressed between two assessments."""

    record_columns: ClassVar[tuple[str, ...]] = (
        "requirement",
        "title",
        "before",
        "after",
        "direction",
    )
    """The keys of `to_records()` rows, in order (a table without rows still has them)."""

    previous_as_of: date
    as_of: date
    changes: tuple[Change, ...] = field(converter=v.to_tuple)

    def _where(self, direction: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.direction == direction)

    @property
    def improved(self) -> tuple[Change, ...]:
        """Requirements whose outcome got better."""
        return self._where("improved")

    @property
    def regressed(self) -> tuple[Change, ...]:
        """Requirements whose outcome got worse."""
        return self._where("regressed")

    @property
    def moved(self) -> tuple[Change, ...]:
        """Every change that is not `unchanged`."""
        return tuple(c for c in self.changes if c.direction != "unchanged")

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One flat row per requirement that moved (`typed`: results as enum members)."""
        rows = [
            dict(
                zip(
                    self.record_columns,
                    (
                        c.requirement,
                        c.title,
                        c.before,
                        c.after,
                        c.direction,
                    ),
                    strict=True,
                )
            )
            for c in self.moved
        ]
        return records(rows, typed=typed)

    __repr__ = d.summary_repr
    _repr_pretty_ = d.pretty
