"""Enterprise plans (issue 15, principle 7): the organisation-wide RMP and plans inheriting it."""

from __future__ import annotations

from datetime import date
from typing import Final

import attrs
import pytest

from collabrel import examples
from collabrel.conformance import (
    RecordRule,
    RequirementLevel,
    assess,
    assess_many,
    builtin_rules,
    catalogue,
    catalogues,
    parse_catalogue,
)
from collabrel.conformance._enterprise import PREFIX, inheritable
from collabrel.errors import (
    CatalogueError,
    DocumentError,
    InvalidFieldError,
    NoRelationshipError,
)
from collabrel.model import (
    PlanKind,
    PlanReference,
    Record,
    RelationshipManagementPlan,
    Result,
)
from collabrel.serialization import loads

AS_OF: Final = date(2026, 10, 31)
ENTERPRISE_TITLE: Final = "Greywater Harbour Authority - collaborative working"


@pytest.fixture(scope="module")
def enterprise() -> RelationshipManagementPlan:
    """The bundled enterprise plan of the flawed relationship's client."""
    return examples.load("enterprise")


def put(plan: RelationshipManagementPlan, path: str, value: object) -> RelationshipManagementPlan:
    """`plan` with `value` at the dotted `path` (`stages.awareness.policy`)."""
    head, _, rest = path.partition(".")
    if not rest:
        return attrs.evolve(plan, **{head: value})
    return attrs.evolve(plan, **{head: put(getattr(plan, head), rest, value)})


def at(plan: object, path: str) -> object:
    """The value at the dotted `path` of `plan`."""
    for name in path.split("."):
        plan = getattr(plan, name)
    return plan


def finding(report, requirement):
    """The one finding on `requirement`."""
    (found,) = report.findings_for(requirement)
    return found


class TestRequirementLevel:
    def test_every_requirement_has_a_level(self):
        """Each requirement of both catalogues says where it is met."""
        for name in catalogues():
            assert all(isinstance(r.level, RequirementLevel) for r in catalogue(name))

    def test_catalogues_agree_on_shared_requirements(self):
        """A requirement in both catalogues has the same level in each: one fact, one answer."""
        bs, iso = (catalogue(n) for n in ("bs11000-1:2010", "iso44001:2017"))
        differ = [r.id for r in bs if r.id in iso and iso[r.id].level is not r.level]
        assert not differ

    def test_a_rule_judges_requirements_of_one_level(self):
        """A rule never mixes an enterprise-level requirement with a relationship-level one."""
        for name in catalogues():
            cat = catalogue(name)
            for rule in builtin_rules():
                levels = {cat[q].level for q in rule.requirements if q in cat}
                assert len(levels) <= 1, (name, rule.id, levels)

    def test_enterprise_requirements_are_the_organisations_own(self):
        """What the organisation sets once is never a joint record with partners."""
        for name in catalogues():
            for r in catalogue(name):
                if r.level is RequirementLevel.ENTERPRISE:
                    assert not r.joint, r.id

    def test_inheritable_records_are_record_rows(self, enterprise):
        """Every inheritable path is a record of a stage, judged by one record rule row."""
        rows = {r.path: r for r in builtin_rules() if isinstance(r, RecordRule)}
        for name in catalogues():
            for path in inheritable(catalogue(name)):
                assert path in rows, path
                assert not rows[path].joint
                assert isinstance(at(enterprise, path), Record), path

    def test_level_defaults_to_relationship(self):
        """A catalogue that does not say is about relationships."""
        cat = parse_catalogue(
            {
                "format": 1,
                "name": "acme:policy",
                "title": "Acme",
                "standard": "Acme",
                "version": 1,
                "clauses": [{"id": "1", "title": "Partners"}],
                "requirements": [
                    {"id": "ACME.P.VETTED", "title": "T", "text": "T.", "clause": "1"},
                    {
                        "id": "ACME.P.POLICY",
                        "title": "T",
                        "text": "T.",
                        "clause": "1",
                        "level": "enterprise",
                    },
                ],
            }
        )
        assert cat["ACME.P.VETTED"].level is RequirementLevel.RELATIONSHIP
        assert cat["ACME.P.POLICY"].level is RequirementLevel.ENTERPRISE

    def test_bad_level_names_its_path(self):
        """An unknown level is a CatalogueError at the requirement's `level`."""
        with pytest.raises(CatalogueError, match=r"requirements\[0\]\.level: must be one of"):
            parse_catalogue(
                {
                    "format": 1,
                    "name": "x",
                    "title": "X",
                    "standard": "X",
                    "version": 1,
                    "clauses": [{"id": "1", "title": "C"}],
                    "requirements": [
                        {"id": "X.A", "title": "T", "text": "T.", "clause": "1", "level": "world"}
                    ],
                }
            )


