"""A deterministic portfolio of relationship management plans, as JSON Lines or a folder.

Line `i` of the portfolio depends only on the seed and `i`, and plans are made one at a time
(only the bundled examples stay in memory), so any number of plans streams in bounded memory
and a smaller portfolio is a prefix of a larger one::

    .venv/bin/python benchmarks/_portfolio_plans.py jsonl /tmp/p.jsonl --count 10000
    .venv/bin/python benchmarks/_portfolio_plans.py folder /tmp/plans --count 1000
    .venv/bin/python benchmarks/_portfolio_plans.py check --count 300   # every line loads as meant

What a portfolio holds:

- relationships made from the bundled examples `alliance`, `flawed` and `consortium`
  (weights in `BASES`), each with one to three revisions (the trend across review dates);
- each relationship has its own id and name, and its partners are drawn from `ORGANISATIONS`
  (ids and names), so a partner takes part in many relationships as on a procurement platform;
- each revision is the example varied as the conformance benchmark varies it
  (`bench_conformance.vary`: records dropped or changed, approvals, dates, roles, risks, KPIs,
  histories; so conformance results differ from plan to plan), issued about every six months
  (`meta.issued_on`, `meta.revision`), the last one on or before `AS_OF`;
- about one line in `BAD_EVERY` is deliberately bad, in turn broken JSON (a line cut short)
  and a plan with a partner role that does not exist (`partners[0].role`).

Lines are `collabrel.dumps(plan, "json")` made compact (no indentation, one line each). Partner
ids are renamed in that text (every JSON string equal to an example's partner id), which is
how a plan refers to its partners everywhere (signatories, RACI, approvals, history).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import orjson

import collabrel
from bench_conformance import AS_OF, vary
from collabrel import examples
from collabrel.errors import CollabrelError
from collabrel.model import RelationshipManagementPlan, deferred_reference_checks

SEED = 16
BASES = (("alliance", 3), ("flawed", 4), ("consortium", 3))  # example and weight
REVISIONS = (1, 3)  # revisions per relationship, fewest and most
REVISION_STEP = dt.timedelta(days=182)
BAD_EVERY = 97  # one line in BAD_EVERY is bad (line BAD_EVERY // 2, then every BAD_EVERY)
BAD_KINDS = ("broken JSON", "invalid partner role")
BAD_ROLE = "patron"

_PLACES = (
    "Aldmoor",
    "Brackley",
    "Carrow",
    "Dunmere",
    "Eastholm",
    "Fenwick",
    "Garth",
    "Halden",
    "Ingleby",
    "Jarrow",
    "Kelda",
    "Lanner",
    "Marram",
    "Nethy",
    "Oakhurst",
    "Penmar",
    "Quarry",
    "Rosedale",
    "Saltcote",
    "Thorne",
    "Ulverby",
    "Vennel",
    "Wrayburn",
    "Yarrow",
    "Ashby",
    "Birkdale",
    "Calder",
    "Denholm",
    "Elmore",
    "Farrow",
)
_TRADES = (
    "Civil",
    "Rail",
    "Marine",
    "Signalling",
    "Digital",
    "Water",
    "Energy",
    "Facilities",
    "Logistics",
    "Design",
    "Plant",
    "Environmental",
    "Data",
    "Highways",
    "Estates",
    "Consulting",
)
_FORMS = ("Ltd", "LLP", "plc", "Group", "Partnership")
ORGANISATIONS: tuple[tuple[str, str], ...] = tuple(
    (f"org-{n:04d}", f"{place} {trade} {_FORMS[n % len(_FORMS)]}")
    for n, (place, trade) in enumerate(
        (p, t)
        for t in _TRADES
        for p in _PLACES  # 480 organisations
    )
)
_KINDS = ("Alliance", "Partnership", "Framework", "Consortium", "Joint Venture", "Programme")


@attrs.frozen
class Line:
    """One line of the portfolio: its text, and what it is."""

    index: int  # 0-based line number
    text: bytes  # without the newline
    relationship: str  # the relationship's id ("" for broken JSON)
    revision: int
    bad: str | None  # one of BAD_KINDS, or None for a good plan


@functools.cache
def _bases() -> dict[str, RelationshipManagementPlan]:
    return {name: examples.load(name) for name, _ in BASES}


def _rng(*key: int) -> random.Random:
    seed = 0
    for k in key:
        seed = seed * 1_000_003 + k
    return random.Random(seed)


def _draw(base: RelationshipManagementPlan, rng: random.Random) -> RelationshipManagementPlan:
    """`vary(base)`, drawn again when a variation breaks one of the plan's own checks."""
    for _ in range(20):
        try:
            return vary(base, rng)
        except CollabrelError:
            continue
    return base


