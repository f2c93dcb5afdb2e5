"""Large files, where most details are checked a block at a time
(pse_recon.validation.bulk): the findings are those of the line-by-line path, and
each error deep inside a block is found at its line."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest
from validation_support import E, W, join, lines_of, where

import pse_recon
import pse_recon.validation
import pse_recon.validation.bulk
import pse_recon.validation.engine
from pse_recon.records import record_classes

DETAILS = 3000


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> dict[bool, int]:
    """Blocks of 64 lines, so that a 3000-detail file has many; and a count of the
    blocks the bulk path accepts and refuses, to know it is exercised."""
    monkeypatch.setattr(pse_recon.validation.engine, "BLOCK", 64)
    seen = {True: 0, False: 0}
    accepts = pse_recon.validation.bulk.Bulk.accepts

    def counting(self: Any, chunk: list[bytes], q: int) -> bytes | None:
        block = accepts(self, chunk, q)
        seen[block is not None] += 1
        return block

    monkeypatch.setattr(pse_recon.validation.bulk.Bulk, "accepts", counting)
    return seen


def big(format: str, width: int | None = None, newline: str = "\n", lots: int = 2) -> bytes:
    """A valid file of ``DETAILS`` details built from business content."""
    c = record_classes(format)
    day = dt.date(2026, 11, 20)
    if format == "asobancaria-1998":
        header = c["01"](nit_empresa="8909049961", fecha_pago=day, codigo_recaudo="007",
                         cuenta_abono="12345678901")
        body: Any = [c["02"](identificacion_usuario=str(i), valor_recaudado=Decimal(i % 977))
                     for i in range(DETAILS)]
    else:
        extra = {"hora_archivo": dt.time(18, 30), "tipo_cuenta": "02"} if format == "asobancaria-2001" else {}
        header = c["01"](nit_empresa="8001234565", fecha_pago=day, codigo_entidad_recaudadora="007",
                         numero_cuenta="12345678901", fecha_archivo=day, modificador_archivo="A", **extra)
        details = [
            c["06"](referencia_principal=str(10_000 + i), valor_recaudado=Decimal(i % 977) + Decimal("0.5"),
                    procedencia_pago="99", medio_pago="15", codigo_entidad_debitada="051",
                    codigo_sucursal=f"000{1 + i % 9}")
            for i in range(DETAILS)
        ]
        size = DETAILS // lots
        body = [(c["05"](codigo_servicio=f"770123400{n:04d}"), details[n * size : (n + 1) * size])
                for n in range(lots)]
    return pse_recon.dumps(pse_recon.build(format, header, body, width=width, newline=newline))


SHAPES = [
    ("asobancaria-2001", None, "\n"),
    ("asobancaria-2001", 150, "\n"),
    ("asobancaria-2001", None, "\r\n"),
    ("andesco", None, "\n"),
    ("asobancaria-1998", None, "\n"),
]


def line_by_line(data: bytes, monkeypatch: pytest.MonkeyPatch, **kw: Any) -> pse_recon.Report:
    with monkeypatch.context() as m:
        m.setattr(pse_recon.validation, "bulk_plan", lambda *a: None)
        return pse_recon.validate(data, **kw)


@pytest.mark.parametrize(("format", "width", "newline"), SHAPES)
def test_a_large_valid_file(
    format: str, width: int | None, newline: str, small_blocks: dict[bool, int]
) -> None:
    report = pse_recon.validate(big(format, width, newline))
    assert small_blocks[True] > 40  # of 47 blocks: all but the first, the last, a lot boundary
    assert where(report.findings) == ([("PR006", 1, None, W)] if newline == "\r\n" else [])
    lots = 0 if format == "asobancaria-1998" else 2
    if format == "asobancaria-1998":
        total = sum(Decimal(i % 977) for i in range(DETAILS))
    else:
        total = sum(Decimal(i % 977) + Decimal("0.5") for i in range(DETAILS))
    assert report.summary == pse_recon.Summary(lots, DETAILS, total)


def detail_lines(data: bytes, code: bytes) -> list[int]:
    return [n for n, line in enumerate(lines_of(data), 1) if line.startswith(code)]


def test_errors_deep_inside_blocks_are_found_at_their_lines() -> None:
    data = big("asobancaria-2001")
    lines = lines_of(data)
    details = detail_lines(data, b"06")
    fmt = pse_recon.layout("asobancaria-2001")["06"]

    def poke(n: int, field: str, text: bytes) -> None:
        f = fmt.field(field)
        lines[n - 1] = lines[n - 1][: f.start - 1] + text + lines[n - 1][f.end :]

    a, b, c, d = details[700], details[1200], details[2100], details[2600]
    poke(a, "secuencia", b"9999999")
    poke(b, "medio_pago", b"77")
    poke(c, "reservado", b"X" * 65)
    poke(d, "causal_devolucion", b"000")
    report = pse_recon.validate(join(lines))
    assert where(report.findings) == [
        ("PR305", a, "secuencia", E),
        ("PR106", b, "medio_pago", E),
        ("PR105", c, "reservado", E),
        ("PR110", d, "causal_devolucion", W),
    ]


def test_an_unknown_line_deep_inside_a_block() -> None:
    data = big("asobancaria-2001")
    lines = lines_of(data)
    n = detail_lines(data, b"06")[900]
    lines[n - 1] = b"07" + lines[n - 1][2:]
    controls = detail_lines(data, b"08")[:1] + detail_lines(data, b"09")
    assert where(pse_recon.validate(join(lines)).findings) == [
        ("PR005", n, None, E),
        *[("PR306", line, None, W) for line in controls],
    ]


@pytest.mark.parametrize(("format", "width", "newline"), SHAPES)
@pytest.mark.parametrize("seed", range(4))
def test_block_and_line_by_line_paths_agree(
    format: str, width: int | None, newline: str, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    data = bytearray(big(format, width, newline))
    for _ in range(rng.randrange(1, 6)):
        position = rng.randrange(len(data))
        data[position] = rng.choice(b"0123456789 AZ\x00\n\xe9")
    raw = bytes(data)
    for kw in ({}, {"strict": True}, {"encoding": "utf-8"}):
        assert pse_recon.validate(raw, **kw) == line_by_line(raw, monkeypatch, **kw)
