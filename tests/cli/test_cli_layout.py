"""``--layout SPEC``: a layout declared in Python, wherever ``--format`` is
(``module:NAME`` or ``path/to/file.py:NAME``), and its usage errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import pse_recon
from custom_layouts import BANCO_X
from generate.generate_sample import sample_collection

LAYOUTS = Path(__file__).parents[1] / "custom_layouts.py"
EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture
def banco_x(tmp_path: Path) -> Path:
    path = tmp_path / "banco-x.txt"
    pse_recon.write(pse_recon.generate(BANCO_X, sample_collection(), authorizing_bank="1051"), path)
    return path


@pytest.mark.parametrize("spec", ["custom_layouts:BANCO_X", f"{LAYOUTS}:BANCO_X"])
def test_validate_with_a_layout_by_module_or_by_path(run: Any, banco_x: Path, spec: str) -> None:
    r = run("validate", "--layout", spec, banco_x)
    assert (r.code, r.err) == (0, "")
    assert r.out == (f"{banco_x}: banco-x, 60 columns, 1 detail, total 18000.00: "
                     "valid (0 errors, 0 warnings)\n1 file: 0 errors, 0 warnings\n")


def test_a_layout_travels_to_worker_processes(run: Any, banco_x: Path) -> None:
    r = run("validate", "--jobs", "2", "--layout", "custom_layouts:BANCO_X", banco_x, banco_x)
    assert (r.code, r.err) == (0, "")
    assert r.out.splitlines() == [
        f"{banco_x}: banco-x, 60 columns, 1 detail, total 18000.00: valid (0 errors, 0 warnings)"] * 2 + [
        "2 files: 0 errors, 0 warnings"]


def test_every_command_takes_a_layout(run: Any, banco_x: Path, tmp_path: Path) -> None:
    spec = "custom_layouts:BANCO_X"
    show = run("show", "--layout", spec, banco_x)
    assert show.code == 0 and "  banco: 051 (Davivienda)\n" in show.out
    csv = run("convert", "--layout", spec, banco_x, "--to", "csv")
    assert csv.out.splitlines() == ["line,tipo,ref,monto,ciclo,consecutivo",
                                    "2,D,00000000000000021053,18000.00,0003,2"]
    rec = run("reconcile", "--layout", spec, banco_x, "--expected", EXAMPLES / "expected.csv")
    assert rec.out.splitlines()[1:3] == ["  outcome         count      total",
                                         "  matched             1   18000.00"]
    out = tmp_path / "generated.txt"
    gen = run("generate", "--layout", spec, "--input", EXAMPLES / "transactions.csv", "--bank", "1051",
              "-o", out)
    assert gen.code == 0 and out.read_bytes() == banco_x.read_bytes()
    described = run("describe", "--layout", spec)
    assert described.out.startswith("banco-x: Banco X recaudo (a made-up bank format)\n")


def test_a_layout_is_validated_as_a_variant(run: Any, example: Path) -> None:
    """The example has 48-digit references; the variant declares 30: its fields move."""
    r = run("validate", "--layout", "custom_layouts:WIDE_REFERENCE", example)
    assert r.code == 1
    assert r.out.splitlines()[-2].startswith(f"{example}: asobancaria-2001-ref30, 162 columns, 2 lots")


@pytest.mark.parametrize(("spec", "message"), [
    ("custom_layouts", "--layout 'custom_layouts': give module:NAME or path/to/file.py:NAME"),
    ("custom_layouts:NOPE", "--layout 'custom_layouts:NOPE': custom_layouts has no NOPE"),
    ("no_such_module_xyz:X",
     "--layout 'no_such_module_xyz:X': cannot be loaded: ModuleNotFoundError: No module named "
     "'no_such_module_xyz'"),
    ("missing/file.py:X", "--layout 'missing/file.py:X': cannot be loaded: FileNotFoundError: "
     "no such file: missing/file.py"),
    ("custom_layouts:ASOBANCARIA_2001.name", "give module:NAME or path/to/file.py:NAME"),
    ("custom_layouts:annotations", "--layout 'custom_layouts:annotations': is a _Feature, not a FileLayout"),
])
def test_a_bad_spec_is_a_usage_error(run: Any, example: Path, spec: str, message: str) -> None:
    r = run("validate", "--layout", spec, example)
    assert r.code == 2 and r.out == ""
    assert message in r.err


def test_an_error_in_the_users_module_is_its_reason(run: Any, example: Path, tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("LAYOUT = 1 / 0\n")
    r = run("validate", "--layout", f"{tmp_path / 'broken.py'}:LAYOUT", example)
    assert r.code == 2 and "cannot be loaded: ZeroDivisionError: division by zero" in r.err


def test_format_and_layout_exclude_each_other(run: Any, example: Path) -> None:
    r = run("validate", "--format", "andesco", "--layout", "custom_layouts:BANCO_X", example)
    assert r.code == 2 and "not allowed with argument --format" in r.err
    r = run("describe", "andesco", "--layout", "custom_layouts:BANCO_X")
    assert r.code == 2 and "give a FORMAT or --layout SPEC (one of them)" in r.err
