"""``read`` of one file by two source trees in turn, each run in a fresh interpreter:
``python benchmarks/read_by_turns.py FORMAT FILE TREE_BEFORE TREE_AFTER [--rounds N]``.

Before-and-after figures taken one run after the other move by 30 % on a shared VM
(page faults of a million kept records cost what the moment makes them); taken by
turns, both trees meet the same moments. Each round runs, per tree, (d0) then (d) of
``bench.py`` (pse-detail) or (d) alone, best of three, and prints the best of the
rounds and, for pse-detail, the median (d)/(d0).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[3])
import bench
from pathlib import Path
path, fmt = Path(sys.argv[1]), sys.argv[2]
out = {}
if fmt == "pse-detail":
    t0, t, _ = bench.timed_by_turns(lambda: bench.handwritten_pse_read(path), lambda: bench.read(path, fmt),
                                    3, lambda got: None)
    out["d0"] = t0.best
else:
    t, _ = bench.timed(lambda: bench.read(path, fmt), 3)
out["d"] = t.best
print(json.dumps(out))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("format")
    parser.add_argument("file", type=Path)
    parser.add_argument("trees", nargs=2, type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    runs: dict[Path, list[dict[str, float]]] = {tree: [] for tree in args.trees}
    for _ in range(args.rounds):
        for tree in args.trees:
            env = {**os.environ, "PYTHONPATH": str(tree / "src")}
            done = subprocess.run([sys.executable, "-c", CHILD, str(args.file), args.format, str(HERE)],
                                  env=env, capture_output=True, text=True, check=True)
            runs[tree].append(json.loads(done.stdout))
    for tree, rs in runs.items():
        line = f"{tree}: read best {min(r['d'] for r in rs):.3f} s"
        if "d0" in rs[0]:
            line += f", (d)/(d0) median {statistics.median(r['d'] / r['d0'] for r in rs):.3f}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
