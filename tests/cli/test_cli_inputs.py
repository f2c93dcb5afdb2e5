"""Inputs as they arrive (pse_recon.cli.inputs): ``-`` for standard input, gzip and
zip files, ``ARCHIVE!MEMBER``, and one line for what cannot be read, in every
command that reads a file. FIFOs, opened and read once: tests/regressions/
test_regression_fifo_opened_twice.py."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from archive_support import OTHER_COMPRESSIONS, bad_crc, encrypted, gz, truncated, zipped
from pse_recon.codec import sources

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLE = (EXAMPLES / "recaudo-2001.txt").read_bytes()
VALID = "asobancaria-2001, 162 columns, 2 lots, 4 details, total 1514450.50: valid (0 errors, 0 warnings)"
#: validate's closing line for one file, valid or that could not be read.
ONE_VALID = "1 file: 0 errors, 0 warnings\n"
ONE_UNREAD = "1 file: 0 errors, 0 warnings (1 could not be read)\n"


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``stdin(data)`` makes ``data`` what ``sys.stdin`` (text, over a binary buffer) gives."""

    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="latin-1"))

    return feed


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """The example as recaudo.txt.gz, one.zip, two.zip (it and the Davivienda-like
    file bad.txt: a lot control that says 5 records of 4 details)."""
    bad = EXAMPLE.replace(b"080000000030", b"080000000050")
    (tmp_path / "recaudo.txt.gz").write_bytes(gz(EXAMPLE))
    (tmp_path / "one.zip").write_bytes(zipped({"recaudo.txt": EXAMPLE}))
    (tmp_path / "two.zip").write_bytes(zipped({"recaudo.txt": EXAMPLE, "bad.txt": bad}))
    return tmp_path


# -- standard input --------------------------------------------------------------------------
def test_validate_dash_is_standard_input(run: Any, stdin: Any) -> None:
    stdin(EXAMPLE)
    r = run("validate", "-")
    assert (r.code, r.out, r.err) == (0, f"-: {VALID}\n{ONE_VALID}", "")


def test_show_and_convert_read_standard_input_once_for_two_passes(run: Any, stdin: Any) -> None:
    stdin(gz(EXAMPLE))
    r = run("show", "-")
    assert (r.code, r.err) == (0, "")
    assert r.out.splitlines()[:2] == ["file: -", "format: asobancaria-2001 (Asobancaria 2001)"]
    stdin(EXAMPLE)
    r = run("convert", "-", "--to", "csv")
    assert (r.code, r.err) == (0, "")
    assert r.out.splitlines()[1].startswith("3,06,000000000000000000000000000000000000000000021053,85400.00,")


def test_reconcile_expected_from_standard_input_json_by_its_first_character(
    run: Any, stdin: Any
) -> None:
    stdin(b'\xef\xbb\xbf [{"reference": "21053", "amount": "85400.00"}]')
    r = run("reconcile", EXAMPLES / "recaudo-2001.txt", "--expected", "-")
    assert r.code == 5  # three payments not expected
    assert r.out.splitlines()[2].split() == ["matched", "1", "85400.00"]


def test_generate_from_standard_input_csv(run: Any, stdin: Any, tmp_path: Path) -> None:
    stdin((EXAMPLES / "transactions.csv").read_bytes())
    out = tmp_path / "out.txt"
    r = run("generate", "--format", "pse-detail", "--input", "-", "-o", out)
    assert (r.code, r.err) == (0, "")
    assert r.out == f"{out}: pse-detail, 7 details, total 678651.25\n"


def test_generate_from_a_gzipped_json(run: Any, tmp_path: Path) -> None:
    source = tmp_path / "tx.json.gz"
    source.write_bytes(gz((EXAMPLES / "transactions.json").read_bytes()))
    r = run("generate", "--format", "pse-detail", "--input", source, "-o", tmp_path / "out.txt")
    assert (r.code, r.err) == (0, "")


def test_standard_input_given_twice_is_a_usage_error(run: Any, stdin: Any) -> None:
    stdin(EXAMPLE)
    r = run("reconcile", "-", "--expected", "-")
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith("pse-recon: error: standard input (-) can be read only once\n")


