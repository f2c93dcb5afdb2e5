"""``pse-recon validate``: finding lines, summaries, JSON report and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pse_recon.cli.common import finding_line
from pse_recon.findings import Finding, Severity

DAVIVIENDA = "asobancaria2001-davivienda-bad-controls.txt"
AGRARIO = "asobancaria2001-agrario-11julio.txt"


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


def test_valid_file(run: Any, example: Path) -> None:
    r = run("validate", example)
    assert (r.code, r.out, r.err) == (0, example_summary(example), "")


def test_valid_file_in_spanish(run: Any, example: Path) -> None:
    r = run("validate", "--lang", "es", example)
    assert r.code == 0
    assert r.out == (
        f"{example}: asobancaria-2001, 162 columnas, 2 lotes, 4 detalles, total 1514450.50: "
        "válido (0 errores, 0 advertencias)\n"
    )


def test_invalid_real_file(run: Any, real_dir: Path) -> None:
    path = real_dir / DAVIVIENDA
    r = run("validate", path)
    assert (r.code, r.err) == (1, "")
    *findings, summary = r.out.splitlines()
    places = [line.removeprefix(f"{path}:").split(": ")[:3] for line in findings]
    assert sorted(places) == sorted([
        ["3:84", "warning", "PR111 codigo_sucursal"],
        ["5:3", "error", "PR301 total_registros_lote"],
        ["5:12", "error", "PR302 valor_total_lote"],
        ["6:163", "warning", "PR007"],
        ["6:3", "error", "PR301 total_registros"],
        ["6:12", "error", "PR302 valor_total"],
    ])
    lines = [int(place[0].split(":")[0]) for place in places]
    assert lines == sorted(lines)
    assert summary == (
        f"{path}: asobancaria-2001, 162 columns, 1 lot, 2 details, total 996831.00: "
        "invalid (4 errors, 2 warnings)"
    )


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


def test_several_files_and_a_missing_one(run: Any, example: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    r = run("validate", missing, example, tmp_path)
    assert r.code == 2
    assert r.out == example_summary(example)  # the other files are still validated
    assert r.err == (
        f"pse-recon: error: {missing}: no such file or directory\n"
        f"pse-recon: error: {tmp_path}: is a directory\n"
    )


def test_missing_file_in_spanish(run: Any, tmp_path: Path) -> None:
    r = run("validate", "--lang", "es", tmp_path / "x.txt")
    assert (r.code, r.out) == (2, "")
    assert r.err == f"pse-recon: error: {tmp_path / 'x.txt'}: no existe el archivo o directorio\n"


def test_error_beats_valid_and_unreadable_beats_error(
    run: Any, example: Path, real_dir: Path, tmp_path: Path
) -> None:
    assert run("validate", example, real_dir / DAVIVIENDA).code == 1
    assert run("validate", real_dir / DAVIVIENDA, tmp_path / "none.txt").code == 2


def test_max_findings_left_out(run: Any, real_dir: Path) -> None:
    path = real_dir / DAVIVIENDA
    everything = run("validate", path).out.splitlines()
    r = run("validate", "--max-findings", "1", path)
    assert r.code == 1
    assert r.out.splitlines() == [
        everything[0],
        f"{path}: asobancaria-2001, 162 columns, 1 lot, 2 details, total 996831.00: "
        "invalid (4 errors, 2 warnings, 5 more findings left out)",
    ]


def test_max_findings_zero_is_the_summary_alone(run: Any, real_dir: Path) -> None:
    path = real_dir / DAVIVIENDA
    r = run("validate", "--max-findings", "0", "--json", path)
    (report,) = json.loads(r.out)["files"]
    assert (r.code, report["findings"], report["left_out"]) == (1, [], 6)
    assert (report["valid"], report["errors"], report["warnings"]) == (False, 4, 2)


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
    assert (report["errors"], report["warnings"], report["left_out"]) == (4, 2, 0)
    assert report["errors"] == sum(f["severity"] == "error" for f in report["findings"])
    lot_count = next(f for f in report["findings"] if f["field"] == "total_registros_lote")
    assert {k: v for k, v in lot_count.items() if k != "message"} == {
        "line": 5, "column": 3, "end_column": 11, "record": "08", "field": "total_registros_lote",
        "code": "PR301", "severity": "error",
    }
    for f in report["findings"]:
        assert list(f) == [
            "line", "column", "end_column", "record", "field", "code", "severity", "message",
        ]
        assert f["severity"] in ("error", "warning")
        assert isinstance(f["line"], int) and f["code"].startswith("PR")


def test_json_with_a_missing_file_lists_the_others(run: Any, example: Path, tmp_path: Path) -> None:
    r = run("validate", "--json", example, tmp_path / "gone.txt")
    assert r.code == 2
    assert [f["path"] for f in json.loads(r.out)["files"]] == [str(example)]
    assert r.err == f"pse-recon: error: {tmp_path / 'gone.txt'}: no such file or directory\n"


def test_spanish_finding_messages_come_from_the_library(run: Any, real_dir: Path) -> None:
    en = run("validate", real_dir / DAVIVIENDA).out.splitlines()
    es = run("validate", "--lang", "es", real_dir / DAVIVIENDA).out.splitlines()
    assert len(en) == len(es)
    assert en[:-1] != es[:-1]
    # place, severity and code are the same in both languages; only messages differ
    assert [line.split(": ")[:3] for line in en[:-1]] == [line.split(": ")[:3] for line in es[:-1]]


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


def test_pse_summary_line_has_no_width_nor_lots(run: Any, pse_detail_file: Path) -> None:
    r = run("validate", pse_detail_file)
    assert r.code == 0
    assert r.out.splitlines() == [
        f"{pse_detail_file}:5:31: warning: PR107 codigo_entidad: codigo_entidad '00009999' is not a "
        "known bank code; the list of banks is not authoritative (reported once per code)",
        f"{pse_detail_file}: pse-detail, 4 details, total 170001.50: valid (0 errors, 1 warning)",
    ]


def test_strict_json(run: Any, real_dir: Path) -> None:
    r = run("validate", "--strict", "--json", real_dir / AGRARIO)
    (report,) = json.loads(r.out)["files"]
    assert (r.code, report["strict"], report["valid"]) == (1, True, False)
    assert (report["errors"], report["warnings"]) == (5, 0)
    assert report["summary"] == {"lots": 1, "details": 17, "total": "300000.00"}


def test_forced_width_150_on_a_162_file(run: Any, example: Path) -> None:
    # The 162 columns are the 150 ones padded with the blanks of the longer reservado:
    # a padded record, reported once (PR016), an error when strict (it was PR004).
    r = run("validate", "--format", "asobancaria-2001", "--width", "150", example)
    assert r.code == 0
    assert r.out.splitlines()[0] == (
        f"{example}:1:151: warning: PR016: record 01 is 162 columns wide: blanks pad it past "
        "its 150 columns (reported once per file)"
    )
    assert r.out.splitlines()[-1].startswith(f"{example}: asobancaria-2001, 150 columns, ")
    assert run("validate", "--strict", "--format", "asobancaria-2001", "--width", "150",
               example).code == 1
