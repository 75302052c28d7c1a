"""The bundled example plans as fixtures, loaded once for all unit tests.

Plans are immutable, so one copy serves every test; a test module may still define a fixture
of the same name to use something else.
"""

from __future__ import annotations

from datetime import date

import pytest

from collabrel import examples
from collabrel.model import DocumentMeta, PlanKind, RelationshipManagementPlan


@pytest.fixture(scope="session")
def alliance() -> RelationshipManagementPlan:
    """The bundled alliance example: sound, with a history up to staying together."""
    return examples.load("alliance")


@pytest.fixture(scope="session")
def flawed() -> RelationshipManagementPlan:
    """The bundled flawed example: a relationship with findings to show."""
    return examples.load("flawed")


@pytest.fixture(scope="session")
def template() -> RelationshipManagementPlan:
    """A template plan: a title and nothing else, no relationship, no history."""
    meta = DocumentMeta(
        title="Corporate template", issued_on=date(2025, 1, 1), author="me", kind=PlanKind.TEMPLATE
    )
    return RelationshipManagementPlan(meta=meta)
