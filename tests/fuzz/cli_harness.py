"""The command line under fuzzing: mutated files through ``validate``, ``show``,
``convert --to json|csv`` and ``reconcile``, in process (:func:`pse_recon.cli.main`),
each with standard output open, closed (``None``, what ``>&-`` gives Python) and a
broken pipe. Used by ``tests/fuzz/fuzz.py --target cli`` and ``tests/fuzz/test_fuzz.py``
(docs/fuzzing.md).

Properties, per input ``b`` (written to a file, the format detected):

1. No command exits 3 (an internal error) or prints a traceback, whatever ``b`` and
   standard output.
2. The exit status is the library's verdict on the same bytes, so that every command
   gives one verdict and ``read`` and ``validate`` agree on readability:

   * ``validate``: 0 when ``pse_recon.validate(b)`` is valid; 1 when it is not or
     when ``b`` is compressed data that does not unpack (ArchiveError); for a zip of
     several members, the worst of its members.
   * ``show``, ``convert``: 4 when ``pse_recon.read(b)`` raises (ReadError or
     ArchiveError); else 1 when validate finds an error, else 0. 2 for a zip of
     several members (a member must be named).
   * ``reconcile`` (against ``examples/expected.csv``): 4 and 2 as ``show``; 1 when
     the file has errors; else 0 or 5 as ``pse_recon.reconcile`` says, 2 when it
     refuses the file (pse-summary).
3. With a broken pipe the status is 141, and with standard output closed 2 (it cannot
   be written); for a command that prints nothing on standard output (``reconcile``
   of a file with errors) the verdict of 2 either way.

Inputs are cut to :data:`MAX_SIZE`: every command reads them, some twice.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import harness

sys.path.insert(0, str(harness.TESTS))
import archive_support
import pse_recon
from pse_recon.cli import main
from pse_recon.cli.common import EXIT_BROKEN_PIPE, EXIT_INTERNAL, EXIT_USAGE
from pse_recon.codec.sources import ZipArchive, signature
from pse_recon.errors import ArchiveError, ReadError

#: Largest input given to the commands (bytes).
MAX_SIZE = 64 * 1024
EXPECTED = harness.EXAMPLES / "expected.csv"
#: The commands run on every input, after ``pse-recon``; FILE is the input's path.
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("validate", "FILE"),
    ("show", "FILE"),
    ("convert", "FILE", "--to", "json"),
    ("convert", "FILE", "--to", "csv"),
    ("reconcile", "FILE", "--expected", str(EXPECTED)),
)
STDOUTS = ("open", "closed", "broken")

PropertyViolation = harness.PropertyViolation


def seeds() -> dict[str, bytes]:
    """The library harness's seeds, and archives of them as banks send them, whole
    and broken."""
    out = harness.seeds()
    g2001 = out["golden/asobancaria-2001-162.txt"]
    pse = out["golden/pse-detail.txt"]
    out.update({
        "archive/2001.gz": archive_support.gz(g2001),
        "archive/pse.zip": archive_support.zipped({"pse.txt": pse}),
        "archive/two.zip": archive_support.zipped({"a.txt": g2001, "b.txt": pse}),
        "archive/truncated.gz": archive_support.truncated(g2001 * 20),
        "archive/bad-crc.gz": archive_support.bad_crc(g2001),
        "archive/encrypted.zip": archive_support.encrypted(g2001),
        "binary/nul": b"\x00" * 2048,
        "binary/utf-16": g2001.decode("latin-1").encode("utf-16"),
        **{f"archive/{kind}": data for kind, data in archive_support.OTHER_COMPRESSIONS.items()},
    })
    return out


# -- the library's verdict -------------------------------------------------------------------
def _members(data: bytes) -> list[bytes] | None:
    """The members' contents of a zip of several members, else None."""
    if signature(data) != "zip":
        return None
    try:
        with ZipArchive(io.BytesIO(data)) as archive:
            if len(archive.members) < 2:
                return None
            contents = []
            for member in archive.members:
                try:
                    with archive.open(member) as stream:
                        contents.append(stream.read())
                except ArchiveError:
                    contents.append(b"\x1f\x8b")  # unreadable, as it is to validate
            return contents
    except ArchiveError:
        return None