class TestEnterprisePlan:
    def test_needs_no_relationship(self, enterprise):
        """An enterprise plan describes no relationship, and says so when asked for one."""
        assert enterprise.meta.kind is PlanKind.ENTERPRISE
        with pytest.raises(NoRelationshipError, match="is an enterprise"):
            enterprise.require_relationship()

    def test_inherits_from_no_plan(self, enterprise):
        """An enterprise plan naming a plan to inherit from is refused, with the path."""
        meta = attrs.evolve(enterprise.meta, inherits=PlanReference(title="Another"))
        with pytest.raises(DocumentError, match=r"meta\.inherits: an enterprise plan inherits"):
            attrs.evolve(enterprise, meta=meta)

    def test_describes_no_relationship(self, enterprise, flawed):
        """An enterprise plan carrying a relationship is refused at `relationship`."""
        with pytest.raises(DocumentError) as info:
            attrs.evolve(enterprise, relationship=flawed.relationship)
        assert "relationship" in [p.path for p in info.value.problems]

    def test_inherits_from_no_plan_in_a_document(self):
        """Read from a document, the same problem is reported at `meta.inherits`."""
        text = (
            "meta: {schema_version: 2, title: T, issued_on: 2026-01-01, author: A,"
            " kind: enterprise, inherits: {title: Other}}\n"
        )
        with pytest.raises(DocumentError) as info:
            loads(text, "yaml")
        assert [p.path for p in info.value.problems] == ["meta.inherits"]

    @pytest.mark.parametrize("standard", catalogues())
    def test_judged_only_at_enterprise_and_plan_level(self, enterprise, standard):
        """Relationship-level requirements are not applicable to it (the report says why), or
        not assessable as anywhere when records cannot show them."""
        report = assess(enterprise, standard, as_of=AS_OF)
        cat = catalogue(standard)
        for outcome in report.outcomes:
            level = cat[outcome.requirement].level
            if level is RequirementLevel.RELATIONSHIP and cat[outcome.requirement].assessable:
                assert outcome.result is Result.NOT_APPLICABLE
                assert outcome.rules == ()
                assert (
                    "not applicable to an enterprise plan"
                    in finding(report, outcome.requirement).message
                )
            else:
                assert outcome.result in (Result.CONFORMS, Result.NOT_ASSESSABLE)

    def test_its_records_are_judged_by_the_record_rules(self, enterprise):
        """The policy is judged as any plan's: recorded, approved, current, with objectives."""
        f = finding(assess(enterprise, as_of=AS_OF), "CBR.S1.POLICY")
        assert f.result is Result.CONFORMS
        assert f.explanation[0].path == "stages.awareness.policy"

    def test_an_overdue_record_is_not_current(self, enterprise):
        """Judged years later, the enterprise plan's own records are overdue for review."""
        f = finding(assess(enterprise, as_of=date(2029, 1, 1)), "CBR.S1.POLICY")
        assert f.result.is_nonconformity
        assert any(c.passed is False and "overdue" in (c.observed or "") for c in f.explanation)


