"""What a portfolio keeps of each plan: summaries, counts that add up, tiers and problems."""

from __future__ import annotations

import pickle
from datetime import date

import attrs
import pytest

from collabrel import examples
from collabrel.conformance import ConformanceReport, assess
from collabrel.errors import ArgumentError, InvalidFieldError
from collabrel.lifecycle import StageStatus
from collabrel.model import Partner, PartnerRole, RelationshipManagementPlan, Result, Stage
from collabrel.portfolio import (
    Accumulator,
    PortfolioProblem,
    ProblemKind,
    supply_chain_tiers,
)

AS_OF = date(2026, 10, 31)
PLANS: dict[str, RelationshipManagementPlan] = {n: examples.load(n) for n in examples.names()}
REPORTS: dict[str, ConformanceReport] = {n: assess(p, as_of=AS_OF) for n, p in PLANS.items()}
"""The bundled examples and their reports, assessed once for the module."""


def _one(name: str) -> Accumulator:
    acc = Accumulator()
    acc.add(f"{name}.json", PLANS[name], REPORTS[name])
    return acc


def _partner(pid: str, above: str | None = None) -> Partner:
    return Partner(id=pid, name=pid.upper(), role=PartnerRole.PARTNER, subcontractor_of=above)


class TestSupplyChainTiers:
    def test_parties_are_tier_one_and_each_subcontractor_one_further(self):
        """The consortium's chain penrith > saltmarsh > tern > undercliff is tiers 1 to 4."""
        tiers = supply_chain_tiers(PLANS["consortium"].relationship.partners)
        assert tiers["penrith"] == 1
        assert (tiers["saltmarsh"], tiers["tern"], tiers["undercliff"]) == (2, 3, 4)
        assert {tiers[p] for p in ("efa", "harrow", "marlowe", "quayside")} == {1}

    def test_the_order_of_partners_does_not_matter(self):
        """A subcontractor listed before its principal gets the same tier."""
        partners = [_partner("c", "b"), _partner("b", "a"), _partner("a")]
        assert supply_chain_tiers(partners) == {"a": 1, "b": 2, "c": 3}

    def test_a_loop_or_an_unknown_principal_has_no_tier(self):
        """A chain that loops, or names a partner not given, has no tier; the rest still do."""
        partners = [_partner("a"), _partner("x", "y"), _partner("y", "x"), _partner("z", "w")]
        assert supply_chain_tiers(partners) == {"a": 1, "x": None, "y": None, "z": None}

    def test_no_partners(self):
        """No partners, no tiers."""
        assert supply_chain_tiers([]) == {}


class TestAccumulatorAdd:
    def test_a_row_says_what_the_report_says(self):
        """The plan's row carries its location, revision, issue date and the report's verdict."""
        report = REPORTS["flawed"]
        (row,) = _one("flawed").freeze().rows
        assert row.location == "flawed.json"
        assert (row.subject, row.name) == (report.subject, report.subject_name)
        assert (row.revision, row.issued_on) == (PLANS["flawed"].meta.revision, date(2026, 6, 30))
        assert row.as_of == AS_OF
        assert row.ready is report.certification.ready is False
        assert row.tally == report.tally
        assert row.majors == report.certification.majors

    def test_stage_summaries_follow_the_reports_readiness(self):
        """One summary per stage, in order, with the status, agreement and readiness of each."""
        (row,) = _one("flawed").freeze().rows
        readiness = REPORTS["flawed"].readiness()
        assert [s.stage for s in row.stages] == list(Stage)
        for s, r in zip(row.stages, readiness, strict=True):
            assert s.status == (StageStatus(r.status) if r.status else None)
            assert (s.reached, s.agreed, s.readiness) == (r.reached, r.agreed, r.readiness)
            assert (s.nonconformities, s.majors) == (r.tally.nonconformities, r.tally.major)
        assert row.stage(Stage.KNOWLEDGE).status is StageStatus.IN_PROGRESS

    @pytest.mark.parametrize("name", list(PLANS))
    def test_roll_ups_of_one_plan_are_the_reports_own(self, name):
        """For one plan, counts by stage and by clause are the report's, the tally its tally."""
        portfolio = _one(name).freeze()
        report = REPORTS[name]
        assert portfolio.by_stage() == report.by_stage()
        assert portfolio.by_clause() == report.by_clause()
        assert portfolio.tally == report.tally

    def test_requirements_count_the_plans_that_judge_and_fail_them(self):
        """Each requirement is judged once by one plan; minors and majors are its result."""
        report = REPORTS["flawed"]
        counts = _one("flawed").freeze().by_requirement()
        assert set(counts) == {o.requirement for o in report.outcomes}
        for o in report.outcomes:
            c = counts[o.requirement]
            assert (c.title, c.clause, c.stage, c.assessed) == (o.title, o.clause, o.stage, 1)
            assert c.minor == (o.result is Result.MINOR)
            assert c.major == (o.result is Result.MAJOR)

    def test_partners_count_the_findings_naming_them(self):
        """A partner named by a finding's subjects counts it; each partner counts its plan."""
        report = REPORTS["consortium"]
        partners = _one("consortium").freeze().by_partner()
        for p in PLANS["consortium"].relationship.partners:
            naming = [f for f in report.findings if p.id in f.subjects]
            assert partners[p.id].plans == 1
            assert partners[p.id].name == p.name
            assert partners[p.id].findings == len(naming)
            bad = sum(f.result.is_nonconformity for f in naming)
            assert partners[p.id].nonconformities == bad

    def test_tiers_count_partners_plans_and_findings(self):
        """The consortium has five tier-1 partners and one at each of tiers 2 to 4."""
        tiers = _one("consortium").freeze().by_tier()
        assert {t: c.partners for t, c in tiers.items()} == {1: 5, 2: 1, 3: 1, 4: 1}
        assert all(c.plans == 1 and c.ready == 0 for c in tiers.values())
        named = [f for f in REPORTS["consortium"].findings if f.subjects]
        assert tiers[1].findings == len(named)

    def test_a_plan_without_a_relationship_has_no_partners(self):
        """The enterprise plan is summarised, but names no partner and no tier."""
        portfolio = _one("enterprise").freeze()
        assert portfolio.plans == 1
        assert portfolio.rows[0].subject is None
        assert portfolio.rows[0].relationship == "enterprise.json"
        assert (portfolio.partners, portfolio.tiers) == ((), ())

    def test_reports_against_another_standard_are_refused(self):
        """Adding a report against a second standard is an ArgumentError naming both."""
        acc = _one("alliance")
        other = assess(PLANS["flawed"], "bs11000-1:2010", as_of=AS_OF)
        with pytest.raises(ArgumentError, match="iso44001:2017") as info:
            acc.add("flawed.json", PLANS["flawed"], other)
        assert info.value.argument == "report"
        assert info.value.value == "bs11000-1:2010"


