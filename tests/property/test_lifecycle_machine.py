"""The lifecycle's invariants under random event sequences (collabrel.testing.lifecycle)."""

from __future__ import annotations

from hypothesis import settings

from _lifecycle import SELECTION_SUBSTAGES
from collabrel.examples import load
from collabrel.lifecycle import STANDARD, LifecycleDefinition, default_guards
from collabrel.testing.lifecycle import LifecycleStateMachine

_SETTINGS = settings(max_examples=40, stateful_step_count=30, deadline=None)


class NoGuards(LifecycleStateMachine):
    """The bare machine: only the structural rules."""


class BuiltInGuardsOnAlliance(LifecycleStateMachine):
    """The built-in guards, consulting the bundled alliance plan."""

    guards = default_guards()
    rmp = load("alliance")
    actors = ("h.okafor", "a.nolan")


class BuiltInGuardsWithoutPlan(LifecycleStateMachine):
    """The built-in guards with no plan: record guards are not assessable and never refuse."""

    guards = default_guards()


class WithSubStages(LifecycleStateMachine):
    """A variant with ISO names' worth of custom titles and two partner-selection sub-stages."""

    definition = LifecycleDefinition(
        name="with-substages",
        stages=[
            *STANDARD.stages,
            *SELECTION_SUBSTAGES,
        ],
        exit_from=["working_together", "value_creation", "staying_together"],
    )
    guards = default_guards()


TestNoGuards = NoGuards.TestCase
TestNoGuards.settings = _SETTINGS
TestBuiltInGuardsOnAlliance = BuiltInGuardsOnAlliance.TestCase
TestBuiltInGuardsOnAlliance.settings = _SETTINGS
TestBuiltInGuardsWithoutPlan = BuiltInGuardsWithoutPlan.TestCase
TestBuiltInGuardsWithoutPlan.settings = _SETTINGS
TestWithSubStages = WithSubStages.TestCase
TestWithSubStages.settings = _SETTINGS
