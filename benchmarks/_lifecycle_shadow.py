"""The eight-stage lifecycle machine modelled in `transitions` and in `python-statemachine`.

collabrel's lifecycle state is a status per stage (not started, in progress, completed,
reopened, not applicable) for each of the eight stages, which move independently: several
stages may be active at once and a completed stage may be reopened. A general-purpose
state-machine library has two faithful ways to hold that:

- **8 machines**: one small machine per stage whose states are the five statuses and whose
  events are `start`, `complete`, `reopen` and `skip` (the same rules as collabrel's `NEXT`
  table, in `collabrel.lifecycle._rules`). A relationship is eight of them. This is the
  simplest model and the cheapest one in both libraries: `transitions` shares one
  `Machine` between all the stage objects it manages (`Machine.add_model`),
  `python-statemachine` needs one `StateMachine` instance per stage.
- **parallel**: one machine per relationship with a parallel state of eight regions, each a
  compound state of the five statuses, and one event per (kind, stage), e.g.
  `start_awareness`. This is what the libraries offer for orthogonal regions
  (`transitions.extensions.HierarchicalMachine` with `parallel`, and
  `statemachine.StateChart` with `State.Parallel`/`State.Compound`); it is the closest in
  shape to "one lifecycle per relationship", and slower.

A machine whose states are the combinations of the eight statuses (5**8 = 390,625 states) is
not a practical option, so it is not modelled.

Both variants are wrapped in the same small adapter, `ShadowLifecycle.apply(event)`, which
takes collabrel `Event`s and adds the rules that are not status transitions, exactly as
collabrel applies them: timestamps may not go backwards, a skip needs a note, exit is
activated once (it moves the exit stage as collabrel's `EXIT_NEXT` does). An event the
machine refuses raises the library's own error (`transitions.MachineError`,
`statemachine.exceptions.TransitionNotAllowed`); neither library is asked to ignore invalid
triggers. `statuses()` returns the status of every stage by key, so the benchmark can check
that every shadow reaches the same state as collabrel before it times anything.
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from collabrel.lifecycle import StageStatus
from collabrel.model import Event, Stage

STAGE_KEYS: tuple[str, ...] = tuple(s.value for s in Stage)
STATUSES: tuple[str, ...] = tuple(s.value for s in StageStatus)
RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "start": (("not_started", "in_progress"),),
    "complete": (("in_progress", "completed"), ("reopened", "completed")),
    "reopen": (("completed", "reopened"), ("not_applicable", "reopened")),
    "skip": (
        ("not_started", "not_applicable"),
        ("in_progress", "not_applicable"),
        ("reopened", "not_applicable"),
    ),
}
"""Event kind to (from status, to status) pairs: collabrel's per-stage rules."""

TABLE: dict[tuple[str, str], str] = {
    (kind, old): new for kind, pairs in RULES.items() for old, new in pairs
}
"""(event kind, status) to the next status: the plain-dict floor's transition table."""

EXIT_KIND: dict[str, str | None] = {
    "not_started": "start",
    "in_progress": None,
    "reopened": None,
    "completed": "reopen",
    "not_applicable": "reopen",
}
"""What activating exit does to the exit stage, by its status (`None`: nothing)."""

EXIT_STAGE = Stage.EXIT_STRATEGY.value


class ShadowError(Exception):
    """An event the adapter itself refuses (time going backwards, a skip without a note...)."""


