"""Record rules: a requirement that one record be in place, declared as data, not written out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from attrs import field, frozen

from collabrel._text import plural
from collabrel.conformance import _checks, _enterprise
from collabrel.conformance._grading import judge
from collabrel.conformance._rules import Context, Judgement, Rule, RuleFunction
from collabrel.errors import InvalidFieldError
from collabrel.model import Check, PersonRole, Record, Stage
from collabrel.model import _validators as v

__all__ = ["RecordContent", "RecordRule"]

_PATH: Final = r"^[a-z_]+(\.[a-z_]+)+$"
_SIGNATURES: Final = "signatories"
_SECTIONS: Final = {s.value: s for s in Stage}


def _lists(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple((str(name), str(noun)) for name, noun in pairs)


@frozen(kw_only=True)
class RecordContent:
    """Lists a record must carry, not empty.

    One check of a `RecordRule`.

    Attributes:
        description: The check, in words: `"the policy is tied to business objectives"`.
        lists: The record's list fields and the noun that counts each, in order:
            `{"business_objectives": "objective"}`. With one list, the check observes the count
            (or `none recorded`) at the list's path; with several it passes when none is
            empty, observes every count and points at the first empty list (else the last).

    Examples:
        >>> from collabrel.model import Policy
        >>> c = RecordContent(description="the policy is tied to business objectives",
        ...             lists={"business_objectives": "objective"})
        >>> check = c.check(Policy(id="p", title="Policy"), "stages.awareness.policy")
        >>> check.passed, check.observed, check.path
        (False, 'none recorded', 'stages.awareness.policy.business_objectives')
    """

    description: str = field(validator=v.text())
    lists: tuple[tuple[str, str], ...] = field(
        converter=_lists,
        validator=v.items(tuple, min_len=1),
    )

    @property
    def names(self) -> tuple[str, ...]:
        """The list fields' names."""
        return tuple(name for name, _ in self.lists)

    def check(self, record: Record, path: str) -> Check:
        """Whether `record` (at `path`) carries the lists."""
        if len(self.lists) == 1:
            ((name, noun),) = self.lists
            value = getattr(record, name)
            return _checks.non_empty(
                value, self.description, plural(len(value), noun), f"{path}.{name}"
            )
        values = [(name, noun, getattr(record, name)) for name, noun in self.lists]
        empty = next((name for name, _, value in values if not value), values[-1][0])
        return _checks.fact(
            self.description,
            all(value for _, _, value in values),
            ", ".join(plural(len(value), noun) for _, noun, value in values),
            f"{path}.{empty}",
        )


