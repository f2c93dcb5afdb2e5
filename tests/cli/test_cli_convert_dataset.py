"""``pse-recon convert DIR/ --to parquet -o DATASET/``: a Hive-partitioned dataset of
every file's payments, the same with ``--jobs``, idempotent, each file's verdict kept."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import pse_recon

pytest.importorskip("pyarrow")
pytest.importorskip("numpy")
import pyarrow.dataset as ds
import pyarrow.parquet as pq

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    for name in ("asobancaria-2001-162.txt", "andesco.txt", "pse-detail.txt"):
        shutil.copy(GOLDEN / name, inputs / name)
    shutil.copy(GOLDEN / "asobancaria-1998.txt", inputs / "sub" / "1998.txt")
    return inputs


def rows(target: Path) -> dict[str, list[dict[str, Any]]]:
    """Every part's rows by format partition, sorted by file and line."""
    out: dict[str, list[dict[str, Any]]] = {}
    for part in sorted(target.glob("format=*")):
        table = ds.dataset(part, partitioning="hive").to_table()
        out[part.name] = sorted(table.to_pylist(), key=lambda r: (r["file"], r["line"]))
    return out


def test_a_folder_becomes_a_partitioned_dataset(run: Any, folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "dataset"
    r = run("convert", folder, "--to", "parquet", "-o", target)
    assert (r.code, r.err) == (0, "")
    got = rows(target)
    assert sorted(got) == ["format=andesco", "format=asobancaria-2001", "format=pse-detail"]
    f = pse_recon.read(GOLDEN / "asobancaria-2001-162.txt")
    lots = {d.line: n for n, lot in enumerate(f.lots, 1) for d in lot.details}
    services = {d.line: lot.header.codigo_servicio for lot in f.lots for d in lot.details}
    details = got["format=asobancaria-2001"]
    assert [r["line"] for r in details] == [d.line for d in f.details]
    assert [r["valor_recaudado"] for r in details] == [d.valor_recaudado for d in f.details]
    assert [r["lot"] for r in details] == [lots[d.line] for d in f.details]
    assert [r["codigo_servicio"] for r in details] == [services[d.line] for d in f.details]
    assert {r["file"] for r in details} == {str(folder / "asobancaria-2001-162.txt")}
    assert {r["fecha"] for r in details} == {f.header.fecha_pago.isoformat()}
    pse = pse_recon.read(GOLDEN / "pse-detail.txt")
    assert [r["ticket_id"] for r in got["format=pse-detail"]] == [d.ticket_id for d in pse.details]
    assert {r["fecha"] for r in got["format=pse-detail"]} == {pse.header.fecha_cierre_ciclo.isoformat()}


def test_again_the_same_rows_and_with_jobs_the_same_dataset(run: Any, folder: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert run("convert", folder, "--to", "parquet", "-o", one, "-r").code == 0
    first = rows(one)
    assert "format=asobancaria-1998" in first  # -r: the subfolder's file too
    assert run("convert", folder, "--to", "parquet", "-o", one, "-r").code == 0
    shutil.copy(folder / "andesco.txt", folder / "copy-of-andesco.txt")  # same content, other name
    assert run("convert", folder, "--to", "parquet", "-o", one, "-r").code == 0
    again = rows(one)
    assert [len(v) for v in again.values()] == [len(v) for v in first.values()]  # no row twice
    assert run("convert", folder, "--to", "parquet", "-o", two, "-r", "--jobs", "2").code == 0
    assert sorted(p.relative_to(two) for p in two.rglob("*.parquet")) == sorted(
        p.relative_to(one) for p in one.rglob("*.parquet"))


def test_the_dataset_inside_the_folder_is_not_an_input(run: Any, folder: Path) -> None:
    target = folder / "dataset"
    assert run("convert", folder, "--to", "parquet", "-o", target, "-r").code == 0
    r = run("convert", folder, "--to", "parquet", "-o", target, "-r")
    assert (r.code, r.err) == (0, "")


def test_each_files_verdict(run: Any, folder: Path, tmp_path: Path, real_dir: Path) -> None:
    shutil.copy(real_dir / "asobancaria2001-davivienda-bad-controls.txt", folder / "bad-controls.txt")
    target = tmp_path / "dataset"
    r = run("convert", folder, "--to", "parquet", "-o", target)
    assert r.code == 1  # converted, with its errors on stderr
    assert f"{folder / 'bad-controls.txt'}:5:3: error: PR301" in r.err
    assert len(list(target.rglob("*.parquet"))) == 4
    lines = (GOLDEN / "andesco.txt").read_bytes().splitlines(keepends=True)
    lines[2] = lines[2][:5] + b"X" + lines[2][6:]
    (folder / "unreadable.txt").write_bytes(b"".join(lines))
    shutil.rmtree(target)
    r = run("convert", folder, "--to", "parquet", "-o", target)
    assert r.code == 4
    assert f"{folder / 'unreadable.txt'}:3:" in r.err
    assert len(list(target.rglob("*.parquet"))) == 4  # no part for the unreadable file


def test_a_dataset_needs_parquet_and_a_folder(run: Any, folder: Path) -> None:
    r = run("convert", folder, "--to", "csv")
    assert r.code == 2
    assert "--to parquet -o FOLDER" in r.err
    assert run("convert", folder, "--to", "parquet").code == 2


def test_parts_are_the_single_file_conversions_plus_the_file(run: Any, folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "dataset"
    assert run("convert", folder, "--to", "parquet", "-o", target).code == 0
    single = tmp_path / "one.parquet"
    assert run("convert", folder / "andesco.txt", "--to", "parquet", "-o", single).code == 0
    part = next(target.glob("format=andesco/*/*.parquet"))
    assert pq.read_table(part).drop_columns(["file"]).equals(pq.read_table(single))


def test_a_dataset_target_that_is_a_file_or_cannot_be_written(run: Any, folder: Path, tmp_path: Path) -> None:
    import os

    taken = tmp_path / "taken"
    taken.write_text("mine\n")
    r = run("convert", folder, "--to", "parquet", "-o", taken)
    assert r.code == 2 and taken.read_text() == "mine\n"
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "format=andesco").write_text("a file where a folder must go\n")
    r = run("convert", folder, "--to", "parquet", "-o", locked)
    assert r.code == 2  # the other formats' parts are written, this one said why not
    assert "cannot write" in r.err and "format=andesco" in r.err
    assert len(list(locked.rglob("*.parquet"))) == 2
    assert os.path.isfile(locked / "format=andesco")
