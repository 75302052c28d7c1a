"""The golden record: what collabrel says about the bundled examples, pinned to the letter.

Every finding (requirement, result, message, paths, the checks behind them, remediation) of
each bundled example against both catalogues, what the lifecycle's record guards say of each
example, the demo of each example and the `collabrel assess` report in text, Markdown and
HTML, all judged on one fixed day.
One variant joins them, `consortium-signed`: the consortium with an approved joint RMP signed by
its five principal partners but by none of their subcontractors (the case on which "signed by
every partner" used to have two meanings).
Refactoring keeps these files unchanged; an intended change of behaviour updates them in a
commit of its own that says why.

Regenerate after an intended change with::

    COLLABREL_UPDATE_GOLDEN=1 python3 tasks.py test tests/golden
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import attrs
import pytest

from _builders import approved
from collabrel.cli import main
from collabrel.conformance import assess, catalogues
from collabrel.examples import load, names, text
from collabrel.lifecycle import RECORD_GUARDS, LifecycleState, replay
from collabrel.model import Event, Finding, Record, RelationshipManagementPlan

AS_OF = date(2026, 10, 31)
HERE = Path(__file__).parent / "data"
UPDATE = os.environ.get("COLLABREL_UPDATE_GOLDEN") == "1"


def _finding_lines(findings: Iterator[Finding] | tuple[Finding, ...]) -> list[str]:
    lines = []
    for f in findings:
        lines.append(f"{f.requirement} | {f.result.value} | {f.message} | {', '.join(f.paths)}")
        lines.extend(
            f"    {c.description} | {c.passed} | {c.observed} | {c.path}" for c in f.explanation
        )
        if f.remediation:
            lines.append(f"    => {f.remediation}")
    return lines


def _plan(example: str) -> RelationshipManagementPlan:
    if example != "consortium-signed":
        return load(example)
    rmp = load("consortium")
    assert rmp.relationship is not None
    principals = [p.id for p in rmp.relationship.partners if p.subcontractor_of is None]
    title = "Joint relationship management plan"
    joint_rmp = approved(
        Record, "jrmp", title, date(2026, 3, 2), approved_by="e.fairlie", signatories=principals
    )
    stages = attrs.evolve(
        rmp.stages,
        working_together=attrs.evolve(rmp.stages.working_together, joint_rmp=joint_rmp),
    )
    return attrs.evolve(rmp, stages=stages)


def _findings(example: str, standard: str) -> str:
    report = assess(_plan(example), standard, as_of=AS_OF)
    return "\n".join(_finding_lines(report.findings)) + "\n"


def _state(rmp: RelationshipManagementPlan) -> LifecycleState:
    events = [e for e in rmp.history if e.at.date() <= AS_OF]
    return replay(events) if events else LifecycleState.initial()


def _guards(example: str) -> str:
    rmp = _plan(example)
    state = _state(rmp)
    at = datetime(AS_OF.year, AS_OF.month, AS_OF.day, 12, tzinfo=UTC)
    lines = []
    for guard in RECORD_GUARDS:
        event = Event(kind=guard.kind, stage=guard.stage, actor="golden", at=at)
        lines.extend(_finding_lines(tuple(guard.check(state, event, rmp))))
    return "\n".join(lines) + "\n"


def _cli(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(argv))
    return f"{out.getvalue()}[exit {code}]\n"


def _demo(example: str) -> str:
    return _cli("demo", "--example", example, "--as-of", AS_OF.isoformat())


def _report(example: str, fmt: str) -> Callable[[], str]:
    def render() -> str:
        # run in a scratch folder, on a relative name, so no machine's path shows in the output
        Path(f"{example}.yaml").write_text(text(example), encoding="utf-8")
        return _cli("assess", f"{example}.yaml", "--as-of", AS_OF.isoformat(), "--format", fmt)

    return render


def _cases() -> Iterator[tuple[str, Callable[[], str]]]:
    for example in (*names(), "consortium-signed"):
        for standard in catalogues():
            slug = standard.replace(":", "-")
            yield f"findings-{example}-{slug}.txt", lambda e=example, s=standard: _findings(e, s)
        yield f"guards-{example}.txt", lambda e=example: _guards(e)
        if example not in names():
            continue
        yield f"demo-{example}.txt", lambda e=example: _demo(e)
        for fmt, suffix in (("text", "txt"), ("markdown", "md.txt"), ("html", "html.txt")):
            yield f"assess-{example}.{suffix}", _report(example, fmt)


CASES = dict(_cases())


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What collabrel says about a bundled example is exactly what the golden file holds."""
    monkeypatch.chdir(tmp_path)
    got = CASES[name]()
    target = HERE / name
    if UPDATE:
        HERE.mkdir(exist_ok=True)
        target.write_text(got, encoding="utf-8")
    assert target.exists(), f"no golden file {name}: run with COLLABREL_UPDATE_GOLDEN=1"
    assert got == target.read_text(encoding="utf-8")
