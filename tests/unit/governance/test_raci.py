from __future__ import annotations

import pytest

from collabrel import examples, to_data
from collabrel.errors import GovernanceError, InvalidFieldError
from collabrel.governance import (
    ALPHABETS,
    GovernanceFinding,
    GovernanceReport,
    Limits,
    RaciAlphabet,
    resolve_alphabet,
    validate_raci,
)
from collabrel.model import RaciActivity, RaciAssignment, RACIMatrix, Result


def matrix(*rows: dict[str, str], alphabet: str = "RACI", acting: bool = False) -> RACIMatrix:
    return RACIMatrix(
        activities=[
            RaciActivity(
                id=f"a{i}",
                name=f"Activity {i}",
                assignments=[RaciAssignment(party=p, codes=c) for p, c in row.items()],
            )
            for i, row in enumerate(rows)
        ],
        alphabet=alphabet,
        accountable_acts_as_responsible=acting,
    )


def ids(report: GovernanceReport) -> list[str]:
    return [f.requirement for f in report]


class TestValidateRaci:
    def test_a_clean_matrix_has_no_findings(self):
        """One A and one R per activity, everyone active: nothing to report."""
        m = matrix({"jeb": "A", "jmt": "R"}, {"jmt": "A", "ann": "R"})
        assert len(validate_raci(m)) == 0

    def test_empty_matrix_is_an_observation(self):
        """A matrix with no activities gives one observation."""
        (f,) = validate_raci(RACIMatrix())
        assert f.requirement == "GOV.RACI.EMPTY"
        assert f.result is Result.OBSERVATION

    def test_activity_naming_nobody(self):
        """An activity without assignments is reported once, as unassigned."""
        m = matrix({"jeb": "A", "jmt": "R"}, {})
        assert ids(validate_raci(m)) == ["GOV.RACI.UNASSIGNED"]
        assert validate_raci(m)[0].paths == ("relationship.governance.raci.activities[1]",)

    def test_no_accountable(self):
        """An activity without an A is a major finding naming the activity."""
        (f,) = validate_raci(matrix({"jmt": "R", "ann": "A"}, {"jmt": "R"}))
        assert f.requirement == "GOV.RACI.NO_ACCOUNTABLE"
        assert f.result is Result.MAJOR
        assert f.subjects == ("a1",)
        assert f.nodes == ("activity:a1",)

    def test_two_accountables(self):
        """Two As on one activity is a major finding naming both parties."""
        (f,) = validate_raci(matrix({"ann": "A", "bob": "A", "jmt": "R"}))
        assert f.requirement == "GOV.RACI.MULTIPLE_ACCOUNTABLE"
        assert f.subjects == ("a0", "ann", "bob")

    def test_no_responsible(self):
        """An activity with an A and no R needs a responsible party."""
        assert ids(validate_raci(matrix({"ann": "A", "jmt": "C"}, {"jmt": "AR"}))) == [
            "GOV.RACI.NO_RESPONSIBLE"
        ]

    def test_accountable_may_act_as_responsible_when_the_matrix_says_so(self):
        """With the flag set, an A alone is enough."""
        assert len(validate_raci(matrix({"ann": "A"}, acting=True))) == 0

    def test_the_flag_does_not_help_without_an_accountable(self):
        """The flag needs an accountable party to act."""
        report = validate_raci(matrix({"ann": "C"}, acting=True))
        assert {"GOV.RACI.NO_ACCOUNTABLE", "GOV.RACI.NO_RESPONSIBLE"} <= set(ids(report))

    def test_ar_is_allowed(self):
        """A and R held together by one party is fine."""
        assert len(validate_raci(matrix({"ann": "A/R"}))) == 0

    def test_other_pairs_conflict(self):
        """Two codes other than A with R are a minor finding pointing at the assignment."""
        (f,) = validate_raci(matrix({"ann": "AR", "bob": "RC"}))
        assert f.requirement == "GOV.RACI.CONFLICTING_CODES"
        assert f.result is Result.MINOR
        assert f.paths == ("relationship.governance.raci.activities[0].assignments[1]",)

    def test_too_many_consulted(self):
        """More consulted parties than the limit is an observation; the limit is configurable."""
        row = {"ann": "AR", **{f"p{i}": "C" for i in range(3)}}
        m = matrix(row, {"p0": "AR", "p1": "R", "p2": "R", "ann": "C"})
        assert len(validate_raci(m, limits=Limits(max_consulted=3))) == 0
        report = validate_raci(m, limits=Limits(max_consulted=2))
        assert ids(report) == ["GOV.RACI.TOO_MANY_CONSULTED"]

    def test_idle_party(self):
        """A party never A or R is an observation listing where it appears."""
        (f,) = validate_raci(matrix({"ann": "AR", "bob": "I"}, {"ann": "AR", "bob": "C"}))
        assert f.requirement == "GOV.RACI.IDLE_PARTY"
        assert f.result is Result.OBSERVATION
        assert len(f.paths) == 2

    def test_overload(self):
        """A party accountable for more than the share of activities is a minor finding."""
        rows = [{"ann": "AR"}] * 3 + [{"bob": "AR"}]
        (f,) = validate_raci(matrix(*rows))
        assert f.requirement == "GOV.RACI.OVERLOAD"
        assert f.subjects[0] == "ann"
        assert len(validate_raci(matrix(*rows), limits=Limits(max_accountable_share=0.75))) == 0

    def test_small_matrices_are_not_judged_for_overload(self):
        """Below the minimum number of activities, overload is not judged."""
        rows = [{"ann": "AR"}] * 3
        assert len(validate_raci(matrix(*rows))) == 0
        assert ids(validate_raci(matrix(*rows), limits=Limits(overload_min_activities=3))) == [
            "GOV.RACI.OVERLOAD"
        ]

    def test_daci_roles(self):
        """In DACI the Approver is accountable and the Driver responsible."""
        ok = matrix({"ann": "A", "bob": "D"}, alphabet="DACI")
        assert len(validate_raci(ok)) == 0
        (f,) = validate_raci(matrix({"ann": "A", "bob": "C"}, {"bob": "AD"}, alphabet="DACI"))
        assert f.requirement == "GOV.RACI.NO_RESPONSIBLE"
        assert "driver (D)" in f.message

    @pytest.mark.parametrize("name", ["RASCI", "RACI-VS"])
    def test_other_builtin_alphabets(self, name):
        """RASCI and RACI-VS keep A accountable and R responsible."""
        letters = ALPHABETS[name].letters
        m = matrix({"ann": "A", "bob": "R", "cy": "S"}, alphabet=letters)
        assert ids(validate_raci(m)) == ["GOV.RACI.IDLE_PARTY"]
        assert len(validate_raci(m, name)) == 1

    def test_letters_outside_the_alphabet_are_an_error(self):
        """Asking for an alphabet the matrix does not fit is a GovernanceError."""
        with pytest.raises(GovernanceError, match="RACI alphabet"):
            validate_raci(matrix({"ann": "A", "bob": "S"}, alphabet="RASCI"), "RACI")

    def test_unknown_alphabet_without_a_and_r_is_an_error(self):
        """An alphabet whose roles cannot be inferred is a GovernanceError."""
        with pytest.raises(GovernanceError, match="accountable and responsible"):
            validate_raci(matrix({"ann": "X"}, alphabet="XYZ"))

    def test_custom_paths(self):
        """Findings' paths start at the path given."""
        (f,) = validate_raci(matrix({"ann": "R"}), path="raci")
        assert f.paths == ("raci.activities[0]",)

    def test_does_not_change_the_matrix(self):
        """Validation leaves the matrix as it was."""
        m = matrix({"ann": "A", "bob": "A"}, {})
        before = RACIMatrix(activities=m.activities, alphabet=m.alphabet)
        validate_raci(m)
        assert m == before

    def test_flawed_example(self):
        """The flawed example's two accountables and missing A and R are found."""
        raci = examples.load("flawed").relationship.governance.raci
        report = validate_raci(raci)
        found = {(f.requirement, f.subjects[0]) for f in report.nonconformities}
        assert found == {
            ("GOV.RACI.MULTIPLE_ACCOUNTABLE", "act-change"),
            ("GOV.RACI.NO_ACCOUNTABLE", "act-report"),
            ("GOV.RACI.NO_RESPONSIBLE", "act-report"),
        }

    def test_alliance_has_no_nonconformities(self):
        """The alliance's matrix is sound; only parties with no A or R are observed."""
        raci = examples.load("alliance").relationship.governance.raci
        report = validate_raci(raci)
        assert report.nonconformities == ()
        idle = {
            p
            for p in raci.parties
            if not any(set(c) & {"A", "R"} for c in raci.by_party(p).values())
        }
        assert {f.subjects[0] for f in report} == idle
        assert report.requirements == ("GOV.RACI.IDLE_PARTY",)


