"""The documentation's code examples run against the real API.

Every fenced code block in `docs/**/*.md` that shows something runnable is run, page by page,
inside a temporary working directory (so files the examples write are harmless):

- ```python blocks run in order in one namespace per page. A block whose first line starts with
  `>>>` is a doctest session and its output is compared (`...` matches anything).
- A ```text block preceded by the HTML comment `<!-- output -->` is what the Python block before
  it prints, and is compared with what it really prints.
- ```console blocks are shell sessions: each `$ collabrel ...` (or `$ python -m collabrel ...`)
  line runs the command line in-process and the lines after it are its expected output
  (stdout and stderr together, `...` matches anything); `$ echo $?` shows the last exit code,
  and `> FILE` at the end of a command writes its output to FILE (`< FILE` reads its stdin
  from FILE).

A block preceded by `<!-- skip -->` is not run; ```bash, ```yaml and other blocks are shown only.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
SKIP_MARKER = "<!-- skip -->"
OUTPUT_MARKER = "<!-- output -->"
PYTHON_INFO = frozenset({"python", "py", "python3", "pycon"})
CONSOLE_INFO = frozenset({"console", "shell-session"})
DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class Block:
    """One fenced code block: where it starts, its language, its text and its marker."""

    line: int
    """The 1-based line number of the block's first line of code."""
    language: str
    source: str
    marker: str
    """The line before the block when it is an HTML comment, such as `<!-- skip -->`."""

    @property
    def is_python(self) -> bool:
        """Whether the block is Python code the tests run."""
        return self.language in PYTHON_INFO and self.marker != SKIP_MARKER

    @property
    def is_console(self) -> bool:
        """Whether the block is a shell session the tests run."""
        return self.language in CONSOLE_INFO and self.marker != SKIP_MARKER

    @property
    def is_output(self) -> bool:
        """Whether the block shows what the Python block before it prints."""
        return self.marker == OUTPUT_MARKER

    @property
    def is_session(self) -> bool:
        """Whether the block shows an interactive `>>>` session."""
        first = next((ln for ln in self.source.splitlines() if ln.strip()), "")
        return first.lstrip().startswith(">>>")


def _language(info: str) -> str:
    """The language of a fence's info string: `python`, `{.python}`, `py title="x"`."""
    words = info.strip().strip("{}").split()
    return words[0].lstrip(".").lower() if words else ""


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if line.startswith(indent) else line.lstrip(" \t")


def parse_blocks(text: str) -> list[Block]:
    """Every fenced code block of a Markdown text, in order."""
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match is None or "`" in match["info"]:
            i += 1
            continue
        indent, fence = match["indent"], match["fence"]
        previous = next((ln.strip() for ln in reversed(lines[:i]) if ln.strip()), "")
        marker = previous if previous.startswith("<!--") and previous.endswith("-->") else ""
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            body.append(_dedent(lines[j], indent))
            j += 1
        blocks.append(
            Block(
                line=i + 2,
                language=_language(match["info"]),
                source="\n".join(body) + "\n",
                marker=marker,
            )
        )
        i = j + 1
    return blocks


def page_blocks(page: Path) -> list[Block]:
    """The blocks of `page` the tests look at: Python code, shell sessions and shown output."""
    return [
        b
        for b in parse_blocks(page.read_text(encoding="utf-8"))
        if b.is_python or b.is_console or b.is_output
    ]


PAGES = sorted(
    p
    for p in [*DOCS.rglob("*.md"), DOCS.parent / "README.md"]
    if any(b.is_python or b.is_console for b in page_blocks(p))
)


def _run_code(block: Block, namespace: dict[str, object], name: str) -> str:
    # Leading blank lines make tracebacks point at the Markdown file's own line numbers.
    code = compile("\n" * (block.line - 1) + block.source, name, "exec")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code, namespace)  # noqa: S102 - running the documentation is the point
    return printed.getvalue()


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").splitlines()]


def _run_session(block: Block, namespace: dict[str, object], name: str) -> None:
    test = doctest.DocTestParser().get_doctest(block.source, namespace, name, name, block.line - 1)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
    result = runner.run(test, out=report.append, clear_globs=False)
    namespace.update(test.globs)  # DocTest works on a copy; later blocks see its names
    if result.failed:
        pytest.fail("".join(report), pytrace=False)


@dataclass(frozen=True)
class Command:
    """One `$ ...` line of a shell session and the output shown after it."""

    line: int
    argv: list[str]
    expected: str


