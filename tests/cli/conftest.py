"""Fixtures of the command-line tests: run ``main`` and capture what it prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import pse_recon
from pse_recon.cli import main
from pse_recon.records import pse_detail, pse_summary

EXAMPLE = Path(__file__).parents[2] / "examples" / "recaudo-2001.txt"


@attrs.frozen
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see English unless they ask otherwise, whatever the machine's locale."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps help to the terminal's width


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*argv: str | Path) -> Result:
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def example() -> Path:
    return EXAMPLE


def _pse_header(cls: type[pse_recon.Record]) -> pse_recon.Record:
    return cls(
        codigo_entidad_origen="00001007", fecha_cierre_ciclo=dt.date(2026, 11, 20),
        hora_cierre_ciclo=dt.time(23, 59, 59), codigo_ciclo="1", codigo_empresa="123456789012345",
    )


def _transaction(estado: str, bank: str, value: str, ticket: str) -> pse_recon.Record:
    return pse_detail.Transaction(
        estado=estado, ticket_id=ticket, cus="12345678", codigo_entidad=bank,
        codigo_servicio="1234567890", entidad_credito="00001007", cuenta_credito="12345678901",
        valor_transaccion=Decimal(value), valor_iva=Decimal("0"),
        fecha_proceso=dt.date(2026, 11, 20), hora_registro_pse=dt.time(10, 0, 0), ciclo_proceso="1",
    )


@pytest.fixture
def pse_detail_file(tmp_path: Path) -> Path:
    """Four transactions: Bancolombia approved 100000.00 and rejected 20000.00,
    Davivienda approved 50000.50, an unlisted bank 00009999 approved 1.00."""
    f = pse_recon.build(
        "pse-detail",
        _pse_header(pse_detail.Header),
        [
            _transaction("1", "00001007", "100000.00", "1"),
            _transaction("1", "00001051", "50000.50", "2"),
            _transaction("2", "00001007", "20000.00", "3"),
            _transaction("1", "00009999", "1.00", "4"),
        ],
    )
    path = tmp_path / "pse-detail.txt"
    path.write_bytes(pse_recon.dumps(f))
    return path


@pytest.fixture
def pse_summary_file(tmp_path: Path) -> Path:
    def line(estado: str, bank: str, n: int, value: str) -> pse_recon.Record:
        return pse_summary.BankStateTotals(
            estado=estado, codigo_entidad=bank, total_transacciones=n,
            valor_transacciones=Decimal(value), valor_iva=Decimal("0"),
        )

    f = pse_recon.build(
        "pse-summary",
        _pse_header(pse_summary.Header),
        [line("1", "00001007", 3, "300000.00"), line("2", "00001007", 2, "40000.00"),
         line("1", "00001051", 1, "50000.50")],
    )
    path = tmp_path / "pse-summary.txt"
    path.write_bytes(pse_recon.dumps(f))
    return path