def test_closed_standard_input(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    r = run("show", "-")
    assert (r.code, r.out, r.err) == (2, "", "pse-recon: error: -: standard input is closed\n")


# -- gzip and zip -----------------------------------------------------------------------------
def test_validate_reads_gzip_a_zip_of_one_and_each_member_of_a_zip(run: Any, files: Path) -> None:
    os.chdir(files)
    r = run("validate", "recaudo.txt.gz", "one.zip", "two.zip")
    assert r.code == 1
    assert r.out == (
        f"recaudo.txt.gz: {VALID}\n"
        f"one.zip: {VALID}\n"
        f"two.zip!recaudo.txt: {VALID}\n"
        "two.zip!bad.txt:6:3: error: PR301 total_registros_lote: says 5 records, "
        "but there are 3\n"
        "two.zip!bad.txt: asobancaria-2001, 162 columns, 2 lots, 4 details, total 1514450.50: invalid "
        "(1 error, 0 warnings)\n"
        "4 files: 1 error, 0 warnings\n"
    )


def test_validate_json_names_members(run: Any, files: Path) -> None:
    import json

    os.chdir(files)
    r = run("validate", "two.zip", "--json")
    assert [(f["path"], f["valid"]) for f in json.loads(r.out)["files"]] == [
        ("two.zip!recaudo.txt", True), ("two.zip!bad.txt", False)]


def test_a_one_file_command_refuses_a_zip_of_several_and_takes_a_member(run: Any, files: Path) -> None:
    os.chdir(files)
    r = run("show", "two.zip")
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "pse-recon: error: two.zip is a zip of 2 files (recaudo.txt, bad.txt): name one, as "
        "two.zip!recaudo.txt\n"
    )
    r = run("show", "two.zip!bad.txt")
    assert r.code == 1
    assert r.out.startswith("file: two.zip!bad.txt\n")
    assert r.err.startswith("two.zip!bad.txt:6:3: error: PR301 total_registros_lote:")
    r = run("--lang", "es", "convert", "two.zip", "--to", "json")
    assert r.err == (
        "pse-recon: error: two.zip es un zip de 2 archivos (recaudo.txt, bad.txt): indique uno, como "
        "two.zip!recaudo.txt\n"
    )


@pytest.mark.parametrize(("argument", "message"), [
    ("two.zip!nope.txt", "two.zip: has no member nope.txt (members: recaudo.txt, bad.txt)"),
    ("recaudo.txt.gz!x.txt", "recaudo.txt.gz is not a zip archive: it has no member x.txt"),
    ("missing.zip!x.txt", "missing.zip!x.txt: no such file or directory"),
])
def test_members_that_are_not_there(run: Any, files: Path, argument: str, message: str) -> None:
    os.chdir(files)
    r = run("show", argument)
    assert (r.code, r.out, r.err) == (2, "", f"pse-recon: error: {message}\n")


def test_a_file_whose_name_has_a_bang_is_that_file(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "odd!name.txt"
    path.write_bytes(EXAMPLE)
    assert run("validate", path).out == f"{path}: {VALID}\n{ONE_VALID}"


# -- what cannot be read: one line -------------------------------------------------------------
@pytest.mark.parametrize(("data", "reason"), [
    (truncated(EXAMPLE * 50), "not a readable gzip file (Compressed file ended before the "
                              "end-of-stream marker was reached)"),
    (bad_crc(EXAMPLE), "not a readable gzip file (CRC check failed 0x"),
    (encrypted(EXAMPLE), "member a.txt is encrypted"),
    (gz(zipped({"a.txt": EXAMPLE})), "holds zip data inside the gzip file: unpack it first"),
    (b"\x00" * 4096, "binary data, not text: it starts with byte 0x00"),
    (b"\x1b[2J" + EXAMPLE, "binary data, not text: it starts with byte 0x1b"),
    (EXAMPLE.decode("latin-1").encode("utf-16"), "UTF-16 text (it starts with a byte-order mark): "
     "save it as UTF-8 or latin-1, one byte a character"),
    *((data, f"compressed with {kind}, which is not read: decompress it first (gzip and zip are read)")
      for kind, data in sorted(OTHER_COMPRESSIONS.items())),
], ids=["truncated", "bad-crc", "encrypted", "zip-in-gz", "nul", "escape", "utf-16",
        *sorted(OTHER_COMPRESSIONS)])
def test_what_cannot_be_read_says_so_in_one_line(run: Any, tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "recaudo.txt"
    path.write_bytes(data)
    for command, status in (("validate", 1), ("show", 4), ("convert", 4), ("reconcile", 4)):
        extra = {"convert": ["--to", "json"], "reconcile": ["--expected", EXAMPLES / "expected.csv"]}
        r = run(command, path, *extra.get(command, []))
        assert (r.code, r.out) == (status, ONE_UNREAD if command == "validate" else ""), command
        assert r.err.startswith(f"pse-recon: error: {path}: {reason}"), (command, r.err)
        assert r.err.count("\n") == 1, command


def test_a_bomb_is_refused_past_the_bound(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.gz"
    path.write_bytes(gz(EXAMPLE * 2000))
    monkeypatch.setattr(sources, "MAX_UNPACKED", 1 << 20)
    message = f"pse-recon: error: {path}: unpacks to more than 1 MiB, the most read from one archive\n"
    r = run("validate", path)  # streamed: found on the way
    assert (r.code, r.out, r.err) == (1, ONE_UNREAD, message)
    r = run("show", path)  # spooled, found while spooling
    assert (r.code, r.out, r.err) == (4, "", message)


def test_an_input_file_that_is_corrupt(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "expected.csv.gz"
    path.write_bytes(truncated((EXAMPLES / "expected.csv").read_bytes() * 50))
    r = run("reconcile", EXAMPLES / "recaudo-2001.txt", "--expected", path)
    assert (r.code, r.out) == (4, "")
    assert r.err.startswith(f"pse-recon: error: {path}: not a readable gzip file (")


def test_a_missing_file_beside_others_in_validate(run: Any, files: Path) -> None:
    os.chdir(files)
    r = run("validate", "missing.txt", "one.zip")
    assert (r.code, r.out) == (2, f"one.zip: {VALID}\n2 files: 0 errors, 0 warnings (1 could not be read)\n")
    assert r.err == "pse-recon: error: missing.txt: no such file or directory\n"
