"""RACI validation: findings about a responsibility matrix, never exceptions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final

from attrs import field, frozen

from collabrel.errors import GovernanceError, InvalidFieldError
from collabrel.governance._findings import (
    ARGS,
    GovernanceFinding,
    GovernanceReport,
    Limits,
    finding,
    limits_or_default,
    unmet,
)
from collabrel.governance._kinds import NodeKind, node_key
from collabrel.model import Check, RaciActivity, RACIMatrix, Result
from collabrel.model import _validators as v

__all__ = ["ALPHABETS", "RaciAlphabet", "resolve_alphabet", "validate_raci"]


def _check_letters(inst: RaciAlphabet, value: str) -> None:
    if not value.isalpha() or not value.isupper() or len(set(value)) != len(value):
        raise InvalidFieldError("RaciAlphabet", "letters", value, "distinct upper-case letters")
    if len(inst.words) != len(value):
        raise InvalidFieldError("RaciAlphabet", "words", inst.words, "one word per letter")


def _letter_in_alphabet(inst: RaciAlphabet, attribute: Any, value: Any) -> None:
    if value is not None and (
        not isinstance(value, str) or len(value) != 1 or value not in inst.letters
    ):
        raise InvalidFieldError(
            "RaciAlphabet", attribute.name, value, f"one of the letters {inst.letters!r}"
        )


def _to_sets(pairs: Iterable[Iterable[str]]) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(p) for p in pairs)


@frozen(kw_only=True)
class RaciAlphabet:
    """A responsibility alphabet: its letters, what each means, and which letter is which role.

    Validation needs to know which letter makes a party accountable (exactly one per
    activity), which makes it responsible (at least one), which is consulted (not too
    many), and which pairs of letters one party may hold together (`"AR"` in RACI).

    Examples:
        >>> daci = ALPHABETS["DACI"]
        >>> daci.accountable, daci.responsible, daci.meaning("D")
        ('A', 'D', 'Driver')
    """

    name: str = field(validator=v.text())
    letters: str = field(validator=v.text())
    words: tuple[str, ...] = field(converter=v.to_tuple, validator=v.items(str))
    accountable: str = field(validator=_letter_in_alphabet)
    responsible: str = field(validator=_letter_in_alphabet)
    consulted: str | None = field(default=None, validator=_letter_in_alphabet)
    informed: str | None = field(default=None, validator=_letter_in_alphabet)
    compatible: frozenset[frozenset[str]] = field(default=frozenset(), converter=_to_sets)
    """Sets of letters one party may hold together on one activity."""

    def __attrs_post_init__(self) -> None:
        _check_letters(self, self.letters)

    def meaning(self, letter: str) -> str:
        """The word for `letter`, e.g. `"Accountable"` for `"A"` in RACI.

        Raises:
            GovernanceError: If `letter` is not in the alphabet.
        """
        index = self.letters.find(letter)
        if len(letter) != 1 or index < 0:
            raise GovernanceError(f"{letter!r} is not a letter of the {self.name} alphabet")
        return self.words[index]


def _builtin(
    name: str, letters: str, words: tuple[str, ...], *, responsible: str = "R"
) -> RaciAlphabet:
    return RaciAlphabet(
        name=name,
        letters=letters,
        words=words,
        accountable="A",
        responsible=responsible,
        consulted="C",
        informed="I",
        compatible=[{"A", responsible}],
    )


ALPHABETS: Final[Mapping[str, RaciAlphabet]] = {
    "RACI": _builtin("RACI", "RACI", ("Responsible", "Accountable", "Consulted", "Informed")),
    "RASCI": _builtin(
        "RASCI", "RASCI", ("Responsible", "Accountable", "Supportive", "Consulted", "Informed")
    ),
    "RACI-VS": _builtin(
        "RACI-VS",
        "RACIVS",
        ("Responsible", "Accountable", "Consulted", "Informed", "Verifier", "Signatory"),
    ),
    "DACI": _builtin(
        "DACI", "DACI", ("Driver", "Approver", "Contributor", "Informed"), responsible="D"
    ),
}
"""The built-in alphabets by name: RACI, RASCI, RACI-VS and DACI (Approver is accountable,
Driver responsible, Contributor consulted)."""

_BY_LETTERS: Final = {a.letters: a for a in ALPHABETS.values()}


def resolve_alphabet(alphabet: RaciAlphabet | str | None, letters: str = "RACI") -> RaciAlphabet:
    """The alphabet meant by `alphabet`, or, when it is `None`, the one a matrix's letters name.

    A name (`"RACI-VS"`) or a built-in alphabet's letters (`"RACIVS"`) selects a built-in
    alphabet. Other letters that include `A` and `R` are read as RACI-like (A accountable,
    R responsible, C consulted and I informed when present).

    Raises:
        GovernanceError: If the alphabet is unknown and its roles cannot be inferred, or is
            not a `RaciAlphabet`, a string or `None`.

    Examples:
        >>> resolve_alphabet(None, "RASCI").name
        'RASCI'
        >>> resolve_alphabet("RACI-VS").letters
        'RACIVS'
        >>> resolve_alphabet(None, "ARX").responsible
        'R'
    """
    if isinstance(alphabet, RaciAlphabet):
        return alphabet
    if alphabet is not None:
        ARGS.instance("alphabet", alphabet, str)
    ARGS.instance("letters", letters, str)
    key = letters if alphabet is None else alphabet.upper()
    found = ALPHABETS.get(key) or _BY_LETTERS.get(key)
    if found is not None:
        return found
    if "A" in key and "R" in key and key.isalpha() and key.isupper():
        return RaciAlphabet(
            name=key,
            letters=key,
            words=tuple(key),
            accountable="A",
            responsible="R",
            consulted="C" if "C" in key else None,
            informed="I" if "I" in key else None,
            compatible=[{"A", "R"}],
        )
    known = ", ".join(ALPHABETS)
    raise GovernanceError(
        f"cannot tell which letters of the alphabet {key!r} are accountable and responsible;"
        f" use one of {known} or pass a RaciAlphabet"
    )


PartyNode = Callable[[str], str | None]
"""Maps a RACI party id to its graph node key (or `None` when it is not known)."""

_RACI_PATH: Final = "relationship.governance.raci"


def validate_raci(
    matrix: RACIMatrix,
    alphabet: RaciAlphabet | str | None = None,
    *,
    limits: Limits | None = None,
    path: str = _RACI_PATH,
) -> GovernanceReport:
    """Check a responsibility matrix and return what is wrong with it as findings.

    The checks (their requirement ids are listed in the governance explanation page):

    - `GOV.RACI.EMPTY`: the matrix has no activities (observation);
    - `GOV.RACI.UNASSIGNED`: an activity names nobody (major);
    - `GOV.RACI.NO_ACCOUNTABLE` / `GOV.RACI.MULTIPLE_ACCOUNTABLE`: an activity needs exactly
      one accountable party (major);
    - `GOV.RACI.NO_RESPONSIBLE`: nobody is responsible, and the matrix does not let the
      accountable party act as responsible (major);
    - `GOV.RACI.CONFLICTING_CODES`: a party holds two codes on one activity that the
      alphabet does not allow together (only A with R, or A with D in DACI) (minor);
    - `GOV.RACI.TOO_MANY_CONSULTED`: more parties consulted than `limits.max_consulted`
      (observation);
    - `GOV.RACI.IDLE_PARTY`: a party is never accountable or responsible (observation);
    - `GOV.RACI.OVERLOAD`: a party is accountable for more than
      `limits.max_accountable_share` of the activities, in a matrix of at least
      `limits.overload_min_activities` activities (minor).

    Args:
        matrix: The matrix to check.
        alphabet: A `RaciAlphabet`, the name of a
            built-in one (`"RACI"`, `"RASCI"`, `"RACI-VS"`, `"DACI"`), or `None` for the
            alphabet the matrix declares.
        limits: Thresholds; `Limits()` by default.
        path: The document path of the matrix, used in the findings' paths.

    Returns:
        The findings, activity by activity in matrix order, then party by party.

    Raises:
        GovernanceError: If the alphabet is unknown, or the matrix uses letters outside it;
            or an argument is of the wrong type (the message names it).

    Examples:
        >>> from collabrel.model import RACIMatrix, RaciActivity, RaciAssignment
        >>> m = RACIMatrix(activities=[
        ...     RaciActivity(id="plan", name="Approve the plan", assignments=[
        ...         RaciAssignment(party="jeb", codes="A"), RaciAssignment(party="ceo", codes="A"),
        ...         RaciAssignment(party="jmt", codes="R")])])
        >>> [f.requirement for f in validate_raci(m)]
        ['GOV.RACI.MULTIPLE_ACCOUNTABLE']
    """
    ARGS.instance("matrix", matrix, RACIMatrix)
    ARGS.instance("path", path, str)
    return GovernanceReport(
        findings=raci_findings(matrix, alphabet, limits_or_default(limits), path)
    )


def raci_findings(
    matrix: RACIMatrix,
    alphabet: RaciAlphabet | str | None,
    limits: Limits,
    path: str = _RACI_PATH,
    party_node: PartyNode | None = None,
) -> list[GovernanceFinding]:
    """The findings of `validate_raci`, with party nodes resolved by `party_node`."""
    abc = resolve_alphabet(alphabet, matrix.alphabet)
    _check_codes(matrix, abc)
    if not matrix.activities:
        return [
            finding(
                "GOV.RACI.EMPTY",
                Result.OBSERVATION,
                "The responsibility matrix has no activities",
                paths=[path],
                remediation="List the relationship's key activities and who does what on each.",
            )
        ]
    nodes: Callable[[str], str | None] = party_node or (lambda _party: None)
    out: list[GovernanceFinding] = []
    for i in range(len(matrix.activities)):
        out.extend(_row_findings(matrix, abc, limits, f"{path}.activities[{i}]", i, nodes))
    out.extend(_party_findings(matrix, abc, limits, path, nodes))
    return out


def _check_codes(matrix: RACIMatrix, abc: RaciAlphabet) -> None:
    allowed = set(abc.letters)
    for row in matrix.activities:
        for a in row.assignments:
            extra = set(a.codes) - allowed
            if extra:
                raise GovernanceError(
                    f"activity {row.id!r}, party {a.party!r}: codes {a.codes!r} are not all"
                    f" letters of the {abc.name} alphabet ({abc.letters})"
                )


def _row_findings(  # noqa: PLR0917 - a private helper of raci_findings
    matrix: RACIMatrix,
    abc: RaciAlphabet,
    limits: Limits,
    path: str,
    index: int,
    nodes: Callable[[str], str | None],
) -> list[GovernanceFinding]:
    """One activity's findings, in the order `validate_raci` lists its checks."""
    row = _Row(activity=matrix.activities[index], abc=abc, path=path, nodes=nodes)
    if not row.activity.assignments:
        return [
            row.finding(
                "GOV.RACI.UNASSIGNED",
                Result.MAJOR,
                f"Activity {row.label} names nobody",
                remediation="Name the accountable and the responsible parties of the activity.",
            )
        ]
    accountable = row.parties(abc.accountable)
    return [
        *_accountable_findings(row, accountable),
        *_responsible_findings(row, accountable, acts=matrix.accountable_acts_as_responsible),
        *_code_findings(row),
        *_consulted_findings(row, limits),
    ]


