"""Behaviour of LifecycleState and StageStatus: construction, lookups, roll-ups, value semantics."""

from __future__ import annotations

import copy
import pickle
from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from _lifecycle import AT, DONE, IP, MIXED, NA, NS, RE
from collabrel.errors import InvalidFieldError, LifecycleError
from collabrel.lifecycle import (
    ISO_44001,
    STANDARD,
    LifecycleState,
    StageStatus,
)
from collabrel.model import Phase, Stage

STANDARD_KEYS = tuple(stage.value for stage in Stage)


def _mixed() -> LifecycleState:
    """A state with every status present, on the standard definition."""
    return LifecycleState.from_statuses({**MIXED, "exit_strategy": IP})


class TestStageStatus:
    @pytest.mark.parametrize(
        ("status", "active", "done", "started"),
        [
            (NS, False, False, False),
            (IP, True, False, True),
            (DONE, False, True, True),
            (RE, True, False, True),
            (NA, False, True, True),
        ],
    )
    def test_predicates(self, status, active, done, started):
        """is_active, is_done and is_started classify each status."""
        assert (status.is_active, status.is_done, status.is_started) == (active, done, started)

    @pytest.mark.parametrize(
        ("status", "label"),
        [
            (NS, "not started"),
            (IP, "in progress"),
            (DONE, "completed"),
            (RE, "reopened"),
            (NA, "not applicable"),
        ],
    )
    def test_label_is_for_people(self, status, label):
        """The label spells the status with spaces."""
        assert status.label == label

    def test_statuses_are_the_five_of_the_issue(self):
        """There are exactly five statuses with their snake-case values."""
        assert {s.value for s in StageStatus} == {
            "not_started",
            "in_progress",
            "completed",
            "reopened",
            "not_applicable",
        }


class TestLifecycleState:
    def test_fields_are_kept(self):
        """A state built from valid fields exposes them unchanged."""
        later = AT + timedelta(days=3)
        state = LifecycleState(statuses=[IP, *([NS] * 7)], updated_at=later, exit_activated_at=AT)
        assert state.definition is STANDARD
        assert state.statuses == (IP, *([NS] * 7))
        assert state.updated_at == later
        assert state.exit_activated_at == AT

    def test_accepts_any_iterable_of_statuses(self):
        """Statuses may come from a generator; they are stored as a tuple."""
        state = LifecycleState(statuses=(NS for _ in range(8)))
        assert state.statuses == (NS,) * 8
        assert isinstance(state.statuses, tuple)

    def test_custom_definition_sets_the_length(self, selection_variant):
        """A custom definition needs one status per its own stages."""
        defn = selection_variant
        state = LifecycleState(definition=defn, statuses=[NS] * 5)
        assert len(state.statuses) == 5

    @pytest.mark.parametrize("n", [0, 7, 9])
    def test_wrong_length_names_statuses(self, n):
        """Too few or too many statuses is an InvalidFieldError on `statuses`."""
        with pytest.raises(InvalidFieldError) as info:
            LifecycleState(statuses=[NS] * n)
        assert info.value.cls == "LifecycleState"
        assert info.value.field == "statuses"
        assert "8" in info.value.expectation

    def test_wrong_length_for_custom_definition(self, selection_variant):
        """Eight statuses do not fit a five-stage definition."""
        with pytest.raises(InvalidFieldError, match="selection_variant") as info:
            LifecycleState(definition=selection_variant, statuses=[NS] * 8)
        assert info.value.field == "statuses"

    @pytest.mark.parametrize(
        "statuses",
        [["not_started"] * 8, [NS] * 7 + [None], [NS] * 7 + ["completed"]],
        ids=["strings", "none", "one-string"],
    )
    def test_wrong_item_type_names_statuses(self, statuses):
        """Status values that are not StageStatus members are rejected."""
        with pytest.raises(InvalidFieldError) as info:
            LifecycleState(statuses=statuses)
        assert info.value.field == "statuses"

    def test_non_iterable_statuses(self):
        """A non-iterable `statuses` is an InvalidFieldError, not a TypeError."""
        with pytest.raises(InvalidFieldError) as info:
            LifecycleState(statuses=5)  # type: ignore[arg-type]
        assert info.value.field == "statuses"

    def test_wrong_definition_type(self):
        """A definition that is not a LifecycleDefinition names `definition`."""
        with pytest.raises(InvalidFieldError) as info:
            LifecycleState(definition="bs11000", statuses=[NS] * 8)  # type: ignore[arg-type]
        assert info.value.field == "definition"

    @pytest.mark.parametrize("name", ["updated_at", "exit_activated_at"])
    @pytest.mark.parametrize(
        "value",
        [datetime(2025, 1, 6, 9, 0), date(2025, 1, 6), "2025-01-06T09:00:00+00:00"],  # noqa: DTZ001
        ids=["naive", "date", "string"],
    )
    def test_timestamps_must_be_aware_datetimes(self, name, value):
        """Naive datetimes, dates and strings are rejected, naming the field."""
        with pytest.raises(InvalidFieldError) as info:
            LifecycleState(statuses=[NS] * 8, **{name: value})
        assert info.value.field == name
        assert "aware" in info.value.expectation

    def test_fields_are_keyword_only(self):
        """Positional construction is refused (the signature is keyword-only)."""
        with pytest.raises(TypeError):
            LifecycleState(STANDARD, [NS] * 8)  # type: ignore[misc]

    def test_is_immutable(self):
        """Fields cannot be assigned."""
        state = LifecycleState.initial()
        with pytest.raises(AttributeError):
            state.updated_at = AT  # type: ignore[misc]