class ShadowLifecycle:
    """One relationship's lifecycle in a library's machine(s), fed collabrel `Event`s."""

    library = ""
    variant = ""

    def __init__(self) -> None:
        self.last: datetime | None = None
        self.exit_at: datetime | None = None

    def fire(self, kind: str, stage: str) -> None:
        """Send one (kind, stage) event to the library's machine."""
        raise NotImplementedError

    def status(self, stage: str) -> str:
        """The current status of one stage."""
        raise NotImplementedError

    def statuses(self) -> dict[str, str]:
        """Every stage's status by key."""
        return {key: self.status(key) for key in STAGE_KEYS}

    def apply(self, event: Event) -> None:
        """Apply one collabrel event with collabrel's rules; raise if it cannot apply."""
        at = event.at
        last = self.last
        if last is not None and at < last:
            raise ShadowError("time goes backwards")
        kind = event.kind.value
        if kind == "activate_exit":
            if self.exit_at is not None:
                raise ShadowError("exit already activated")
            then = EXIT_KIND[self.status(EXIT_STAGE)]
            if then is not None:
                self.fire(then, EXIT_STAGE)
            self.exit_at = at
        elif kind in ("partner_joins", "partner_leaves"):
            pass  # a partner joining or leaving changes no stage, as in collabrel
        else:
            if event.substage is not None or event.stage is None:
                raise ShadowError("the shadow models the eight main stages only")
            if kind == "skip" and not event.note:
                raise ShadowError("a skip needs a note")
            self.fire(kind, event.stage.value)
        self.last = at

    def replay(self, events: Iterable[Event]) -> ShadowLifecycle:
        """Apply every event in turn; return self."""
        apply = self.apply
        for event in events:
            apply(event)
        return self


def _camel(name: str) -> str:
    """`internal_assessment` as `internalAssessment` (transitions nests names with `_`)."""
    return re.sub(r"_(.)", lambda m: m.group(1).upper(), name)


# ---------------------------------------------------------------------------- transitions


class _Model:
    """A bare object for `transitions` to attach its state and trigger methods to."""


@functools.cache
def _transitions_flat() -> Any:
    from transitions import Machine  # noqa: PLC0415

    return Machine(
        model=None,
        states=list(STATUSES),
        transitions=[
            {"trigger": kind, "source": old, "dest": new}
            for kind, pairs in RULES.items()
            for old, new in pairs
        ],
        initial="not_started",
        auto_transitions=False,
        ignore_invalid_triggers=False,
    )


class TransitionsPerStage(ShadowLifecycle):
    """Eight stage objects managed by one shared `transitions.Machine` of the five statuses."""

    library = "transitions"
    variant = "8 machines"

    def __init__(self) -> None:
        super().__init__()
        self.stages = {key: _Model() for key in STAGE_KEYS}
        _transitions_flat().add_model(list(self.stages.values()))

    def fire(self, kind: str, stage: str) -> None:
        getattr(self.stages[stage], kind)()

    def status(self, stage: str) -> str:
        return str(self.stages[stage].state)


@functools.cache
def _transitions_parallel() -> tuple[Any, dict[tuple[str, str], str], dict[str, str]]:
    from transitions.extensions import HierarchicalMachine  # noqa: PLC0415

    regions = [
        {"name": _camel(key), "children": [_camel(s) for s in STATUSES], "initial": "notStarted"}
        for key in STAGE_KEYS
    ]
    machine = HierarchicalMachine(
        model=None,
        states=[{"name": "lifecycle", "parallel": regions}],
        transitions=[
            {
                "trigger": f"{kind}_{key}",
                "source": f"lifecycle_{_camel(key)}_{_camel(old)}",
                "dest": f"lifecycle_{_camel(key)}_{_camel(new)}",
            }
            for key in STAGE_KEYS
            for kind, pairs in RULES.items()
            for old, new in pairs
        ],
        initial="lifecycle",
        auto_transitions=False,
        ignore_invalid_triggers=False,
    )
    triggers = {(kind, key): f"{kind}_{key}" for key in STAGE_KEYS for kind in RULES}
    back = {f"lifecycle_{_camel(key)}_{_camel(s)}": s for key in STAGE_KEYS for s in STATUSES}
    return machine, triggers, back


class TransitionsParallel(ShadowLifecycle):
    """One model per relationship in a `HierarchicalMachine` with eight parallel regions."""

    library = "transitions"
    variant = "parallel"

    def __init__(self) -> None:
        super().__init__()
        machine, self._triggers, self._back = _transitions_parallel()
        self.model = _Model()
        machine.add_model(self.model)

    def fire(self, kind: str, stage: str) -> None:
        getattr(self.model, self._triggers[kind, stage])()

    def status(self, stage: str) -> str:
        prefix = f"lifecycle_{_camel(stage)}_"
        (found,) = (s for s in self.model.state if s.startswith(prefix))
        return self._back[found]