@frozen(kw_only=True)
class _Row:
    """One activity of a matrix as its checks see it: its path, its label and its node."""

    activity: RaciActivity
    abc: RaciAlphabet
    path: str
    nodes: Callable[[str], str | None]

    @property
    def here(self) -> str:
        return node_key(NodeKind.ACTIVITY, self.activity.id)

    @property
    def label(self) -> str:
        return f"{self.activity.name!r} ({self.activity.id})"

    def parties(self, letter: str) -> tuple[str, ...]:
        """The parties holding `letter` on the activity."""
        return tuple(a.party for a in self.activity.assignments if letter in a.codes)

    def finding(
        self,
        requirement: str,
        result: Result,
        message: str,
        *,
        parties: tuple[str, ...] = (),
        paths: tuple[str, ...] = (),
        checks: Iterable[Check] = (),
        expected: str | None = None,
        observed: str = "",
        remediation: str,
    ) -> GovernanceFinding:
        """A finding on the activity (and `parties`), at the row's path unless `paths`.

        `expected` (with `observed`) adds the failed check, at the row's path, after `checks`.
        """
        return finding(
            requirement,
            result,
            message,
            paths=paths or [self.path],
            subjects=[self.activity.id, *parties],
            nodes=[self.here, *(n for n in map(self.nodes, parties) if n is not None)],
            checks=checks,
            expected=expected,
            observed=observed,
            at=self.path,
            remediation=remediation,
        )


