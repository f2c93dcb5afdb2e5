"""Start-up time of the command line, against ``python -c pass``, in paired runs.

    python benchmarks/startup.py                 # 21 pairs per command
    python benchmarks/startup.py --runs 51

Each command is started as a fresh process, in turn with ``python -c pass`` (A B A B
…), and the ratio of each pair's wall times is taken: pairing keeps the ratio fair when
the machine's speed drifts. The median ratio is printed, with the quartiles. The
commands: ``pse-recon --help``, ``pse-recon --version``, ``pse-recon validate`` of a
10-line file (the example, cut), and ``python -c "import pse_recon"``.

The children run in an empty temporary folder (no configuration file to find) with
the bytecode of pse_recon cached in a temporary folder of their own (warmed up first),
as an installed package has it: a source tree run with PYTHONDONTWRITEBYTECODE would
time the compiler instead.

Target (issue 13): each command within 4 times ``python -c pass``; ``import pse_recon``
no slower than before the API became lazy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "recaudo-2001.txt"
TARGET = 4.0


def _time(argv: Sequence[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def paired(argv: Sequence[str], runs: int, env: dict[str, str], cwd: str) -> list[float]:
    """The ratios, pair by pair, of ``argv``'s wall time to ``python -c pass``'s."""
    base = [sys.executable, "-c", "pass"]
    for _ in range(2):  # warm-up: bytecode written, files in the page cache
        _time(argv, env, cwd)
        _time(base, env, cwd)
    return [_time(argv, env, cwd) / _time(base, env, cwd) for _ in range(runs)]


def commands(folder: Path) -> dict[str, list[str]]:
    ten = folder / "ten.txt"
    ten.write_bytes(b"".join(EXAMPLE.read_bytes().splitlines(keepends=True)[:10]))
    cli = [sys.executable, "-m", "pse_recon"]
    return {
        "pse-recon --help": [*cli, "--help"],
        "pse-recon --version": [*cli, "--version"],
        "pse-recon validate (10 lines)": [*cli, "validate", str(ten)],
        "import pse_recon": [sys.executable, "-c", "import pse_recon"],
    }


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="pairs per command (default 21)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
        print(f"pse_recon start-up: wall time / python -c pass, {args.runs} pairs each, median "
              "[quartiles]")
        missed = 0
        for name, command in commands(folder).items():
            ratios = paired(command, args.runs, env, tmp)
            q1, median, q3 = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
            verdict = "" if name.startswith("import") else (
                "  PASS" if median <= TARGET else "  MISS")
            missed += verdict == "  MISS"
            print(f"  {name:32} {median:5.2f} x  [{q1:.2f} - {q3:.2f}]{verdict}")
    print(f"target: each command within {TARGET:g} x python -c pass")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
