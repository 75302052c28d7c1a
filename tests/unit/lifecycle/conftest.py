"""A user variant of the lifecycle, shared by the lifecycle tests."""

from __future__ import annotations

import pytest

from _lifecycle import SELECTION_SUBSTAGES, spec
from collabrel.lifecycle import LifecycleDefinition
from collabrel.model import Stage


@pytest.fixture(scope="session")
def selection_variant() -> LifecycleDefinition:
    """Three main stages and two sub-stages of partner selection; no exit stage.

    Shortlisting may start once partner selection has; due diligence needs the shortlist done.
    """
    return LifecycleDefinition(
        name="selection_variant",
        stages=[
            spec("awareness"),
            spec("knowledge", requires=["awareness"]),
            spec("partner_selection", requires=["knowledge"]),
            *SELECTION_SUBSTAGES,
        ],
        exit_stage=None,
    )


@pytest.fixture(scope="session")
def awareness_with():
    """`awareness_with(name, {key: title, ...})`: awareness and sub-stages of it; no exit."""

    def build(name: str, substages: dict[str, str]) -> LifecycleDefinition:
        return LifecycleDefinition(
            name=name,
            stages=[
                spec("awareness"),
                *(spec(key, Stage.AWARENESS, title=title) for key, title in substages.items()),
            ],
            exit_stage=None,
        )

    return build