class TestAccumulator:
    def test_it_pickles_part_way(self):
        """An accumulator pickled after some plans freezes to the same report."""
        acc = _one("alliance")
        acc.add_problem(PortfolioProblem("bad.json", "not JSON", "load"))
        copy = pickle.loads(pickle.dumps(acc))  # noqa: S301 - our own bytes
        assert copy.freeze() == acc.freeze()

    def test_the_order_plans_are_added_in_does_not_matter(self):
        """Plans added in reverse give an equal report, rows by location."""
        forward, backward = Accumulator(), Accumulator()
        for name, plan in PLANS.items():
            forward.add(f"{name}.json", plan, REPORTS[name])
        for name in reversed(list(PLANS)):
            backward.add(f"{name}.json", PLANS[name], REPORTS[name])
        report = forward.freeze()
        assert report == backward.freeze()
        assert [r.location for r in report.rows] == sorted(f"{n}.json" for n in PLANS)

    def test_same_location_twice_is_kept_twice_in_one_order(self):
        """Two plans from one location are both kept, in an order of their contents."""
        one, two = Accumulator(), Accumulator()
        for acc, names in ((one, ("alliance", "flawed")), (two, ("flawed", "alliance"))):
            for name in names:
                acc.add("same.json", PLANS[name], REPORTS[name])
        assert one.freeze() == two.freeze()
        assert one.freeze().plans == 2

    def test_problems_are_kept_in_order(self):
        """Problems come out by location, then kind, then error."""
        acc = Accumulator()
        for p in (("b.json", "x", "assess"), ("a.json", "y", "load"), ("a.json", "x", "load")):
            acc.add_problem(PortfolioProblem(*p))
        problems = acc.freeze().problems
        assert [(p.location, p.error) for p in problems] == [
            ("a.json", "x"),
            ("a.json", "y"),
            ("b.json", "x"),
        ]


class TestPortfolioProblem:
    def test_kind_is_taken_by_value(self):
        """The kind may be given as its value; it is kept as the member."""
        problem = PortfolioProblem("portfolio.jsonl:17", "bad line", "worker")
        assert problem.kind is ProblemKind.WORKER

    def test_an_unknown_kind_is_refused(self):
        """A kind that is not load, assess or worker is a ValueError."""
        with pytest.raises(ValueError, match="'crash' is not a valid ProblemKind"):
            PortfolioProblem("a.json", "boom", "crash")

    def test_an_empty_location_is_refused(self):
        """A problem must say where it is."""
        with pytest.raises(InvalidFieldError, match="location"):
            PortfolioProblem("", "boom", "load")

    def test_it_is_a_value(self):
        """Problems compare and hash by their fields."""
        a = PortfolioProblem("a.json", "boom", "load")
        assert a == attrs.evolve(a)
        assert len({a, attrs.evolve(a)}) == 1


class TestDescriptions:
    def test_the_least_title_and_name_win_whatever_the_order(self):
        """A requirement titled, or a partner named, two ways keeps the least of the two."""
        report = REPORTS["flawed"]
        first = report.outcomes[0]
        retitled = attrs.evolve(
            report, outcomes=(attrs.evolve(first, title="A"), *report.outcomes[1:])
        )
        rel = PLANS["flawed"].relationship
        renamed_partner = attrs.evolve(rel.partners[0], name="AAA")
        plan = attrs.evolve(
            PLANS["flawed"],
            relationship=attrs.evolve(rel, partners=(renamed_partner, *rel.partners[1:])),
        )
        one, two = Accumulator(), Accumulator()
        one.add("a.json", PLANS["flawed"], report)
        one.add("b.json", plan, retitled)
        two.add("b.json", plan, retitled)
        two.add("a.json", PLANS["flawed"], report)
        merged = one.freeze() | two.freeze()
        assert one.freeze() == two.freeze()
        assert merged.by_requirement()[first.requirement].title == "A"
        assert merged.by_partner()[renamed_partner.id].name == "AAA"
        assert merged.by_partner()[renamed_partner.id].plans == 4

    def test_a_stage_the_report_lacks(self):
        """A summary without a stage answers `None` for it."""
        (row,) = _one("flawed").freeze().rows
        assert attrs.evolve(row, stages=()).stage(Stage.AWARENESS) is None
