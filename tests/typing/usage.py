"""A type-checked sample of the public API (mypy --strict runs over this file)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs

import collabrel as cr
from collabrel.model import Measurement, PartnerRole, Stage


def summarise(path: Path) -> list[str]:
    """Typical program use: load, query, evolve, save."""
    rmp: cr.RelationshipManagementPlan = cr.load(path)
    rel = rmp.relationship
    assert rel is not None
    names: list[str] = [p.name for p in rel.partners_with_role(PartnerRole.CLIENT)]
    renamed: cr.Relationship = attrs.evolve(rel, name="Renamed")
    cr.dump(attrs.evolve(rmp, relationship=renamed), path.with_suffix(".yaml"))
    measurement: Measurement = cr.loads("{}", "json", cls=Measurement)
    names.append(str(measurement.on >= date(2026, 1, 1)))
    names.append(Stage.from_number(5).title)
    return names


def handle(text: str) -> tuple[str, ...]:
    """Errors carry typed attributes."""
    try:
        cr.loads(text, "yaml")
    except cr.DocumentError as err:
        return err.paths
    return ()