@frozen(kw_only=True)
class RecordRule(Rule):
    """A rule that one record of the plan is in place: one row of data, no code.

    The row asks the auditor's questions of the record at `path` (or, where the plan has none,
    of the record it inherits there from its enterprise plan, for an enterprise-level
    requirement, path `enterprise:<path>`): is it recorded (and in place
    on the date judged against: a record approved after it counts as missing), approved (by
    someone holding `approver`, when given), current on the date judged against (within its own
    review period, if it has one), signed by every party to the agreement (when `joint`), and
    does it carry each of its `contents`. The checks are graded as the built-in rules grade
    theirs: all passed conforms; a failure while the record's stage (`stages.<stage>.…` in the
    path) is not reached is agreed, not yet exercised when the stage's controls are agreed in
    advance; a failed essential check (the record missing, or one named in `essential`) is
    major; any other failure is minor. The essential checks come first, right after "recorded".

    A `RecordRule` is a `Rule`: register it in a
    `Registry` like any other. Most built-in rules are
    rows like it.

    Attributes:
        path: The record's document path, e.g. `"stages.awareness.policy"`.
        what: What the record is, in words: `"collaborative working policy"`.
        remediation: What to do when the record fails.
        contents: The lists it must carry.
        approver: The role whose holder must approve it, if any.
        joint: Whether every party to the agreement must sign it.
        essential: Besides being recorded, what is core to it, checked in this order
            right after it: `"signatories"` (with `joint`) or the name of a list in
            `contents`.
        stage: The stage the path's section belongs to (`None` outside `stages`): before
            that stage is reached, a failure is judged by whether its controls are agreed.
        records: `(path,)`, the one dated record the row relies on (see `Rule.records`).

    Examples:
        >>> from datetime import date
        >>> from collabrel.conformance import Registry, assess
        >>> from collabrel.examples import load
        >>> rule = RecordRule(
        ...     id="ACME.S5.CONTRACT", requirements=["CBR.S5.CONTRACT"],
        ...     title="Signed contract", path="stages.working_together.contract",
        ...     what="contract", joint=True, essential=["signatories"],
        ...     remediation="have every partner sign the contract")
        >>> rule.stage.value
        'working_together'
        >>> report = assess(load("alliance"), "bs11000-1:2010", as_of=date(2026, 10, 31),
        ...                 rules=Registry([rule]))
        >>> report.findings_for("CBR.S5.CONTRACT")[0].message
        'Signed contract: in place'
    """

    path: str = field(
        validator=v.matches(_PATH, "a document path such as 'stages.awareness.policy'")
    )
    what: str = field(validator=v.text())
    remediation: str = field(validator=v.text())
    contents: tuple[RecordContent, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(RecordContent)
    )
    approver: PersonRole | None = v.optional_member(PersonRole)
    joint: bool = field(default=False, validator=v.boolean())
    essential: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    evaluate: RuleFunction = field(init=False, eq=False, repr=False)
    stage: Stage | None = field(init=False, eq=False, repr=False)
    records: tuple[str, ...] = field(init=False, eq=False, repr=False)
    _first: tuple[RecordContent | None, ...] = field(init=False, eq=False, repr=False)
    _rest: tuple[RecordContent, ...] = field(init=False, eq=False, repr=False)
    _signed_last: bool = field(init=False, eq=False, repr=False)
    _essential: int = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_name = {name: c for c in self.contents for name in c.names}
        first: list[RecordContent | None] = []
        for name in self.essential:
            if name == _SIGNATURES and self.joint:
                first.append(None)  # None stands for the signatures
            elif name in by_name:
                first.append(by_name[name])
            else:
                expected = "'signatories' (of a joint record) or a list in contents"
                raise InvalidFieldError(type(self).__name__, "essential", name, expected)
        section = self.path.split(".")[1] if self.path.startswith("stages.") else None
        if section is not None and section not in _SECTIONS:
            raise InvalidFieldError(
                type(self).__name__, "path", self.path, "a path into a stage's section"
            )
        object.__setattr__(self, "evaluate", self._evaluate)
        object.__setattr__(self, "stage", _SECTIONS[section] if section else None)
        object.__setattr__(self, "records", (self.path,))
        object.__setattr__(self, "_first", tuple(first))
        object.__setattr__(self, "_rest", tuple(c for c in self.contents if c not in first))
        object.__setattr__(self, "_signed_last", self.joint and None not in first)
        object.__setattr__(self, "_essential", 1 + len(self.essential))

    def _evaluate(self, ctx: Context) -> Judgement:
        # the plan's own record, else the enterprise plan's it inherits (asked in its context)
        asked, record, path = _enterprise.record_at(ctx, self.path)
        what = self.what
        checks = [_checks.recorded(asked, record, path, what)]
        if asked is not ctx:
            checks[0] = _enterprise.inherited(checks[0], asked)
        if record is not None and checks[0].passed:
            add = checks.append
            for part in self._first:
                check = (
                    _checks.signed(asked, record, path, what)
                    if part is None
                    else part.check(record, path)
                )
                if check is not None:
                    add(check)
            add(_checks.approved(record, path, what))
            if (check := _checks.approved_by(asked, record, path, what, self.approver)) is not None:
                add(check)
            if (check := _checks.current(asked, record, path, what)) is not None:
                add(check)
            if self._signed_last and (check := _checks.signed(asked, record, path, what)):
                add(check)
            checks.extend(c.check(record, path) for c in self._rest)
        return judge(
            ctx,
            self.stage,
            checks,
            title=self.title,
            remediation=self.remediation,
            essential=self._essential,
        )
