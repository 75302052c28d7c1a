"""The plan's evidence register: links, their checks, references and the wire formats."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import collabrel as cr
from collabrel.errors import DocumentError, InvalidFieldError
from collabrel.model import EvidenceLink, EvidenceStatus, PassageLocation
from collabrel.serialization import from_data, json_schema

DIGEST = "0" * 64


def link(**changes: object) -> EvidenceLink:
    fields: dict[str, object] = {
        "requirement": "MS.5.1.LEADERSHIP",
        "document": "policy",
        "document_sha256": DIGEST,
        "location": PassageLocation(paragraph=2, page=1, heading_path=("Leadership",)),
        "quote_sha256": "f" * 64,
        "quote": "The board sponsors collaboration.",
        "status": EvidenceStatus.ACCEPTED,
        "reviewed_by": "h.okafor",
        "reviewed_on": date(2026, 3, 2),
    }
    fields.update(changes)
    return EvidenceLink(**fields)  # type: ignore[arg-type]


class TestEvidenceLink:
    def test_a_suggestion_needs_no_reviewer(self) -> None:
        """A suggested link is complete without a reviewer or a day."""
        assert link(status=EvidenceStatus.SUGGESTED, reviewed_by=None, reviewed_on=None)

    @pytest.mark.parametrize("status", [EvidenceStatus.ACCEPTED, EvidenceStatus.REJECTED])
    @pytest.mark.parametrize("missing", ["reviewed_by", "reviewed_on"])
    def test_a_reviewed_link_says_who_and_when(self, status: EvidenceStatus, missing: str) -> None:
        """Accepted and rejected links name the reviewer and the day."""
        with pytest.raises(InvalidFieldError) as caught:
            link(status=status, **{missing: None})
        assert caught.value.field == missing

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("document_sha256", "abc"),
            ("quote_sha256", "F" * 64),
            ("requirement", " "),
            ("document", " "),
            ("reviewed_by", "no one"),
        ],
    )
    def test_bad_values_are_refused_by_field(self, name: str, value: str) -> None:
        """Hashes are 64 lower-case hex digits, ids and the document id non-blank."""
        with pytest.raises(InvalidFieldError) as caught:
            link(**{name: value})
        assert caught.value.field == name

    def test_description_names_document_place_and_review(self) -> None:
        """describe() says where the passage is and who accepted it when."""
        assert link().describe() == (
            "policy, page 1, Leadership, paragraph 2: 'The board sponsors collaboration.' "
            "(accepted by h.okafor on 2026-03-02)"
        )
        assert (
            link(
                quote=None, status=EvidenceStatus.SUGGESTED, reviewed_by=None, reviewed_on=None
            ).describe()
            == "policy, page 1, Leadership, paragraph 2 (suggested)"
        )


class TestRegisterInThePlan:
    def test_existing_documents_have_an_empty_register(self) -> None:
        """A plan written before the register reads with no links and writes none."""
        rmp = cr.examples.load("flawed")  # the alliance has a register; the flawed plan none
        assert rmp.evidence == ()
        assert "evidence" not in cr.to_data(rmp)

    def test_reviewer_is_a_person_of_the_plan(self) -> None:
        """A reviewer who is nobody in the plan is a dangling reference with its path."""
        rmp = cr.examples.load("alliance")
        with pytest.raises(DocumentError) as caught:
            attrs.evolve(rmp, evidence=[link(), link(reviewed_by="nobody")])
        assert [p.path for p in caught.value.problems] == ["evidence[1].reviewed_by"]

    @pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
    def test_round_trips_in_every_format(self, fmt: str) -> None:
        """The register is written and read back unchanged in JSON, YAML and TOML."""
        rmp = attrs.evolve(
            cr.examples.load("alliance"),
            evidence=[
                link(),
                link(
                    status=EvidenceStatus.SUGGESTED,
                    reviewed_by=None,
                    reviewed_on=None,
                    quote=None,
                    note=None,
                ),
            ],
        )
        assert cr.loads(cr.dumps(rmp, format=fmt), format=fmt) == rmp

    def test_evidence_for_gives_accepted_links_only(self) -> None:
        """evidence_for() lists the accepted links of one requirement."""
        rejected = link(status=EvidenceStatus.REJECTED, note="About another board.")
        other = link(requirement="MS.5.2.POLICY")
        rmp = attrs.evolve(cr.examples.load("alliance"), evidence=[link(), rejected, other])
        assert rmp.evidence_for("MS.5.1.LEADERSHIP") == (link(),)

    def test_bad_link_in_a_document_is_reported_with_its_path(self) -> None:
        """Reading a plan whose link lacks a hash names the link's field."""
        data = cr.to_data(attrs.evolve(cr.examples.load("alliance"), evidence=[link()]))
        del data["evidence"][0]["quote_sha256"]
        with pytest.raises(DocumentError) as caught:
            from_data(data, cr.RelationshipManagementPlan)
        assert "evidence[0].quote_sha256" in [p.path for p in caught.value.problems]

    def test_json_schema_describes_the_register(self) -> None:
        """The JSON Schema lists the register and a link's required fields."""
        schema = json_schema()
        assert schema["properties"]["evidence"] == {
            "type": "array",
            "items": {"$ref": "#/$defs/EvidenceLink"},
        }
        defs = schema["$defs"]
        assert defs["EvidenceLink"]["required"] == [
            "requirement",
            "document",
            "document_sha256",
            "location",
            "quote_sha256",
        ]
        assert defs["EvidenceStatus"]["enum"] == ["suggested", "accepted", "rejected"]
