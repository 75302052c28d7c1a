"""Coverage-guided fuzzing of `collabrel.loads` with atheris (libFuzzer), in JSON, YAML and TOML.

atheris is optional (the `fuzz` extra: `.venv/bin/pip install -e '.[fuzz]'`, a binary wheel
for CPython on Linux and macOS; CI does not install it). Run from the repository root::

    .venv/bin/python benchmarks/atheris_loading.py -max_total_time=300
    .venv/bin/python benchmarks/atheris_loading.py -max_total_time=300 -jobs=2 -workers=2
    .venv/bin/python benchmarks/atheris_loading.py CRASH-FILE   # run one input again

Options after the script's name go to libFuzzer (`-help=1` lists them). The corpus lives in
`benchmarks/results/atheris-corpus/` (created on first run and ignored by git): it starts
as the bundled examples, each written by `collabrel.dumps` in the three formats, and grows
with every input that reaches new code. An input's first byte chooses the format
(`byte % 3`: JSON, YAML, TOML); the rest is the document. Any exception that is not a
`collabrel.CollabrelError` is a crash: libFuzzer prints its traceback and saves the input as
`crash-<sha1>` in the current folder.

Every collabrel module is imported inside `atheris.instrument_imports()` (walking the package
with `pkgutil.walk_packages`), so coverage counts the whole library, not only the modules
`loads` happens to import first; the libraries it reads with (PyYAML, cattrs, attrs) are
instrumented too.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import sys
from typing import Any

from _runner import RESULTS

FORMATS = ("json", "yaml", "toml")
INSTRUMENTED = ("collabrel", "yaml", "cattrs", "attr", "attrs")
"""The packages whose code atheris instruments (networkx and the others are left as they are)."""
CORPUS = RESULTS / "atheris-corpus"


def _import_everything(atheris: Any) -> Any:
    """Import collabrel and all its submodules under atheris's instrumentation; collabrel."""
    with atheris.instrument_imports(include=INSTRUMENTED):
        import collabrel  # noqa: PLC0415 - imported here to be instrumented

        for module in pkgutil.walk_packages(collabrel.__path__, "collabrel."):
            importlib.import_module(module.name)
    return collabrel


def _seed_corpus(collabrel: Any) -> None:
    """Write the examples in every format to the corpus folder, unless it has inputs."""
    CORPUS.mkdir(parents=True, exist_ok=True)
    (CORPUS / ".gitignore").write_text("*\n", encoding="utf-8")
    if any(p.name != ".gitignore" for p in CORPUS.iterdir()):
        return
    for name in collabrel.examples.names():
        plan = collabrel.examples.load(name)
        for index, fmt in enumerate(FORMATS):
            text = collabrel.dumps(plan, fmt).encode("utf-8")
            (CORPUS / f"{name}.{fmt}").write_bytes(bytes([index]) + text)


def main() -> None:
    """Instrument collabrel, seed the corpus and fuzz until libFuzzer stops."""
    atheris = importlib.import_module("atheris")
    collabrel = _import_everything(atheris)
    error = collabrel.CollabrelError

    def one_input(data: bytes) -> None:
        if not data:
            return
        with contextlib.suppress(error):
            collabrel.loads(data[1:], FORMATS[data[0] % len(FORMATS)])

    args = sys.argv[:]
    if not any(not a.startswith("-") for a in args[1:]):
        _seed_corpus(collabrel)
        args.append(str(CORPUS))
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
