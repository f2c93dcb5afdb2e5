"""``pse-recon reconcile``: the text and JSON outputs, and the exit statuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import pse_recon
from pse_recon.cli import main
from pse_recon.generator.inputs import load_collection

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of examples/ with the 2001, pse-detail and pse-summary files of
    transactions.csv, in English whatever the machine's locale."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    collection = load_collection("examples/transactions.csv")
    for name in ("asobancaria-2001", "pse-detail", "pse-summary"):
        pse_recon.write(pse_recon.generate(name, collection), f"{name}.txt")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "reconcile", "asobancaria-2001.txt", "--expected", "examples/expected.csv")
    assert (code, err) == (5, "")
    assert out == (
        "asobancaria-2001.txt: asobancaria-2001, 4 payments in the file (total 414651.25), "
        "4 expected (total 448400.50)\n"
        "  outcome         count                  total\n"
        "  matched             2              103400.50\n"
        "  amount differs      1  225000.00 → 250000.00\n"
        "  missing             1              120000.00\n"
        "  unexpected          1               61250.75\n"
        "  duplicate           0                      0\n"
        "\n"
        "  outcome         reference   expected       paid  where\n"
        "  amount differs  40001      225000.00  250000.00  line 7; examples/expected.csv line 4\n"
        "  unexpected      5007               -   61250.75  line 8\n"
        "  missing         30077      120000.00          -  examples/expected.csv line 5\n"
    )


def test_everything_matches(capsys: pytest.CaptureFixture[str]) -> None:
    Path("ok.csv").write_text(
        "reference,amount\n21053,18000\n0021054,85400.50\n40001,250000.00\n5007,61250.75\n", encoding="utf-8"
    )
    for name in ("asobancaria-2001.txt", "pse-detail.txt"):
        code, out, err = run(capsys, "reconcile", name, "--expected", "ok.csv")
        assert (code, err) == (0, "")
        assert out.endswith("every payment matched\n")
    code, out, _ = run(capsys, "reconcile", "pse-detail.txt", "--expected", "ok.csv", "--lang", "es")
    assert code == 0 and out.endswith("todos los pagos conciliados\n")


def test_repeated_expectations_are_reported(capsys: pytest.CaptureFixture[str]) -> None:
    Path("twice.csv").write_text("reference,amount\n21053,18000\n021053,1\n", encoding="utf-8")
    code, out, _ = run(capsys, "reconcile", "asobancaria-2001.txt", "--expected", "twice.csv")
    assert code == 5
    assert out.endswith(
        "expected more than once (each counts as one payment expected): 21053\n"
    )


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["reconcile", "pse-detail.txt", "--expected", "examples/expected.json", "--json"]
    code, out, err = run(capsys, *argv)
    assert (code, err) == (5, "")
    doc = json.loads(out)
    keys = ("file", "expected_file", "format", "valid", "ok", "repeated_expectations")
    assert {k: doc[k] for k in keys} == {
        "file": "pse-detail.txt", "expected_file": "examples/expected.json", "format": "pse-detail",
        "valid": True, "ok": False, "repeated_expectations": [],
    }
    assert doc["summary"] == {
        "expected_count": 4, "expected_total": "448400.50", "paid_count": 4, "paid_total": "414651.25",
        "matched_count": 2, "matched_total": "103400.50", "amount_differs_count": 1,
        "amount_differs_expected_total": "225000.00", "amount_differs_paid_total": "250000.00",
        "missing_count": 1, "missing_total": "120000.00", "unexpected_count": 1,
        "unexpected_total": "61250.75", "duplicate_count": 0, "duplicate_total": "0",
        "difference": "-33749.25",
    }
    assert doc["items"][2] == {
        "status": "amount_differs", "reference": "40001",
        "expected": {"reference": "40001", "amount": "225000.00", "description": "Revisión periódica",
                     "line": 3},
        "paid": {"reference": "40001", "amount": "250000.00", "line": 4},
        "difference": "25000.00", "duplicate_of": None,
    }
    assert [(i["status"], i["reference"]) for i in doc["items"]] == [
        ("matched", "21053"), ("matched", "21054"), ("amount_differs", "40001"), ("unexpected", "5007"),
        ("missing", "30077")]
    assert doc["items"][3]["paid"]["reference"] == "00000000000000005007"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["pse-summary.txt", "--expected", "examples/expected.csv"],
         "pse-recon: error: pse-summary.txt: pse-summary has no per-payment lines (one line per bank and "
         "state): reconcile a pse-detail or a recaudo file instead\n"),
        (["missing.txt", "--expected", "examples/expected.csv"],
         "pse-recon: error: missing.txt: no such file or directory\n"),
        (["asobancaria-2001.txt", "--expected", "missing.csv"],
         "pse-recon: error: missing.csv: no such file or directory\n"),
    ],
)
def test_unusable_files(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, "reconcile", *argv)
    assert (code, out) == (2, "")
    assert err.startswith(message) and "Traceback" not in err


def test_a_file_that_cannot_be_read_is_exit_4_with_its_finding(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "reconcile", "examples/expected.csv", "--expected", "examples/expected.csv")
    assert (code, out) == (4, "")
    assert err.startswith("examples/expected.csv:1:0: error: PR002: ") and "Traceback" not in err


def test_expected_file_without_its_columns_is_exit_4(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "reconcile", "asobancaria-2001.txt", "--expected",
                         "examples/transactions.csv")
    assert (code, out) == (4, "")
    assert err == "pse-recon: error: examples/transactions.csv, line 1: missing column(s): reference\n"


def test_bad_amount_in_expected(capsys: pytest.CaptureFixture[str]) -> None:
    Path("bad.csv").write_text("reference;amount\n21053;18.000,00\n", encoding="utf-8")
    code, out, err = run(capsys, "reconcile", "asobancaria-2001.txt", "--expected", "bad.csv")
    assert (code, out) == (4, "")
    assert err.startswith("pse-recon: error: bad.csv, line 2, column amount: must be digits")


def test_format_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "reconcile", "pse-detail.txt", "--format", "pse-summary", "--expected",
                       "examples/expected.csv")
    assert code == 4 and "PR004" in err  # 235-column lines are not pse-summary type-2 lines


# -- one verdict: payments of a file with errors are not trusted -------------------------------
DAVIVIENDA = "asobancaria2001-davivienda-bad-controls.txt"


def test_a_pse_detail_file_cut_after_its_first_type_3_line(capsys: pytest.CaptureFixture[str]) -> None:
    """Its missing state lines stop reading (read replays validate's structure rules):
    the file cannot be read, and nothing is reconciled."""
    lines = Path("pse-detail.txt").read_bytes().splitlines(keepends=True)
    first_3 = next(i for i, line in enumerate(lines) if line.startswith(b"3"))
    Path("cut.txt").write_bytes(b"".join(lines[: first_3 + 1]))
    code, out, err = run(capsys, "reconcile", "cut.txt", "--expected", "examples/expected.csv")
    assert (code, out) == (4, "")
    assert err == "cut.txt:9:0: error: PR205: there is no totals line (record 3) for state 2\n"


def test_the_refusal_in_spanish(capsys: pytest.CaptureFixture[str], real_dir: Path) -> None:
    path = str(real_dir / DAVIVIENDA)
    code, _, err = run(capsys, "--lang", "es", "reconcile", path, "--expected", "examples/expected.csv")
    assert code == 1
    assert err.splitlines()[-1] == (
        f"pse-recon: error: {path} tiene 4 errores: sus pagos no se cuentan (--accept-invalid los cuenta)"
    )


@pytest.mark.parametrize("name", ["asobancaria-2001", "pse-detail"])
def test_streamed_as_the_whole_file_reconciles(capsys: pytest.CaptureFixture[str], name: str) -> None:
    """The command streams the file (keeping its payments only): its JSON is what
    ``reconcile`` of the file read whole gives."""
    from pse_recon.cli.reconcile import result_json

    code, out, err = run(capsys, "reconcile", f"{name}.txt", "--expected", "examples/expected.csv", "--json")
    assert (code, err) == (5, "")
    whole = pse_recon.reconcile(pse_recon.read(f"{name}.txt"), "examples/expected.csv")
    assert json.loads(out) == result_json(f"{name}.txt", "examples/expected.csv", whole)


def test_the_whole_command_on_one_progress_line_on_a_terminal(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the line goes through every phase, the three passes over the file
    then the expected payments, the pairing and the writing of the output (to a file,
    here: not to the terminal), each wiped before the next; with the redraw interval
    that long, each phase is drawn once, when it starts."""
    from pse_recon.cli import progress

    code, plain, _ = run(capsys, "reconcile", "pse-detail.txt", "--expected", "examples/expected.csv")
    for name, value in (("on_terminal", lambda fd=2: fd == 2), ("EVERY", 1), ("DELAY", 0.0),
                        ("INTERVAL", 1e6)):
        monkeypatch.setattr(progress, name, value)
    code, out, err = run(capsys, "reconcile", "pse-detail.txt", "--expected", "examples/expected.csv")
    assert (code, out) == (5, plain)
    parts = err.split("\r")
    draws = [d.rstrip() for d in parts if d.strip()]
    assert [d.split(" (")[0] for d in draws] == [
        "pass 1/3, validating: 0 %", "pass 2/3, checking: 0 %", "pass 3/3, reading: 0 %",
        "expected payments: 1", "pairing: 0 %", "writing: 33 %"]  # 1 of the 3 lines that did not match
    assert all(d.endswith(" s)") for d in draws)
    wipes = [" " * len(d) for d in parts[1::3]]  # each draw is followed by its wipe
    assert parts[2::3] == wipes and err.endswith("\r")


def test_no_writing_phase_over_output_on_the_terminal(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Output on the same terminal as the line: the output is its own progress, and a
    line redrawn over it would garble it."""
    from pse_recon.cli import progress

    for name, value in (("on_terminal", lambda fd=2: True), ("EVERY", 1), ("DELAY", 0.0), ("INTERVAL", 1e6)):
        monkeypatch.setattr(progress, name, value)
    code, _, err = run(capsys, "reconcile", "pse-detail.txt", "--expected", "examples/expected.json",
                       "--json")
    assert code == 5
    assert [d.split(" (")[0] for d in err.split("\r") if d.strip()][-1] == "pairing: 0 %"
