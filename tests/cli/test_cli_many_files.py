"""``pse-recon validate`` of many files: directories and glob patterns expanded by the
tool (pse_recon.cli.inputs.expand), ``--recursive``, and ``--jobs N`` with the output
in the order given (pse_recon.cli.batch)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from archive_support import gz, zipped
from pse_recon.cli.inputs import Refused, expand

EXAMPLE = (Path(__file__).parents[2] / "examples" / "recaudo-2001.txt").read_bytes()
BAD = EXAMPLE.replace(b"080000000030", b"080000000050", 1)  # PR301 at line 6


@pytest.fixture
def month(tmp_path: Path) -> Path:
    """A month's folder, as banks deliver it::

        month/b.txt  month/a.txt.gz  month/c.zip (c1.txt, c2.txt: bad)
        month/.hidden.txt  month/.git/x.txt
        month/bank2/z.txt (bad)  month/bank2/deeper/y.txt
    """
    root = tmp_path / "month"
    (root / ".git").mkdir(parents=True)
    (root / "bank2" / "deeper").mkdir(parents=True)
    (root / "b.txt").write_bytes(EXAMPLE)
    (root / "a.txt.gz").write_bytes(gz(EXAMPLE))
    (root / "c.zip").write_bytes(zipped({"c1.txt": EXAMPLE, "c2.txt": BAD}))
    (root / ".hidden.txt").write_bytes(b"junk\n")
    (root / ".git" / "x.txt").write_bytes(b"junk\n")
    (root / "bank2" / "z.txt").write_bytes(BAD)
    (root / "bank2" / "deeper" / "y.txt").write_bytes(EXAMPLE)
    os.chdir(tmp_path)
    return root


def names(run: Any, *argv: str) -> list[str]:
    """The inputs a JSON report lists, in order."""
    return [f["path"] for f in json.loads(run("validate", "--json", *argv).out)["files"]]


# -- directories -----------------------------------------------------------------------------
def test_a_directory_is_its_files_sorted_hidden_ones_skipped(run: Any, month: Path) -> None:
    assert names(run, "month") == [
        "month/a.txt.gz", "month/b.txt", "month/c.zip!c1.txt", "month/c.zip!c2.txt"]


def test_recursive_takes_the_subdirectories_at_their_place(run: Any, month: Path) -> None:
    assert names(run, "-r", "month") == [
        "month/a.txt.gz", "month/b.txt", "month/bank2/deeper/y.txt", "month/bank2/z.txt",
        "month/c.zip!c1.txt", "month/c.zip!c2.txt"]
    assert names(run, "--recursive", "month/") == [
        "month/a.txt.gz", "month/b.txt", "month/bank2/deeper/y.txt", "month/bank2/z.txt",
        "month/c.zip!c1.txt", "month/c.zip!c2.txt"]


def test_the_text_output_of_a_folder(run: Any, month: Path) -> None:
    r = run("validate", "-r", "--quiet", "month")
    assert r.code == 1
    assert r.out.splitlines() == [
        "month/bank2/z.txt:6:3: error: PR301 total_registros_lote: says 5 records, but there are 3",
        "month/c.zip!c2.txt:6:3: error: PR301 total_registros_lote: says 5 records, but there are 3",
        "6 files: 2 errors, 0 warnings",
    ]


def test_hidden_files_named_explicitly_are_taken(run: Any, month: Path) -> None:
    assert names(run, "month/.hidden.txt", "month/.git") == ["month/.hidden.txt", "month/.git/x.txt"]


def test_an_empty_folder_is_refused(run: Any, month: Path) -> None:
    (month / "empty").mkdir()
    (month / "empty" / ".keep").write_bytes(b"")
    r = run("validate", "month/empty", "month/b.txt")
    assert r.code == 2
    assert r.err == (
        "pse-recon: error: month/empty: no file to check in this folder (hidden files are skipped; "
        "--recursive checks its subfolders)\n"
    )
    assert r.out.splitlines()[-1] == "2 files: 0 errors, 0 warnings (1 could not be read)"


def test_fifos_sockets_and_devices_in_a_folder_are_skipped(run: Any, month: Path) -> None:
    os.mkfifo(month / "fifo")  # opening it would wait for a writer forever
    with contextlib.suppress(PermissionError, AttributeError):  # the FIFO is enough then
        os.mknod(month / "device", 0o600 | 0o020000, os.makedev(1, 3))  # like /dev/null
    assert names(run, "month") == [
        "month/a.txt.gz", "month/b.txt", "month/c.zip!c1.txt", "month/c.zip!c2.txt"]


def test_links_are_followed_but_not_round_a_loop(run: Any, month: Path) -> None:
    (month / "bank2" / "deeper" / "up").symlink_to("../..")  # a loop back to month/
    (month / "d.txt").symlink_to("b.txt")
    assert names(run, "-r", "month") == [
        "month/a.txt.gz", "month/b.txt", "month/bank2/deeper/y.txt", "month/bank2/z.txt",
        "month/c.zip!c1.txt", "month/c.zip!c2.txt", "month/d.txt"]


def test_what_cannot_be_read_is_reported_in_its_place(run: Any, month: Path) -> None:
    (month / "b1-gone.txt").symlink_to("nowhere.txt")  # a dangling link: a missing file
    (month / "b2-binary.txt").write_bytes(b"\x00\x00")
    r = run("validate", "--json", "month")
    assert r.code == 2
    files = json.loads(r.out)["files"]
    assert [(f["path"], f["valid"], f.get("exit_status")) for f in files] == [
        ("month/a.txt.gz", True, None), ("month/b.txt", True, None),
        ("month/b1-gone.txt", False, 2), ("month/b2-binary.txt", False, 1),
        ("month/c.zip!c1.txt", True, None), ("month/c.zip!c2.txt", False, None)]
    assert r.err.splitlines() == [
        "pse-recon: error: month/b1-gone.txt: no such file or directory",
        "pse-recon: error: month/b2-binary.txt: binary data, not text: it starts with byte 0x00",
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads any file and folder whatever its mode")
def test_unreadable_files_and_folders_are_reported(run: Any, month: Path) -> None:
    (month / "b1.txt").write_bytes(EXAMPLE)
    (month / "b1.txt").chmod(0)
    (month / "bank2").chmod(0)
    try:
        r = run("validate", "-r", "month")
    finally:
        (month / "b1.txt").chmod(0o644)
        (month / "bank2").chmod(0o755)
    assert r.code == 2
    assert r.err.splitlines() == [
        "pse-recon: error: month/b1.txt: permission denied",
        "pse-recon: error: month/bank2: permission denied",
    ]


# -- glob patterns --------------------------------------------------------------------------------
def test_a_pattern_is_expanded_by_the_tool(run: Any, month: Path) -> None:
    assert names(run, "month/*.txt*") == ["month/a.txt.gz", "month/b.txt"]
    assert names(run, "month/**/*.txt") == [
        "month/b.txt", "month/bank2/deeper/y.txt", "month/bank2/z.txt"]
    assert names(run, "month/bank?") == ["month/bank2/z.txt"]  # a matched folder is its files


def test_a_pattern_that_matches_nothing_is_refused(run: Any, month: Path) -> None:
    r = run("validate", "month/*.csv", "month/b.txt")
    assert r.code == 2
    assert r.err == "pse-recon: error: month/*.csv: no file matches this pattern\n"


def test_a_file_whose_name_looks_like_a_pattern_is_that_file(run: Any, month: Path) -> None:
    (month / "[b].txt").write_bytes(BAD)
    assert names(run, "month/[b].txt") == ["month/[b].txt"]


def test_members_and_standard_input_still_work(run: Any, month: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EXAMPLE), encoding="latin-1"))
    assert names(run, "month/c.zip!c2.txt", "-") == ["month/c.zip!c2.txt", "-"]


def test_expand_alone() -> None:
    assert list(expand("-")) == ["-"]
    assert list(expand("nowhere/x.txt")) == ["nowhere/x.txt"]  # opening it will say why
    (refused,) = expand("nowhere/*.txt")
    assert isinstance(refused, Refused) and refused.name == "nowhere/*.txt"


# -- --jobs ----------------------------------------------------------------------------------------
def test_jobs_give_the_same_output_in_the_order_given(run: Any, month: Path) -> None:
    arguments = ["-r", "month", "month/b.txt", "gone.txt", "month/c.zip"]
    one = run("validate", *arguments)
    for jobs in ("2", "3", "0"):
        many = run("validate", "--jobs", jobs, *arguments)
        assert (many.code, many.out, many.err) == (one.code, one.out, one.err)
    assert one.code == 2


def test_jobs_in_every_format_and_language(run: Any, month: Path) -> None:
    for output in ("json", "sarif", "junit", "github"):
        one = run("validate", "--lang", "es", "--output-format", output, "-r", "month")
        many = run("validate", "--lang", "es", "-j", "2", "--output-format", output, "-r", "month")
        assert many.out == one.out, output
    assert "dice 5 registros" in one.out  # the workers speak the run's language


def test_jobs_read_standard_input_in_its_turn(run: Any, month: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD), encoding="latin-1"))
    assert names(run, "-j", "2", "month/b.txt", "-", "month/a.txt.gz") == [
        "month/b.txt", "-", "month/a.txt.gz"]
