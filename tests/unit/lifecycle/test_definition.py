"""Behaviour of lifecycle definitions: stage specs, the built-in models and definition checks."""

from __future__ import annotations

import pickle

import pytest

from _lifecycle import spec as _spec
from collabrel.errors import InvalidFieldError, LifecycleError
from collabrel.lifecycle import (
    ISO_44001,
    STANDARD,
    DefinitionError,
    LifecycleDefinition,
    StageSpec,
)
from collabrel.model import Phase, Result, Stage


def _variant(**kw: object) -> LifecycleDefinition:
    """Awareness, knowledge, partner selection with two sub-stages; no exit stage."""
    fields: dict[str, object] = {
        "name": "selection_variant",
        "stages": [
            _spec("awareness"),
            _spec("knowledge", requires=["awareness"]),
            _spec("partner_selection", requires=["knowledge"]),
            _spec("shortlist", Stage.PARTNER_SELECTION, after=["partner_selection"]),
            _spec("due_diligence", Stage.PARTNER_SELECTION, requires=["shortlist"]),
        ],
        "exit_stage": None,
    }
    fields.update(kw)
    return LifecycleDefinition(**fields)  # type: ignore[arg-type]


def _problems(**kw: object) -> DefinitionError:
    with pytest.raises(DefinitionError) as info:
        _variant(**kw)
    return info.value


def _requirements(err: DefinitionError) -> list[str]:
    return [f.requirement for f in err.findings]


class TestStageSpec:
    def test_main_stage(self):
        """A spec whose key is its stage's value is a main stage of that stage's phase."""
        spec = _spec("value_creation")
        assert not spec.is_substage
        assert spec.phase is Phase.ENGAGEMENT

    def test_substage(self):
        """A spec with a key of its own is a sub-stage of the stage it names."""
        spec = _spec("shortlist", Stage.PARTNER_SELECTION)
        assert spec.is_substage
        assert spec.phase is Phase.ENGAGEMENT

    def test_requires_and_after_become_tuples(self):
        """requires and after are stored as tuples, defaulting to empty."""
        spec = _spec("knowledge", requires=["awareness"])
        assert spec.requires == ("awareness",)
        assert spec.after == ()

    @pytest.mark.parametrize("where", ["requires", "after"])
    def test_repeated_reference_is_rejected(self, where):
        """A key listed twice in requires or after is an InvalidFieldError on that field."""
        with pytest.raises(InvalidFieldError) as info:
            _spec("knowledge", **{where: ["awareness", "awareness"]})
        assert info.value.field == where

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"key": "two words"}, "key"),
            ({"title": "  "}, "title"),
            ({"stage": "awareness"}, "stage"),
        ],
    )
    def test_bad_fields_name_the_field(self, fields, field):
        """A bad key, blank title or a stage that is not a Stage names the field."""
        base: dict[str, object] = {"key": "awareness", "title": "A", "stage": Stage.AWARENESS}
        base.update(fields)
        with pytest.raises(InvalidFieldError) as info:
            StageSpec(**base)  # type: ignore[arg-type]
        assert info.value.field == field


class TestStandard:
    @pytest.mark.parametrize("defn", [STANDARD, ISO_44001], ids=["bs11000", "iso44001"])
    def test_eight_stages_in_order(self, defn):
        """The built-in definitions have the eight stages, keyed by Stage value, in order."""
        assert defn.keys == tuple(s.value for s in Stage)
        assert [s.stage for s in defn.stages] == list(Stage)
        assert not any(s.is_substage for s in defn.stages)

    def test_names(self):
        """The two built-in definitions are named bs11000 and iso44001."""
        assert (STANDARD.name, ISO_44001.name) == ("bs11000", "iso44001")

    def test_bs11000_titles(self):
        """STANDARD uses the BS 11000 stage titles."""
        assert [s.title for s in STANDARD.stages] == [
            "Awareness",
            "Knowledge",
            "Internal assessment",
            "Partner selection",
            "Working together",
            "Value creation",
            "Staying together",
            "Exit strategy",
        ]

    def test_iso_44001_titles(self):
        """ISO_44001 uses ISO 44001's names, e.g. Operational awareness."""
        titles = {s.key: s.title for s in ISO_44001.stages}
        assert titles["awareness"] == "Operational awareness"
        assert titles["exit_strategy"] == "Exit strategy activation"
        assert titles["partner_selection"] == "Partner selection"

    def test_iso_44001_has_the_same_rules(self):
        """ISO_44001 differs from STANDARD only in names and titles."""
        for a, b in zip(STANDARD.stages, ISO_44001.stages, strict=True):
            assert (a.key, a.stage, a.requires, a.after) == (b.key, b.stage, b.requires, b.after)
        assert (STANDARD.exit_stage, STANDARD.exit_from) == (
            ISO_44001.exit_stage,
            ISO_44001.exit_from,
        )
        assert STANDARD != ISO_44001

    @pytest.mark.parametrize(
        ("key", "requires", "after"),
        [
            ("awareness", (), ()),
            ("knowledge", ("awareness",), ()),
            ("internal_assessment", ("awareness",), ("knowledge",)),
            ("partner_selection", ("knowledge", "internal_assessment"), ()),
            ("working_together", ("partner_selection",), ()),
            ("value_creation", ("working_together",), ()),
            ("staying_together", ("value_creation",), ()),
            ("exit_strategy", (), ("knowledge",)),
        ],
    )
    def test_what_each_stage_waits_on(self, key, requires, after):
        """Each standard stage's requires and after follow BS 11000-1's usual order."""
        spec = STANDARD.spec(key)
        assert (spec.requires, spec.after) == (requires, after)

    def test_exit(self):
        """Exit is activated on exit_strategy from working together, value creation, staying."""
        assert STANDARD.exit_stage == "exit_strategy"
        assert STANDARD.exit_from == ("working_together", "value_creation", "staying_together")

    @pytest.mark.parametrize("defn", [STANDARD, ISO_44001], ids=["bs11000", "iso44001"])
    def test_no_findings(self, defn):
        """The built-in definitions have no problems and no observations."""
        assert defn.findings == ()