def parse_console(block: Block) -> list[Command]:
    """The commands of a shell-session block, each with its expected output."""
    commands: list[Command] = []
    for offset, text in enumerate(block.source.splitlines()):
        if text.startswith("$ "):
            commands.append(Command(block.line + offset, shlex.split(text[2:]), ""))
        elif commands:
            last = commands[-1]
            commands[-1] = Command(last.line, last.argv, last.expected + text + "\n")
    return commands


def _collabrel_args(argv: list[str]) -> list[str] | None:
    if argv[:1] == ["collabrel"]:
        return argv[1:]
    if argv[:3] == ["python", "-m", "collabrel"]:
        return argv[3:]
    return None


@contextlib.contextmanager
def _stdin(stream: io.TextIOWrapper) -> Iterator[None]:
    saved, sys.stdin = sys.stdin, stream
    try:
        yield
    finally:
        sys.stdin = saved


def _run_console(block: Block, name: str) -> None:
    from collabrel.cli import main  # noqa: PLC0415 - only pages with shell sessions need it

    checker = doctest.OutputChecker()
    status = 0
    for command in parse_console(block):
        where = f"{name}:{command.line}: $ {shlex.join(command.argv)}"
        argv, target, source = command.argv, None, None
        if len(argv) > 2 and argv[-2] == ">":  # `> FILE` ends the command
            argv, target = argv[:-2], Path(argv[-1])
        if len(argv) > 2 and argv[-2] == "<":  # `< FILE` is its stdin
            argv, source = argv[:-2], Path(argv[-1])
        if argv == ["echo", "$?"]:
            got = f"{status}\n"
        else:
            args = _collabrel_args(argv)
            if args is None:
                pytest.fail(
                    f"{where}: only collabrel commands can run; mark the block <!-- skip -->"
                )
            captured = io.StringIO()
            stdin = io.TextIOWrapper(io.BytesIO(source.read_bytes() if source else b""))
            with (
                contextlib.redirect_stdout(captured),
                contextlib.redirect_stderr(captured),
                _stdin(stdin),
            ):
                status = main(args)
            got = captured.getvalue()
        if target is not None:
            target.write_text(got, encoding="utf-8")
            got = ""
        if not checker.check_output(command.expected, got, DOCTEST_FLAGS):
            pytest.fail(f"{where}\nexpected:\n{command.expected}got:\n{got}", pytrace=False)


def _page_id(page: Path) -> str:
    return page.relative_to(DOCS.parent).as_posix()


@pytest.mark.parametrize("page", PAGES, ids=[_page_id(p) for p in PAGES])
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example on the page runs, in order, and shows what it really prints."""
    monkeypatch.chdir(tmp_path)
    run_page(page)


def run_page(page: Path) -> dict[str, object]:
    """Run every example of `page` in order, checking what it prints; return its namespace."""
    name = _page_id(page)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    printed: str | None = None
    for block in page_blocks(page):
        if block.is_output:
            assert printed is not None, f"{name}:{block.line}: output block after no code block"
            assert _lines(printed) == _lines(block.source), f"{name}:{block.line}"
            printed = None
        elif block.is_console:
            _run_console(block, name)
            printed = None
        elif block.is_session:
            _run_session(block, namespace, name)
            printed = None
        else:
            printed = _run_code(block, namespace, name)
    return namespace


RULE_PAGES = [p for p in PAGES if "default_rules()" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("page", RULE_PAGES, ids=[_page_id(p) for p in RULE_PAGES])
def test_documented_rules_run_on_a_template(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every rule a page writes runs on a template plan too, which has no relationship."""
    from collabrel.conformance import (  # noqa: PLC0415 - only these pages need them
        Catalogue,
        Registry,
        assess,
        catalogue,
        catalogues,
        default_rules,
    )
    from collabrel.model import DocumentMeta, PlanKind, RelationshipManagementPlan  # noqa: PLC0415

    monkeypatch.chdir(tmp_path)
    namespace = run_page(page)
    meta = DocumentMeta(
        title="Corporate template", issued_on=date(2026, 1, 5), author="me", kind=PlanKind.TEMPLATE
    )
    template = RelationshipManagementPlan(meta=meta)
    shown = [v for v in namespace.values() if isinstance(v, Catalogue)]
    standards = [*shown, *(catalogue(name) for name in catalogues())]
    built_in = {rule.id for rule in default_rules()}
    registries = [v for v in namespace.values() if isinstance(v, Registry)]
    own = {rule.id for registry in registries for rule in registry} - built_in
    assert own, f"{_page_id(page)} writes no rule of its own"
    ran: set[str] = set()
    for registry in registries:
        for standard in standards:
            report = assess(template, standard, as_of=date(2026, 10, 31), rules=registry)
            ran.update(rule for outcome in report.outcomes for rule in outcome.rules)
    assert own <= ran