class TestResolveAlphabet:
    def test_by_name_and_by_letters(self):
        """A built-in alphabet is found by its name or its letters."""
        assert resolve_alphabet("RACI-VS") is resolve_alphabet(None, "RACIVS")

    def test_an_alphabet_object_is_returned_as_is(self):
        """A RaciAlphabet passes through."""
        assert resolve_alphabet(ALPHABETS["DACI"]) is ALPHABETS["DACI"]

    def test_unknown_letters_with_a_and_r_are_raci_like(self):
        """Unknown letters with A and R read A as accountable and R as responsible."""
        abc = resolve_alphabet(None, "RAX")
        assert (abc.accountable, abc.responsible, abc.consulted) == ("A", "R", None)


class TestRaciAlphabet:
    def test_meaning(self):
        """Each letter has a word."""
        assert ALPHABETS["RASCI"].meaning("S") == "Supportive"

    def test_meaning_of_an_unknown_letter(self):
        """Asking for a letter outside the alphabet is a GovernanceError."""
        with pytest.raises(GovernanceError):
            ALPHABETS["RACI"].meaning("Z")

    def test_role_letters_must_be_in_the_alphabet(self):
        """The accountable letter must be one of the letters."""
        with pytest.raises(InvalidFieldError) as err:
            RaciAlphabet(name="X", letters="XY", words=("x", "y"), accountable="A", responsible="X")
        assert err.value.field == "accountable"

    def test_one_word_per_letter(self):
        """Words and letters must pair up."""
        with pytest.raises(InvalidFieldError):
            RaciAlphabet(name="X", letters="AR", words=("a",), accountable="A", responsible="R")


