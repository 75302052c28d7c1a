"""A user variant of the lifecycle, shared by the lifecycle tests."""

from __future__ import annotations

import pytest

from collabrel.lifecycle import LifecycleDefinition, StageSpec
from collabrel.model import Stage


@pytest.fixture(scope="session")
def selection_variant() -> LifecycleDefinition:
    """Three main stages and two sub-stages of partner selection; no exit stage.

    Shortlisting may start once partner selection has; due diligence needs the shortlist done.
    """
    return LifecycleDefinition(
        name="selection_variant",
        stages=[
            StageSpec(key="awareness", title="Awareness", stage=Stage.AWARENESS),
            StageSpec(
                key="knowledge", title="Knowledge", stage=Stage.KNOWLEDGE, requires=["awareness"]
            ),
            StageSpec(
                key="partner_selection",
                title="Partner selection",
                stage=Stage.PARTNER_SELECTION,
                requires=["knowledge"],
            ),
            StageSpec(
                key="shortlist",
                title="Shortlisting",
                stage=Stage.PARTNER_SELECTION,
                after=["partner_selection"],
            ),
            StageSpec(
                key="due_diligence",
                title="Due diligence",
                stage=Stage.PARTNER_SELECTION,
                requires=["shortlist"],
            ),
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
                StageSpec(key="awareness", title="Awareness", stage=Stage.AWARENESS),
                *(
                    StageSpec(key=key, title=title, stage=Stage.AWARENESS)
                    for key, title in substages.items()
                ),
            ],
            exit_stage=None,
        )

    return build
