"""Rules: pure functions of the plan, registered against requirement ids, and their registry."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import Enum
from typing import Any, Final, TypeAlias, TypeVar, overload

import attrs
from attrs import field, frozen

from collabrel.conformance import _checks, _trusted
from collabrel.errors import CatalogueError, InvalidFieldError, Problem
from collabrel.lifecycle import InvalidEventError, LifecycleState, StageStatus, replay
from collabrel.model import (
    Check,
    Person,
    PersonRole,
    Record,
    RecordStatus,
    Relationship,
    RelationshipManagementPlan,
    Result,
    Stage,
)
from collabrel.model import _validators as v
from collabrel.model._finding import REQUIREMENT_PATTERN

__all__ = ["Context", "Judgement", "Mode", "Registry", "Rule", "RuleFunction", "Severity"]

_RULE_ID: Final = REQUIREMENT_PATTERN  # rule ids share the shape of requirement ids
_SOURCE: Final = "the rule registry"
_RECORD_PATH: Final = r"^[a-z_]+(\.[a-z_]+)+$"
_T = TypeVar("_T")


class Severity(Enum):
    """The gravest result a rule's failure may get (a `minor` rule never yields `major`)."""

    MAJOR = "major"
    MINOR = "minor"
    OBSERVATION = "observation"


class Mode(Enum):
    """Whether a rule's failures are nonconformities (`enforce`) or only observations."""

    ENFORCE = "enforce"
    ADVISE = "advise"


@frozen(kw_only=True)
class Judgement:
    """What a rule returns: a result, a message in business language, and the checks behind it.

    The assessment turns it into one `Finding` per requirement
    the rule is registered against, after capping the result by the rule's severity and mode.

    Examples:
        >>> from collabrel.model import Check, Result
        >>> j = Judgement(result=Result.MINOR, message="The policy is overdue for review",
        ...     checks=[Check(description="reviewed within 12 months", passed=False,
        ...                   observed="last reviewed 2019-03-14",
        ...                   path="stages.awareness.policy.last_reviewed_on")])
        >>> j.paths
        ('stages.awareness.policy.last_reviewed_on',)
    """

    result: Result = field(validator=v.member_of(Result))
    message: str = field(validator=v.text())
    checks: tuple[Check, ...] = field(default=(), converter=v.to_tuple, validator=v.items(Check))
    evidence: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    subjects: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    remediation: str | None = v.optional_text()

    @property
    def paths(self) -> tuple[str, ...]:
        """The evidence paths: those given, else the paths of the failed (or all) checks."""
        if self.evidence:
            return self.evidence
        failed = tuple(dict.fromkeys(c.path for c in self.checks if c.path and not c.passed))
        if failed:
            return failed
        return tuple(dict.fromkeys(c.path for c in self.checks if c.path))


def _judgement(
    *,
    result: Result,
    message: str,
    checks: Iterable[Check] = (),
    evidence: Iterable[str] = (),
    subjects: Iterable[str] = (),
    remediation: str | None = None,
) -> Judgement:
    """A `Judgement` from trusted values, without re-validation (see `_trusted`)."""
    j = object.__new__(Judgement)
    object.__setattr__(j, "result", result)
    object.__setattr__(j, "message", message)
    object.__setattr__(j, "checks", tuple(checks))
    object.__setattr__(j, "evidence", tuple(evidence))
    object.__setattr__(j, "subjects", tuple(subjects))
    object.__setattr__(j, "remediation", remediation)
    return j