class TestGovernanceReport:
    def test_sequence_and_tables(self):
        """A report is a sequence of findings with records and plain data."""
        report = validate_raci(matrix({"ann": "A", "bob": "A"}))
        assert isinstance(report[0], GovernanceFinding)
        assert report[:1] == report.findings[:1]
        records = report.to_records()
        assert [r["requirement"] for r in records] == list(ids(report))
        assert to_data(report)["findings"][0]["result"] == "major"
        assert "GOV.RACI.MULTIPLE_ACCOUNTABLE" in str(report)
        assert "<table>" in report._repr_html_()

    def test_empty_report_renders(self):
        """An empty report says so."""
        assert str(GovernanceReport()) == "No governance findings."
        assert "No governance findings" in GovernanceReport()._repr_html_()

    def test_select_matches_whole_segments(self):
        """select('GOV.RACI') matches GOV.RACI.* but not GOV.RACIX."""
        report = validate_raci(matrix({"ann": "A", "bob": "A"}))
        assert report.select("GOV.RACI") == report.findings
        assert report.select("GOV.RAC") == ()


class TestLimits:
    @pytest.mark.parametrize(
        ("field", "value"),
        [("max_consulted", -1), ("max_consulted", True), ("max_betweenness", 1.5)],
    )
    def test_bad_values(self, field, value):
        """Negative counts and shares outside 0..1 are refused, naming the field."""
        with pytest.raises(InvalidFieldError) as err:
            Limits(**{field: value})
        assert err.value.field == field