class TestInitial:
    def test_every_stage_not_started(self):
        """The initial standard state has eight stages, none started, no timestamps."""
        state = LifecycleState.initial()
        assert state.definition is STANDARD
        assert state.statuses == (NS,) * 8
        assert state.updated_at is None
        assert state.exit_activated_at is None
        assert state.started == ()

    def test_custom_definition(self, selection_variant):
        """The initial state of a custom definition has one status per its stages."""
        defn = selection_variant
        state = LifecycleState.initial(defn)
        assert state.definition is defn
        assert state.statuses == (NS,) * 5

    def test_equals_a_validated_state(self):
        """initial() equals the same state built through the constructor."""
        assert LifecycleState.initial() == LifecycleState(statuses=[NS] * 8)

    def test_wrong_definition_type_is_a_clear_error(self):
        """A definition that is not a LifecycleDefinition gives a collabrel error."""
        with pytest.raises((InvalidFieldError, LifecycleError)):
            LifecycleState.initial("bs11000")  # type: ignore[arg-type]


class TestFromStatuses:
    def test_keys_stages_and_values(self):
        """Statuses may be keyed by stage key or Stage, given as members or values."""
        state = LifecycleState.from_statuses(
            {"awareness": "completed", Stage.KNOWLEDGE: IP, "exit_strategy": "in_progress"}
        )
        assert state.status(Stage.AWARENESS) is DONE
        assert state.status("knowledge") is IP
        assert state.status(Stage.EXIT_STRATEGY) is IP

    def test_unnamed_stages_are_not_started(self):
        """Stages not in the mapping are not started."""
        state = LifecycleState.from_statuses({"knowledge": IP})
        assert [k for k, s in state.by_key().items() if s is not NS] == ["knowledge"]

    def test_empty_mapping_is_initial(self):
        """No statuses give the initial state."""
        assert LifecycleState.from_statuses({}) == LifecycleState.initial()

    def test_timestamps_are_passed_on(self):
        """updated_at and exit_activated_at reach the state."""
        state = LifecycleState.from_statuses(
            {"exit_strategy": IP}, updated_at=AT, exit_activated_at=AT
        )
        assert state.updated_at == AT
        assert state.is_exit_activated

    def test_timestamps_are_validated(self):
        """A naive updated_at is rejected as in the constructor."""
        with pytest.raises(InvalidFieldError) as info:
            LifecycleState.from_statuses({}, updated_at=datetime(2025, 1, 1))  # noqa: DTZ001
        assert info.value.field == "updated_at"

    def test_unknown_key(self):
        """A key that is not a stage is a LifecycleError naming it and the definition."""
        with pytest.raises(LifecycleError, match=r"'nowhere'.*'bs11000'"):
            LifecycleState.from_statuses({"nowhere": IP})

    def test_stage_missing_from_custom_definition(self, selection_variant):
        """A Stage the custom definition leaves out is a LifecycleError."""
        with pytest.raises(LifecycleError, match="value_creation"):
            LifecycleState.from_statuses({Stage.VALUE_CREATION: IP}, definition=selection_variant)

    def test_bad_status_names_the_entry(self):
        """An unknown status value is an InvalidFieldError naming the key and the choices."""
        with pytest.raises(InvalidFieldError) as info:
            LifecycleState.from_statuses({"awareness": "finished"})
        assert info.value.field == "statuses['awareness']"
        assert "not_applicable" in info.value.expectation

    def test_substage_keys(self, selection_variant):
        """Sub-stage keys of a custom definition are accepted."""
        state = LifecycleState.from_statuses({"shortlist": IP}, definition=selection_variant)
        assert state.active == ("shortlist",)