def _validate_status(data: bytes) -> int:
    try:
        return 0 if pse_recon.validate(data).valid else 1
    except ArchiveError:
        return 1


def expected_status(data: bytes, command: str) -> int:
    """What property 2 says ``command`` must exit with on ``data``."""
    members = _members(data)
    if command == "validate":
        return max(map(_validate_status, members)) if members else _validate_status(data)
    if members:
        return 2
    try:
        f = pse_recon.read(data)
    except (ReadError, ArchiveError):
        return 4
    if not pse_recon.validate(data).valid:
        return 1
    if command != "reconcile":
        return 0
    from pse_recon.generator.inputs import InputError
    from pse_recon.reconciliation import ReconcileError, load_expected

    try:
        return 0 if pse_recon.reconcile(f, load_expected(EXPECTED)).ok else 5
    except (ReconcileError, InputError):
        return 2


# -- running a command --------------------------------------------------------------------------
@contextlib.contextmanager
def _stdout(mode: str) -> Iterator[io.StringIO]:
    """Standard output open (captured), closed (None) or a pipe nobody reads; standard
    error captured in what is yielded."""
    saved = sys.stdout, sys.stderr
    err = io.StringIO()
    out: io.TextIOBase | None = io.StringIO()
    if mode == "closed":
        out = None
    elif mode == "broken":
        read_end, write_end = os.pipe()
        os.close(read_end)
        out = open(write_end, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    sys.stdout, sys.stderr = out, err  # type: ignore[assignment]
    try:
        yield err
    finally:
        sys.stdout, sys.stderr = saved
        if mode == "broken" and out is not None:
            with contextlib.suppress(OSError, ValueError):
                out.close()


def run(argv: list[str], mode: str = "open") -> tuple[int, str, str]:
    """``main(argv)`` with standard output in ``mode``: (status, stdout, stderr)."""
    with _stdout(mode) as err:
        out = sys.stdout
        status = main(argv)
        printed = out.getvalue() if isinstance(out, io.StringIO) else ""
    return status, printed, err.getvalue()


_FOLDER: Path | None = None


def _input_path(data: bytes) -> Path:
    global _FOLDER
    if _FOLDER is None:
        _FOLDER = Path(tempfile.mkdtemp(prefix="pse-cli-fuzz-"))
    path = _FOLDER / "input.txt"
    path.write_bytes(data)
    return path


def check(data: bytes, *, time_limit: float | None = harness.TIME_LIMIT,
          stdouts: tuple[str, ...] = STDOUTS) -> None:
    """Every property for one input, standard output in each of ``stdouts`` (the open
    one first); raises PropertyViolation, Hang, or whatever escaped ``main`` (it
    must not: main never raises)."""
    data = data[:MAX_SIZE]
    path = _input_path(data)
    with harness.alarm(time_limit) if time_limit else contextlib.nullcontext():
        for command in COMMANDS:
            argv = ["--lang", "en", *(str(path) if a == "FILE" else a for a in command)]
            verdict = expected_status(data, command[0])
            printed = ""
            for mode in stdouts:
                status, out, err = run(argv, mode)
                what = f"{' '.join(command)} (stdout {mode}) exited {status}"
                if status == EXIT_INTERNAL or "Traceback" in err:
                    raise PropertyViolation(f"{what}: {err.strip()[-300:]}")
                if mode == "open":
                    printed = out
                    if status != verdict:
                        raise PropertyViolation(f"{what}, the library's verdict is {verdict}: {err[:300]}")
                expected = {"broken": EXIT_BROKEN_PIPE, "closed": EXIT_USAGE}.get(mode, verdict)
                if mode != "open" and status != (expected if printed else verdict):
                    raise PropertyViolation(f"{what}, expected {expected if printed else verdict}")
