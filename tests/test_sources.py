"""Sources as banks deliver them (:mod:`pse_recon.codec.sources`): ``read``,
``iter_records`` and ``validate`` of gzip and of a one-member zip read the content,
whatever the source's name; every other archive or compression is refused with an
ArchiveError that says why, in English and Spanish; unpacking is bounded."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

import pse_recon
from archive_support import OTHER_COMPRESSIONS, bad_crc, encrypted, gz, truncated, zipped
from pse_recon.codec import sources
from pse_recon.codec.sources import REASONS, Named, signature
from pse_recon.errors import ArchiveError
from pse_recon.generator.inputs import InputError, collection_from_csv

ROOT = Path(__file__).parents[1]
EXAMPLE = (ROOT / "examples" / "recaudo-2001.txt").read_bytes()


class Pipe(io.RawIOBase):
    """A stream that cannot seek and gives a few bytes at a time, as a pipe does."""

    def __init__(self, data: bytes, step: int = 7) -> None:
        self._data, self._step = data, step

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(self._step, len(buffer), len(self._data))
        buffer[:n], self._data = self._data[:n], self._data[n:]
        return n


def pipe(data: bytes) -> io.BufferedReader:
    return io.BufferedReader(Pipe(data))


def refusal(source: Any) -> ArchiveError:
    """The ArchiveError that read, iter_records and validate all raise for ``source``
    (its str is the same for the three)."""
    errors = []
    for call in (pse_recon.read, lambda s: list(pse_recon.iter_records(s)), pse_recon.validate):
        with pytest.raises(ArchiveError) as info:
            call(source() if callable(source) else source)
        errors.append(info.value)
    assert len({str(e) for e in errors}) == 1
    return errors[0]


# -- what is read --------------------------------------------------------------------
@pytest.mark.parametrize("pack", [gz, lambda d: zipped({"recaudo.txt": d})], ids=["gzip", "zip"])
def test_packed_bytes_and_paths_read_the_content(pack: Any, tmp_path: Path) -> None:
    packed = pack(EXAMPLE)
    path = tmp_path / "recaudo.txt"  # the name says text: the content decides
    path.write_bytes(packed)
    for source in (packed, path, str(path), pipe(packed)):
        f = pse_recon.read(source if not isinstance(source, io.BufferedReader) else pipe(packed))
        assert pse_recon.dumps(f) == EXAMPLE
        assert [r.line for r in pse_recon.iter_records(source if not isinstance(
            source, io.BufferedReader) else pipe(packed))] == list(range(1, 11))
        report = pse_recon.validate(source if not isinstance(source, io.BufferedReader) else pipe(packed))
        assert (report.valid, report.summary.details, str(report.summary.total)) == (True, 4, "1514450.50")


def test_a_zip_member_beside_directories_and_macos_entries_is_the_one_member() -> None:
    packed = zipped({"__MACOSX/._r.txt": b"\x00\x05\x16\x07", "out/r.txt": EXAMPLE},
                    directories=("out/", "__MACOSX/"))
    assert pse_recon.dumps(pse_recon.read(packed)) == EXAMPLE


def test_plain_sources_are_read_as_before_from_where_they_are() -> None:
    stream = io.BytesIO(b"junk before\n" + EXAMPLE)
    stream.readline()
    assert pse_recon.dumps(pse_recon.read(stream)) == EXAMPLE
    assert not stream.closed  # the caller's stream is the caller's to close
    assert pse_recon.dumps(pse_recon.read(pipe(EXAMPLE))) == EXAMPLE


def test_a_gzip_of_several_members_is_their_concatenation() -> None:
    half = EXAMPLE.index(b"05", 100)
    assert pse_recon.dumps(pse_recon.read(gz(EXAMPLE[:half]) + gz(EXAMPLE[half:]))) == EXAMPLE


# -- what is refused ---------------------------------------------------------------------
def test_a_zip_of_several_files_names_them() -> None:
    e = refusal(zipped({"a.txt": EXAMPLE, "b.txt": EXAMPLE}))
    assert e.problem == "several"
    assert str(e) == "a zip of 2 files (a.txt, b.txt): read one member at a time"
    assert e.reason("es") == "un zip de 2 archivos (a.txt, b.txt): lea un miembro a la vez"


def test_many_members_are_listed_ten_then_counted() -> None:
    e = refusal(zipped({f"{n:02}.txt": b"x" for n in range(12)}))
    assert str(e) == (
        "a zip of 12 files (00.txt, 01.txt, 02.txt, 03.txt, 04.txt, 05.txt, 06.txt, 07.txt, 08.txt, "
        "09.txt, … (2 more)): read one member at a time"
    )


@pytest.mark.parametrize(("data", "problem", "message"), [
    (zipped({}), "empty", "a zip archive with no file in it"),
    (encrypted(EXAMPLE), "encrypted", "member a.txt is encrypted"),
    (gz(gz(EXAMPLE)), "nested", "holds gzip data inside the gzip file: unpack it first"),
    (zipped({"r.txt.gz": gz(EXAMPLE)}), "nested", "holds gzip data inside the zip file: unpack it first"),
    (gz(b"r.txt".ljust(257, b"\0") + b"ustar\x0000" + b"\0" * 250), "nested",
     "holds tar data inside the gzip file: unpack it first"),
    (b"PK\x03\x04" + b"\0" * 40, "corrupt", "not a readable zip file (File is not a zip file)"),
], ids=["empty", "encrypted", "gz-in-gz", "gz-in-zip", "tar.gz", "not-a-zip"])
def test_archives_that_cannot_be_read(data: bytes, problem: str, message: str) -> None:
    e = refusal(data)
    assert (e.problem, str(e)) == (problem, message)


@pytest.mark.parametrize(("data", "detail"), [
    (truncated(EXAMPLE * 40), "Compressed file ended before the end-of-stream marker was reached"),
    (bad_crc(EXAMPLE), "CRC check failed"),
], ids=["truncated", "bad-crc"])
def test_a_corrupt_gzip_is_found_while_reading(data: bytes, detail: str) -> None:
    e = refusal(data)
    assert e.problem == "corrupt"
    assert str(e).startswith(f"not a readable gzip file ({detail}")


@pytest.mark.parametrize("kind", sorted(OTHER_COMPRESSIONS))
def test_other_compressions_are_named(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"recaudo.{kind}"
    path.write_bytes(OTHER_COMPRESSIONS[kind])
    e = refusal(path)
    assert (e.problem, e.name, isinstance(e, OSError)) == ("unsupported", str(path), True)
    assert str(e) == (
        f"{path}: compressed with {kind}, which is not read: decompress it first (gzip and zip are read)"
    )
    assert e.reason("es") == (
        f"comprimido con {kind}, que no se lee: descomprímalo primero (se leen gzip y zip)"
    )


def test_signatures() -> None:
    assert [signature(data) for data in OTHER_COMPRESSIONS.values()] == list(OTHER_COMPRESSIONS)
    assert signature(gz(b"")) == "gzip" and signature(zipped({})) == "zip"
    assert signature(EXAMPLE) is None and signature(b"") is None and signature(b"\x1f") is None


def test_every_reason_in_both_languages() -> None:
    for problem, (en, es) in REASONS.items():
        assert en and es and en != es, problem


# -- bounds ----------------------------------------------------------------------------------
def test_a_gzip_past_the_bound_is_refused_while_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = gz(EXAMPLE * 2000)  # 1.6 MB of lines from 10 kB
    monkeypatch.setattr(sources, "MAX_UNPACKED", 1_000_000)
    e = refusal(bomb)
    assert (e.problem, str(e)) == ("too_big", "unpacks to more than 1000000 bytes, the most read from "
                                              "one archive")
    monkeypatch.setattr(sources, "MAX_UNPACKED", len(EXAMPLE) * 2000)  # exactly the bound: read
    report = pse_recon.validate(bomb, max_findings=1)
    assert (report.findings[0].code, report.findings[0].line) == ("PR204", 11)


def test_the_bound_counts_every_member_of_a_zip_together(monkeypatch: pytest.MonkeyPatch) -> None:
    archive = sources.ZipArchive(io.BytesIO(zipped({"a.txt": EXAMPLE, "b.txt": EXAMPLE})))
    monkeypatch.setattr(archive._budget, "limit", len(EXAMPLE) + 10)
    assert archive.open("a.txt").read() == EXAMPLE
    with pytest.raises(ArchiveError, match="unpacks to more than"):
        archive.open("b.txt").read()


def test_the_size_of_a_zip_directory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_DIRECTORY", 200)
    e = refusal(zipped({f"{n}.txt": b"x" for n in range(5)}))
    assert e.problem == "directory"
    assert str(e) == "its zip directory takes 255 bytes, more than the 200 bytes read (too many members)"


def test_spool_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_UNPACKED", 100)
    with sources.spool(io.BytesIO(b"x" * 100)) as held:
        assert held.read() == b"x" * 100
    with pytest.raises(ArchiveError, match=r"^-: is more than 100 bytes, the most held from a pipe"):
        sources.spool(io.BytesIO(b"x" * 101), "-")


# -- the loaders of CSV and JSON inputs ------------------------------------------------------
def test_loaders_read_packed_paths_and_named_streams(tmp_path: Path) -> None:
    csv_text = (ROOT / "examples" / "transactions.csv").read_bytes()
    path = tmp_path / "tx.csv.gz"
    path.write_bytes(gz(csv_text))
    expected = collection_from_csv(ROOT / "examples" / "transactions.csv")
    assert collection_from_csv(path) == expected
    assert collection_from_csv(Named("-", io.BytesIO(csv_text))) == expected
    with pytest.raises(InputError) as info:
        collection_from_csv(Named("archive.zip!tx.csv", io.BytesIO(b"amount\n1\n")))
    assert str(info.value).startswith("archive.zip!tx.csv, line 1: missing column(s): company_nit")
    assert os.fspath(path).endswith(".gz")