class TestLifecycleDefinition:
    def test_variant_with_substages_builds(self):
        """A variant with sub-stages builds, keeping its stages in order."""
        defn = _variant()
        assert defn.keys == (
            "awareness",
            "knowledge",
            "partner_selection",
            "shortlist",
            "due_diligence",
        )

    def test_substages(self):
        """substages() lists a stage's sub-stages in order, and none for other stages."""
        defn = _variant()
        assert [s.key for s in defn.substages(Stage.PARTNER_SELECTION)] == [
            "shortlist",
            "due_diligence",
        ]
        assert defn.substages(Stage.KNOWLEDGE) == ()
        assert STANDARD.substages(Stage.PARTNER_SELECTION) == ()

    def test_spec_and_position(self):
        """spec() and position() find stages by key, and main stages by Stage."""
        defn = _variant()
        assert defn.position("due_diligence") == 4
        assert defn.spec("shortlist").title == "Shortlist"
        assert defn.spec(Stage.PARTNER_SELECTION).key == "partner_selection"
        assert defn.position(Stage.PARTNER_SELECTION) == 2

    @pytest.mark.parametrize("key", ["nowhere", Stage.VALUE_CREATION])
    def test_unknown_stage(self, key):
        """Asking for a stage the definition lacks is a LifecycleError naming both."""
        with pytest.raises(LifecycleError, match=r"is not a stage of lifecycle definition"):
            _variant().spec(key)
        with pytest.raises(LifecycleError, match="selection_variant"):
            _variant().position(key)

    def test_equal_definitions(self):
        """Two definitions with the same fields are equal and hash alike."""
        assert _variant() == _variant()
        assert hash(_variant()) == hash(_variant())

    def test_pickle_round_trip(self):
        """A pickled definition comes back equal and still finds its stages."""
        back = pickle.loads(pickle.dumps(_variant()))  # noqa: S301
        assert back == _variant()
        assert back.position("shortlist") == 3

    def test_default_exit_stage_must_exist(self):
        """Without exit_strategy, the default exit_stage is a dangling reference."""
        err = _problems(exit_stage="exit_strategy")
        assert _requirements(err) == ["LC.DEFINITION.DANGLING"]
        assert "exit_stage 'exit_strategy'" in err.findings[0].message

    def test_duplicate_keys(self):
        """A key used twice is reported with the path of the second use."""
        stages = [*_variant().stages, _spec("knowledge", requires=["awareness"])]
        err = _problems(stages=stages)
        assert _requirements(err) == ["LC.DEFINITION.DUPLICATE"]
        finding = err.findings[0]
        assert finding.paths == ("stages[5]",)
        assert finding.subjects == ("knowledge",)
        assert "'knowledge' is used twice" in finding.message

    @pytest.mark.parametrize("where", ["requires", "after"])
    def test_dangling_reference(self, where):
        """A reference to a missing key is DANGLING, reported once, naming key and field."""
        stages = [*_variant().stages, _spec("exit_strategy", **{where: ["nowhere"]})]
        err = _problems(stages=stages)
        assert _requirements(err) == ["LC.DEFINITION.DANGLING"]
        dangling = err.findings[0]
        assert dangling.message == (
            f"stage 'exit_strategy' refers to 'nowhere' in {where}, "
            "which is not a stage of 'selection_variant'"
        )
        assert dangling.paths == ("stages[5]",)
        assert dangling.subjects == ("exit_strategy",)

    def test_dangling_exit_from(self):
        """exit_from naming a missing stage is DANGLING."""
        stages = [*_variant().stages, _spec("exit_strategy")]
        err = _problems(stages=stages, exit_stage="exit_strategy", exit_from=["staying_together"])
        assert _requirements(err) == ["LC.DEFINITION.DANGLING"]
        assert "exit_from names 'staying_together'" in err.findings[0].message

    def test_exit_from_without_exit_stage(self):
        """exit_from without an exit_stage is an EXIT problem."""
        err = _problems(exit_from=["knowledge"])
        assert _requirements(err) == ["LC.DEFINITION.EXIT"]

    def test_cycle_is_unreachable(self):
        """Stages that wait on each other, and stages waiting on them, can never start."""
        stages = [
            _spec("awareness"),
            _spec("knowledge", requires=["internal_assessment"]),
            _spec("internal_assessment", after=["knowledge"]),
            _spec("partner_selection", requires=["internal_assessment"]),
        ]
        err = _problems(stages=stages)
        assert _requirements(err) == ["LC.DEFINITION.UNREACHABLE"] * 3
        assert [f.subjects for f in err.findings] == [
            ("knowledge",),
            ("internal_assessment",),
            ("partner_selection",),
        ]
        assert err.findings[0].message == (
            "stage 'knowledge' can never start: it waits on internal_assessment"
        )

    def test_self_reference_is_unreachable(self):
        """A stage that requires itself can never start."""
        err = _problems(stages=[_spec("awareness", requires=["awareness"])])
        assert _requirements(err) == ["LC.DEFINITION.UNREACHABLE"]

    def test_orphan_substage(self):
        """A sub-stage of a stage the definition leaves out is an ORPHAN."""
        stages = [*_variant().stages, _spec("pilot", Stage.VALUE_CREATION)]
        err = _problems(stages=stages)
        assert _requirements(err) == ["LC.DEFINITION.ORPHAN"]
        assert err.findings[0].subjects == ("pilot",)
        assert "'value_creation'" in err.findings[0].message

    def test_substage_requiring_its_own_stage_is_a_deadlock(self):
        """A sub-stage that needs its own stage done could never start: a DEADLOCK."""
        stages = [*_variant().stages, _spec("pilot", Stage.KNOWLEDGE, requires=["knowledge"])]
        err = _problems(stages=stages)
        assert _requirements(err) == ["LC.DEFINITION.DEADLOCK"]
        assert err.findings[0].subjects == ("pilot",)

    def test_every_problem_is_listed(self):
        """DefinitionError lists every problem, all major, each with a failed check."""
        stages = [
            _spec("awareness", requires=["ghost"]),
            _spec("awareness"),
            _spec("pilot", Stage.VALUE_CREATION),
            _spec("knowledge", requires=["knowledge"]),
        ]
        err = _problems(stages=stages, exit_stage="nowhere")
        assert sorted(_requirements(err)) == [
            "LC.DEFINITION.DANGLING",
            "LC.DEFINITION.DANGLING",
            "LC.DEFINITION.DUPLICATE",
            "LC.DEFINITION.ORPHAN",
            "LC.DEFINITION.UNREACHABLE",
        ]
        for f in err.findings:
            assert f.result is Result.MAJOR
            assert [c.passed for c in f.explanation] == [False]
            assert f.subjects
        assert str(err).startswith("lifecycle definition 'selection_variant' has 5 problems:\n")
        for f in err.findings:
            assert f.message in str(err)

    def test_single_problem_message(self):
        """One problem is reported in the singular."""
        err = _problems(exit_from=["knowledge"])
        assert "has 1 problem:" in str(err)

    def test_definition_error_is_a_lifecycle_error_and_pickles(self):
        """DefinitionError is a LifecycleError and survives pickling with its findings."""
        err = _problems(exit_from=["knowledge"])
        assert isinstance(err, LifecycleError)
        assert err.name == "selection_variant"
        back = pickle.loads(pickle.dumps(err))  # noqa: S301
        assert back.findings == err.findings
        assert str(back) == str(err)

    def test_missing_stages_are_observations(self):
        """Main stages left out are observations, one per stage, that do not stop the build."""
        defn = _variant(stages=[_spec("knowledge")])
        missing = defn.findings
        assert {f.requirement for f in missing} == {"LC.DEFINITION.MISSING_STAGE"}
        assert {f.result for f in missing} == {Result.OBSERVATION}
        assert [f.subjects[0] for f in missing] == [
            s.value for s in Stage if s is not Stage.KNOWLEDGE
        ]
        assert missing[0].message == "stage 1 (Awareness) is not part of 'selection_variant'"

    def test_iso_variant_with_substages(self):
        """A user variant with ISO 44001 names and extra sub-stages builds without problems."""
        stages = [
            *ISO_44001.stages,
            _spec("due_diligence", Stage.PARTNER_SELECTION, after=["partner_selection"]),
        ]
        defn = LifecycleDefinition(name="iso_dd", stages=stages, exit_from=ISO_44001.exit_from)
        assert defn.findings == ()
        assert defn.spec("awareness").title == "Operational awareness"
        assert [s.key for s in defn.substages(Stage.PARTNER_SELECTION)] == ["due_diligence"]

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"name": "has space"}, "name"),
            ({"stages": []}, "stages"),
            ({"stages": ["awareness"]}, "stages"),
            ({"exit_from": ["knowledge", "knowledge"]}, "exit_from"),
        ],
    )
    def test_bad_fields_name_the_field(self, fields, field):
        """Wrong field types are InvalidFieldErrors naming the field."""
        with pytest.raises(InvalidFieldError) as info:
            _variant(**fields)
        assert info.value.field == field
