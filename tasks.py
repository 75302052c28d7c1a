#!/usr/bin/env python3
"""Project tasks that set themselves up: only Python 3.11+ is needed.

    python3 tasks.py demo      # the demo on the bundled alliance example
    python3 tasks.py test      # the whole test suite
    python3 tasks.py browser   # the headless-browser tests (tests/browser) on system Chromium
    python3 tasks.py lint      # ruff, ruff format --check, mypy --strict, import-linter
    python3 tasks.py docs      # mkdocs build --strict
    python3 tasks.py bench     # benchmarks (figures go to docs/benchmarks.md by hand)
    python3 tasks.py crashtest --kills 1000  # kill -9 during saves: lost documents, stray files
    python3 tasks.py fuzz --minutes 60  # mutated examples through loads/load/validate, all cores
    python3 tasks.py fuzz --minutes 0 --documents 1000000 --checkpoint benchmarks/results/fuzz-1m
                                        # a long run over several sittings, from its checkpoint
    python3 tasks.py ci        # everything CI runs

Each task creates `.venv` on first use and installs the project into it (again only when
pyproject.toml changes). Extra arguments after the task go to the underlying tool.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
MIN_PYTHON = (3, 11)


def _run(*args: str | Path) -> None:
    """Run a command in the project root; stop with its exit code if it fails."""
    code = subprocess.call([str(a) for a in args], cwd=ROOT)
    if code:
        sys.exit(code)


def _ensure(extras: str) -> None:
    """Create .venv and install the project with `extras`, unless already up to date."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(
            f"collabrel needs Python {'.'.join(map(str, MIN_PYTHON))}+ (this is {sys.version})"
        )
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / f".collabrel-{extras or 'base'}-{digest}"
    if stamp.exists():
        return
    spec = f".[{extras}]" if extras else "."
    print(f"installing collabrel{f'[{extras}]' if extras else ''} into {VENV}", flush=True)
    _run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(PY, "-m", "pip", "install", "--quiet", "-e", spec)
    for old in VENV.glob(".collabrel-*"):
        old.unlink()
    stamp.touch()


def demo(args: list[str]) -> None:
    """Run the demo on the bundled example."""
    _ensure("")
    _run(PY, "-m", "collabrel", "demo", *args)


def test(args: list[str]) -> None:
    """Run the whole test suite (unit, property, doctests, docs examples)."""
    _ensure("dev")
    _run(PY, "-m", "pytest", *args)


def browser(args: list[str]) -> None:
    """Run the headless-browser tests (tests/browser) on the system's Chromium.

    `dev` holds the `browser` extra's playwright; the browser is Debian's `/usr/bin/chromium`
    or the one `COLLABREL_CHROMIUM` names (Playwright's own download is never used). Without
    it the tests are skipped, so this says how to install it first.
    """
    _ensure("dev")
    chromium = Path(os.environ.get("COLLABREL_CHROMIUM") or "/usr/bin/chromium")
    if not chromium.is_file():
        print(
            f"no Chromium at {chromium}, so the browser tests will be skipped: install it with"
            " `sudo apt-get install chromium` (Debian, Ubuntu) or set COLLABREL_CHROMIUM to a"
            " Chromium or Chrome binary",
            flush=True,
        )
    _run(PY, "-m", "pytest", "tests/browser", *args)


def lint(args: list[str]) -> None:
    """Static checks: ruff, ruff format --check, mypy --strict and the import contracts."""
    _ensure("dev")
    _run(PY, "-m", "ruff", "check", ".", *args)
    _run(PY, "-m", "ruff", "format", "--check", ".")
    _run(PY, "-m", "mypy")
    _run(BIN / "lint-imports")


def docs(args: list[str]) -> None:
    """Build the documentation site strictly (warnings fail)."""
    _ensure("dev")
    _run(PY, "-m", "mkdocs", "build", "--strict", *args)


def bench(args: list[str]) -> None:
    """Run the benchmarks."""
    _ensure("dev,bench")
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        _run(PY, script, *args)


def crashtest(args: list[str]) -> None:
    """Kill saves with SIGKILL at random moments and check nothing is lost or left behind."""
    _ensure("dev")
    _run(PY, ROOT / "benchmarks" / "crash_saves.py", *args)


def fuzz(args: list[str]) -> None:
    """Load mutated examples on every core: exceptions that escape, slow inputs, memory."""
    _ensure("dev")
    _run(PY, ROOT / "benchmarks" / "fuzz_loading.py", *args)


def ci(args: list[str]) -> None:
    """Everything CI runs, in order."""
    test(args)
    lint([])
    docs([])


TASKS = {
    "demo": demo,
    "test": test,
    "browser": browser,
    "lint": lint,
    "docs": docs,
    "bench": bench,
    "crashtest": crashtest,
    "fuzz": fuzz,
    "ci": ci,
}


def main() -> None:
    """Dispatch `python3 tasks.py TASK [ARGS...]`."""
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:  # noqa: PLR2004
        print(__doc__)
        sys.exit(2)
    TASKS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
