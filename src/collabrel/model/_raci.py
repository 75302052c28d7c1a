"""Responsibility assignment (RACI and its variants)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final

from attrs import field, frozen

from collabrel.errors import InvalidFieldError
from collabrel.model import _validators as v
from collabrel.model._display import pretty, summary_repr
from collabrel.model._refs import by_id, ref

__all__ = ["RACIMatrix", "RaciActivity", "RaciAssignment"]

_SEPARATORS: Final = str.maketrans("", "", "/,+ ")


def _codes(value: object) -> object:
    """Converter: codes in upper case without separators (`"a/r"` becomes `"AR"`)."""
    return value.translate(_SEPARATORS).upper() if isinstance(value, str) else value


@frozen(kw_only=True)
class RaciAssignment:
    """The codes one party holds on one activity, e.g. `"A"` or `"AR"`."""

    party: str = field(validator=v.identifier(), metadata=ref("person", "body", "partner"))
    codes: str = field(converter=_codes, validator=v.text())


def _check_assignments(
    _inst: RaciActivity, attribute: Any, value: tuple[RaciAssignment, ...]
) -> None:
    parties = [a.party for a in value]
    if len(set(parties)) != len(parties):
        raise InvalidFieldError(
            "RaciActivity", attribute.name, parties, "a sequence naming each party once"
        )


@frozen(kw_only=True)
class RaciActivity:
    """One activity (a row of the matrix) and who does what on it."""

    _entity_kind: ClassVar[str] = "activity"

    id: str = field(validator=v.identifier())
    name: str = field(validator=v.text())
    assignments: tuple[RaciAssignment, ...] = field(
        default=(), converter=v.to_tuple, validator=[v.items(RaciAssignment), _check_assignments]
    )

    def codes_of(self, party: str) -> str:
        """The codes `party` holds on this activity (empty when none)."""
        for a in self.assignments:
            if a.party == party:
                return a.codes
        return ""


def _check_alphabet(_inst: RACIMatrix, attribute: Any, value: str) -> None:
    if not value.isalpha() or not value.isupper() or len(set(value)) != len(value):
        raise InvalidFieldError(
            "RACIMatrix", attribute.name, value, "distinct upper-case letters, e.g. 'RACI'"
        )


def _check_activities(inst: RACIMatrix, attribute: Any, value: tuple[RaciActivity, ...]) -> None:
    letters = set(inst.alphabet)
    for row in value:
        for a in row.assignments:
            bad = set(a.codes) - letters
            if bad:
                raise InvalidFieldError(
                    "RACIMatrix",
                    attribute.name,
                    a.codes,
                    f"codes from the alphabet {inst.alphabet!r} "
                    f"(activity {row.id!r}, party {a.party!r})",
                )


@frozen(kw_only=True, repr=False)
class RACIMatrix:
    """Who is Responsible, Accountable, Consulted and Informed for each activity.

    Parties are the ids of people, governance bodies or partner organisations. The alphabet
    defaults to RACI; RASCI (`"RASCI"`), RACI-VS (`"RACIVS"`) and DACI (`"DACI"`) work the same
    way. A cell may hold several codes, e.g. `"AR"`. With `accountable_acts_as_responsible`
    the accountable party is taken to do the work of an activity that names nobody
    responsible.

    Examples:
        >>> m = RACIMatrix(activities=[
        ...     RaciActivity(id="plan", name="Approve annual plan", assignments=[
        ...         RaciAssignment(party="jeb", codes="A"),
        ...         RaciAssignment(party="jmt", codes="R"),
        ...         RaciAssignment(party="ops", codes="I")]),
        ... ])
        >>> m.cell("plan", "jmt")
        'R'
        >>> m.by_activity("plan")
        {'jeb': 'A', 'jmt': 'R', 'ops': 'I'}
        >>> m.by_party("jeb")
        {'plan': 'A'}
        >>> m.parties
        ('jeb', 'jmt', 'ops')
        >>> m.holders("plan", "A")
        ('jeb',)
    """

    activities: tuple[RaciActivity, ...] = field(
        default=(), converter=v.to_tuple, validator=[v.items(RaciActivity), _check_activities]
    )
    alphabet: str = field(default="RACI", validator=[v.text(), _check_alphabet])
    accountable_acts_as_responsible: bool = field(default=False, validator=v.boolean())
    """Whether an activity's accountable party does the work when nobody is responsible.

    When `False` (the default) every activity needs a responsible party (`"AR"` counts)."""

    @property
    def parties(self) -> tuple[str, ...]:
        """Every party named in the matrix, in order of first appearance."""
        return tuple(dict.fromkeys(a.party for row in self.activities for a in row.assignments))

    def activity(self, activity_id: str) -> RaciActivity:
        """The activity with id `activity_id`.

        Raises:
            KeyError: If there is no such activity.
        """
        return by_id(self.activities, activity_id)

    def cell(self, activity_id: str, party: str) -> str:
        """The codes `party` holds on `activity_id` (empty when none).

        Raises:
            KeyError: If there is no such activity.
        """
        return self.activity(activity_id).codes_of(party)

    def by_activity(self, activity_id: str) -> Mapping[str, str]:
        """Party to codes, for one activity, in matrix order.

        Raises:
            KeyError: If there is no such activity.
        """
        return {a.party: a.codes for a in self.activity(activity_id).assignments}

    def by_party(self, party: str) -> Mapping[str, str]:
        """Activity id to codes, for one party, for every activity where it holds a code."""
        result: dict[str, str] = {}
        for row in self.activities:
            codes = row.codes_of(party)
            if codes:
                result[row.id] = codes
        return result

    def holders(self, activity_id: str, code: str) -> tuple[str, ...]:
        """The parties holding `code` (e.g. `"A"`) on `activity_id`.

        Raises:
            KeyError: If there is no such activity.
        """
        return tuple(a.party for a in self.activity(activity_id).assignments if code in a.codes)

    __repr__ = summary_repr
    _repr_pretty_ = pretty
