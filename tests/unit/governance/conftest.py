"""Small hand-built consortia for the governance tests."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from _builders import activity, client_first, consortium
from collabrel.model import BodyKind, GovernanceBody, Person, Relationship

Row = dict[str, str]


def build(
    *,
    orgs: Iterable[str] = ("c", "p", "q"),
    subs: dict[str, str] | None = None,
    people: dict[str, str] | None = None,
    bodies: Iterable[tuple[str, BodyKind, list[str], str | None]] = (),
    chairs: dict[str, str] | None = None,
    raci: Iterable[tuple[str, Row]] = (),
) -> Relationship:
    """A consortium: the first organisation is the client; `people` maps person to org."""
    subs = subs or {}
    chairs = chairs or {}
    orgs = list(orgs)
    return consortium(
        client_first((o, o.upper(), subs.get(o)) for o in orgs),
        people=[Person(id=h, name=h.title(), partner_id=o) for h, o in (people or {}).items()],
        bodies=[
            GovernanceBody(
                id=b, name=b.upper(), kind=k, members=m, escalates_to=up, chair=chairs.get(b)
            )
            for b, k, m, up in bodies
        ],
        activities=[activity(a, a.title(), row) for a, row in raci],
    )


JEB = BodyKind.JOINT_EXECUTIVE_BOARD
JMT = BodyKind.JOINT_MANAGEMENT_TEAM
WG = BodyKind.WORKING_GROUP


def healthy(
    *,
    members: dict[str, list[str]] | None = None,
    escalates: dict[str, str | None] | None = None,
    **changes: object,
) -> Relationship:
    """Three partners, two people each, a board, a JMT and a working group; sound.

    `changes` replace whole parts; `members` and `escalates` replace those of the bodies named.
    """
    spec: dict[str, object] = {
        "orgs": ("c", "p", "q"),
        "people": {"c1": "c", "c2": "c", "p1": "p", "p2": "p", "q1": "q", "q2": "q"},
        "bodies": [
            ("jeb", JEB, ["c1", "p1", "q1"], None),
            ("jmt", JMT, ["c2", "p2", "q2"], "jeb"),
            ("wg", WG, ["c2", "p2"], "jmt"),
        ],
        "raci": [
            ("plan", {"jeb": "A", "jmt": "R"}),
            ("build", {"p2": "A", "wg": "R", "c2": "C"}),
            ("check", {"c2": "A", "q2": "R"}),
            ("pay", {"jmt": "A", "c1": "R", "p1": "R", "q1": "R"}),
        ],
    }
    members, escalates = members or {}, escalates or {}
    spec["bodies"] = [
        (b, k, members.get(b, m), escalates.get(b, up))
        for b, k, m, up in spec["bodies"]  # type: ignore[attr-defined]
    ]
    spec.update(changes)
    return build(**spec)  # type: ignore[arg-type]


@pytest.fixture
def sound() -> Relationship:
    return healthy()


@pytest.fixture
def make():
    """The `build` helper: a consortium from organisations, people, bodies and RACI rows."""
    return build


@pytest.fixture
def variant():
    """The `healthy` helper: the sound consortium with some parts, or bodies' members, replaced."""
    return healthy
