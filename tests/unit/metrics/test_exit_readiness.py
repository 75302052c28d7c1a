"""Exit readiness weighs what matters: the table of criteria, the cap, and the docs' table."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from pathlib import Path

import attrs
import pytest
from attrs import evolve

from collabrel import examples
from collabrel.errors import MetricsError
from collabrel.metrics import (
    DEFAULT_EXIT_WEIGHTS,
    EXIT_CAP,
    EXIT_CRITERIA,
    EXIT_ESSENTIALS,
    assess_exit_readiness,
    exit_readiness_cap,
)
from collabrel.model import ExitPlan, RecordStatus

AS_OF = date(2026, 10, 31)
DOCS = Path(__file__).resolve().parents[3] / "docs" / "explanation" / "metrics.md"
BEGIN, END = "<!-- exit-criteria -->", "<!-- /exit-criteria -->"


def criteria_table() -> str:
    """The table of `EXIT_CRITERIA` as the docs show it, in Markdown."""
    lines = [
        "| element | weight | essential | judged under | why |",
        "|---|--:|:-:|---|---|",
    ]
    lines += [
        f"| {c.label} | {c.weight:g} | {'yes' if c.essential else 'no'} | `{c.requirement}` "
        f"| {c.reason} |"
        for c in EXIT_CRITERIA
    ]
    return "\n".join(lines)


def _plan() -> ExitPlan:
    plan = examples.load("alliance").require_relationship().exit_plan
    assert plan is not None
    return plan


def _readiness(plan: ExitPlan | None):
    return assess_exit_readiness(plan, AS_OF, partner_ids=plan.signatories if plan else [])


class TestExitCriteria:
    def test_the_docs_table_is_the_code_table(self):
        """docs/explanation/metrics.md shows EXIT_CRITERIA as they are, between its markers."""
        text = DOCS.read_text(encoding="utf-8")
        found = re.search(re.escape(BEGIN) + r"\n(.*?)\n" + re.escape(END), text, re.DOTALL)
        assert found, f"{DOCS.name} has no {BEGIN} ... {END} table"
        assert found.group(1).strip() == criteria_table()

    def test_weights_and_essentials_come_from_the_table(self):
        """The default weights and the essentials are read from EXIT_CRITERIA, in its order."""
        assert list(DEFAULT_EXIT_WEIGHTS.items()) == [(c.id, c.weight) for c in EXIT_CRITERIA]
        assert {c.id for c in EXIT_CRITERIA if c.essential} == EXIT_ESSENTIALS
        assert len({c.id for c in EXIT_CRITERIA}) == len(EXIT_CRITERIA)

    def test_the_issue_s_essentials_are_essential(self):
        """Agreed triggers, continuity arrangements and disengagement steps are essentials."""
        assert {"triggers", "continuity", "steps"} <= EXIT_ESSENTIALS

    def test_every_criterion_reads_a_field_of_the_exit_plan(self):
        """Each criterion names the exit plan's field it is read from, and gives a reason."""
        fields = {a.name for a in attrs.fields(ExitPlan)}
        for c in EXIT_CRITERIA:
            assert c.field in fields, c
            assert c.reason.endswith("."), c
            assert c.requirement.startswith("CBR.S8."), c


class TestExitReadinessCap:
    def test_cap_falls_with_every_essential_missing(self):
        """No essential missing: no cap; one: 49; then lower for each further one."""
        caps = [exit_readiness_cap(k) for k in range(len(EXIT_ESSENTIALS) + 1)]
        assert caps[0] == 100
        assert caps[1] == EXIT_CAP == 49
        assert caps[2] == 24.5
        assert all(a > b for a, b in pairwise(caps))

    @pytest.mark.parametrize("bad", [-1, 1.0, True, "1", None])
    def test_bad_count(self, bad):
        """The count of essentials missing must be an integer of at least 0."""
        with pytest.raises(MetricsError, match="missing_essentials"):
            exit_readiness_cap(bad)

    @pytest.mark.parametrize("essential", sorted(EXIT_ESSENTIALS - {"approved", "signed"}))
    def test_one_essential_missing_caps_a_complete_plan(self, essential):
        """A complete plan missing one essential of its contents scores 49, not 'mostly ready'."""
        criterion = next(c for c in EXIT_CRITERIA if c.id == essential)
        readiness = _readiness(evolve(_plan(), **{criterion.field: ()}))
        assert readiness.weighted > 80
        assert readiness.score == readiness.cap == 49
        assert [e.id for e in readiness.capped_by] == [essential]
        assert "at most 49: 1 essential missing" in repr(readiness)

    def test_unsigned_and_draft_plans_are_capped(self):
        """A draft, or a plan a partner has not signed, is not agreed: capped too."""
        plan = _plan()
        unsigned = assess_exit_readiness(plan, AS_OF, partner_ids=[*plan.signatories, "newco"])
        assert [e.id for e in unsigned.capped_by] == ["signed"]
        assert unsigned.score == 49
        draft = _readiness(evolve(plan, status=RecordStatus.DRAFT))
        assert "approved" in {e.id for e in draft.capped_by}
        assert draft.score < 50

    def test_a_complete_plan_is_not_capped(self):
        """With every element in place there is no cap and nothing capped it."""
        readiness = _readiness(_plan())
        assert (readiness.score, readiness.cap, readiness.capped_by) == (100.0, None, ())

    def test_no_plan_scores_zero_with_every_essential_missing(self):
        """Without a plan every essential is missing: the cap is the lowest, the score 0."""
        readiness = _readiness(None)
        assert readiness.score == 0
        assert readiness.cap == exit_readiness_cap(len(EXIT_ESSENTIALS))
        assert {e.id for e in readiness.capped_by} == EXIT_ESSENTIALS

    def test_essentials_cap_whatever_their_weight(self):
        """An essential weighted 0 still caps: essential is not a matter of weight."""
        weights = {**DEFAULT_EXIT_WEIGHTS, "steps": 0}
        plan = evolve(_plan(), steps=())
        readiness = assess_exit_readiness(
            plan, AS_OF, partner_ids=plan.signatories, weights=weights
        )
        assert readiness.weighted == 100
        assert readiness.score == 49

    def test_findings_and_records_say_what_is_essential(self):
        """A missing essential's finding says it caps readiness; the rows mark essentials."""
        readiness = _readiness(evolve(_plan(), steps=()))
        (finding,) = readiness.findings()
        assert finding.paths == ("relationship.exit_plan.steps",)
        assert "essential: readiness is at most 49" in finding.message
        rows = {r["element"]: r for r in readiness.to_records()}
        assert rows["steps"]["essential"] is True
        assert rows["future_relationship"]["essential"] is False