def _revision(
    plan: RelationshipManagementPlan,
    *,
    rel_id: str,
    name: str,
    partner_names: Sequence[str],
    issued_on: dt.date,
    revision: int,
) -> RelationshipManagementPlan:
    """`plan` as revision `revision` of relationship `rel_id`, with its partners' new names."""
    rel = plan.relationship
    assert rel is not None  # the bases are relationship plans
    meta = attrs.evolve(
        plan.meta,
        title=f"{name} - relationship management plan",
        issued_on=issued_on,
        revision=revision,
    )
    partners = [attrs.evolve(p, name=n) for p, n in zip(rel.partners, partner_names, strict=True)]
    with deferred_reference_checks():  # the plan checks every reference once
        rel = attrs.evolve(rel, id=rel_id, name=name, partners=partners)
        return attrs.evolve(plan, meta=meta, relationship=rel)


def _rename(text: bytes, names: dict[str, str]) -> bytes:
    """Every JSON string equal to a key of `names` (a partner id), renamed."""
    pattern = re.compile(b'"(' + b"|".join(re.escape(k.encode()) for k in names) + b')"')
    return pattern.sub(lambda m: b'"' + names[m[1].decode()].encode() + b'"', text)


def _compact(plan: RelationshipManagementPlan) -> bytes:
    return orjson.dumps(orjson.loads(collabrel.dumps(plan, "json")))