# ---------------------------------------------------------------------------- python-statemachine


@functools.cache
def _statemachine_flat() -> type[Any]:
    from statemachine import State, StateMachine  # noqa: PLC0415

    def body(ns: dict[str, Any]) -> None:
        states = {s: State(s, initial=s == "not_started") for s in STATUSES}
        ns.update(states)
        for kind, pairs in RULES.items():
            ns[kind] = functools.reduce(
                lambda a, b: a | b, (states[old].to(states[new]) for old, new in pairs)
            )

    return types.new_class("StageStatusMachine", (StateMachine,), exec_body=body)


class StatemachinePerStage(ShadowLifecycle):
    """Eight `StateMachine` instances of the five statuses, one per stage."""

    library = "python-statemachine"
    variant = "8 machines"

    def __init__(self) -> None:
        super().__init__()
        cls = _statemachine_flat()
        self.stages = {key: cls() for key in STAGE_KEYS}

    def fire(self, kind: str, stage: str) -> None:
        self.stages[stage].send(kind)

    def status(self, stage: str) -> str:
        return str(self.stages[stage].current_state_value)


@functools.cache
def _statemachine_parallel() -> tuple[type[Any], dict[tuple[str, str], str]]:
    from statemachine import State, StateChart  # noqa: PLC0415

    def region(key: str) -> Callable[[dict[str, Any]], None]:
        def body(ns: dict[str, Any]) -> None:
            states = {s: State(s, initial=s == "not_started") for s in STATUSES}
            ns.update({f"{key}__{s}": st for s, st in states.items()})
            for kind, pairs in RULES.items():
                ns[f"{kind}_{key}"] = functools.reduce(
                    lambda a, b: a | b, (states[old].to(states[new]) for old, new in pairs)
                )

        return body

    def lifecycle(ns: dict[str, Any]) -> None:
        for key in STAGE_KEYS:
            ns[key] = types.new_class(key, (State.Compound,), exec_body=region(key))

    def chart(ns: dict[str, Any]) -> None:
        ns["allow_event_without_transition"] = False
        ns["catch_errors_as_events"] = False
        ns["lifecycle"] = types.new_class("lifecycle", (State.Parallel,), exec_body=lifecycle)

    cls = types.new_class("LifecycleChart", (StateChart,), exec_body=chart)
    triggers = {(kind, key): f"{kind}_{key}" for key in STAGE_KEYS for kind in RULES}
    return cls, triggers


class StatemachineParallel(ShadowLifecycle):
    """One `StateChart` per relationship with a parallel state of eight compound regions."""

    library = "python-statemachine"
    variant = "parallel"

    def __init__(self) -> None:
        super().__init__()
        cls, self._triggers = _statemachine_parallel()
        self.chart = cls()

    def fire(self, kind: str, stage: str) -> None:
        self.chart.send(self._triggers[kind, stage])

    def status(self, stage: str) -> str:
        prefix = f"{stage}__"
        (found,) = (v for v in self.chart.configuration_values if str(v).startswith(prefix))
        return str(found)[len(prefix) :]


def _has_statechart() -> bool:
    """Whether python-statemachine has `StateChart` and parallel states (version 3)."""
    try:
        from statemachine import StateChart  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


SHADOWS: dict[str, type[ShadowLifecycle]] = {
    "transitions (8 machines)": TransitionsPerStage,
    "transitions (parallel)": TransitionsParallel,
    "python-statemachine (8 machines)": StatemachinePerStage,
}
"""Every shadow model by the name the benchmark prints."""
if _has_statechart():
    SHADOWS["python-statemachine (parallel)"] = StatemachineParallel


def prepare() -> None:
    """Build every library's machine definitions (a one-off cost, kept out of the timings)."""
    _transitions_flat()
    _transitions_parallel()
    _statemachine_flat()
    if _has_statechart():
        _statemachine_parallel()
