"""What governance analyses return: findings naming nodes and edges, and their report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, Final, overload

from attrs import field, frozen

from collabrel._text import plural
from collabrel.errors import GovernanceError, InvalidFieldError
from collabrel.model import Check, Finding, Result
from collabrel.model import _display as d
from collabrel.model import _validators as v
from collabrel.model._arguments import ArgumentChecks

ARGS: Final = ArgumentChecks(GovernanceError)
"""The checks of the governance functions' arguments, raising `GovernanceError`."""

__all__ = ["GovernanceFinding", "GovernanceReport", "Limits"]

_SHOWN: Final = 25
"""The most nonconformities a report's notebook view lists; the rest are counted."""
_MESSAGE: Final = 200
"""The longest message a report's notebook view shows before cutting it short."""
_ORDER: Final = tuple(dict.fromkeys((Result.MAJOR, Result.MINOR, Result.OBSERVATION, *Result)))
"""The order a report counts results in: the most serious first, the others as declared."""

Edge = tuple[str, str, str]
"""An edge of a governance graph: source node key, target node key, edge kind."""


def _to_edges(values: Iterable[Iterable[str]]) -> tuple[Edge, ...]:
    out: list[Edge] = []
    for value in values:
        u, w, kind = tuple(value)
        out.append((u, w, kind))
    return tuple(out)


def _check_edges(_inst: object, attribute: Any, value: tuple[Edge, ...]) -> None:
    for edge in value:
        if not all(isinstance(part, str) for part in edge):
            raise InvalidFieldError(
                "GovernanceFinding", attribute.name, edge, "(source, target, kind) strings"
            )


@frozen(kw_only=True)
class GovernanceFinding(Finding):
    """A `Finding` that also names the graph nodes and edges involved.

    It is a `Finding` in every other respect, so conformance rules and reports take it as
    one. `subjects` holds document ids (of partners, people, bodies, activities); `nodes`
    holds the keys of the same things in the governance graph (see
    `node_key`) and `edges` the `(source, target, kind)`
    edges that make the problem (an escalation loop's edges, a subcontracting chain). Its plain
    data is `collabrel.to_data` of the finding.

    Examples:
        >>> f = GovernanceFinding(requirement="GOV.ESCALATION.CYCLE", result=Result.MAJOR,
        ...     message="Escalation loops: jmt -> board -> jmt", subjects=["jmt", "board"],
        ...     nodes=["body:jmt", "body:board"],
        ...     edges=[("body:jmt", "body:board", "escalates_to"),
        ...            ("body:board", "body:jmt", "escalates_to")])
        >>> f.edges[0]
        ('body:jmt', 'body:board', 'escalates_to')
        >>> f.to_record()["edges"]
        2
    """

    nodes: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    edges: tuple[Edge, ...] = field(default=(), converter=_to_edges, validator=_check_edges)

    def to_record(self, *, typed: bool = False) -> dict[str, object]:
        """The finding as one flat row (lists joined with `"; "`), for tables.

        The result is its value, or the `Result` member itself if `typed`.
        """
        return {
            "requirement": self.requirement,
            "result": self.result if typed else self.result.value,
            "message": self.message,
            "subjects": "; ".join(self.subjects),
            "paths": "; ".join(self.paths),
            "nodes": "; ".join(self.nodes),
            "edges": len(self.edges),
            "remediation": self.remediation or "",
        }


def _to_findings(values: Iterable[GovernanceFinding]) -> tuple[GovernanceFinding, ...]:
    return tuple(values)


def _result_text(result: Result, n: int) -> str:
    return plural(n, d.words(result)) if result is Result.OBSERVATION else f"{n} {d.words(result)}"


