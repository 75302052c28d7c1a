"""Small model builders the tests share: partners, consortia, approved records and criteria.

Importable as `_builders` because pytest puts tests/ on the path (`pythonpath` in pyproject).
Each builder fills in only the fields named here; every other field keeps the model's default.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from collabrel.model import (
    Criterion,
    CriterionCategory,
    Governance,
    GovernanceBody,
    Partner,
    PartnerRole,
    Person,
    RaciActivity,
    RaciAssignment,
    RACIMatrix,
    RecordStatus,
    Relationship,
    RelationshipKind,
)

R = TypeVar("R")


def partners(*rows: tuple[str, str, PartnerRole]) -> list[Partner]:
    """One partner per (id, name, role) row."""
    return [Partner(id=i, name=name, role=role) for i, name, role in rows]


def client_first(rows: Iterable[tuple[str, str, str | None]]) -> list[Partner]:
    """One partner per (id, name, subcontractor_of) row: the first the client, the rest partners."""
    return [
        Partner(
            id=i,
            name=name,
            role=PartnerRole.CLIENT if n == 0 else PartnerRole.PARTNER,
            subcontractor_of=principal,
        )
        for n, (i, name, principal) in enumerate(rows)
    ]


def activity(id: str, name: str, row: dict[str, str]) -> RaciActivity:
    """A RACI activity: `row` maps each party to its codes ("A", "R", "AR", ...)."""
    return RaciActivity(
        id=id, name=name, assignments=[RaciAssignment(party=p, codes=c) for p, c in row.items()]
    )


def consortium(
    partners: Iterable[Partner],
    *,
    people: Iterable[Person] = (),
    bodies: Iterable[GovernanceBody] = (),
    activities: Iterable[RaciActivity] = (),
    id: str = "rel",
    name: str = "Test consortium",
) -> Relationship:
    """A consortium of `partners`, with its people, governance bodies and RACI activities."""
    return Relationship(
        id=id,
        name=name,
        kind=RelationshipKind.CONSORTIUM,
        partners=list(partners),
        people=list(people),
        governance=Governance(bodies=list(bodies), raci=RACIMatrix(activities=list(activities))),
    )


def approved(cls: type[R], id: str, title: str, on: date, **fields: object) -> R:
    """A record (`Record`, `Policy`, ...) of status approved, approved on `on`."""
    return cls(id=id, title=title, status=RecordStatus.APPROVED, approved_on=on, **fields)  # type: ignore[call-arg]


def criterion(
    id: str, name: str, category: CriterionCategory, weight: float, **fields: object
) -> Criterion:
    """A selection criterion; `fields` are its other attributes (scale, direction, gate ...)."""
    return Criterion(id=id, name=name, category=category, weight=weight, **fields)  # type: ignore[arg-type]


def pass_fail_gate(name: str, **fields: object) -> Criterion:
    """The criterion "gate": a risk gate of weight 0 scored 0 or 1, passed at 1."""
    return criterion(
        "gate", name, CriterionCategory.RISK, 0, scale_max=1, gate=True, gate_threshold=1, **fields
    )
