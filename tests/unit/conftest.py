"""The bundled example plans as fixtures, loaded once for all unit tests.

Plans are immutable, so one copy serves every test; a test module may still define a fixture
of the same name to use something else.
"""

from __future__ import annotations

import pytest

from collabrel import examples
from collabrel.model import RelationshipManagementPlan


@pytest.fixture(scope="session")
def alliance() -> RelationshipManagementPlan:
    """The bundled alliance example: sound, with a history up to staying together."""
    return examples.load("alliance")


@pytest.fixture(scope="session")
def flawed() -> RelationshipManagementPlan:
    """The bundled flawed example: a relationship with findings to show."""
    return examples.load("flawed")
