"""``pse-recon validate`` as text: finding lines, summaries, the closing line, colours,
``--quiet`` and ``--statistics``, and exit statuses. The machine formats:
test_cli_reports.py; many files: test_cli_many_files.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
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


#: The closing line of a run of one valid file with no finding.
CLOSING = "1 file: 0 errors, 0 warnings\n"


def test_finding_line_format() -> None:
    f = Finding(
        line=3, column=51, end_column=64, record="06", field="valor_recaudado", code="PR101",
        severity=Severity.ERROR, message="must hold digits only",
    )
    assert finding_line("a.txt", f) == "a.txt:3:51: error: PR101 valor_recaudado: must hold digits only"
    named = attrs.evolve(f, message="valor_recaudado must hold digits only")  # as the catalog says it
    assert finding_line("a.txt", named) == finding_line("a.txt", f)  # the field named once
    other = attrs.evolve(f, message="valor_recaudado_x is not the field")
    assert finding_line("a.txt", other).endswith(": valor_recaudado_x is not the field")
    g = Finding(
        line=10, column=0, end_column=0, record=None, field=None, code="PR007",
        severity=Severity.WARNING, message="no line ending",
    )
    assert finding_line("a.txt", g) == "a.txt:10:0: warning: PR007: no line ending"


def test_valid_file(run: Any, example: Path) -> None:
    r = run("validate", example)
    assert (r.code, r.out, r.err) == (0, example_summary(example) + CLOSING, "")


def test_valid_file_in_spanish(run: Any, example: Path) -> None:
    r = run("validate", "--lang", "es", example)
    assert r.code == 0
    assert r.out == (
        f"{example}: asobancaria-2001, 162 columnas, 2 lotes, 4 detalles, total 1514450.50: "
        "válido (0 errores, 0 advertencias)\n"
        "1 archivo: 0 errores, 0 advertencias\n"
    )


def test_invalid_real_file(run: Any, real_dir: Path) -> None:
    path = real_dir / DAVIVIENDA
    r = run("validate", path)
    assert (r.code, r.err) == (1, "")
    *findings, summary, closing = r.out.splitlines()
    places = [line.removeprefix(f"{path}:").split(": ")[:3] for line in findings]
    assert places == [  # by line, and within a line by column
        ["3:84", "warning", "PR111 codigo_sucursal"],
        ["5:3", "error", "PR301 total_registros_lote"],
        ["5:12", "error", "PR302 valor_total_lote"],
        ["6:3", "error", "PR301 total_registros"],
        ["6:12", "error", "PR302 valor_total"],
        ["6:163", "warning", "PR007"],
    ]
    assert findings[1] == (
        f"{path}:5:3: error: PR301 total_registros_lote: says 4 records, but there are 2"
    )
    assert summary == (
        f"{path}: asobancaria-2001, 162 columns, 1 lot, 2 details, total 996831.00: "
        "invalid (4 errors, 2 warnings)"
    )
    assert closing == "1 file: 4 errors, 2 warnings"


def test_lenient_and_strict(run: Any, real_dir: Path) -> None:
    path = real_dir / AGRARIO
    lenient = run("validate", path)
    assert lenient.code == 0
    assert ": warning: " in lenient.out and ": error: " not in lenient.out
    assert lenient.out.splitlines()[-2].startswith(
        f"{path}: asobancaria-2001, 162 columns, 1 lot, 17 details, total 300000.00: valid (0 errors, "
    )
    strict = run("validate", "--strict", path)
    assert strict.code == 1
    assert ": error: " in strict.out
    assert ": invalid (" in strict.out.splitlines()[-2]
    assert strict.out.splitlines()[-1] == "1 file: 5 errors, 0 warnings"


def test_several_files_and_a_missing_one(run: Any, example: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run("validate", missing, example, empty)
    assert r.code == 2
    # the other files are still validated; the closing line counts those not read
    assert r.out == example_summary(example) + "3 files: 0 errors, 0 warnings (2 could not be read)\n"
    assert r.err == (
        f"pse-recon: error: {missing}: no such file or directory\n"
        f"pse-recon: error: {empty}: no file to check in this folder (hidden files are skipped; "
        "--recursive checks its subfolders)\n"
    )


def test_missing_file_in_spanish(run: Any, tmp_path: Path) -> None:
    r = run("validate", "--lang", "es", tmp_path / "x.txt")
    assert (r.code, r.out) == (2, "1 archivo: 0 errores, 0 advertencias (1 no se pudieron leer)\n")
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
        "1 file: 4 errors, 2 warnings",  # those left out counted too
    ]


def test_max_findings_zero_is_the_summary_alone(run: Any, real_dir: Path) -> None:
    path = real_dir / DAVIVIENDA
    r = run("validate", "--max-findings", "0", "--json", path)
    (report,) = json.loads(r.out)["files"]
    assert (r.code, report["findings"], report["left_out"]) == (1, [], 6)
    assert (report["valid"], report["errors"], report["warnings"]) == (False, 4, 2)


def test_spanish_finding_messages_come_from_the_library(run: Any, real_dir: Path) -> None:
    en = run("validate", real_dir / DAVIVIENDA).out.splitlines()[:-2]
    es = run("validate", "--lang", "es", real_dir / DAVIVIENDA).out.splitlines()[:-2]
    assert len(en) == len(es)
    assert en != es
    # place, severity, code and field are the same in both languages; only messages differ
    assert [line.split(": ")[:3] for line in en] == [line.split(": ")[:3] for line in es]


def test_undetectable_file(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(b"hello\n")
    r = run("validate", path)
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines[0].startswith(f"{path}:1:0: error: PR002: ")
    assert lines[-2] == f"{path}: format not detected: invalid (1 error, 0 warnings)"


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
        f"{pse_detail_file}:5:31: warning: PR107 codigo_entidad: '00009999' is not a "
        "known bank code; the list of banks is not authoritative (reported once per code)",
        f"{pse_detail_file}: pse-detail, 4 details, total 170001.50: valid (0 errors, 1 warning)",
        "1 file: 0 errors, 1 warning",
    ]


def test_forced_width_150_on_a_162_file(run: Any, example: Path) -> None:
    # The 162 columns are the 150 ones padded with the blanks of the longer reservado:
    # a padded record, reported once (PR016), an error when strict (it was PR004).
    r = run("validate", "--format", "asobancaria-2001", "--width", "150", example)
    assert r.code == 0
    assert r.out.splitlines()[0] == (
        f"{example}:1:151: warning: PR016: record 01 is 162 columns wide: blanks pad it past "
        "its 150 columns (reported once per file)"
    )
    assert r.out.splitlines()[-2].startswith(f"{example}: asobancaria-2001, 150 columns, ")
    assert run("validate", "--strict", "--format", "asobancaria-2001", "--width", "150",
               example).code == 1


# -- the closing line, --quiet, --statistics --------------------------------------------------
def test_quiet_prints_the_findings_and_the_closing_line(run: Any, real_dir: Path, example: Path) -> None:
    path = real_dir / DAVIVIENDA
    everything = run("validate", example, path).out.splitlines()
    r = run("validate", "--quiet", example, path)
    assert r.code == 1
    assert r.out.splitlines() == [line for line in everything if ": valid (" not in line
                                  and ": invalid (" not in line]
    assert r.out.splitlines()[-1] == "2 files: 4 errors, 2 warnings"


def test_statistics_count_each_code_with_its_title(run: Any, real_dir: Path) -> None:
    r = run("validate", "--statistics", "-q", real_dir / DAVIVIENDA, real_dir / AGRARIO)
    assert r.code == 1
    assert r.out.splitlines() == [
        "count  code   title",
        "    2  PR007  the last record has no line ending",
        "    2  PR111  codigo_sucursal holds a bank branch, not a PSE cycle number (reported once "
        "per file)",
        "    2  PR301  a control count differs from the number of detail records",
        "    2  PR302  a control total differs from the sum of the detail records",
        "    1  PR006  CRLF line ending (reported once per file)",
        "    1  PR008  the last record is not padded to the full width",
        "    1  PR110  causal_devolucion is 000 instead of blank (reported once per file)",
        "2 files: 4 errors, 7 warnings",
    ]
    es = run("--lang", "es", "validate", "--statistics", "-q", real_dir / DAVIVIENDA)
    assert es.out.splitlines()[:2] == [
        "cantidad  código  título",
        "       2  PR301   un conteo de control no coincide con el número de registros de detalle",
    ]


def test_statistics_keep_the_summary_lines_unless_quiet(run: Any, real_dir: Path) -> None:
    r = run("validate", "--statistics", real_dir / DAVIVIENDA)
    lines = r.out.splitlines()
    assert lines[0].endswith("invalid (4 errors, 2 warnings)") and lines[1].startswith("count")
    assert not any(": error: " in line for line in lines)


@pytest.mark.parametrize("option", ["--quiet", "--statistics"])
def test_text_options_are_refused_with_another_format(run: Any, example: Path, option: str) -> None:
    r = run("validate", option, "--output-format", "json", example)
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith(f"pse-recon: error: {option} applies to --output-format text only\n")


def test_json_is_output_format_json_and_not_both(run: Any, example: Path) -> None:
    assert run("validate", "--json", example).out == run(
        "validate", "--output-format", "json", example).out
    r = run("validate", "--json", "--output-format", "sarif", example)
    assert r.code == 2
    assert "not allowed with argument --json" in r.err


# -- colours ------------------------------------------------------------------------------------
RED_ERROR = "\x1b[1;31merror\x1b[0m"


def test_color_always_colours_severity_code_and_verdict(run: Any, real_dir: Path) -> None:
    path = real_dir / DAVIVIENDA
    r = run("validate", "--color", "always", path)
    lines = r.out.splitlines()
    assert lines[1] == (
        f"\x1b[1m{path}\x1b[0m:\x1b[36m5:3\x1b[0m: {RED_ERROR}: \x1b[1mPR301 total_registros_lote"
        "\x1b[0m: says 4 records, but there are 2"
    )
    assert "\x1b[31minvalid\x1b[0m" in lines[-2]
    assert lines[-1] == "\x1b[1m1 file: 4 errors, 2 warnings\x1b[0m"
    plain = run("validate", "--color", "never", path).out
    assert "\x1b" not in plain and plain == run("validate", path).out  # not a terminal: auto is off


def test_a_file_cannot_inject_colours(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "\x1b[32mok.txt"
    path.write_bytes(b"hello\n")
    r = run("validate", "--color", "always", path)
    assert "\x1b[32m" not in r.out and "\\x1b[32mok.txt" in r.out


class _Terminal:
    def isatty(self) -> bool:
        return True


class _Pipe:
    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize(("choice", "out", "environ", "coloured"), [
    ("auto", _Terminal(), {}, True),
    ("auto", _Pipe(), {}, False),
    ("auto", _Terminal(), {"NO_COLOR": "1"}, False),
    ("auto", _Terminal(), {"NO_COLOR": ""}, True),  # no-color.org: set and not empty
    ("auto", _Terminal(), {"TERM": "dumb"}, False),
    ("auto", _Pipe(), {"FORCE_COLOR": "1"}, True),
    ("auto", _Pipe(), {"FORCE_COLOR": ""}, False),
    ("auto", _Terminal(), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),  # as CPython decides
    ("always", _Pipe(), {"NO_COLOR": "1"}, True),
    ("never", _Terminal(), {"FORCE_COLOR": "1"}, False),
])
def test_when_to_colour(choice: str, out: Any, environ: dict[str, str], coloured: bool) -> None:
    from pse_recon.cli.style import wanted

    assert wanted(choice, out, environ) is coloured


def test_force_color_colours_a_pipe(run: Any, example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[32mvalid\x1b[0m" in run("validate", example).out
    assert "\x1b" not in run("validate", "--output-format", "github", example).out  # text only
