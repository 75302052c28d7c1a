"""The reference check's judgement without paths agrees with the walk that has them."""

from __future__ import annotations

import attrs
import pytest

from collabrel import examples
from collabrel.errors import DocumentError
from collabrel.model import (
    Partner,
    PartnerRole,
    Person,
    Relationship,
    RelationshipKind,
    Risk,
    deferred_reference_checks,
)
from collabrel.model._refs import _all_resolve, _Walk, check_references


def _walked(root: object, outside: frozenset[str] = frozenset()) -> list[object]:
    walk = _Walk()
    walk.visit(root, None)
    return list(walk.resolve(outside))


def _relationship(**changes: object) -> Relationship:
    fields: dict[str, object] = {
        "id": "r",
        "name": "R",
        "kind": RelationshipKind.BILATERAL,
        "partners": [
            Partner(id="a", name="A", role=PartnerRole.CLIENT),
            Partner(id="b", name="B", role=PartnerRole.SUPPLIER),
        ],
        "people": [Person(id="jo", name="Jo", partner_id="a")],
    }
    with deferred_reference_checks():
        return Relationship(**(fields | changes))  # type: ignore[arg-type]


_WITH_BODIES = [
    name
    for name in examples.names()
    if (rel := examples.load(name).relationship) is not None and rel.governance.bodies
]
"""The bundled examples whose relationship has governance bodies."""


class TestAllResolve:
    @pytest.mark.parametrize("name", examples.names())
    def test_a_bundled_plan_resolves(self, name: str) -> None:
        """Every bundled plan's references resolve, by both judgements."""
        plan = examples.load(name)
        assert _all_resolve(plan, frozenset())
        assert _walked(plan) == check_references(plan) == []

    def test_a_dangling_reference_does_not_resolve(self) -> None:
        """A risk owned by nobody in the document fails, and the walk says where."""
        rel = _relationship(risks=[Risk(id="x", title="X", owner="nobody", likelihood=1, impact=1)])
        assert not _all_resolve(rel, frozenset())
        assert [p.path for p in check_references(rel)] == ["risks[0].owner"]

    def test_a_repeated_id_does_not_resolve(self) -> None:
        """An id used twice within its kind fails, and the walk says where."""
        rel = _relationship()
        twice = attrs.evolve(rel.people[0], partner_id="b")
        with deferred_reference_checks(), attrs.validators.disabled():
            rel = attrs.evolve(rel, people=(rel.people[0], twice))
        assert not _all_resolve(rel, frozenset())
        assert check_references(rel) == _walked(rel) != []

    def test_references_outside_are_not_judged(self) -> None:
        """A reference to a kind outside the root is left alone, as the walk leaves it."""
        rel = _relationship(risks=[Risk(id="x", title="X", owner="nobody", likelihood=1, impact=1)])
        assert _all_resolve(rel, frozenset({"person"}))
        assert _walked(rel, frozenset({"person"})) == []

    @pytest.mark.parametrize("name", _WITH_BODIES)
    def test_one_dangling_id_among_several_does_not_resolve(self, name: str) -> None:
        """A field naming several ids (a body's members) fails on the one that names nobody."""
        plan = examples.load(name)
        rel = plan.relationship
        assert rel is not None
        body, *others = rel.governance.bodies
        with deferred_reference_checks():
            members = (*body.members, "nobody")
            bodies = (attrs.evolve(body, members=members), *others)
            broken = attrs.evolve(rel, governance=attrs.evolve(rel.governance, bodies=bodies))
        with pytest.raises(DocumentError) as caught:  # the plan judges, then walks to say where
            attrs.evolve(plan, relationship=broken)
        assert [p.path for p in caught.value.problems] == [
            f"relationship.governance.bodies[0].members[{len(body.members)}]"
        ]
