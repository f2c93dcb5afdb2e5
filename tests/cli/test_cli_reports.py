"""``pse-recon validate --output-format json|github|sarif|junit``: the documents and
commands machines read, checked against their schemas (the JSON report's in
docs/json-report.schema.json, SARIF's official one in ../shared/schemas/) and parsers."""

from __future__ import annotations

import json
import os
import pickle
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import pse_recon
from archive_support import zipped
from pse_recon.cli.reports import Outcome
from pse_recon.cli.reports.github import command
from pse_recon.rules import RULES

ROOT = Path(__file__).parents[2]
DAVIVIENDA = "asobancaria2001-davivienda-bad-controls.txt"
AGRARIO = "asobancaria2001-agrario-11julio.txt"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
REPORT_SCHEMA = ROOT / "docs" / "json-report.schema.json"


@pytest.fixture
def bad(tmp_path: Path, example: Path) -> Path:
    """The example with a lot control that says 5 records of 3 (PR301, line 6)."""
    path = tmp_path / "bad.txt"
    path.write_bytes(example.read_bytes().replace(b"080000000030", b"080000000050", 1))
    return path


def schema_check(document: Any, schema: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not schema.is_file():
        pytest.skip(f"no schema at {schema}")
    jsonschema.validate(document, json.loads(schema.read_text("utf-8")))


# -- JSON ------------------------------------------------------------------------------------
def test_json_report_of_the_example(run: Any, example: Path) -> None:
    r = run("validate", "--json", example)
    assert (r.code, r.err) == (0, "")
    assert json.loads(r.out) == {
        "schema_version": 2,
        "tool": {"name": "pse-recon", "version": pse_recon.__version__},
        "totals": {"files": 1, "valid": 1, "invalid": 0, "unreadable": 0, "errors": 0, "warnings": 0},
        "files": [
            {
                "path": str(example),
                "readable": True,
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
        ],
    }
    assert '"total": "1514450.50"' in r.out


def test_json_report_of_an_invalid_file(run: Any, real_dir: Path) -> None:
    path = real_dir / DAVIVIENDA
    r = run("validate", "--json", path)
    assert r.code == 1
    (report,) = json.loads(r.out)["files"]
    assert list(report) == [
        "path", "readable", "format", "width", "strict", "valid", "errors", "warnings", "left_out",
        "findings", "summary",
    ]
    assert (report["valid"], report["format"], report["width"]) == (False, "asobancaria-2001", 162)
    assert report["summary"] == {"lots": 1, "details": 2, "total": "996831.00"}
    assert (report["errors"], report["warnings"], report["left_out"]) == (4, 2, 0)
    lot_count = report["findings"][1]  # by line, then column
    assert lot_count == {
        "line": 5, "column": 3, "end_column": 11, "record": "08", "field": "total_registros_lote",
        "code": "PR301", "severity": "error",
        "message": "total_registros_lote says 4 records, but there are 2",  # a whole sentence
    }
    assert [(f["line"], f["column"]) for f in report["findings"]][-2:] == [(6, 12), (6, 163)]


def test_json_lists_the_files_that_could_not_be_read(run: Any, example: Path, tmp_path: Path) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01")
    r = run("validate", "--json", tmp_path / "gone.txt", example, binary)
    assert r.code == 2
    document = json.loads(r.out)
    assert document["files"][0] == {
        "path": str(tmp_path / "gone.txt"), "readable": False, "valid": False, "exit_status": 2,
        "message": f"{tmp_path / 'gone.txt'}: no such file or directory",
    }
    assert document["files"][2] == {
        "path": str(binary), "readable": False, "valid": False, "exit_status": 1,
        "message": f"{binary}: binary data, not text: it starts with byte 0x00",
    }
    assert document["totals"] == {
        "files": 3, "valid": 1, "invalid": 0, "unreadable": 2, "errors": 0, "warnings": 0}
    assert r.err.count("\n") == 2  # and each is said on standard error, as always
    schema_check(document, REPORT_SCHEMA)


def test_totals_add_up_over_the_files(run: Any, real_dir: Path, example: Path) -> None:
    document = json.loads(run("validate", "--json", example, real_dir / DAVIVIENDA,
                              real_dir / AGRARIO).out)
    totals = document["totals"]
    files = document["files"]
    assert totals == {"files": 3, "valid": 2, "invalid": 1, "unreadable": 0, "errors": 4,
                      "warnings": 7}
    assert totals["errors"] == sum(f["errors"] for f in files)
    assert totals["warnings"] == sum(f["warnings"] for f in files)
    schema_check(document, REPORT_SCHEMA)


@pytest.mark.parametrize(("data", "format", "total"), [
    (b"", "asobancaria-2001", "0.00"),  # an empty file: nothing summed, but centavos all the same
    (b"", None, "0"),  # no format known, no decimals known
    ((ROOT / "tests/golden/asobancaria-1998.txt").read_bytes().split(b"\n")[0] + b"\n"
     + b"09" + b"0" * 27 + b" " * 35 + b"\n", None, "0"),  # 1998 is whole pesos
    ((ROOT / "tests/golden/pse-summary.txt").read_bytes(), None, "305234.56"),
])
def test_amounts_have_their_formats_decimals(run: Any, tmp_path: Path, data: bytes,
                                              format: str | None, total: str) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    r = run("validate", "--json", path, *(["--format", format] if format else []))
    document = json.loads(r.out)
    assert document["files"][0]["summary"]["total"] == total
    schema_check(document, REPORT_SCHEMA)


def test_the_schema_in_the_docs_accepts_real_reports(run: Any, real_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "two.zip").write_bytes(zipped({"a.txt": (real_dir / DAVIVIENDA).read_bytes(),
                                               "b.txt": b"junk\n"}))
    r = run("validate", "--json", "--strict", "--max-findings", "1", real_dir, tmp_path)
    schema_check(json.loads(r.out), REPORT_SCHEMA)


def test_the_schema_refuses_what_the_report_never_is() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(REPORT_SCHEMA.read_text("utf-8"))
    good = {"schema_version": 2, "tool": {"name": "pse-recon", "version": "1"},
            "totals": dict.fromkeys(["files", "valid", "invalid", "unreadable", "errors", "warnings"], 0),
            "files": []}
    jsonschema.validate(good, schema)
    for broken in ({**good, "schema_version": 1}, {**good, "totals": {}},
                   {**good, "files": [{"path": "x", "readable": False}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


# -- GitHub Actions ----------------------------------------------------------------------------
def test_github_annotations(run: Any, real_dir: Path, tmp_path: Path) -> None:
    os.chdir(real_dir)
    r = run("validate", "--output-format", "github", DAVIVIENDA, str(tmp_path / "gone.txt"))
    assert r.code == 2
    assert r.out.splitlines() == [
        f"::warning file={DAVIVIENDA},line=3,col=84,endColumn=87,title=PR111::codigo_sucursal is "
        "'3332', not a PSE cycle number 0001 to 0009 (a bank branch?); reported once per file",
        f"::error file={DAVIVIENDA},line=5,col=3,endColumn=11,title=PR301::total_registros_lote says "
        "4 records, but there are 2",
        f"::error file={DAVIVIENDA},line=5,col=12,endColumn=29,title=PR302::valor_total_lote says "
        "158800.00, but valor_recaudado of the details adds up to 996831.00",
        f"::error file={DAVIVIENDA},line=6,col=3,endColumn=11,title=PR301::total_registros says 4 "
        "records, but there are 2",
        f"::error file={DAVIVIENDA},line=6,col=12,endColumn=29,title=PR302::valor_total says "
        "125440.00, but valor_recaudado of the details adds up to 996831.00",
        f"::warning file={DAVIVIENDA},line=6,col=163,endColumn=163,title=PR007::the last record has "
        "no line ending",
        f"::error file={tmp_path / 'gone.txt'},title=pse-recon::{tmp_path / 'gone.txt'}: no such file "
        "or directory",
        "2 files: 4 errors, 2 warnings (1 could not be read)",
    ]


def test_github_escaping_of_properties_and_data() -> None:
    assert command("error", "50% done\r\nnext: a, b", file="a:b,c%.txt", line=3, col=None) == (
        "::error file=a%3Ab%2Cc%25.txt,line=3::50%25 done%0D%0Anext: a, b"
    )
    assert command("warning", "\x1b[2J::error::fake") == "::warning::\\x1b[2J::error::fake"


def test_github_zip_members_are_annotated_on_their_archive(run: Any, tmp_path: Path, bad: Path,
                                                           example: Path) -> None:
    os.chdir(tmp_path)
    Path("month.zip").write_bytes(zipped({"a.txt": example.read_bytes(), "b.txt": bad.read_bytes()}))
    r = run("validate", "--output-format", "github", "month.zip", "--max-findings", "0")
    assert r.out.splitlines() == [
        "::notice file=month.zip,title=pse-recon::month.zip!b.txt: 1 more findings left out "
        "(--max-findings)",
        "2 files: 1 error, 0 warnings",
    ]
    r = run("validate", "--output-format", "github", "month.zip")
    assert r.out.splitlines()[0] == (
        "::error file=month.zip,line=6,col=3,endColumn=11,title=PR301::month.zip!b.txt: "
        "total_registros_lote says 5 records, but there are 3"
    )


# -- SARIF ---------------------------------------------------------------------------------------
def sarif(run: Any, *argv: str | Path) -> tuple[int, dict[str, Any]]:
    r = run("validate", "--output-format", "sarif", *argv)
    document = json.loads(r.out)
    schema_check(document, SARIF_SCHEMA)
    return r.code, document


def test_sarif_is_valid_and_has_every_rule(run: Any, real_dir: Path) -> None:
    code, log = sarif(run, real_dir / DAVIVIENDA)
    assert code == 1 and log["version"] == "2.1.0"
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("pse-recon", pse_recon.__version__)
    assert driver["informationUri"] == "https://github.com/pse-recon/pse-recon"
    assert [rule["id"] for rule in driver["rules"]] == sorted(RULES)
    pr301 = next(rule for rule in driver["rules"] if rule["id"] == "PR301")
    assert pr301["shortDescription"]["text"] == RULES["PR301"].title
    assert pr301["helpUri"] == "https://github.com/pse-recon/pse-recon/blob/main/docs/rules.md#pr301"
    assert pr301["defaultConfiguration"] == {"level": "error"}
    assert "Total registros en lote" in pr301["help"]["text"]  # the manual's words
    assert pr301["help"]["markdown"].startswith("### PR301\n")
    assert run_["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_results_and_locations(run: Any, real_dir: Path) -> None:
    os.chdir(real_dir.parent)
    _, log = sarif(run, f"real/{DAVIVIENDA}")
    (run_,) = log["runs"]
    results = run_["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("PR111", "warning"), ("PR301", "error"), ("PR302", "error"), ("PR301", "error"),
        ("PR302", "error"), ("PR007", "warning")]
    first = results[1]
    assert first["message"]["text"] == "total_registros_lote says 4 records, but there are 2"
    assert run_["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "PR301"
    assert first["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": f"real/{DAVIVIENDA}", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 5, "startColumn": 3, "endColumn": 12},  # SARIF's end is exclusive
    }}]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path.cwd().as_uri() + "/"


def test_sarif_uris_outside_the_working_directory_and_odd_names(
    run: Any, tmp_path: Path, example: Path, bad: Path
) -> None:
    odd = tmp_path / "sub dir" / "año 100%.txt"
    odd.parent.mkdir()
    odd.write_bytes(bad.read_bytes())
    os.chdir(odd.parent)
    _, log = sarif(run, odd.name, bad)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert uris[0] == {"uri": "a%C3%B1o%20100%25.txt", "uriBaseId": "%SRCROOT%"}
    assert uris[1] == {"uri": bad.as_uri()}  # outside the working directory: absolute


def test_sarif_files_not_read_are_notifications(run: Any, tmp_path: Path, example: Path) -> None:
    code, log = sarif(run, tmp_path / "gone.txt", example)
    assert code == 2
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == f"{tmp_path / 'gone.txt'}: no such file or directory"
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "/gone.txt")


def test_sarif_in_spanish_and_strict(run: Any, real_dir: Path) -> None:
    _, log = sarif(run, "--lang", "es", "--strict", real_dir / AGRARIO)
    driver = log["runs"][0]["tool"]["driver"]
    pr006 = next(rule for rule in driver["rules"] if rule["id"] == "PR006")
    assert pr006["shortDescription"]["text"] == RULES["PR006"].title_es
    assert pr006["defaultConfiguration"] == {"level": "warning"}  # the rule's default
    levels = {r["ruleId"]: r["level"] for r in log["runs"][0]["results"]}
    assert levels["PR006"] == "error"  # as it applies in this run


# -- JUnit ---------------------------------------------------------------------------------------
def test_junit_one_case_per_file(run: Any, real_dir: Path, example: Path, tmp_path: Path) -> None:
    r = run("validate", "--output-format", "junit", example, real_dir / DAVIVIENDA, tmp_path / "gone")
    assert r.code == 2
    assert r.out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(r.out.split("\n", 1)[1])
    (suite,) = root
    assert (root.tag, suite.tag) == ("testsuites", "testsuite")
    for element in (root, suite):
        assert (element.get("tests"), element.get("failures"), element.get("errors")) == ("3", "1", "1")
    valid, invalid, gone = suite
    assert (valid.get("name"), valid.get("classname"), list(valid)) == (str(example), "asobancaria-2001", [])
    failure, out = invalid
    assert (failure.tag, failure.get("message"), failure.get("type")) == ("failure", "4 errors", "PR301")
    assert failure.text is not None and failure.text.splitlines() == [
        f"{real_dir / DAVIVIENDA}:5:3: error: PR301 total_registros_lote: says 4 records, but there are 2",
        f"{real_dir / DAVIVIENDA}:5:12: error: PR302 valor_total_lote: says 158800.00, but "
        "valor_recaudado of the details adds up to 996831.00",
        f"{real_dir / DAVIVIENDA}:6:3: error: PR301 total_registros: says 4 records, but there are 2",
        f"{real_dir / DAVIVIENDA}:6:12: error: PR302 valor_total: says 125440.00, but valor_recaudado "
        "of the details adds up to 996831.00",
    ]
    assert out.tag == "system-out" and out.text is not None and len(out.text.splitlines()) == 2
    (error,) = gone
    assert (error.tag, error.get("message")) == ("error", f"{tmp_path / 'gone'}: no such file or directory")


def test_junit_is_valid_xml_whatever_the_names_and_contents(run: Any, tmp_path: Path, bad: Path) -> None:
    odd = tmp_path / "<a & \"b\"\x1b\x07>.txt"
    odd.write_bytes(bad.read_bytes().replace(b"7701234000011", b"\x01\x1b&<>\"'0000", 1))
    r = run("validate", "--output-format", "junit", odd, "--max-findings", "1")
    root = ET.fromstring(r.out.split("\n", 1)[1])  # XML 1.0 holds no C0 control, even escaped
    (case,) = root[0]
    assert case.get("name") == str(odd).replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    (failure,) = case
    assert failure.text is not None and "more errors left out" in failure.text


# -- outcomes cross processes -------------------------------------------------------------------
def test_outcomes_pickle(real_dir: Path) -> None:
    report = pse_recon.validate(real_dir / DAVIVIENDA)
    outcome = Outcome("a.txt", "a.txt", report)
    assert pickle.loads(pickle.dumps(outcome)) == outcome
    assert pickle.loads(pickle.dumps(report.findings[0])) == report.findings[0]
