"""``pse-recon validate``: finding lines, summaries, JSON report and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import pse_recon
from pse_recon.cli.common import finding_line
from pse_recon.findings import Finding, Severity

DAVIVIENDA = "asobancaria2001-davivienda-bad-controls.txt"
AGRARIO = "asobancaria2001-agrario-11julio.txt"

# Until pse_recon.validate lands (being written against the contract these tests use).
needs_validate = pytest.mark.skipif(
    not hasattr(pse_recon, "validate"), reason="pse_recon.validate does not exist yet"
)


def example_summary(path: Path) -> str:
    return (
        f"{path}: asobancaria-2001, 162 columns, 2 lots, 4 details, total 1514450.50: "
        "valid (0 errors, 0 warnings)\n"
    )


def test_finding_line_format() -> None:
    f = Finding(
        line=3, column=51, end_column=64, record="06", field="valor_recaudado", code="PR101",
        severity=Severity.ERROR, message="must hold digits only",
    )
    assert finding_line("a.txt", f) == "a.txt:3:51: error: PR101 valor_recaudado: must hold digits only"
    g = Finding(
        line=10, column=0, end_column=0, record=None, field=None, code="PR007",
        severity=Severity.WARNING, message="no line ending",
    )
    assert finding_line("a.txt", g) == "a.txt:10:0: warning: PR007: no line ending"


@needs_validate
def test_valid_file(run: Any, example: Path) -> None:
    r = run("validate", example)
    assert (r.code, r.out, r.err) == (0, example_summary(example), "")


@needs_validate
def test_valid_file_in_spanish(run: Any, example: Path) -> None:
    r = run("validate", "--lang", "es", example)
    assert r.code == 0
    assert r.out == (
        f"{example}: asobancaria-2001, 162 columnas, 2 lotes, 4 detalles, total 1514450.50: "
        "válido (0 errores, 0 advertencias)\n"
    )


@needs_validate
def test_invalid_real_file(run: Any, real_dir: Path) -> None:
    path = real_dir / DAVIVIENDA
    r = run("validate", path)
    assert (r.code, r.err) == (1, "")
    *findings, summary = r.out.splitlines()
    assert findings, "the davivienda file has findings"
    for line in findings:
        assert line.startswith(f"{path}:")
    assert summary.startswith(
        f"{path}: asobancaria-2001, 162 columns, 1 lot, 2 details, total 996831.00: invalid ("
    )
    assert "total_registros_lote" in r.out and "valor_total_lote" in r.out
    assert "total_registros" in r.out and "valor_total" in r.out


@needs_validate
def test_lenient_and_strict(run: Any, real_dir: Path) -> None:
    path = real_dir / AGRARIO
    lenient = run("validate", path)
    assert lenient.code == 0
    assert ": warning: " in lenient.out and ": error: " not in lenient.out
    assert lenient.out.splitlines()[-1].startswith(
        f"{path}: asobancaria-2001, 162 columns, 1 lot, 17 details, total 300000.00: valid (0 errors, "
    )
    strict = run("validate", "--strict", path)
    assert strict.code == 1
    assert ": error: " in strict.out
    assert ": invalid (" in strict.out.splitlines()[-1]


@needs_validate
def test_several_files_and_a_missing_one(run: Any, example: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    r = run("validate", missing, example, tmp_path)
    assert r.code == 2
    assert r.out == example_summary(example)  # the other files are still validated
    assert r.err == (
        f"pse-recon: error: {missing}: no such file or directory\n"
        f"pse-recon: error: {tmp_path}: is a directory\n"
    )


@needs_validate
def test_missing_file_in_spanish(run: Any, tmp_path: Path) -> None:
    r = run("validate", "--lang", "es", tmp_path / "x.txt")
    assert (r.code, r.out) == (2, "")
    assert r.err == f"pse-recon: error: {tmp_path / 'x.txt'}: no existe el archivo o directorio\n"


@needs_validate
def test_error_beats_valid_and_unreadable_beats_error(
    run: Any, example: Path, real_dir: Path, tmp_path: Path
) -> None:
    assert run("validate", example, real_dir / DAVIVIENDA).code == 1
    assert run("validate", real_dir / DAVIVIENDA, tmp_path / "none.txt").code == 2


@needs_validate
def test_max_findings_left_out(run: Any, real_dir: Path) -> None:
    path = real_dir / DAVIVIENDA
    everything = run("validate", path).out.splitlines()
    found = len(everything) - 1
    assert found >= 2
    r = run("validate", "--max-findings", "1", path)
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines[0] == everything[0]
    assert len(lines) == 2
    assert lines[1].endswith(f", {found - 1} more findings left out)")


@needs_validate
def test_json_report_of_the_example(run: Any, example: Path) -> None:
    r = run("validate", "--json", example)
    assert (r.code, r.err) == (0, "")
    assert json.loads(r.out) == {
        "files": [
            {
                "path": str(example),
                "format": "asobancaria-2001",
                "width": 162,
                "strict": False,
                "valid": True,
                "errors": 0,
                "warnings": 0,
                "left_out": 0,
                "findings": [],
                "summary": {"lots": 2, "details": 4, "total": "1514450.50"},
            }
        ]
    }
    assert '"total": "1514450.50"' in r.out


@needs_validate
def test_json_report_of_an_invalid_file(run: Any, real_dir: Path) -> None:
    path = real_dir / DAVIVIENDA
    r = run("validate", "--json", path)
    assert r.code == 1
    (report,) = json.loads(r.out)["files"]
    assert list(report) == [
        "path", "format", "width", "strict", "valid", "errors", "warnings", "left_out", "findings",
        "summary",
    ]
    assert (report["valid"], report["format"], report["width"]) == (False, "asobancaria-2001", 162)
    assert report["summary"] == {"lots": 1, "details": 2, "total": "996831.00"}
    assert report["errors"] == sum(f["severity"] == "error" for f in report["findings"]) > 0
    for f in report["findings"]:
        assert list(f) == [
            "line", "column", "end_column", "record", "field", "code", "severity", "message",
        ]
        assert f["severity"] in ("error", "warning")
        assert isinstance(f["line"], int) and f["code"].startswith("PR")


@needs_validate
def test_json_with_a_missing_file_lists_the_others(run: Any, example: Path, tmp_path: Path) -> None:
    r = run("validate", "--json", example, tmp_path / "gone.txt")
    assert r.code == 2
    assert [f["path"] for f in json.loads(r.out)["files"]] == [str(example)]
    assert r.err == f"pse-recon: error: {tmp_path / 'gone.txt'}: no such file or directory\n"


@needs_validate
def test_spanish_finding_messages_come_from_the_library(run: Any, real_dir: Path) -> None:
    en = run("validate", real_dir / DAVIVIENDA).out.splitlines()
    es = run("validate", "--lang", "es", real_dir / DAVIVIENDA).out.splitlines()
    assert len(en) == len(es)
    assert en[:-1] != es[:-1]
    # place, severity and code are the same in both languages; only messages differ
    assert [line.split(": ")[:3] for line in en[:-1]] == [line.split(": ")[:3] for line in es[:-1]]


@needs_validate
def test_undetectable_file(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(b"hello\n")
    r = run("validate", path)
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines[0].startswith(f"{path}:1:0: error: PR002: ")
    assert lines[-1] == f"{path}: format not detected: invalid (1 error, 0 warnings)"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "nope"], "argument --format: unknown format 'nope'; known formats: "
         "asobancaria-1998, asobancaria-2001, andesco, pse-summary, pse-detail"),
        (["--width", "100"], "no format is 100 columns wide (widths: 64, 110, 150, 162)"),
        (["--format", "andesco", "--width", "150"],
         "andesco has no 150-column variant (widths: 110)"),
        (["--max-findings", "-1"], "argument --max-findings: '-1' is not a whole number of 0 or more"),
    ],
)
def test_bad_arguments(run: Any, example: Path, argv: list[str], message: str) -> None:
    r = run("validate", *argv, example)
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith(f"pse-recon: error: {message}\n")


def test_no_file(run: Any) -> None:
    r = run("validate")
    assert r.code == 2
    assert r.err.startswith("pse-recon: error: the following arguments are required: FILE\n")