@frozen(kw_only=True, repr=False)
class GovernanceReport:
    """The findings of a governance analysis, in the order the analyses ran.

    A report behaves as a read-only sequence of
    `GovernanceFinding`s. An empty report means
    nothing was found. Its `repr` is a one-line summary, the findings counted by result;
    in a notebook it shows those counts and each nonconformity's requirement and message
    (`str(report)` lists every finding).

    Examples:
        >>> report = GovernanceReport(findings=[GovernanceFinding(
        ...     requirement="GOV.RACI.NO_ACCOUNTABLE", result=Result.MAJOR,
        ...     message="Nobody is accountable for 'report'")])
        >>> report
        <GovernanceReport 1 finding (1 major); 1 requirement>
        >>> GovernanceReport()
        <GovernanceReport no findings>
        >>> len(report), report.requirements
        (1, ('GOV.RACI.NO_ACCOUNTABLE',))
        >>> [f.requirement for f in report.select("GOV.RACI")]
        ['GOV.RACI.NO_ACCOUNTABLE']
        >>> report.to_records()[0]["result"]
        'major'
    """

    findings: tuple[GovernanceFinding, ...] = field(
        default=(), converter=_to_findings, validator=v.items(GovernanceFinding)
    )

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self) -> Iterator[GovernanceFinding]:
        return iter(self.findings)

    @overload
    def __getitem__(self, index: int) -> GovernanceFinding: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[GovernanceFinding, ...]: ...
    def __getitem__(self, index: int | slice) -> GovernanceFinding | tuple[GovernanceFinding, ...]:
        return self.findings[index]

    @property
    def requirements(self) -> tuple[str, ...]:
        """The distinct requirement ids found, in order of first appearance."""
        return tuple(dict.fromkeys(f.requirement for f in self.findings))

    @property
    def nonconformities(self) -> tuple[GovernanceFinding, ...]:
        """The findings graded as a minor or major nonconformity."""
        return tuple(f for f in self.findings if f.result.is_nonconformity)

    def select(self, prefix: str) -> tuple[GovernanceFinding, ...]:
        """The findings whose requirement id is `prefix` or starts with `prefix` and a dot."""
        return tuple(
            f
            for f in self.findings
            if f.requirement == prefix or f.requirement.startswith(prefix + ".")
        )

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One flat row per finding (see `GovernanceFinding.to_record`), for a DataFrame.

        With `typed`, each result stays a `Result` member (what `report.to_dataframe` reads).
        """
        return [f.to_record(typed=typed) for f in self.findings]

    def __str__(self) -> str:
        if not self.findings:
            return "No governance findings."
        return "\n".join(
            f"{f.result.value.upper():<11} {f.requirement}: {f.message}" for f in self.findings
        )

    def _summary(self) -> str:
        if not self.findings:
            return "no findings"
        results = [f.result for f in self.findings]
        counts = d.counted(results, _ORDER, label=_result_text)
        return (
            f"{plural(len(self.findings), 'finding')} ({counts}); "
            f"{plural(len(self.requirements), 'requirement')}"
        )

    def __repr__(self) -> str:
        return f"<GovernanceReport {self._summary()}>"

    _repr_pretty_ = d.pretty

    def _repr_html_(self) -> str:
        if not self.findings:
            return d.block(d.paragraph("No governance findings."))
        head = d.heading("Governance findings", self._summary())
        found = Counter(f.result for f in self.findings)
        counts = d.table(
            ["result", "findings"],
            [[d.words(r), found[r]] for r in _ORDER if r in found],
            right=[1],
        )
        shown = self.nonconformities[:_SHOWN]
        if not shown:
            return d.block(head, counts, d.paragraph("No nonconformities."))
        rest = len(self.nonconformities) - len(shown)
        listed = d.table(
            ["result", "requirement", "message"],
            [[f.result.value, f.requirement, d.clip(f.message, _MESSAGE)] for f in shown],
            caption="Nonconformities",
        )
        more = d.paragraph(f"and {rest} more" if rest else "")
        return d.block(head, counts, listed, more)


def _positive_int(_inst: object, attribute: Any, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidFieldError("Limits", attribute.name, value, "an integer of 0 or more")


def _share(_inst: object, attribute: Any, value: object) -> None:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
        raise InvalidFieldError("Limits", attribute.name, value, "a number from 0 to 1")


@frozen(kw_only=True)
class Limits:
    """The thresholds governance analyses judge against; every one is configurable.

    A count or share *above* its limit is reported; reaching it is fine.

    Examples:
        >>> Limits().max_subcontract_depth
        2
        >>> Limits(max_consulted=3).max_consulted
        3
        >>> try:
        ...     Limits(max_accountable_share=2)
        ... except ValueError as exc:
        ...     print(exc)
        Limits.max_accountable_share must be a number from 0 to 1 (got 2).
    """

    max_consulted: int = field(default=5, validator=_positive_int)
    """Most parties consulted on one activity (`GOV.RACI.TOO_MANY_CONSULTED`)."""
    max_accountable_share: float = field(default=0.5, validator=_share)
    """Largest share of the activities one party may be accountable for (`GOV.RACI.OVERLOAD`)."""
    overload_min_activities: int = field(default=4, validator=_positive_int)
    """Matrices with fewer activities are not judged for overload."""
    max_accountable: int = field(default=5, validator=_positive_int)
    """Most activities one person may be accountable for (`GOV.BOTTLENECK.ACCOUNTABLE`)."""
    max_betweenness: float = field(default=0.25, validator=_share)
    """Highest normalised escalation betweenness of a person (`GOV.BOTTLENECK.CENTRALITY`)."""
    max_seats: int = field(default=4, validator=_positive_int)
    """Most governance bodies one person may sit on (`GOV.KEY_PERSON.CONCENTRATION`)."""
    max_chairs: int = field(default=2, validator=_positive_int)
    """Most governance bodies one person may chair (`GOV.KEY_PERSON.CONCENTRATION`)."""
    max_subcontract_depth: int = field(default=2, validator=_positive_int)
    """Longest subcontracting chain below a party to the agreement (`GOV.SUBCONTRACT.TOO_DEEP`)."""


def limits_or_default(limits: Limits | None) -> Limits:
    """`limits`, or `Limits()` when it is `None`.

    Raises:
        GovernanceError: If it is neither `None` nor `Limits`.
    """
    return Limits() if limits is None else ARGS.instance("limits", limits, Limits)


def finding(
    requirement: str,
    result: Result,
    message: str,
    *,
    paths: Iterable[str] = (),
    subjects: Iterable[str] = (),
    nodes: Iterable[str] = (),
    edges: Iterable[Edge] = (),
    checks: Iterable[Check] = (),
    expected: str | None = None,
    observed: str = "",
    at: str | None = None,
    remediation: str | None = None,
) -> GovernanceFinding:
    """Build a finding (a private helper for the analyses).

    `expected` (with `observed`, and the path `at`) adds the failed check after `checks`.
    """
    shortfall = () if expected is None else (unmet(expected, observed, at),)
    return GovernanceFinding(
        requirement=requirement,
        result=result,
        message=message,
        explanation=(*checks, *shortfall),
        paths=tuple(dict.fromkeys(p for p in paths if p)),
        subjects=tuple(dict.fromkeys(subjects)),
        nodes=tuple(dict.fromkeys(nodes)),
        edges=tuple(edges),
        remediation=remediation,
    )


def unmet(description: str, observed: str, path: str | None = None) -> Check:
    """A check that failed, with what was seen (a private helper for the analyses)."""
    return Check(description=description, passed=False, observed=observed, path=path)