class Context:
    """What a rule may look at: the plan, the date judged against and the lifecycle state.

    Built once per assessment and shared by every rule; everything on it is read-only. A
    rule about the relationship reads `relationship`,
    never `None`: on a template plan it raises, and the assessment reports the rule as not
    applicable there.

    Attributes:
        rmp: The plan being assessed (never changed).
        as_of: The date the plan is judged against (reviews due after it are not late).
        state: The lifecycle state on `as_of` derived from the plan's history, or the state
            given to `assess`; `None` when the history cannot
            be replayed (see `history_error`).
        history_error: Why the history could not be replayed, if it could not.
        partner_ids: The ids of the parties to the agreement on `as_of`,
            `Relationship.parties_on` (subcontractors
            and partners not members on that day left out).
        enterprise: The context of the enterprise plan the plan inherits from, on the same
            date (`assess(..., enterprise=...)`), or `None`.
        inheritable: The document paths of the records the plan may inherit from it (the
            records of the catalogue's enterprise-level requirements).

    Examples:
        >>> from datetime import date
        >>> from collabrel.examples import load
        >>> from collabrel.model import Stage
        >>> ctx = Context(load("flawed"), date(2026, 10, 31))
        >>> ctx.reached(Stage.WORKING_TOGETHER), ctx.reached(Stage.EXIT_STRATEGY)
        (True, False)
        >>> ctx.partner_ids
        ('gha', 'tidemark')
    """

    __slots__ = (
        "_people",
        "_reached",
        "as_of",
        "enterprise",
        "history_error",
        "inheritable",
        "partner_ids",
        "rmp",
        "state",
    )

    def __init__(
        self,
        rmp: RelationshipManagementPlan,
        as_of: date,
        state: LifecycleState | None = None,
        *,
        enterprise: Context | None = None,
        inheritable: frozenset[str] = frozenset(),
    ) -> None:
        self.rmp = rmp
        self.as_of = as_of
        self.enterprise = enterprise
        self.inheritable = inheritable
        self.history_error: InvalidEventError | None = None
        if state is None and rmp.history:
            try:
                state = replay(e for e in rmp.history if e.at.date() <= as_of)
            except InvalidEventError as exc:
                self.history_error = exc
        self.state = state
        self.partner_ids: tuple[str, ...] = self.parties_since(as_of)
        self._people: dict[str, Person] | None = None
        self._reached = self._stages_reached()

    @property
    def relationship(self) -> Relationship:
        """The plan's relationship, never `None`.

        On a template plan, which has none, it raises; `assess`
        reports a rule that asks for it there as `not_applicable`, so a rule about the
        relationship needs no check of its own.

        Raises:
            NoRelationshipError: If the plan is a template without a relationship.

        Examples:
            >>> from datetime import date
            >>> from collabrel.examples import load
            >>> Context(load("flawed"), date(2026, 10, 31)).relationship.id
            'harbour-maintenance'
        """
        return self.rmp.require_relationship()

    def _stages_reached(self) -> frozenset[Stage]:
        # A stage is reached when the history started (or skipped) it, or when the plan shows
        # it being exercised: its section holds records (a relationship holding joint reviews
        # is staying together, whatever its history says), joint governance is set up (working
        # together), KPIs are measured (staying together) or value is realised (value
        # creation). Without a usable history, a later stage's evidence counts too.
        sections = self.rmp.stages
        exercised = {s for s in Stage if _has_content(sections.section(s))}
        if self.enterprise is not None:  # a record it inherits exercises its stage as its own
            exercised |= {
                s
                for s in Stage
                for p in self.inheritable
                if p.startswith(f"stages.{s.value}.") and self.enterprise.at(p)[0] is not None
            }
        rel = self.rmp.relationship
        if rel is not None:
            if rel.governance.bodies or rel.governance.raci.activities:
                exercised.add(Stage.WORKING_TOGETHER)
            if any(m.on <= self.as_of for k in rel.kpis for m in k.measurements):
                exercised.add(Stage.STAYING_TOGETHER)
            pursued = [vp for vp in rel.value_propositions if vp.is_pursued]
            if any(r.on <= self.as_of for vp in pursued for r in vp.realised):
                exercised.add(Stage.VALUE_CREATION)
        if self.state is not None:
            started = {s for s in Stage if self.state.status(s) is not StageStatus.NOT_STARTED}
            return frozenset(started | exercised)
        reached: set[Stage] = set()
        later = False
        for stage in reversed(Stage):
            later = later or stage in exercised
            if later:
                reached.add(stage)
        return frozenset(reached)

    def reached(self, stage: Stage) -> bool:
        """Whether the relationship has reached `stage` by `as_of`.

        Reached means the history started, completed, reopened or skipped it, or the plan
        shows it being exercised: records in its section, joint governance set up (working
        together), KPIs measured (staying together) or value realised (value creation).
        Without a usable history, evidence of a later stage means the earlier ones were
        reached too.
        """
        return stage in self._reached

    def status(self, stage: Stage) -> StageStatus | None:
        """The lifecycle status of `stage`, or `None` without a usable history."""
        return self.state.status(stage) if self.state is not None else None

    @property
    def exit_activated(self) -> bool:
        """Whether exit has been activated (the exit stage is being exercised)."""
        return self.state is not None and self.state.is_exit_activated

    def person(self, person_id: str | None) -> Person | None:
        """The person with id `person_id` in the relationship, if there is one."""
        if person_id is None or self.rmp.relationship is None:
            return None
        if self._people is None:
            self._people = {p.id: p for p in self.rmp.relationship.people}
        return self._people.get(person_id)

    def holds(self, person_id: str | None, role: PersonRole) -> bool:
        """Whether the person `person_id` holds `role`."""
        person = self.person(person_id)
        return person is not None and role in person.roles

    def describe(self, person_id: str | None) -> str:
        """A person as `"Name (id, roles)"` for an explanation."""
        person = self.person(person_id)
        if person is None:
            return "nobody" if person_id is None else person_id
        roles = ", ".join(r.value for r in person.roles) or "no collaboration role"
        return f"{person.name} ({person.id}, {roles})"

    def parties_since(self, day: date) -> tuple[str, ...]:
        """The parties on `as_of` who were parties on `day` too (none without a relationship).

        For something done on `day` and judged on `as_of`, e.g. a survey: a partner who left
        before `as_of`, or joined after `day`, is not asked for it
        (`Relationship.parties_throughout`). On `as_of` itself it is `partner_ids`.
        """
        rel = self.rmp.relationship
        return rel.parties_throughout(self.as_of, day) if rel is not None else ()

    def parties_to_sign(self, record: Record) -> tuple[str, ...]:
        """The parties who must have signed the joint `record`.

        `Relationship.parties_to_sign` on `as_of`: the parties on the day of the record's
        latest signing by then (its last review, else its approval), so a departed partner's
        signature stays valid and a partner who joined since signs at the next review. None
        without a relationship.
        """
        rel = self.rmp.relationship
        return rel.parties_to_sign(record, self.as_of) if rel is not None else ()

    def planned(self, stage: Stage) -> Check:
        """Whether the controls for a stage not yet reached are agreed in advance.

        They count as agreed when the plan is approved and, for the joint stages (5 to 8),
        the joint RMP is approved and signed by every partner too: the joint plan is where the
        partners agree how they will work through the stages to come.
        """
        plan_ok = self.rmp.meta.status is RecordStatus.APPROVED
        if not stage.is_joint:
            return _trusted.check(
                description=f"the approved plan covers {stage.title} in advance",
                passed=plan_ok,
                observed=f"plan status {self.rmp.meta.status.value}",
                path="meta.status",
            )
        jrmp = self.rmp.stages.working_together.joint_rmp
        unsigned = jrmp.unsigned_by(self.parties_to_sign(jrmp)) if jrmp is not None else ()
        ok = plan_ok and jrmp is not None and jrmp.is_approved and not unsigned
        return _trusted.check(
            description=f"the approved joint RMP, signed by every partner, covers {stage.title}"
            " in advance",
            passed=ok,
            observed=(
                "no joint RMP"
                if jrmp is None
                else f"plan {self.rmp.meta.status.value}, joint RMP {jrmp.status.value}"
                + (f", not signed by {', '.join(unsigned)}" if unsigned else "")
            ),
            path="stages.working_together.joint_rmp",
        )

    def record_checks(
        self,
        record: Record | None,
        path: str,
        what: str,
        *,
        approver: PersonRole | None = None,
        joint: bool = False,
    ) -> list[Check]:
        """The auditor's four questions about one dated record, as checks with paths.

        Recorded and in place on `as_of` (a record approved after it counts as missing);
        approved (by someone holding `approver`, when given and the plan has a relationship
        whose people can hold roles); current on `as_of` (within its review period, judged
        by `_checks.current` for every record alike); signed by every partner (when `joint`).
        A record missing or not yet in place gives the single failed "recorded" check, so a
        rule asks the rest of it only when `checks[0].passed`. A rule that calls it lists the
        record's path in its `Rule.records`.

        Examples:
            >>> from datetime import date
            >>> from collabrel.examples import load
            >>> ctx = Context(load("flawed"), date(2026, 10, 31))
            >>> jrmp, path = ctx.at("stages.working_together.joint_rmp")
            >>> for c in ctx.record_checks(jrmp, path, "joint RMP", joint=True):
            ...     print(c.passed, c.path)
            True stages.working_together.joint_rmp
            True stages.working_together.joint_rmp.status
            True stages.working_together.joint_rmp.last_reviewed_on
            False stages.working_together.joint_rmp.signatories
            >>> early = Context(load("flawed"), date(2024, 9, 30))
            >>> [(c.passed, c.observed.split(": ")[-1])
            ...  for c in early.record_checks(jrmp, path, "joint RMP")]
            [(False, 'not in place on that date')]
        """
        first = _checks.recorded(self, record, path, what)
        if record is None or not first.passed:
            return [first]
        checks = [
            first,
            _checks.approved(record, path, what),
            _checks.approved_by(self, record, path, what, approver),
            _checks.current(self, record, path, what),
            _checks.signed(self, record, path, what) if joint else None,
        ]
        return [c for c in checks if c is not None]

    @overload
    def at(self, path: str) -> tuple[object, str]: ...

    @overload
    def at(self, path: str, kind: type[_T]) -> tuple[_T | None, str]: ...

    def at(self, path: str, kind: type[object] = object) -> tuple[object, str]:
        """The value at a dotted document path of the plan, and the path: write a path once.

        `None` when something on the way is missing (`relationship.exit_plan` of a template).

        Raises:
            InvalidFieldError: If the path names no field of the plan, or the value is not a
                `kind`.

        Examples:
            >>> from datetime import date
            >>> from collabrel.examples import load
            >>> from collabrel.model import Policy
            >>> ctx = Context(load("alliance"), date(2026, 10, 31))
            >>> policy, path = ctx.at("stages.awareness.policy", Policy)
            >>> path, policy.status.value
            ('stages.awareness.policy', 'approved')
        """
        names = _PATHS.get(path)
        if names is None:
            names = _PATHS[path] = tuple(path.split("."))
        value: object = self.rmp
        try:
            for name in names:
                if value is None:
                    break
                value = getattr(value, name)
        except AttributeError:
            raise InvalidFieldError("Context", "path", path, "a path in the plan") from None
        if value is not None and not isinstance(value, kind):
            raise InvalidFieldError("Context", "path", path, f"a path to a {kind.__name__}")
        return value, path


