"""The fuzz harness's checkpoint: a run broken off and resumed makes an unbroken run's variants."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(script: str, tmp_path: Path) -> dict:
    """Run `script` in a fresh interpreter (argv: the benchmarks folder, `tmp_path`): its JSON."""
    done = subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "-c", script, str(ROOT / "benchmarks"), str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


_SCRIPT = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
import fuzz_loading as f
f._PROGRESS_S = 0.0  # a checkpoint after every document
out, n = sys.argv[2], 24
whole = f.worker(0, 11, float("inf"), n, 30.0, checkpoint=out + "/whole")
first = f.worker(0, 11, time.time() + 0.3, n, 30.0, checkpoint=out + "/broken")
rest = f.worker(0, 11, float("inf"), n, 30.0, checkpoint=out + "/broken")
try:
    f.worker(0, 12, float("inf"), n, 30.0, checkpoint=out + "/broken")
    refused = ""
except SystemExit as e:
    refused = str(e)
print(json.dumps(
    {"whole": whole, "first": first["documents"], "rest": rest, "refused": refused},
    default=bytes.hex,  # the slowest variant may be bytes
))
"""


def test_a_resumed_run_ends_where_an_unbroken_one_does(tmp_path: Path) -> None:
    out = _run(_SCRIPT, tmp_path)
    whole, rest = out["whole"], out["rest"]
    assert whole["documents"] == rest["documents"] == 24
    assert whole["rng"] == rest["rng"]
    assert whole["escapes"] == rest["escapes"] == 0
    saved = json.loads((tmp_path / "broken.w0.json").read_text(encoding="utf-8"))
    assert saved["documents"] == 24
    assert saved["rng"] == rest["rng"]
    assert "seed 12" in out["refused"]
    assert "checkpoint of seed 11" in out["refused"]


_RETIME = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import fuzz_loading as f
import collabrel
out = Path(sys.argv[2])
doc = collabrel.dumps(collabrel.examples.load("alliance"), "toml")
name = f.save_input(out, "slow-w0-1", "toml", doc, "worker 0, document 1")
items = [
    {"file": name, "format": "toml", "seconds": 9.0},
    {"file": "slow-w0-2.toml", "format": "toml", "seconds": 9.0},
]
lenient = f.retime([dict(i) for i in items], 60.0, out)
strict = f.retime([dict(i) for i in items], 0.0, out)
print(json.dumps({"name": name, "lenient": lenient, "strict": strict}))
"""


def test_slow_inputs_are_timed_again_from_their_files(tmp_path: Path) -> None:
    out = _run(_RETIME, tmp_path)
    # Under a 60 s bar only the variant whose file is gone stays slow; under 0 s both do.
    assert [i["file"] for i in out["lenient"]] == ["slow-w0-2.toml"]
    assert out["lenient"][0]["retimed_s"] is None
    assert [i["file"] for i in out["strict"]] == [out["name"], "slow-w0-2.toml"]
    assert 0.0 < out["strict"][0]["retimed_s"] < 60.0


_REGENERATE = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import fuzz_loading as f
out = Path(sys.argv[2])
f.ESCAPES = out  # the worker saves its variants here
state = f.worker(0, 11, float("inf"), 3, 0.0)  # a 0 s bar: every variant is slow and saved
items = state["slow"]
kept = {i["file"]: f.read_input(out, i["file"]) for i in items}
for i in items:
    (out / i["file"]).unlink()
wrong = dict(items[0], bytes=items[0]["bytes"] + 1, file="slow-w0-1.json")
again = f.retime([*items, wrong], 60.0, out, seed=11)
same = [f.read_input(out, name) == data for name, data in kept.items()]
print(json.dumps({"items": items, "still": again, "same": same}))
"""


def test_a_slow_input_whose_file_is_gone_is_made_again_from_the_seed(tmp_path: Path) -> None:
    out = _run(_REGENERATE, tmp_path)
    assert [i["file"].split(".")[0] for i in out["items"]] == [f"slow-w0-{n}" for n in (1, 2, 3)]
    assert all(i["regenerated"] and i["retimed_s"] is not None for i in out["items"])
    assert out["same"] == [True, True, True]  # byte for byte the variants the worker made
    # A variant the seed does not make again (its size differs) cannot be timed: it stays slow.
    assert [i["file"] for i in out["still"]] == ["slow-w0-1.json"]
    assert out["still"][0]["retimed_s"] is None