class TestStatus:
    def test_by_stage_and_key_agree(self):
        """status() gives the same answer for a Stage and its key."""
        state = _mixed()
        for stage in Stage:
            assert state.status(stage) is state.status(stage.value)

    def test_unknown_stage(self):
        """An unknown key is a LifecycleError, not a KeyError."""
        with pytest.raises(LifecycleError, match="'nowhere'"):
            LifecycleState.initial().status("nowhere")

    def test_substage(self, selection_variant):
        """A sub-stage's status is found by its key; its Stage finds the main stage."""
        state = LifecycleState.from_statuses(
            {"partner_selection": IP, "shortlist": DONE}, definition=selection_variant
        )
        assert state.status("shortlist") is DONE
        assert state.status(Stage.PARTNER_SELECTION) is IP


class TestByKey:
    def test_in_definition_order(self):
        """by_key lists every stage key in the definition's order with its status."""
        state = _mixed()
        found = state.by_key()
        assert tuple(found) == STANDARD_KEYS
        assert found["knowledge"] is RE
        assert found["value_creation"] is NS


class TestActiveStartedCompleted:
    def test_active(self):
        """Active stages are the in-progress and reopened ones, in order."""
        assert _mixed().active == ("knowledge", "partner_selection", "exit_strategy")

    def test_started(self):
        """Started stages are every stage that left not_started, skipped ones included."""
        assert _mixed().started == (
            "awareness",
            "knowledge",
            "internal_assessment",
            "partner_selection",
            "exit_strategy",
        )

    def test_completed(self):
        """Completed stages exclude the skipped (not applicable) and reopened ones."""
        assert _mixed().completed == ("awareness",)

    def test_several_active_at_once(self):
        """Several stages may be in progress at once."""
        state = LifecycleState.from_statuses(dict.fromkeys(STANDARD_KEYS, IP))
        assert state.active == STANDARD_KEYS

    def test_exit_activation_flag(self):
        """is_exit_activated follows exit_activated_at."""
        assert not LifecycleState.initial().is_exit_activated
        assert LifecycleState.from_statuses({}, exit_activated_at=AT).is_exit_activated


class TestPhaseStatus:
    @pytest.mark.parametrize(
        ("strategic", "expected"),
        [
            ((NS, NS, NS), NS),
            ((IP, NS, NS), IP),
            ((DONE, IP, NS), IP),
            ((DONE, NS, NS), IP),
            ((NA, NS, NS), IP),
            ((DONE, RE, DONE), IP),
            ((DONE, DONE, DONE), DONE),
            ((DONE, NA, DONE), DONE),
            ((NA, NA, DONE), DONE),
            ((NA, NA, NA), NA),
        ],
    )
    def test_roll_up_rules(self, strategic, expected):
        """The strategic phase rolls up its three stages by the documented rules."""
        state = LifecycleState.from_statuses(
            dict(zip(("awareness", "knowledge", "internal_assessment"), strategic, strict=True))
        )
        assert state.phase_status(Phase.STRATEGIC) is expected

    def test_phases_are_independent(self):
        """One phase's stages do not affect another phase's roll-up."""
        state = LifecycleState.from_statuses(
            {"awareness": DONE, "knowledge": DONE, "internal_assessment": DONE}
        )
        assert state.phases == {
            Phase.STRATEGIC: DONE,
            Phase.ENGAGEMENT: NS,
            Phase.MANAGEMENT: NS,
        }

    def test_substages_count_in_their_phase(self, selection_variant):
        """A sub-stage still open keeps its phase in progress though the main stage is done."""
        defn = selection_variant
        state = LifecycleState.from_statuses(
            {"partner_selection": DONE, "shortlist": DONE, "due_diligence": IP}, definition=defn
        )
        assert state.phase_status(Phase.ENGAGEMENT) is IP
        done = LifecycleState.from_statuses(
            {"partner_selection": DONE, "shortlist": DONE, "due_diligence": NA}, definition=defn
        )
        assert done.phase_status(Phase.ENGAGEMENT) is DONE

    def test_phase_without_stages_is_not_started(self, selection_variant):
        """A phase the definition has no stage in rolls up to not started."""
        state = LifecycleState.from_statuses(
            {"awareness": DONE, "knowledge": DONE}, definition=selection_variant
        )
        assert state.phase_status(Phase.MANAGEMENT) is NS


