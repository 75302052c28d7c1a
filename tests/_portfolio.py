"""Portfolios for the portfolio tests: bundled examples written as files and JSON Lines.

Importable as `_portfolio` because pytest puts tests/ on the path, and so are its functions in
worker processes: a callable source's function and a rule must be importable by name to be
sent to another process.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from collabrel import examples
from collabrel.conformance import Context, Judgement, Registry, default_rules
from collabrel.model import RelationshipManagementPlan, Result
from collabrel.serialization import dump, to_data

AS_OF = date(2026, 10, 31)
NAMES = ("alliance", "flawed", "consortium", "enterprise")
BAD_ROLE_PATH = "relationship.partners[2].role"
EXPLODES = "explodes"  # a plan whose title says this makes the `exploding` rule fail


def plan(name: str, revision: int = 1, title: str | None = None) -> RelationshipManagementPlan:
    """A bundled example, as a given revision (and title)."""
    rmp = examples.load(name)
    meta = attrs.evolve(rmp.meta, revision=revision, title=title or rmp.meta.title)
    return attrs.evolve(rmp, meta=meta)


def data(rmp: RelationshipManagementPlan) -> dict[str, Any]:
    """A plan's plain data."""
    value: dict[str, Any] = to_data(rmp)
    return value


def line(rmp: RelationshipManagementPlan) -> str:
    """A plan as one line of JSON."""
    return json.dumps(data(rmp))


def bad_role() -> dict[str, Any]:
    """The alliance's plain data with a partner role that is not a role."""
    value = data(plan("alliance"))
    value["relationship"]["partners"][2]["role"] = "boss"
    return value


def write_jsonl(path: Path, rows: Iterable[RelationshipManagementPlan | str]) -> Path:
    """A JSON Lines file: plans as lines, strings as they are (bad lines, blank lines)."""
    path.write_text("".join(f"{r if isinstance(r, str) else line(r)}\n" for r in rows))
    return path


def write_folder(
    folder: Path, plans: Iterable[tuple[str, RelationshipManagementPlan | str]]
) -> Path:
    """Plan files named as given (`a.json`, `b/c.yaml`); strings are written as they are."""
    for name, rmp in plans:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(rmp, str):
            target.write_text(rmp)
        else:
            dump(rmp, target)
    return folder


def query(key: str) -> Iterator[object]:
    """A callable source: `name/revision` keys give that example; `bad` gives a bad pair."""
    if key == "bad":
        yield ("db:bad", bad_role())
        return
    if key == "raises":
        msg = "the database is down"
        raise ConnectionError(msg)
    name, _, revision = key.partition("/")
    yield plan(name, int(revision or 1))
    yield (f"db:{name}", data(plan(name, int(revision or 1) + 1)))


def dies(key: str) -> Iterator[object]:
    """A callable source whose `die` key ends the worker process it runs in."""
    if key == "die":
        os._exit(3)
    return query(key)


def _explodes(ctx: Context) -> Judgement:
    if EXPLODES in ctx.rmp.meta.title:
        msg = "this rule always fails on this plan"
        raise RuntimeError(msg)
    return Judgement(result=Result.CONFORMS, message="fine")


def exploding_rules() -> Registry:
    """The built-in rules and one more, which fails on a plan whose title says it explodes."""
    rules = default_rules()
    rules.rule("TEST.EXPLODES", requirements=["CBR.S1.SER"])(_explodes)
    return rules