def _spoil(text: bytes, kind: str) -> bytes:
    if kind == "broken JSON":
        return text[: len(text) // 2]
    return re.sub(
        rb'("partners":\[\{[^{}]*?"role":")\w+"', rb"\1" + BAD_ROLE.encode() + b'"', text, count=1
    )


def lines(count: int, *, seed: int = SEED) -> Iterator[Line]:
    """The first `count` lines of the portfolio, made one at a time."""
    names, weights = [n for n, _ in BASES], [w for _, w in BASES]
    i = r = 0
    while i < count:  # relationship r: its example, partners, name and revisions
        rng = _rng(seed, r)
        base = _bases()[rng.choices(names, weights)[0]]
        assert base.relationship is not None
        rel_id = f"{base.relationship.id}-{r:06d}"
        example_ids = [p.id for p in base.relationship.partners]
        orgs = rng.sample(ORGANISATIONS, len(example_ids))
        renamed = dict(zip(example_ids, (org_id for org_id, _ in orgs), strict=True))
        name = f"{orgs[0][1].split()[0]} {rng.choice(_TRADES)} {rng.choice(_KINDS)} {r}"
        revisions = rng.randint(*REVISIONS)
        last = AS_OF - dt.timedelta(days=rng.randint(0, 540))
        first = max(1, base.meta.revision - revisions + 1)
        for j in range(min(revisions, count - i)):
            plan = _revision(
                _draw(base, _rng(seed, r, j)),
                rel_id=rel_id,
                name=name,
                partner_names=[org_name for _, org_name in orgs],
                issued_on=last - (revisions - 1 - j) * REVISION_STEP,
                revision=first + j,
            )
            text = _rename(_compact(plan), renamed)
            bad = None
            if i % BAD_EVERY == BAD_EVERY // 2:
                bad = BAD_KINDS[(i // BAD_EVERY) % len(BAD_KINDS)]
                text = _spoil(text, bad)
            yield Line(i, text, rel_id, first + j, bad)
            i += 1
        r += 1


@attrs.frozen
class Written:
    """What was written: lines (plans and bad ones), bad lines, bytes, relationships."""

    path: str
    lines: int
    bad: int
    bytes: int
    relationships: int

    @property
    def bytes_per_plan(self) -> float:
        return self.bytes / max(self.lines, 1)

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self) | {"bytes_per_plan": self.bytes_per_plan}


def write_jsonl(path: str | Path, count: int, *, seed: int = SEED) -> Written:
    """`count` lines of the portfolio as one JSON Lines file (written as they are made)."""
    path = Path(path)
    bad = size = 0
    rels: set[str] = set()
    with path.open("wb") as out:
        for line in lines(count, seed=seed):
            out.write(line.text + b"\n")
            size += len(line.text) + 1
            bad += line.bad is not None
            rels.add(line.relationship)
    return Written(str(path), count, bad, size, len(rels))


def write_folder(path: str | Path, count: int, *, seed: int = SEED) -> Written:
    """`count` plans as files `NNN/IIIIII-<relationship>-r<revision>.json`, 1,000 a folder."""
    root = Path(path)
    bad = size = 0
    rels: set[str] = set()
    for line in lines(count, seed=seed):
        folder = root / f"{line.index // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{line.index:06d}-{line.relationship}-r{line.revision}.json"
        (folder / name).write_bytes(line.text + b"\n")
        size += len(line.text) + 1
        bad += line.bad is not None
        rels.add(line.relationship)
    return Written(str(root), count, bad, size, len(rels))


def copy_prefix(source: str | Path, target: str | Path, count: int) -> Written:
    """The first `count` lines of a JSON Lines file (a smaller portfolio of the same seed)."""
    bad = size = 0
    with Path(source).open("rb") as inp, Path(target).open("wb") as out:
        for n, text in enumerate(inp):
            if n >= count:
                break
            out.write(text)
            size += len(text)
            bad += n % BAD_EVERY == BAD_EVERY // 2
        else:
            n += 1
    if n < count:
        raise ValueError(f"{source} has {n} lines, fewer than {count}")
    return Written(str(target), count, bad, size, -1)


def check(count: int, *, seed: int = SEED) -> dict[str, Any]:
    """Load every line: good ones load (with their renamed partners), bad ones fail as meant."""
    seen: dict[str, int] = {"good": 0, **dict.fromkeys(BAD_KINDS, 0)}
    outcomes: dict[str, int] = {}
    from collabrel.conformance import assess, catalogue  # noqa: PLC0415

    cat = catalogue("iso44001:2017")
    for line in lines(count, seed=seed):
        try:
            plan = collabrel.loads(line.text, "json")
        except CollabrelError as exc:
            if line.bad is None:
                raise SystemExit(f"line {line.index + 1} should load: {exc}") from exc
            expected = "partners[0].role" if line.bad == BAD_KINDS[1] else ""
            if expected not in str(exc):
                raise SystemExit(f"line {line.index + 1} fails otherwise: {exc}") from exc
            seen[line.bad] += 1
            continue
        if line.bad is not None:
            raise SystemExit(f"line {line.index + 1} ({line.bad}) loads")
        rel = plan.relationship
        if rel is None or rel.id != line.relationship or plan.meta.revision != line.revision:
            raise SystemExit(f"line {line.index + 1}: not the plan meant")
        if not all(p.id.startswith("org-") for p in rel.partners):
            raise SystemExit(f"line {line.index + 1}: a partner was not renamed")
        report = assess(plan, cat, as_of=AS_OF)
        key = str(len(report.nonconformities))
        outcomes[key] = outcomes.get(key, 0) + 1
        seen["good"] += 1
    return {
        "lines": seen,
        "nonconformities_per_plan": dict(sorted(outcomes.items(), key=lambda kv: int(kv[0]))),
    }


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("what", choices=("jsonl", "folder", "check"))
    p.add_argument("path", nargs="?", help="the file (jsonl) or folder to write")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--seed", type=int, default=SEED)
    args = p.parse_args(argv)
    if args.what == "check":
        print(check(args.count, seed=args.seed))
        return 0
    if not args.path:
        p.error(f"{args.what} needs a path")
    write = write_jsonl if args.what == "jsonl" else write_folder
    print(write(args.path, args.count, seed=args.seed).as_dict())
    return 0


if __name__ == "__main__":
    sys.exit(main())
