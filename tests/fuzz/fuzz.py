"""Stand-alone fuzzer of read, iter_records and validate (see docs/fuzzing.md).

    python tests/fuzz/fuzz.py random --seconds 30 --seed 1     # deterministic inputs
    python tests/fuzz/fuzz.py atheris -- -max_total_time=3600  # coverage-guided
    python tests/fuzz/fuzz.py replay crash-file...             # one input, all properties
    python tests/fuzz/fuzz.py --target cli random --seconds 30 # the commands (cli_harness)
    python tests/fuzz/fuzz.py --target inputs random ...       # the CSV/JSON input loaders

Both engines start from the seed corpus of the target's ``seeds()`` and check every
input with its ``check()``: :mod:`harness` (the library) by default,
:mod:`cli_harness` (the commands, in process) with ``--target cli``,
:mod:`inputs_harness` (the CSV and JSON input loaders) with ``--target inputs``. The random
engine's inputs depend only on ``--seed`` (so a failure is reproduced by re-running
the same command, and each failing input is also written to ``--crashes``); atheris
mutates with libFuzzer and the harness's own structure-aware mutators, guided by
coverage.

Exit status: 0 when every input held every property, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

if TYPE_CHECKING:
    import harness
    target = harness
else:
    harness = target = None  # imported by main(): atheris must instrument pse_recon first


#: ``--target`` → its harness module.
TARGETS = {"library": "harness", "cli": "cli_harness", "inputs": "inputs_harness"}


def _import_harness(instrument: bool, name: str) -> None:
    global harness, target
    if instrument:
        import atheris

        with atheris.instrument_imports(include=["pse_recon"]):
            import pse_recon  # noqa: F401
    import harness as module

    harness = module
    target = importlib.import_module(TARGETS[name])


def _mutator(corpus: list[bytes]) -> harness.Mutator:
    """The target's own mutator, or the file harness's (the commands take files)."""
    kind: type[harness.Mutator] = getattr(target, "Mutator", harness.Mutator)
    return kind(corpus)


def _save(crashes: Path, data: bytes) -> Path:
    crashes.mkdir(parents=True, exist_ok=True)
    path = crashes / f"crash-{hashlib.sha1(data).hexdigest()[:16]}"
    path.write_bytes(data)
    return path


def run_random(seconds: float, seed: int, iterations: int | None, crashes: Path,
               stop_at_first: bool) -> int:
    corpus = target.seeds()
    names = sorted(corpus)
    mutator = _mutator([corpus[n] for n in names])
    rng = random.Random(seed)
    failures = 0
    done = 0
    start = time.monotonic()
    budget = f"{iterations} inputs" if iterations else f"{seconds:.0f} s"
    print(f"random engine: seed {seed}, {len(names)} seed files, {budget}", flush=True)
    for name in names:  # the seeds themselves first
        failures += _one(corpus[name], crashes, f"seed {name}")
    while True:
        if iterations is not None and done >= iterations:
            break
        if iterations is None and time.monotonic() - start >= seconds:
            break
        if failures and stop_at_first:
            break
        data = mutator.mutate(corpus[rng.choice(names)], rng)
        done += 1
        failures += _one(data, crashes, f"input {done}")
    elapsed = time.monotonic() - start
    print(f"random engine: {done} mutated inputs in {elapsed:.1f} s, {failures} failing, "
          f"peak RSS {harness.peak_rss_mb():.0f} MB", flush=True)
    checked = done + len(names)
    print(f"fuzz: {checked - failures} passed, {failures} failed", flush=True)
    return 1 if failures else 0


def _one(data: bytes, crashes: Path, label: str) -> int:
    try:
        target.check(data)
    except (Exception, harness.Hang) as exc:
        path = _save(crashes, data)
        print(f"FAIL {label} ({len(data)} B) saved to {path}: {type(exc).__name__}: {exc}",
              flush=True)
        traceback.print_exception(exc, limit=-8)
        return 1
    return 0


def run_replay(paths: list[Path]) -> int:
    failures = 0
    for path in paths:
        try:
            target.check(path.read_bytes())
        except (Exception, harness.Hang):
            print(f"FAIL {path}", flush=True)
            traceback.print_exc()
            failures += 1
        else:
            print(f"ok   {path}", flush=True)
    return 1 if failures else 0


#: Coverage guidance keeps every input that finds something new: small ones keep the
#: corpus quick to go through (the random engine covers the large inputs).
ATHERIS_MAX_LEN = 16 * 1024


def run_atheris(libfuzzer_args: list[str]) -> int:
    import atheris

    corpus = target.seeds()
    mutator = _mutator(list(corpus.values()))

    def test_one_input(data: bytes) -> None:
        # libFuzzer's own -timeout and -rss_limit_mb watch too; the harness's alarm
        # turns a slow input into a Python traceback saying where it was.
        target.check(data)

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if rng.random() < 0.3:
            return bytes(atheris.Mutate(data, max_size))
        return mutator.mutate(data, rng, max_size=max_size)

    seed_dir = Path(tempfile.mkdtemp(prefix="pse-fuzz-seeds-"))
    for i, (_name, data) in enumerate(sorted(corpus.items())):
        (seed_dir / f"seed-{i:03d}").write_bytes(data)
    defaults = [f"-max_len={ATHERIS_MAX_LEN}", "-timeout=60", f"-rss_limit_mb={harness.RSS_LIMIT_MB}"]
    given = {a.split("=")[0] for a in libfuzzer_args if a.startswith("-")}
    # libFuzzer writes new inputs to the first folder given (a corpus of your own),
    # and reads the others: the seeds come last. Given files (to replay or
    # minimize a crash), it runs those alone.
    files = [a for a in libfuzzer_args if not a.startswith("-") and Path(a).is_file()]
    argv = [sys.argv[0], *[d for d in defaults if d.split("=")[0] not in given], *libfuzzer_args,
            *([] if files else [str(seed_dir)])]
    atheris.Setup(argv, test_one_input, custom_mutator=custom_mutator)
    atheris.Fuzz()
    return 0  # pragma: no cover: Fuzz exits the process


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", choices=sorted(TARGETS), default="library",
                        help="what is fuzzed: read/iter_records/validate (library), the commands "
                        "(cli), or the CSV/JSON input loaders (inputs)")
    sub = parser.add_subparsers(dest="engine", required=True)
    r = sub.add_parser("random", help="deterministic random mutation of the seeds")
    r.add_argument("--seconds", type=float, default=60.0)
    r.add_argument("--iterations", type=int, default=None, help="a count instead of a time")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    r.add_argument("--stop-at-first", action="store_true")
    a = sub.add_parser("atheris", help="coverage-guided, with libFuzzer arguments after --")
    a.add_argument("args", nargs=argparse.REMAINDER)
    p = sub.add_parser("replay", help="check given inputs")
    p.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    _import_harness(instrument=args.engine == "atheris", name=args.target)
    if args.engine == "random":
        return run_random(args.seconds, args.seed, args.iterations, args.crashes, args.stop_at_first)
    if args.engine == "replay":
        return run_replay(args.paths)
    return run_atheris([x for x in args.args if x != "--"])


if __name__ == "__main__":
    sys.exit(main())