class TestInheriting:
    def test_the_flawed_plan_names_the_enterprise_plan(self, flawed, enterprise):
        """The flawed relationship inherits from its client's enterprise plan."""
        assert flawed.meta.inherits == PlanReference(title=ENTERPRISE_TITLE)
        assert flawed.meta.inherits.matches(enterprise.meta.title, enterprise.meta.revision)

    def test_without_the_enterprise_plan_nothing_is_inherited(self, flawed):
        """Naming an enterprise plan changes nothing until it is given to the assessment."""
        assert finding(assess(flawed, as_of=AS_OF), "CBR.S3.PROFILE").result is Result.MAJOR

    def test_a_missing_record_is_inherited(self, flawed, enterprise):
        """The flawed plan's missing profile is the enterprise plan's, and the report says so."""
        f = finding(assess(flawed, as_of=AS_OF, enterprise=enterprise), "CBR.S3.PROFILE")
        assert f.result is Result.CONFORMS
        first = f.explanation[0]
        assert first.passed
        assert first.path == PREFIX + "stages.internal_assessment.collaborative_profile"
        assert first.observed.endswith(
            f"inherited from enterprise plan {ENTERPRISE_TITLE!r} (revision 3)"
        )
        assert all(c.path.startswith(PREFIX) for c in f.explanation)

    def test_the_plans_own_record_comes_first(self, flawed, enterprise):
        """The flawed plan's own overdue policy is judged, not the enterprise plan's current one."""
        f = finding(assess(flawed, as_of=AS_OF, enterprise=enterprise), "CBR.S1.POLICY")
        assert f.result is Result.MINOR
        assert not any(c.path.startswith(PREFIX) for c in f.explanation)

    def test_relationship_records_are_never_inherited(self, flawed, enterprise):
        """Only the records of enterprise-level requirements are inherited."""
        plan = put(flawed, "stages.working_together.joint_rmp", None)
        ent = put(
            enterprise,
            "stages.working_together.joint_rmp",
            attrs.evolve(
                flawed.stages.working_together.joint_rmp, approved_by=None, signatories=()
            ),
        )
        f = finding(assess(plan, as_of=AS_OF, enterprise=ent), "CBR.S5.JOINT_RMP")
        assert f.explanation[0].path == "stages.working_together.joint_rmp"
        assert f.explanation[0].passed is False

    def test_an_inherited_record_must_be_in_place_on_the_date(self, flawed, enterprise):
        """Judged before the enterprise plan's profile was approved, it is not in place."""
        f = finding(assess(flawed, as_of=date(2025, 5, 1), enterprise=enterprise), "CBR.S3.PROFILE")
        assert f.result.is_nonconformity
        (check,) = f.explanation
        assert check.passed is False
        assert "not in place on that date" in check.observed

    def test_an_inherited_record_must_be_current(self, flawed, enterprise):
        """An enterprise record past its own review period is not current for the plan either."""
        f = finding(assess(flawed, as_of=date(2028, 1, 1), enterprise=enterprise), "CBR.S3.PROFILE")
        current = [c for c in f.explanation if "current on" in c.description]
        assert [c.passed for c in current] == [False]
        assert current[0].path == PREFIX + (
            "stages.internal_assessment.collaborative_profile.last_reviewed_on"
        )


class TestAssessArguments:
    def test_the_enterprise_plan_must_be_one(self, flawed, alliance):
        """A relationship plan given as the enterprise plan is refused."""
        with pytest.raises(
            InvalidFieldError, match=r"assess\.enterprise must be a plan whose meta\.kind"
        ):
            assess(flawed, as_of=AS_OF, enterprise=alliance)

    def test_the_plan_must_name_it(self, enterprise, alliance):
        """A plan naming another enterprise plan is refused, naming both."""
        with pytest.raises(InvalidFieldError, match="Northmoor Rail Infrastructure") as info:
            assess(alliance, as_of=AS_OF, enterprise=enterprise)
        assert info.value.field == "enterprise"

    def test_a_plan_naming_none_is_refused(self, flawed, enterprise):
        """A plan that names no enterprise plan inherits from none."""
        plan = attrs.evolve(flawed, meta=attrs.evolve(flawed.meta, inherits=None))
        with pytest.raises(InvalidFieldError, match=r"no enterprise plan in meta\.inherits"):
            assess(plan, as_of=AS_OF, enterprise=enterprise)

    def test_a_pinned_revision_must_match(self, flawed, enterprise):
        """A plan relying on another revision of the enterprise plan is refused."""
        ref = PlanReference(title=ENTERPRISE_TITLE, revision=2)
        plan = attrs.evolve(flawed, meta=attrs.evolve(flawed.meta, inherits=ref))
        with pytest.raises(InvalidFieldError, match="revision 2"):
            assess(plan, as_of=AS_OF, enterprise=enterprise)

    def test_not_a_plan_at_all(self, flawed):
        """Something other than a plan is refused, naming its type."""
        with pytest.raises(InvalidFieldError, match="got 'str'"):
            assess(flawed, as_of=AS_OF, enterprise="corporate")

    def test_a_portfolio_inherits_where_it_names_the_plan(self, flawed, alliance, enterprise):
        """assess_many gives the enterprise plan to the plans naming it, and only to them."""
        reports = list(assess_many([flawed, alliance], as_of=AS_OF, enterprise=enterprise))
        assert finding(reports[0], "CBR.S3.PROFILE").result is Result.CONFORMS
        assert reports[1] == assess(alliance, as_of=AS_OF)


