"""The consultant's notebook in the docs, executed once per test session.

`docs/notebooks/consultant-review.ipynb` is stored without outputs; the docs build runs it
(mkdocs-jupyter, `allow_errors: false`), and so do these tests, with nbclient, in the
notebook's own folder, as Jupyter would. Without nbclient and ipykernel (the `dev` extra)
the tests that need a run are skipped and say what to install.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Final

import pytest

NOTEBOOK: Final = (
    Path(__file__).resolve().parents[1] / "docs" / "notebooks" / "consultant-review.ipynb"
)
TIMEOUT: Final = 120
"""Seconds one cell may take (a cell takes well under one)."""


def read() -> Any:
    """The notebook as stored."""
    nbformat = pytest.importorskip("nbformat", reason="pip install -e '.[dev]' (nbformat)")
    return nbformat.read(NOTEBOOK, as_version=4)


@functools.cache
def _executed() -> Any:
    nbclient = pytest.importorskip("nbclient", reason="pip install -e '.[dev]' (nbclient)")
    pytest.importorskip("ipykernel", reason="pip install -e '.[dev]' (ipykernel)")
    notebook = read()
    client = nbclient.NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # a cell that raises fails here, naming the cell
    return notebook


def executed() -> Any:
    """The notebook after running every cell (run once, then shared)."""
    return _executed()


def outputs(notebook: Any, *, ending: str) -> list[dict[str, Any]]:
    """The outputs of the one code cell whose source ends with `ending`."""
    cells = [
        cell
        for cell in notebook.cells
        if cell.cell_type == "code" and cell.source.rstrip().endswith(ending)
    ]
    assert len(cells) == 1, f"{len(cells)} code cells end with {ending!r}"
    found: list[dict[str, Any]] = cells[0].outputs
    return found