def _table_rows(page: Path, header_start: str) -> list[list[str]]:
    """The body rows of the first Markdown table on `page` whose header starts so."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith(header_start))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
    return rows


def test_clause_table_matches_stage_data() -> None:
    """The stage and clause table in the explanation is exactly what `Stage` knows."""
    from collabrel import Stage  # noqa: PLC0415 - imported where the check needs it

    page = DOCS / "explanation" / "stages-and-phases.md"
    expected = [
        [
            str(s.number),
            s.title,
            s.name,
            str(s.bs11000_clause),
            s.iso44001_clause,
            s.iso44001_title,
            s.phase.title,
            "yes" if s.is_joint else "no",
        ]
        for s in Stage
    ]
    assert _table_rows(page, "| No. | Stage |") == expected


# Reference pages for data rather than code: a file format, the catalogues' contents (checked
# against the catalogues by tests/test_docs_requirements.py) and their coverage (written by
# docs/_hooks/coverage.py, tested by tests/test_coverage.py).
DATA_REFERENCE_PAGES = frozenset({"catalogue-format.md", "coverage.md", "requirements.md"})


def test_reference_pages_hold_only_autodoc_blocks() -> None:
    """The reference never teaches: its pages are `::: collabrel...` blocks and their options."""
    pages = sorted(
        p for p in (DOCS / "reference").glob("*.md") if p.name not in DATA_REFERENCE_PAGES
    )
    assert pages
    for page in pages:
        lines = [ln for ln in page.read_text(encoding="utf-8").splitlines() if ln.strip()]
        assert lines[0].startswith("::: collabrel"), page.name
        assert all(ln.startswith(("::: collabrel", "    ")) for ln in lines), page.name


def test_docs_have_examples() -> None:
    """The collector finds the documentation's examples on several pages."""
    assert len(PAGES) >= 3


class TestParseBlocks:
    """The block collector reads fences the way Markdown does."""

    def test_skip_marker_and_indented_fences(self) -> None:
        """A skip comment skips the next block; fences inside admonitions are dedented."""
        text = (
            "<!-- skip -->\n"
            "```python\n"
            "raise SystemExit\n"
            "```\n"
            "\n"
            '!!! note "N"\n'
            "    ```python\n"
            "    x = 1\n"
            "    ```\n"
        )
        first, second = parse_blocks(text)
        assert not first.is_python
        assert second.is_python
        assert second.source == "x = 1\n"
        assert second.line == 8

    def test_output_blocks_are_recognised(self) -> None:
        """A text block after an output comment is shown output, not code."""
        (block,) = parse_blocks("<!-- output -->\n```text\nhello\n```\n")
        assert block.is_output
        assert not block.is_python

    def test_sessions_are_recognised(self) -> None:
        """A block that starts with a prompt is a doctest session."""
        (block,) = parse_blocks("```pycon\n>>> 1 + 1\n2\n```\n")
        assert block.is_session
        assert block.language == "pycon"

    def test_console_commands_and_their_output(self) -> None:
        """Each `$` line of a shell session is a command followed by its expected output."""
        (block,) = parse_blocks("```console\n$ collabrel schema > s.json\n$ echo $?\n0\n```\n")
        first, second = parse_console(block)
        assert first.argv == ["collabrel", "schema", ">", "s.json"]
        assert first.expected == ""
        assert second.argv == ["echo", "$?"]
        assert second.expected == "0\n"
        assert second.line == 3


def test_lifecycle_diagram_is_what_to_mermaid_prints():
    """The standard lifecycle diagram in the explanation is `to_mermaid(STANDARD)` verbatim."""
    from collabrel.lifecycle import STANDARD, to_mermaid  # noqa: PLC0415

    page = (DOCS / "explanation" / "lifecycle.md").read_text(encoding="utf-8")
    assert f"```mermaid\n{to_mermaid(STANDARD)}\n```" in page