def _accountable_findings(row: _Row, accountable: tuple[str, ...]) -> Iterator[GovernanceFinding]:
    """`GOV.RACI.NO_ACCOUNTABLE` / `GOV.RACI.MULTIPLE_ACCOUNTABLE`: exactly one is needed."""
    if len(accountable) == 1:
        return  # the check passes: no finding, so no check to build
    abc = row.abc
    a_word = abc.meaning(abc.accountable).lower()
    count_check = Check(
        description=f"exactly one {a_word} party ({abc.accountable})",
        passed=len(accountable) == 1,
        observed=", ".join(accountable) or "none",
        path=row.path,
    )
    if not accountable:
        yield row.finding(
            "GOV.RACI.NO_ACCOUNTABLE",
            Result.MAJOR,
            f"Nobody is {a_word} ({abc.accountable}) for activity {row.label}",
            checks=[count_check],
            remediation=f"Make exactly one party {a_word} for the activity.",
        )
    elif len(accountable) > 1:
        yield row.finding(
            "GOV.RACI.MULTIPLE_ACCOUNTABLE",
            Result.MAJOR,
            f"{len(accountable)} parties are {a_word} ({abc.accountable}) for"
            f" activity {row.label}: {', '.join(accountable)}",
            parties=accountable,
            checks=[count_check],
            remediation=f"Keep one {a_word} party; make the others consulted or"
            " informed, or give the decision to a joint body.",
        )


