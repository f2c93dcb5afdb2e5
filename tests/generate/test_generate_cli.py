"""``pse-recon generate``: files written atomically, inputs never overwritten, exit statuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import pse_recon
from pse_recon.cli import main
from pse_recon.generator.inputs import load_collection


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, examples: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in a copy of examples/, in English whatever the machine's locale."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    shutil.copytree(examples, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("format", "width", "summary"),
    [
        ("asobancaria-2001", None, "asobancaria-2001, 4 details, total 414651.25"),
        ("asobancaria-2001", "150", "asobancaria-2001, 4 details, total 414651.25"),
        ("andesco", None, "andesco, 4 details, total 414651.25"),
        ("pse-detail", None, "pse-detail, 7 details, total 678651.25"),
        ("pse-summary", None, "pse-summary, 7 details, total 678651.25"),
    ],
)
def test_writes_the_generated_file(
    capsys: pytest.CaptureFixture[str], format: str, width: str | None, summary: str
) -> None:
    extra = ["--width", width] if width else []
    code, out, err = run(capsys, "generate", "--format", format, "--input", "examples/transactions.csv",
                         *extra, "-o", "out.txt")
    assert (code, out, err) == (0, f"out.txt: {summary}\n", "")
    collection = load_collection("examples/transactions.csv")
    expected = pse_recon.generate(format, collection, width=int(width) if width else None)
    assert Path("out.txt").read_bytes() == pse_recon.dumps(expected)
    assert pse_recon.validate("out.txt", format, strict=True).valid
    code, _, _ = run(capsys, "generate", "--format", format, "--input", "examples/transactions.json",
                     *extra, "-o", "from-json.txt")
    assert code == 0 and Path("from-json.txt").read_bytes() == Path("out.txt").read_bytes()


def test_asobancaria_1998_needs_a_bank_and_whole_pesos(capsys: pytest.CaptureFixture[str]) -> None:
    Path("out.txt").write_bytes(b"old")
    args = ["generate", "--format", "asobancaria-1998", "--input", "examples/transactions.csv"]
    args += ["-o", "out.txt"]
    code, out, err = run(capsys, *args)
    assert (code, out) == (1, "")
    assert err == (
        "pse-recon: error: approved payments come from 4 authorizing banks (1007, 1019, 1051, 1052), "
        "and an Asobancaria 1998 file names one in its header (codigo_recaudo): choose one "
        "(authorizing_bank=, --bank)\n"
    )
    code, out, err = run(capsys, *args, "--bank", "1007")
    assert (code, out) == (1, "")
    assert err == (
        "pse-recon: error: transaction CUS 100234562 (ticket 5002): record 02, field valor_recaudado: "
        "85400.50 has centavos, and Asobancaria 1998 amounts are whole pesos (an amount is never "
        "rounded)\n"
    )
    assert Path("out.txt").read_bytes() == b"old"  # a failure leaves the old file as it was
    assert run(capsys, *args, "--bank", "1051") == (
        0, "out.txt: asobancaria-1998, 1 detail, total 18000\n", "")  # whole pesos
    assert Path("out.txt").read_bytes().startswith(b"01000800123456520261120051")


def test_never_overwrites_the_input(capsys: pytest.CaptureFixture[str]) -> None:
    before = Path("examples/transactions.csv").read_bytes()
    code, out, err = run(capsys, "generate", "--format", "andesco", "--input", "examples/transactions.csv",
                         "-o", "./examples/../examples/transactions.csv")
    assert (code, out) == (2, "")
    assert "is the input file; refusing to overwrite it" in err
    assert Path("examples/transactions.csv").read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--input", "missing.csv"], "pse-recon: error: missing.csv: no such file or directory\n"),
        (["--input", "examples/recaudo-2001.txt"],
         "pse-recon: error: examples/recaudo-2001.txt: the input must be a .csv or .json file\n"),
    ],
)
def test_unusable_input(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, "generate", "--format", "andesco", *argv, "-o", "out.txt")
    assert (code, out, err) == (2, "", message)
    assert not Path("out.txt").exists()


def test_input_without_its_columns_is_exit_4(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["generate", "--format", "andesco", "--input", "examples/expected.csv", "-o", "out.txt"]
    code, out, err = run(capsys, *argv)
    assert (code, out) == (4, "")
    assert err == (
        "pse-recon: error: examples/expected.csv, line 1: missing column(s): company_nit, company_name, "
        "service_code, service_name, account_bank, account_type, account_number, cycle_number, "
        "cycle_date, cycle_time, cus, ticket_id, reference_1, state, authorizing_bank, created_at\n"
    )
    assert not Path("out.txt").exists()


def test_bad_cell(capsys: pytest.CaptureFixture[str]) -> None:
    text = Path("examples/transactions.csv").read_text(encoding="utf-8").replace(",61250.75,", ",61250.755,")
    Path("bad.csv").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "generate", "--format", "andesco", "--input", "bad.csv", "-o", "out.txt")
    assert (code, out) == (4, "")
    assert err.startswith("pse-recon: error: bad.csv, line 8, column amount: must be digits with at most 2")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "pse-detail", "--width", "150"], "pse-detail has no line width option"),
        (["--format", "andesco", "--modifier", "ab"], "argument --modifier: 'ab' is not one character"),
        (["--format", "andesco", "--bank", "51"], "argument --bank: '51' is not a 4-digit bank code"),
        (["--format", "csv"], "argument --format: unknown format 'csv'"),
    ],
)
def test_bad_arguments(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, "generate", *argv, "--input", "examples/transactions.csv", "-o", "o.txt")
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err
    assert not Path("o.txt").exists()


def test_cannot_write(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "generate", "--format", "andesco", "--input", "examples/transactions.csv",
                         "-o", "no/such/dir/out.txt")
    assert (code, out, err) == (2, "", "pse-recon: error: cannot write no/such/dir/out.txt: no such file or "
                                "directory\n")


def test_account_choice_and_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(Path("examples/transactions.json").read_text(encoding="utf-8"))
    doc["services"][1]["account"] = {"bank": "1051", "type": "01", "number": "550012345"}
    Path("two.json").write_text(json.dumps(doc), encoding="utf-8")
    args = ["generate", "--format", "andesco", "--input", "two.json", "-o", "out.txt"]
    code, _, err = run(capsys, *args)
    assert code == 1 and "2 accounts (12345678901, 550012345)" in err
    assert run(capsys, *args, "--account", "550012345", "--lang", "es") == (
        0, "out.txt: andesco, 2 detalles, total 311250.75\n", "")
    assert pse_recon.read("out.txt").header.codigo_entidad_recaudadora == "051"


def test_listed_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "generate" in out and "reconcile" in out
    code, out, _ = run(capsys, "generate", "--help")
    assert code == 0 and "--format NAME" in out and "--input FILE" in out and "--account NUMBER" in out


def test_rows_counted_on_a_terminal_then_wiped(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the CSV's rows, then the lines written, are counted on standard
    error, each count wiped when its pass ends; the file is the same."""
    from pse_recon.cli import progress

    code, _, _ = run(capsys, "generate", "--format", "pse-detail", "--input",
                     "examples/transactions.csv", "-o", "plain.txt")
    assert code == 0
    monkeypatch.setattr(progress, "on_terminal", lambda: True)
    monkeypatch.setattr(progress, "EVERY", 1)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    code, out, err = run(capsys, "generate", "--format", "pse-detail", "--input",
                         "examples/transactions.csv", "-o", "shown.txt")
    assert code == 0
    reading, writing = err.split("lines written: 1 (", 1)
    draws = [d.rstrip() for d in reading.split("\r") if d.strip().startswith("transactions:")]
    assert [d.split(" (")[0] for d in draws] == [f"transactions: {n}" for n in range(1, 8)]
    assert reading.endswith("\r" + " " * len(draws[-1]) + "\r\r")
    lines = Path("plain.txt").read_bytes().count(b"\n")
    draws = ["lines written: 1 (" + d.rstrip() for d in writing.split("\r", 1)[:1]]
    draws += [d.rstrip() for d in writing.split("\r")[1:] if d.startswith("lines written:")]
    assert [d.split(" (")[0] for d in draws] == [f"lines written: {n}" for n in range(1, lines + 1)]
    assert err.endswith("\r" + " " * len(draws[-1]) + "\r")
    assert "\r" not in out
    assert Path("shown.txt").read_bytes() == Path("plain.txt").read_bytes()
