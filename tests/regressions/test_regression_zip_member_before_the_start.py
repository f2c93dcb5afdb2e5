"""Regression (found by the command line's fuzz target): a zip whose end record puts
its directory one byte further than it is made ``read`` raise a bare ``ValueError``
(``negative seek value -1``) instead of an ArchiveError, and ``show`` say just that.

zipfile takes the difference between where the directory is and where the end
record says it is as bytes prepended to the archive, and seeks to each member's
header that much earlier: before the file's start. Opening a member now turns every
error zipfile raises on bad data into ArchiveError("corrupt").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import pse_recon
from archive_support import zipped
from pse_recon.cli import main

EXAMPLE = (Path(__file__).parents[2] / "examples" / "recaudo-2001.txt").read_bytes()


def directory_one_byte_late() -> bytes:
    raw = bytearray(zipped({"a.txt": EXAMPLE}))
    end = raw.rfind(b"PK\x05\x06")
    offset = int.from_bytes(raw[end + 16 : end + 20], "little")  # the directory's offset
    raw[end + 16 : end + 20] = (offset + 1).to_bytes(4, "little")
    return bytes(raw)


@pytest.mark.parametrize("work", [pse_recon.read, pse_recon.validate,
                                  lambda b: list(pse_recon.iter_records(b))])
def test_read_validate_iter_records_refuse_it(work: Any) -> None:
    with pytest.raises(pse_recon.ArchiveError) as info:
        work(directory_one_byte_late())
    assert (info.value.problem, str(info.value)) == (
        "corrupt", "not a readable zip file (negative seek value -1)")


def test_show_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "late.zip"
    path.write_bytes(directory_one_byte_late())
    assert main(["--lang", "en", "show", str(path)]) == 4
    err = capsys.readouterr().err
    # from a file, the seek before the start is the system's EINVAL (its words vary)
    assert err.startswith(f"pse-recon: error: {path}: not a readable zip file (")
    assert err.count("\n") == 1