class TestPlanReference:
    def test_matches_title_and_pinned_revision(self):
        """A reference without a revision matches every revision; a pinned one only its own."""
        assert PlanReference(title="T").matches("T", 7)
        assert not PlanReference(title="T", revision=6).matches("T", 7)

    def test_round_trips_in_a_plan(self, flawed):
        """A plan's `meta.inherits` survives every format."""
        from collabrel import dumps  # noqa: PLC0415

        for fmt in ("json", "yaml", "toml"):
            assert loads(dumps(flawed, fmt), fmt).meta.inherits == flawed.meta.inherits

    def test_bad_revision_names_its_path(self):
        """A revision below 1 is an error at `meta.inherits.revision`."""
        text = (
            "meta: {schema_version: 2, title: T, issued_on: 2026-01-01, author: A, kind: template,"
            " inherits: {title: E, revision: 0}}\n"
        )
        with pytest.raises(DocumentError) as info:
            loads(text, "yaml")
        assert [p.path for p in info.value.problems] == ["meta.inherits.revision"]

    def test_old_documents_load_without_it(self):
        """A version 1 document, written before enterprise plans, reads with no `inherits`."""
        text = (
            "meta: {schema_version: 1, title: T, issued_on: 2026-01-01, author: A, kind: template}"
        )
        plan = loads(text, "yaml")
        assert plan.meta.inherits is None
        assert plan.meta.kind is PlanKind.TEMPLATE


class TestReport:
    def test_says_what_kind_of_plan_was_assessed(self, enterprise, flawed):
        """A report carries the plan's kind, and explains an enterprise plan's readiness by it."""
        report = assess(enterprise, as_of=AS_OF)
        assert report.plan_kind is PlanKind.ENTERPRISE
        assert assess(flawed, as_of=AS_OF).plan_kind is PlanKind.RELATIONSHIP
        assert report.certification.reasons[0].startswith("an enterprise plan: ")

    def test_kind_round_trips_with_the_report(self, enterprise):
        """The kind survives the report's JSON form."""
        from collabrel import dumps  # noqa: PLC0415
        from collabrel.conformance import ConformanceReport  # noqa: PLC0415

        report = assess(enterprise, as_of=AS_OF)
        assert loads(dumps(report, "json"), "json", cls=ConformanceReport) == report


class TestSchema:
    def test_enterprise_and_inheriting_plans_validate(self, enterprise, flawed):
        """Both the enterprise plan and a plan naming it validate against the JSON Schema."""
        import jsonschema  # noqa: PLC0415

        from collabrel import json_schema, to_data  # noqa: PLC0415

        validator = jsonschema.Draft202012Validator(json_schema())
        for plan in (enterprise, flawed):
            validator.validate(to_data(plan))
        data = to_data(flawed)
        data["meta"]["inherits"] = {"title": ENTERPRISE_TITLE, "revision": "three"}
        assert not validator.is_valid(data)

    def test_schema_names_the_kind_and_the_reference(self):
        """The schema knows the enterprise kind and what `meta.inherits` holds."""
        from collabrel import json_schema  # noqa: PLC0415

        defs = json_schema()["$defs"]
        assert "enterprise" in defs["PlanKind"]["enum"]
        assert defs["PlanReference"]["required"] == ["title"]


class TestLifecycleGuards:
    def test_a_stage_completed_on_an_inherited_record_is_in_order(self, alliance, enterprise):
        """The history's guards count a record the plan inherits as the plan's own.

        The corporate policy must be in place when the alliance completed awareness (March
        2024), as the plan's own would: a record approved after an event's day was not there.
        """
        ref = alliance.meta.inherits
        corporate = attrs.evolve(
            enterprise, meta=attrs.evolve(enterprise.meta, title=ref.title, revision=ref.revision)
        )
        policy = corporate.stages.awareness.policy
        corporate = put(
            corporate, "stages.awareness.policy", attrs.evolve(policy, approved_on=date(2023, 6, 1))
        )
        late = assess(
            plan := put(alliance, "stages.awareness.policy", None),
            as_of=AS_OF,
            enterprise=put(corporate, "stages.awareness.policy", policy),
        )
        assert finding(late, "MS.8.1.OPERATIONAL_PLANNING").result.is_nonconformity
        alone = finding(assess(plan, as_of=AS_OF), "MS.8.1.OPERATIONAL_PLANNING")
        assert alone.result.is_nonconformity
        inheriting = assess(plan, as_of=AS_OF, enterprise=corporate)
        assert finding(inheriting, "MS.8.1.OPERATIONAL_PLANNING").result is Result.CONFORMS
        assert finding(inheriting, "CBR.S1.POLICY").result is Result.CONFORMS