_PATHS: dict[str, tuple[str, ...]] = {}
"""Each document path asked for, split once."""


def _has_content(section: attrs.AttrsInstance) -> bool:
    return any(getattr(section, a.name) not in (None, ()) for a in attrs.fields(type(section)))


def _member(enum: Any, value: object, name: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise InvalidFieldError("Rule", name, value, f"one of {allowed}") from None


RuleFunction: TypeAlias = Callable[[Context], Judgement]
"""A rule's body: a pure function of the context returning a judgement."""


@frozen(kw_only=True)
class Rule:
    """A rule: a pure function registered against requirement ids, with its metadata.

    Attributes:
        id: The rule's id, e.g. `"R.S5.RACI"`.
        title: What it checks, in words.
        requirements: The requirement ids it judges (one finding each).
        evaluate: The function `Context -> Judgement`.
        severity: The gravest result its failure may get.
        mode: `enforce` (failures are nonconformities) or `advise` (only observations).
        records: The document paths of the dated records the rule relies on, each asked the
            auditor's questions by `Context.record_checks` (a
            `RecordRule`'s own path): judged as of the
            assessment date, a record approved after it does not count, and one past its
            review period is not current. The table every rule's currency is read from: a
            property test makes each of these records overdue, and dates each after the
            assessment.
    """

    id: str = field(validator=v.matches(_RULE_ID, "a rule id such as 'R.S5.RACI'"))
    title: str = field(validator=v.text())
    requirements: tuple[str, ...] = field(
        converter=v.to_tuple,
        validator=v.items(str, min_len=1, element_check=v.matches(_RULE_ID, "a requirement id")),
    )
    evaluate: RuleFunction = field(eq=False, repr=False)
    severity: Severity = field(default=Severity.MAJOR, validator=v.member_of(Severity))
    mode: Mode = field(default=Mode.ENFORCE, validator=v.member_of(Mode))
    records: tuple[str, ...] = field(
        default=(),
        converter=v.to_tuple,
        validator=v.items(str, element_check=v.matches(_RECORD_PATH, "a document path")),
    )

    def cap(self, result: Result) -> Result:
        """`result` limited by the rule's severity and mode."""
        if not result.is_nonconformity:
            return result
        if self.mode is Mode.ADVISE or self.severity is Severity.OBSERVATION:
            return Result.OBSERVATION
        if self.severity is Severity.MINOR:
            return Result.MINOR
        return result


def _rule_error(rule_id: str, message: str) -> CatalogueError:
    """The registry's refusal of the rule `rule_id`, as a problem at `rules[<id>]`."""
    return CatalogueError([Problem(f"rules[{rule_id}]", message)], source=_SOURCE)


class Registry:
    """The rules an assessment runs: add, replace, select and deselect them.

    Start from `default_rules()` (a fresh copy of the
    built-in rules each call) or from an empty registry, and register Python rules with the
    `rule` decorator.

    Examples:
        >>> from collabrel.conformance import default_rules, Judgement
        >>> from collabrel.model import Result
        >>> rules = default_rules()
        >>> @rules.rule("ACME.SER.NAMED", requirements=["CBR.S1.SER"], severity="minor")
        ... def ser_named(ctx):
        ...     '''The SER's appointment names a role.'''
        ...     a = ctx.rmp.stages.awareness.ser_appointment
        ...     ok = a is not None and bool(a.role)
        ...     return Judgement(result=Result.CONFORMS if ok else Result.MAJOR,
        ...                      message="SER appointment names a role" if ok else "no SER")
        >>> rules["ACME.SER.NAMED"].severity.value
        'minor'
        >>> len(rules.select(requirements=["CBR.S1.SER"]))
        2
    """

    __slots__ = ("_by_requirement", "_rules")

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        self._by_requirement: dict[str, tuple[Rule, ...]] | None = None
        for r in rules:
            self.add(r)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __getitem__(self, rule_id: str) -> Rule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise _rule_error(rule_id, "no such rule") from None

    def __repr__(self) -> str:
        return f"Registry({len(self._rules)} rules)"

    def add(self, rule: Rule) -> Rule:
        """Register `rule`.

        Raises:
            CatalogueError: If a rule with its id is already registered (use `replace`).
        """
        if not isinstance(rule, Rule):
            msg = f"must be a Rule (got {type(rule).__name__})"
            raise CatalogueError([Problem("rule", msg)], source=_SOURCE)
        if rule.id in self._rules:
            raise _rule_error(rule.id, "is already registered")
        return self._put(rule)

    def replace(self, rule: Rule) -> Rule:
        """Put `rule` in place of the registered rule with the same id.

        Raises:
            CatalogueError: If no rule has its id.
        """
        if rule.id not in self._rules:
            raise _rule_error(rule.id, "no such rule to replace")
        return self._put(rule)

    def remove(self, rule_id: str) -> Rule:
        """Unregister and return the rule `rule_id`.

        Raises:
            CatalogueError: If no rule has that id.
        """
        found = self[rule_id]
        del self._rules[rule_id]
        self._by_requirement = None
        return found

    def _put(self, rule: Rule) -> Rule:
        self._rules[rule.id] = rule
        self._by_requirement = None
        return rule

    def rule(
        self,
        id: str,  # the rule's id, as everywhere in collabrel
        *,
        requirements: Iterable[str],
        title: str | None = None,
        severity: Severity | str = Severity.MAJOR,
        mode: Mode | str = Mode.ENFORCE,
        replace: bool = False,
    ) -> Callable[[RuleFunction], RuleFunction]:
        """Decorator: register the function as a rule (its docstring's first line is the title).

        Raises:
            CatalogueError: If the id is taken (and `replace` is false).
            InvalidFieldError: If the id is not a valid rule id, or `severity` or `mode` is
                not a known value (raised when decorating).
        """
        sev = _member(Severity, severity, "severity")
        mod = _member(Mode, mode, "mode")

        def register(func: RuleFunction) -> RuleFunction:
            doc = (func.__doc__ or "").strip().splitlines()
            rule = Rule(
                id=id,
                title=title or (doc[0] if doc else func.__name__.replace("_", " ")),
                requirements=tuple(requirements),
                evaluate=func,
                severity=sev,
                mode=mod,
            )
            if replace and rule.id in self._rules:
                self.replace(rule)
            else:
                self.add(rule)
            return func

        return register

    def copy(self) -> Registry:
        """An independent copy (the rules themselves are immutable)."""
        return Registry(self._rules.values())

    def select(
        self,
        *,
        ids: Iterable[str] | None = None,
        requirements: Iterable[str] | None = None,
        stages: Iterable[Stage] | None = None,
    ) -> Registry:
        """A new registry holding only the rules matching every filter given.

        `stages` keeps rules whose requirement ids name those stages (`CBR.S5.*` for working
        together).
        """
        keep = list(self._rules.values())
        if ids is not None:
            wanted = set(ids)
            keep = [r for r in keep if r.id in wanted]
        if requirements is not None:
            reqs = set(requirements)
            keep = [r for r in keep if reqs.intersection(r.requirements)]
        if stages is not None:
            prefixes = tuple(f"CBR.S{s.number}." for s in stages)
            keep = [r for r in keep if any(q.startswith(prefixes) for q in r.requirements)]
        return Registry(keep)

    def deselect(self, *rule_ids: str) -> Registry:
        """A new registry without the rules `rule_ids`.

        Raises:
            CatalogueError: If an id names no rule (a typo would silently keep the rule).
        """
        unknown = [i for i in rule_ids if i not in self._rules]
        if unknown:
            raise CatalogueError(
                [Problem(f"rules[{i}]", "no such rule") for i in unknown], source=_SOURCE
            )
        drop = set(rule_ids)
        return Registry(r for r in self._rules.values() if r.id not in drop)

    def for_requirement(self, requirement_id: str) -> tuple[Rule, ...]:
        """The rules registered against `requirement_id`, in registration order."""
        if self._by_requirement is None:
            index: dict[str, list[Rule]] = {}
            for r in self._rules.values():
                for q in r.requirements:
                    index.setdefault(q, []).append(r)
            self._by_requirement = {q: tuple(rs) for q, rs in index.items()}
        return self._by_requirement.get(requirement_id, ())

    @property
    def requirements(self) -> frozenset[str]:
        """Every requirement id some rule judges."""
        return frozenset(q for r in self._rules.values() for q in r.requirements)
