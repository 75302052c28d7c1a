"""RACI validation agrees with a plain reference check on generated matrices."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from collabrel.governance import Limits, validate_raci
from collabrel.model import RACIMatrix
from collabrel.testing import strategies as cst

PARTIES = ["ann", "bob", "cy", "jmt"]
ALPHABETS = ["RACI", "RASCI", "RACIVS", "DACI"]
MATRICES = st.sampled_from(ALPHABETS).flatmap(
    lambda letters: cst.raci_matrices(parties=PARTIES, alphabet=letters)
)
LIMITS = st.builds(
    Limits,
    max_consulted=st.integers(0, 3),
    max_accountable_share=st.sampled_from([0.0, 0.34, 0.5, 1.0]),
    overload_min_activities=st.integers(0, 4),
)


def reference(m: RACIMatrix, limits: Limits) -> set[tuple[str, ...]]:  # noqa: C901
    """What a careful reader of the matrix would report, written as plainly as possible."""
    resp = "D" if m.alphabet == "DACI" else "R"
    if not m.activities:
        return {("GOV.RACI.EMPTY",)}
    out: set[tuple[str, ...]] = set()
    for row in m.activities:
        if not row.assignments:
            out.add(("GOV.RACI.UNASSIGNED", row.id))
            continue
        a = [x.party for x in row.assignments if "A" in x.codes]
        r = [x.party for x in row.assignments if resp in x.codes]
        c = [x.party for x in row.assignments if "C" in x.codes]
        if len(a) == 0:
            out.add(("GOV.RACI.NO_ACCOUNTABLE", row.id))
        if len(a) > 1:
            out.add(("GOV.RACI.MULTIPLE_ACCOUNTABLE", row.id))
        if not r and not (m.accountable_acts_as_responsible and a):
            out.add(("GOV.RACI.NO_RESPONSIBLE", row.id))
        for x in row.assignments:
            if len(set(x.codes)) > 1 and set(x.codes) != {"A", resp}:
                out.add(("GOV.RACI.CONFLICTING_CODES", row.id, x.party))
        if len(c) > limits.max_consulted:
            out.add(("GOV.RACI.TOO_MANY_CONSULTED", row.id))
    for party in m.parties:
        codes = "".join(m.by_party(party).values())
        if "A" not in codes and resp not in codes:
            out.add(("GOV.RACI.IDLE_PARTY", party))
        held = sum("A" in c for c in m.by_party(party).values())
        n = len(m.activities)
        if n >= limits.overload_min_activities and held / n > limits.max_accountable_share:
            out.add(("GOV.RACI.OVERLOAD", party))
    return out


def found(m: RACIMatrix, limits: Limits) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for f in validate_raci(m, limits=limits):
        if f.requirement == "GOV.RACI.EMPTY":
            out.add((f.requirement,))
        elif f.requirement in {"GOV.RACI.IDLE_PARTY", "GOV.RACI.OVERLOAD"}:
            out.add((f.requirement, f.subjects[0]))
        elif f.requirement == "GOV.RACI.CONFLICTING_CODES":
            out.add((f.requirement, *f.subjects[:2]))
        else:
            out.add((f.requirement, f.subjects[0]))
    return out


@given(MATRICES, LIMITS)
def test_findings_agree_with_the_reference(matrix, limits):
    """Every finding is one the reference expects, and none is missing."""
    assert found(matrix, limits) == reference(matrix, limits)


@given(MATRICES)
def test_one_finding_per_problem(matrix):
    """No problem is reported twice."""
    report = validate_raci(matrix)
    keys = [(f.requirement, f.paths, f.subjects) for f in report]
    assert len(keys) == len(set(keys))


@given(MATRICES)
def test_validation_does_not_change_the_matrix(matrix):
    """The matrix compares equal to a copy after validation."""
    copy = RACIMatrix(
        activities=matrix.activities,
        alphabet=matrix.alphabet,
        accountable_acts_as_responsible=matrix.accountable_acts_as_responsible,
    )
    validate_raci(matrix)
    assert matrix == copy