def _responsible_findings(
    row: _Row, accountable: tuple[str, ...], *, acts: bool
) -> Iterator[GovernanceFinding]:
    """`GOV.RACI.NO_RESPONSIBLE`, unless the accountable party may act as responsible."""
    abc = row.abc
    acting = acts and bool(accountable)
    if row.parties(abc.responsible) or acting:
        return
    r_word = abc.meaning(abc.responsible).lower()
    yield row.finding(
        "GOV.RACI.NO_RESPONSIBLE",
        Result.MAJOR,
        f"Nobody is {r_word} ({abc.responsible}) for activity {row.label}",
        checks=[
            unmet(
                f"at least one {r_word} party ({abc.responsible})",
                "none",
                row.path,
            ),
            Check(
                description="the accountable party may act as responsible",
                passed=acting,
                observed=str(acts).lower(),
            ),
        ],
        remediation=f"Name a {r_word} party, or code the accountable party"
        f" {abc.accountable}{abc.responsible}.",
    )


def _code_findings(row: _Row) -> Iterator[GovernanceFinding]:
    """`GOV.RACI.CONFLICTING_CODES`: letters one party may not hold together."""
    abc = row.abc
    for j, a in enumerate(row.activity.assignments):
        letters = frozenset(a.codes)
        if len(letters) > 1 and letters not in abc.compatible:
            yield row.finding(
                "GOV.RACI.CONFLICTING_CODES",
                Result.MINOR,
                f"Party {a.party} holds {a.codes!r} on activity {row.label}"
                f" ({' and '.join(abc.meaning(c).lower() for c in sorted(letters))})",
                parties=(a.party,),
                paths=(f"{row.path}.assignments[{j}]",),
                remediation="Give the party one code on the activity.",
            )


def _consulted_findings(row: _Row, limits: Limits) -> Iterator[GovernanceFinding]:
    """`GOV.RACI.TOO_MANY_CONSULTED`: more parties consulted than the limit."""
    if row.abc.consulted is None:
        return
    consulted = row.parties(row.abc.consulted)
    if len(consulted) > limits.max_consulted:
        yield row.finding(
            "GOV.RACI.TOO_MANY_CONSULTED",
            Result.OBSERVATION,
            f"{len(consulted)} parties are consulted on activity {row.label}"
            f" (more than {limits.max_consulted})",
            parties=consulted,
            expected=f"at most {limits.max_consulted} parties consulted",
            observed=str(len(consulted)),
            remediation="Consult fewer parties; inform the others.",
        )


def _party_findings(
    matrix: RACIMatrix,
    abc: RaciAlphabet,
    limits: Limits,
    path: str,
    nodes: Callable[[str], str | None],
) -> list[GovernanceFinding]:
    active: set[str] = set()
    accountable_for: dict[str, list[int]] = {}
    rows_of: dict[str, list[int]] = {}
    for i, row in enumerate(matrix.activities):
        for a in row.assignments:
            rows_of.setdefault(a.party, []).append(i)
            if abc.accountable in a.codes:
                accountable_for.setdefault(a.party, []).append(i)
                active.add(a.party)
            if abc.responsible in a.codes:
                active.add(a.party)
    out: list[GovernanceFinding] = []
    for party, rows in rows_of.items():
        if party in active:
            continue
        node = nodes(party)
        out.append(
            finding(
                "GOV.RACI.IDLE_PARTY",
                Result.OBSERVATION,
                f"Party {party} is never {abc.meaning(abc.accountable).lower()} or"
                f" {abc.meaning(abc.responsible).lower()}",
                paths=[f"{path}.activities[{i}]" for i in rows],
                subjects=[party],
                nodes=[] if node is None else [node],
                remediation="Check the party needs to be in the matrix; consider whether it is"
                " consulted or informed more than it needs to be.",
            )
        )
    total = len(matrix.activities)
    if total >= limits.overload_min_activities:
        for party, rows in accountable_for.items():
            share = len(rows) / total
            if share > limits.max_accountable_share:
                node = nodes(party)
                out.append(
                    finding(
                        "GOV.RACI.OVERLOAD",
                        Result.MINOR,
                        f"Party {party} is accountable for {len(rows)} of {total} activities"
                        f" ({share:.0%}, more than {limits.max_accountable_share:.0%})",
                        paths=[f"{path}.activities[{i}]" for i in rows],
                        subjects=[party, *(matrix.activities[i].id for i in rows)],
                        nodes=[] if node is None else [node],
                        expected="share of activities the party is accountable for"
                        f" at most {limits.max_accountable_share:.0%}",
                        observed=f"{share:.2f}",
                        remediation="Delegate accountability for some activities to other"
                        " parties or to a joint body.",
                    )
                )
    return out