class TestValueSemantics:
    def test_equal_fields_are_equal(self):
        """Two states with the same fields are equal and hash alike."""
        a = LifecycleState.from_statuses({"awareness": IP}, updated_at=AT)
        b = LifecycleState(statuses=[IP, *([NS] * 7)], updated_at=AT)
        assert a == b
        assert not a != b  # noqa: SIM202
        assert hash(a) == hash(b)
        assert len({a, b}) == 1

    def test_same_instant_in_other_zone_is_equal(self):
        """updated_at compares as an instant, whatever its time zone."""
        other = AT.astimezone(timezone(timedelta(hours=5)))
        a = LifecycleState.from_statuses({}, updated_at=AT)
        b = LifecycleState.from_statuses({}, updated_at=other)
        assert a == b
        assert hash(a) == hash(b)

    @pytest.mark.parametrize(
        "other",
        [
            LifecycleState.from_statuses({"awareness": DONE}, updated_at=AT),
            LifecycleState.from_statuses({"awareness": IP}, updated_at=AT + timedelta(1)),
            LifecycleState.from_statuses({"awareness": IP}, updated_at=AT, exit_activated_at=AT),
            LifecycleState.from_statuses({"awareness": IP}, updated_at=AT, definition=ISO_44001),
        ],
        ids=["statuses", "updated_at", "exit", "definition"],
    )
    def test_any_difference_is_unequal(self, other):
        """States differing in any field are unequal."""
        state = LifecycleState.from_statuses({"awareness": IP}, updated_at=AT)
        assert state != other
        assert not state == other  # noqa: SIM201

    def test_equal_custom_definitions_give_equal_states(self, selection_variant):
        """States over two equal (not identical) custom definitions are equal."""
        a = LifecycleState.initial(selection_variant)
        b = LifecycleState.initial(attrs.evolve(selection_variant))
        assert a.definition is not b.definition
        assert a == b
        assert hash(a) == hash(b)

    def test_not_equal_to_a_plain_tuple(self):
        """A state compares unequal to a plain tuple holding the same fields."""
        state = LifecycleState.initial()
        plain = tuple(state)
        assert state != plain
        assert plain != state

    def test_not_equal_to_other_types(self):
        """A state is unequal to non-tuples."""
        state = LifecycleState.initial()
        assert state != list(state)
        assert state != "state"
        assert state is not None

    def test_pickle_round_trip(self, selection_variant):
        """Pickling keeps every field, on a custom definition too."""
        state = LifecycleState.from_statuses(
            {"awareness": DONE, "shortlist": RE},
            definition=selection_variant,
            updated_at=AT,
            exit_activated_at=AT,
        )
        back = pickle.loads(pickle.dumps(state))  # noqa: S301
        assert back == state
        assert type(back) is LifecycleState
        assert back.status("shortlist") is RE

    def test_deepcopy_is_equal(self):
        """A deep copy is an equal LifecycleState."""
        state = _mixed()
        back = copy.deepcopy(state)
        assert back == state
        assert type(back) is LifecycleState

    def test_replace_makes_a_changed_copy(self):
        """_replace returns a new state with the change and leaves the original alone."""
        state = _mixed()
        before = copy.copy(state)
        later = state._replace(updated_at=AT)
        assert later.updated_at == AT
        assert later.statuses == state.statuses
        assert state == before
        assert state.updated_at is None

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"updated_at": datetime(2025, 1, 1)}, "updated_at"),  # noqa: DTZ001
            ({"statuses": (NS,) * 3}, "statuses"),
            ({"exit_activated_at": "soon"}, "exit_activated_at"),
        ],
    )
    def test_replace_validates(self, change, field):
        """_replace checks the result like the constructor does."""
        with pytest.raises(InvalidFieldError) as info:
            _mixed()._replace(**change)
        assert info.value.field == field

    def test_replace_with_another_definition_checks_the_statuses(self, selection_variant):
        """_replace with a definition of other length fails on the statuses."""
        with pytest.raises(InvalidFieldError) as info:
            _mixed()._replace(definition=selection_variant)
        assert info.value.field == "statuses"

    def test_repr_of_initial(self):
        """The initial state says nothing started."""
        assert repr(LifecycleState.initial()) == "LifecycleState(bs11000: nothing started)"

    def test_repr_lists_started_stages_and_times(self):
        """repr names the definition, every started stage and the timestamps."""
        state = LifecycleState.from_statuses(
            {"awareness": DONE, "exit_strategy": RE},
            definition=ISO_44001,
            updated_at=AT,
            exit_activated_at=AT,
        )
        assert repr(state) == (
            "LifecycleState(iso44001: awareness=completed, exit_strategy=reopened, "
            "updated_at=2025-01-06T09:00:00+00:00, exit_activated_at=2025-01-06T09:00:00+00:00)"
        )
