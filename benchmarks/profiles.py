"""The cost of the rule profiles: ``validate`` of the same file under each profile, in
turns (default, pse, manual, bank, default, …), against the default profile's time.

    python benchmarks/profiles.py                 # 100,000 details per format
    python benchmarks/profiles.py --details 1000000 --formats asobancaria-2001

The files are bench.py's (written by pse_recon into ``benchmarks/out/``). Each
profile's time is the median of ``--repeat`` turns; the ratio is to the default's
median in the same run. Checks a profile turns off cost nothing (there is no code for
them in the run); ``manual``'s PR116/PR117, which the fast paths cannot make, pass a
block of lines through a gate (:mod:`pse_recon.validation.gate`) before them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # the benchmark's files and their writer

import pse_recon

PROFILES = ("default", "pse", "manual", "bank")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--formats", default="asobancaria-2001,andesco,pse-detail")
    args = parser.parse_args(list(argv) if argv is not None else None)
    bench.OUT.mkdir(parents=True, exist_ok=True)
    print(f"validate under each profile, median of {args.repeat} turns, ratio to default")
    for fmt in args.formats.split(","):
        size = min(args.details, bench.PSE_DETAIL_MAX) if fmt == "pse-detail" else args.details
        path = bench.OUT / f"{fmt}-{size}.txt"
        if not path.exists():
            bench.make_file(fmt, size, path)
        times: dict[str, list[float]] = {p: [] for p in PROFILES}
        for _ in range(args.repeat):
            for profile in PROFILES:
                start = time.perf_counter()
                pse_recon.validate(path, fmt, rules=profile)
                times[profile].append(time.perf_counter() - start)
        base = statistics.median(times["default"])
        for profile in PROFILES:
            median = statistics.median(times[profile])
            print(f"  {fmt:18} {profile:8} {median * 1000:8.1f} ms  {median / base:5.2f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
