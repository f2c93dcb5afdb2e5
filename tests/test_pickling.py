"""Records, files, lots, reports, findings and layouts pickle and unpickle equal
(issue 12, item 5): what worker processes, joblib and distributed engines need.
Errors are pickled in ``test_errors.py``."""

from __future__ import annotations

import importlib
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import pse_recon
from custom_layouts import BANCO_X
from generate.generate_sample import sample_collection
from golden_files import GOLDEN_FILES, golden
from pse_recon.layouts import FORMATS
from pse_recon.records import record_classes

EXAMPLE = Path(__file__).parents[1] / "examples" / "recaudo-2001.txt"


def again(value: object) -> object:
    return pickle.loads(pickle.dumps(value))


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_record_classes_live_where_their_name_says(name: str) -> None:
    for cls in record_classes(name).values():
        module = importlib.import_module(cls.__module__)
        assert cls.__module__ == f"pse_recon.records.{name.replace('-', '_')}"
        assert getattr(module, cls.__qualname__) is cls


@pytest.mark.parametrize("name", sorted(GOLDEN_FILES))
def test_files_and_their_records_pickle_equal(name: str) -> None:
    data = golden(name)
    f = pse_recon.read(data)
    g = again(f)
    assert g == f and type(g) is type(f) and g.layout == f.layout
    assert pse_recon.dumps(g) == data  # raw bytes, prefix and tail kept
    for a, b in zip(f.records, g.records, strict=True):
        assert (type(a), a, a.line, a.raw) == (type(b), b, b.line, b.raw)


def test_a_lot_a_report_and_a_finding_pickle_equal() -> None:
    f = pse_recon.read(EXAMPLE)
    assert again(f.lots[0]) == f.lots[0]
    report = pse_recon.validate(EXAMPLE.read_bytes().replace(b"\n", b"\r\n", 1))
    assert report.findings and again(report) == report
    assert again(report.findings[0]) == report.findings[0]
    assert again(report.summary) == report.summary


def test_a_reconciliation_pickles_equal() -> None:
    result = pse_recon.reconcile(EXAMPLE, EXAMPLE.with_name("expected.csv"))
    assert again(result) == result


def test_records_of_a_layout_declared_elsewhere_pickle_with_their_layout() -> None:
    f = pse_recon.generate(BANCO_X, sample_collection(), authorizing_bank="1051")
    g = again(f)
    assert g == f and g.layout == BANCO_X
    assert type(again(f.details[0])) is record_classes(BANCO_X)["D"]


def test_a_custom_record_unpickles_in_a_fresh_process(tmp_path: Path) -> None:
    """The class is remade from the pickled layout: nothing need be imported first."""
    f = pse_recon.generate(BANCO_X, sample_collection(), authorizing_bank="1051")
    (tmp_path / "records.pickle").write_bytes(pickle.dumps(list(f.details)))
    code = ("import pickle, sys; d = pickle.load(open(sys.argv[1], 'rb')); "
            "print(type(d[0]).__name__, d[0].ref, d[0].monto, d[0].file_layout.name)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "records.pickle")],
                         capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.split() == ["Pago", "00000000000000021053", "18000.00", "banco-x"]


def test_a_built_in_layout_pickles_as_its_name() -> None:
    fmt = pse_recon.layout("asobancaria-2001", 150)
    data = pickle.dumps(fmt)
    assert len(data) < 200 and again(fmt) == fmt
