"""The documentation's code examples run against the real API.

Every fenced ```python block in `docs/**/*.md` runs, page by page: the blocks of one page run in
order in one namespace, inside a temporary working directory. A block whose first line starts
with `>>>` is a doctest session and its output is compared. A block preceded by the HTML
comment `<!-- skip -->` is not run.
"""

from __future__ import annotations

import doctest
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
SKIP_MARKER = "<!-- skip -->"
PYTHON_INFO = frozenset({"python", "py", "python3", "pycon"})
DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class Block:
    """One fenced code block: where it starts, its language and its text."""

    line: int
    """The 1-based line number of the block's first line of code."""
    language: str
    source: str
    skipped: bool

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
                skipped=previous == SKIP_MARKER,
            )
        )
        i = j + 1
    return blocks


def runnable_blocks(page: Path) -> list[Block]:
    """The Python blocks of `page` that the tests run."""
    return [
        b
        for b in parse_blocks(page.read_text(encoding="utf-8"))
        if b.language in PYTHON_INFO and not b.skipped
    ]


PAGES = sorted(p for p in DOCS.rglob("*.md") if runnable_blocks(p))


def _run_code(block: Block, namespace: dict[str, object], name: str) -> None:
    # Leading blank lines make tracebacks point at the Markdown file's own line numbers.
    code = compile("\n" * (block.line - 1) + block.source, name, "exec")
    exec(code, namespace)  # noqa: S102 - running the documentation is the point


def _run_session(block: Block, namespace: dict[str, object], name: str) -> None:
    test = doctest.DocTestParser().get_doctest(
        block.source, namespace, name, name, block.line - 1
    )
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
    result = runner.run(test, out=report.append, clear_globs=False)
    if result.failed:
        pytest.fail("".join(report), pytrace=False)


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python example on the page runs, in order, in one namespace."""
    monkeypatch.chdir(tmp_path)
    name = page.relative_to(DOCS.parent).as_posix()
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for block in runnable_blocks(page):
        if block.is_session:
            _run_session(block, namespace, name)
        else:
            _run_code(block, namespace, name)


def test_docs_have_examples() -> None:
    """The collector finds the documentation's Python examples."""
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
        assert first.skipped
        assert not second.skipped
        assert second.source == "x = 1\n"
        assert second.line == 8

    def test_sessions_are_recognised(self) -> None:
        """A block that starts with a prompt is a doctest session."""
        (block,) = parse_blocks("```pycon\n>>> 1 + 1\n2\n```\n")
        assert block.is_session
        assert block.language == "pycon"
