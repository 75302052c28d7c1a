"""Lifecycle definitions: which stages exist and what each needs before it starts."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Final

from attrs import field, frozen

from collabrel.errors import LifecycleError
from collabrel.lifecycle._rules import Move, moves
from collabrel.model import Check, EventKind, Finding, Phase, Result, Stage
from collabrel.model import _validators as v

__all__ = [
    "ISO_44001",
    "STANDARD",
    "DefinitionError",
    "LifecycleDefinition",
    "StageSpec",
]


@frozen(kw_only=True)
class StageSpec:
    """One stage (or sub-stage) of a lifecycle definition.

    A main stage has `key` equal to its `stage`'s value (`"partner_selection"`); a sub-stage
    has a key of its own and names the main stage it belongs to in `stage`. Events reach a
    sub-stage through `Event.substage`.

    Attributes:
        key: The stage's id in this definition.
        title: Its name for people.
        stage: The BS 11000 stage it is, or belongs to.
        requires: Keys of stages that must be completed (or not applicable) before it starts.
        after: Keys of stages that must have started before it starts (overlap allowed).

    Examples:
        >>> spec = StageSpec(key="shortlist", title="Shortlisting",
        ...                  stage=Stage.PARTNER_SELECTION, after=["partner_selection"])
        >>> spec.is_substage, spec.phase.value
        (True, 'engagement')
    """

    key: str = field(validator=v.identifier())
    title: str = field(validator=v.text())
    stage: Stage = field(validator=v.member_of(Stage))
    requires: tuple[str, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(str, unique=True)
    )
    after: tuple[str, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(str, unique=True)
    )

    @property
    def is_substage(self) -> bool:
        """Whether this is a sub-stage of `stage` rather than the stage itself."""
        return self.key != self.stage.value

    @property
    def phase(self) -> Phase:
        """The phase of the stage it is or belongs to."""
        return self.stage.phase


class DefinitionError(LifecycleError):
    """A lifecycle definition breaks its own rules (a dangling key, an unreachable stage).

    Attributes:
        findings: One finding per problem (`LC.DEFINITION.*`), each naming the stage keys.
    """

    def __init__(self, name: str, findings: Iterable[Finding]) -> None:
        self.name = name
        self.findings: tuple[Finding, ...] = tuple(findings)
        lines = "\n".join(f"  {f.message}" for f in self.findings)
        n = len(self.findings)
        super().__init__(
            f"lifecycle definition {name!r} has {n} problem{'s' if n != 1 else ''}:\n{lines}"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.name, self.findings))


@frozen(kw_only=True)
class LifecycleDefinition:
    """The stages a lifecycle has, what each needs before it starts, and how exit is activated.

    The built-in `STANDARD` definition has the eight stages of
    BS 11000-1; `ISO_44001` the same with ISO 44001's names.
    A variant may rename stages, add sub-stages or change what each stage needs. Building a
    definition checks it: every key referred to exists, keys are unique, every stage can be
    reached (no stage waits, directly or not, on itself) and exit activation names real stages.

    Attributes:
        name: The definition's name (written into serialised states of custom definitions).
        stages: The stages and sub-stages, in display order.
        exit_stage: Key of the stage that `activate_exit` events work on, if any.
        exit_from: Keys of the stages from which exit may be activated (one must have started).

    Raises:
        DefinitionError: If the definition has problems (all are listed).
        InvalidFieldError: If a field has the wrong type.

    Examples:
        >>> STANDARD.keys[:3]
        ('awareness', 'knowledge', 'internal_assessment')
        >>> STANDARD.spec("partner_selection").requires
        ('knowledge', 'internal_assessment')
        >>> LifecycleDefinition(name="loop", stages=[
        ...     StageSpec(key="awareness", title="A", stage=Stage.AWARENESS,
        ...               requires=["knowledge"]),
        ...     StageSpec(key="knowledge", title="K", stage=Stage.KNOWLEDGE,
        ...               requires=["awareness", "nowhere"]),
        ... ], exit_stage=None)
        Traceback (most recent call last):
        ...
        collabrel.lifecycle._definition.DefinitionError: lifecycle definition 'loop' has 3 problems:
          stage 'knowledge' refers to 'nowhere' in requires, which is not a stage of 'loop'
          stage 'awareness' can never start: it waits on knowledge
          stage 'knowledge' can never start: it waits on awareness
    """

    name: str = field(validator=v.identifier())
    stages: tuple[StageSpec, ...] = field(
        converter=v.to_tuple, validator=v.items(StageSpec, min_len=1)
    )
    exit_stage: str | None = field(default="exit_strategy", validator=v.optional(v.text()))
    exit_from: tuple[str, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(str, unique=True)
    )
    _index: dict[str, int] = field(init=False, eq=False, repr=False, hash=False)
    _stage_index: dict[Stage | None, int] = field(init=False, eq=False, repr=False, hash=False)
    _moves: dict[EventKind, dict[Stage | None, Move]] = field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        index: dict[str, int] = {}
        for i, spec in enumerate(self.stages):
            index.setdefault(spec.key, i)
        stage_index = {spec.stage: index[spec.key] for spec in self.stages if not spec.is_substage}
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_stage_index", stage_index)
        object.__setattr__(self, "_moves", moves(stage_index))
        problems = [f for f in _check(self) if f.result is Result.MAJOR]
        if problems:
            raise DefinitionError(self.name, problems)

    @property
    def keys(self) -> tuple[str, ...]:
        """The stage keys, in order."""
        return tuple(spec.key for spec in self.stages)

    def spec(self, key: str | Stage) -> StageSpec:
        """The stage (or sub-stage) with `key`; a `Stage` finds its main stage.

        Raises:
            LifecycleError: If the definition has no such stage.
        """
        i = self.position(key)
        return self.stages[i]

    def position(self, key: str | Stage) -> int:
        """The index of the stage `key` in the definition's `stages`.

        Raises:
            LifecycleError: If the definition has no such stage.
        """
        found = self._stage_index.get(key) if isinstance(key, Stage) else self._index.get(key)
        if found is None:
            name = key.value if isinstance(key, Stage) else key
            msg = f"{name!r} is not a stage of lifecycle definition {self.name!r}"
            raise LifecycleError(msg)
        return found

    def substages(self, stage: Stage) -> tuple[StageSpec, ...]:
        """The sub-stages of `stage`, in order."""
        return tuple(s for s in self.stages if s.stage is stage and s.is_substage)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Observations on the definition that do not stop it being used.

        For example a main stage of BS 11000-1 that the definition leaves out.

        Examples:
            >>> STANDARD.findings
            ()
        """
        return tuple(_check(self))

    def _repr_html_(self) -> str:
        """An HTML table of the stages with what each waits on (for notebooks)."""
        rows = []
        for spec in self.stages:
            needs = ", ".join(self.spec(r).title for r in spec.requires) or "-"
            after = ", ".join(self.spec(a).title for a in spec.after) or "-"
            rows.append(
                f"<tr><td>{spec.phase.title}</td><td>{html.escape(spec.title)}</td>"
                f"<td><code>{html.escape(spec.key)}</code></td><td>{html.escape(needs)}</td>"
                f"<td>{html.escape(after)}</td></tr>"
            )
        return (
            f"<table><caption>Lifecycle definition {html.escape(self.name)}</caption>"
            "<thead><tr><th>Phase</th><th>Stage</th><th>Key</th><th>Done before</th>"
            "<th>Started before</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


def _check(defn: LifecycleDefinition) -> list[Finding]:
    keys = {spec.key for spec in defn.stages}
    return [
        *_check_keys(defn),
        *_check_refs(defn, keys),
        *_unreachable(defn, keys),
        *_check_exit(defn, keys),
        *_missing(defn),
    ]


def _check_keys(defn: LifecycleDefinition) -> list[Finding]:
    seen: set[str] = set()
    found: list[Finding] = []
    for i, spec in enumerate(defn.stages):
        if spec.key in seen:
            found.append(
                _problem("DUPLICATE", f"stage key {spec.key!r} is used twice", spec.key, i)
            )
        seen.add(spec.key)
    return found


def _check_refs(defn: LifecycleDefinition, keys: set[str]) -> list[Finding]:
    name = defn.name
    main = {s.stage for s in defn.stages if not s.is_substage}
    found = [
        _problem(
            "DANGLING",
            f"stage {spec.key!r} refers to {ref!r} in {where}, which is not a stage of {name!r}",
            spec.key,
            i,
        )
        for i, spec in enumerate(defn.stages)
        for where in ("requires", "after")
        for ref in getattr(spec, where)
        if ref not in keys
    ]
    found.extend(
        _problem(
            "DEADLOCK",
            f"sub-stage {spec.key!r} requires its own stage {spec.stage.value!r} to be done, "
            "but that stage cannot complete before its sub-stages",
            spec.key,
            i,
        )
        for i, spec in enumerate(defn.stages)
        if spec.is_substage and spec.stage.value in spec.requires
    )
    found.extend(
        _problem(
            "ORPHAN",
            f"sub-stage {spec.key!r} belongs to {spec.stage.value!r}, "
            f"which is not a stage of {name!r}",
            spec.key,
            i,
        )
        for i, spec in enumerate(defn.stages)
        if spec.is_substage and spec.stage not in main
    )
    return found


def _check_exit(defn: LifecycleDefinition, keys: set[str]) -> list[Finding]:
    name = defn.name
    found: list[Finding] = []
    if defn.exit_stage is not None and defn.exit_stage not in keys:
        found.append(
            _problem(
                "DANGLING",
                f"exit_stage {defn.exit_stage!r} is not a stage of {name!r}",
                defn.exit_stage,
                None,
            )
        )
    found.extend(
        _problem(
            "DANGLING", f"exit_from names {ref!r}, which is not a stage of {name!r}", ref, None
        )
        for ref in defn.exit_from
        if ref not in keys
    )
    if defn.exit_from and defn.exit_stage is None:
        found.append(_problem("EXIT", "exit_from is set but there is no exit_stage", name, None))
    return found


def _missing(defn: LifecycleDefinition) -> list[Finding]:
    main = {s.stage for s in defn.stages if not s.is_substage}
    return [
        Finding(
            requirement="LC.DEFINITION.MISSING_STAGE",
            result=Result.OBSERVATION,
            message=f"stage {stage.number} ({stage.title}) is not part of {defn.name!r}",
            subjects=[stage.value],
        )
        for stage in Stage
        if stage not in main
    ]


def _unreachable(defn: LifecycleDefinition, keys: set[str]) -> list[Finding]:
    # Dangling references are reported on their own; here only cycles make stages unreachable.
    waits = {s.key: (set(s.requires) | set(s.after)) & keys for s in defn.stages}
    startable: set[str] = set()
    changed = True
    while changed:
        changed = False
        for key, needs in waits.items():
            if key not in startable and needs <= startable:
                startable.add(key)
                changed = True
    return [
        _problem(
            "UNREACHABLE",
            f"stage {spec.key!r} can never start: it waits on "
            f"{', '.join(sorted(waits[spec.key] - startable))}",
            spec.key,
            i,
        )
        for i, spec in enumerate(defn.stages)
        if spec.key not in startable and spec.key in keys
    ]


def _problem(topic: str, message: str, key: str, index: int | None) -> Finding:
    return Finding(
        requirement=f"LC.DEFINITION.{topic}",
        result=Result.MAJOR,
        message=message,
        explanation=[Check(description=message, passed=False)],
        paths=[f"stages[{index}]"] if index is not None else [],
        subjects=[key],
    )


def _standard(name: str, *, iso: bool) -> LifecycleDefinition:
    s = Stage
    needs: dict[Stage, tuple[tuple[Stage, ...], tuple[Stage, ...]]] = {
        s.AWARENESS: ((), ()),
        s.KNOWLEDGE: ((s.AWARENESS,), ()),
        # The strategic stages overlap: the internal assessment may run beside the business case.
        s.INTERNAL_ASSESSMENT: ((s.AWARENESS,), (s.KNOWLEDGE,)),
        s.PARTNER_SELECTION: ((s.KNOWLEDGE, s.INTERNAL_ASSESSMENT), ()),
        s.WORKING_TOGETHER: ((s.PARTNER_SELECTION,), ()),
        s.VALUE_CREATION: ((s.WORKING_TOGETHER,), ()),
        s.STAYING_TOGETHER: ((s.VALUE_CREATION,), ()),
        # The exit strategy is drafted from stage 2 on.
        s.EXIT_STRATEGY: ((), (s.KNOWLEDGE,)),
    }
    return LifecycleDefinition(
        name=name,
        stages=[
            StageSpec(
                key=stage.value,
                title=stage.iso44001_title if iso else stage.title,
                stage=stage,
                requires=[r.value for r in needs[stage][0]],
                after=[a.value for a in needs[stage][1]],
            )
            for stage in Stage
        ],
        exit_stage=s.EXIT_STRATEGY.value,
        exit_from=[s.WORKING_TOGETHER.value, s.VALUE_CREATION.value, s.STAYING_TOGETHER.value],
    )


STANDARD: Final = _standard("bs11000", iso=False)
"""The eight stages of BS 11000-1 with their usual order, overlaps and exit activation.

Starting a stage needs the stages before it completed (or not applicable), except that the
internal assessment may start once the knowledge stage has started, and the exit strategy
may be drafted from the knowledge stage on. Exit may be activated from working together,
value creation or staying together.
"""

ISO_44001: Final = _standard("iso44001", iso=True)
"""`STANDARD` with ISO 44001's stage names."""
