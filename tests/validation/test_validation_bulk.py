"""Large files, where most details are checked a block at a time
(pse_recon.compile.bulk): the findings are those of the line-by-line path and of
the exact path (chosen with pse_recon.validation.use_path), and each error deep
inside a block is found at its line."""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from validation_support import E, W, join, lines_of, where

import pse_recon
from pse_recon.declaration import (
    Count,
    FileLayout,
    FlatStructure,
    Sequence,
    Sum,
    Text,
    amount,
    constant,
    date,
    digits,
    filler,
    numeric,
    record,
    text,
    time,
)
from pse_recon.records import record_classes
from pse_recon.validation import PathCounts, use_path

DETAILS = 3000


@pytest.fixture(autouse=True)
def small_blocks() -> Iterator[PathCounts]:
    """Blocks of 64 lines, so that a 3000-detail file has many; and the count of the
    blocks the bulk path accepts and refuses, to know it is exercised."""
    with use_path("blocks", block=64) as counts:
        yield counts


BANKS = [b"00001007", b"00001051", b"00001001", b"00001013", b"00001023", b"00001002"]


def pse_state(i: int, details: int) -> str:
    """Approved mostly, a run of approved only (blocks of one state), then every
    state about as often (blocks where no state has most lines)."""
    if i < details // 3:
        return "1" if i % 9 else str(2 + i // 9 % 3)
    if i < details // 2:
        return "1"
    return str(1 + i * 7 % 4)


@functools.cache
def big(
    format: str, width: int | None = None, newline: str = "\n", lots: int = 2, details: int = DETAILS
) -> bytes:
    """A valid file of ``details`` details built from business content."""
    c = record_classes(format)
    day = dt.date(2026, 11, 20)
    if format.startswith("pse"):
        header = c["1"](codigo_entidad_origen="00001007", fecha_cierre_ciclo=day,
                        hora_cierre_ciclo=dt.time(18, 30), codigo_ciclo="1",
                        codigo_empresa="000008001234565")
        if format == "pse-summary":
            body = [c["2"](estado=pse_state(i, details), codigo_entidad=BANKS[i % len(BANKS)].decode(),
                           total_transacciones=1 + i % 97, valor_transacciones=Decimal(i % 977) / 4,
                           valor_iva=Decimal(i % 5)) for i in range(details)]
        else:
            body = [
                c["2"](estado=pse_state(i, details), ticket_id=str(10_000 + i), cus=f"{i:08d}",
                       codigo_entidad=BANKS[i % len(BANKS)].decode(), codigo_servicio="0000012345",
                       entidad_credito=(BANKS[0] if i < details // 2 else BANKS[i % 3]).decode(),
                       cuenta_credito=f"{i % 89}-{i}", valor_transaccion=Decimal(i % 977) + Decimal("0.5"),
                       valor_iva=Decimal(0) if i % 5 else Decimal(i % 13),
                       codigo_autorizacion=f"A{i:09d}" if i % 4 else "", referencia_1=str(i) * (i % 3),
                       referencia_2="Ñandú" if i % 11 == 0 else "", referencia_3="",
                       fecha_proceso=day if i < 2 * details // 3 else day + dt.timedelta(days=1),
                       hora_registro_pse=dt.time(i % 24, i * 7 % 60, i * 13 % 60), ciclo_proceso="1")
                for i in range(details)
            ]
        return pse_recon.dumps(pse_recon.build(format, header, body, newline=newline))
    if format == "asobancaria-1998":
        header = c["01"](nit_empresa="8909049961", fecha_pago=day, codigo_recaudo="007",
                         cuenta_abono="12345678901")
        body: Any = [c["02"](identificacion_usuario=str(i), valor_recaudado=Decimal(i % 977))
                     for i in range(details)]
    else:
        extra = {"hora_archivo": dt.time(18, 30), "tipo_cuenta": "02"} if format == "asobancaria-2001" else {}
        header = c["01"](nit_empresa="8001234565", fecha_pago=day, codigo_entidad_recaudadora="007",
                         numero_cuenta="12345678901", fecha_archivo=day, modificador_archivo="A", **extra)
        made = [
            c["06"](referencia_principal=str(10_000 + i), valor_recaudado=Decimal(i % 977) + Decimal("0.5"),
                    procedencia_pago="99", medio_pago="15", codigo_entidad_debitada="051",
                    codigo_sucursal=f"000{1 + i % 9}")
            for i in range(details)
        ]
        size = details // lots
        body = [(c["05"](codigo_servicio=f"770123400{n:04d}"), made[n * size : (n + 1) * size])
                for n in range(lots)]
    return pse_recon.dumps(pse_recon.build(format, header, body, width=width, newline=newline))


SHAPES = [
    ("asobancaria-2001", None, "\n"),
    ("asobancaria-2001", 150, "\n"),
    ("asobancaria-2001", None, "\r\n"),
    ("andesco", None, "\n"),
    ("asobancaria-1998", None, "\n"),
    ("pse-detail", None, "\n"),
    ("pse-detail", None, "\r\n"),
    ("pse-summary", None, "\n"),
]


def line_by_line(data: bytes, **kw: Any) -> pse_recon.Report:
    """No blocks: every line through the scanner (and the exact path)."""
    with use_path("lines"):
        return pse_recon.validate(data, **kw)


@pytest.mark.parametrize(("format", "width", "newline"), SHAPES)
def test_a_large_valid_file(
    format: str, width: int | None, newline: str, small_blocks: PathCounts
) -> None:
    report = pse_recon.validate(big(format, width, newline))
    assert small_blocks.accepted > 40  # of 47 blocks: all but the first, the last, a lot boundary
    assert where(report.findings) == ([("PR006", 1, None, W)] if newline == "\r\n" else [])
    lots = 0 if format in ("asobancaria-1998", "pse-detail", "pse-summary") else 2
    if format == "asobancaria-1998":
        total = sum(Decimal(i % 977) for i in range(DETAILS))
    elif format == "pse-summary":
        total = sum(Decimal(i % 977) / 4 for i in range(DETAILS))
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
    format: str, width: int | None, newline: str, seed: int
) -> None:
    rng = random.Random(seed)
    data = bytearray(big(format, width, newline))
    for _ in range(rng.randrange(1, 6)):
        position = rng.randrange(len(data))
        data[position] = rng.choice(b"0123456789 AZ\x00\n\xe9")
    raw = bytes(data)
    for kw in ({}, {"strict": True}, {"encoding": "utf-8"}):
        assert pse_recon.validate(raw, **kw) == line_by_line(raw, **kw)


def slow_only(data: bytes, **kw: Any) -> pse_recon.Report:
    """Every line through the exact path: no blocks, and the scanner never fast."""
    with use_path("exact"):
        return pse_recon.validate(data, **kw)


#: Texts written over one field of a PSE detail: values that pass, values each
#: check must refuse, and bytes that change the lines themselves.
PSE_POKES: dict[str, list[bytes]] = {
    "estado": [b"1", b"2", b"3", b"4", b"5", b"9", b"0", b" ", b"x"],
    "codigo_entidad": [b"00001007", b"00001051", b"00009999", b"0000100 ", b"00001\n07"],
    "entidad_credito": [b"00001051", b"00007777", b"ABCDEFGH"],
    "valor_transaccion": [b"000000000000000001", b"999999999999999999", b"00000000000000000x",
                          b"0000000000000000\xb2\xb2"],
    "valor_iva": [b"000000000000000000", b"000000000000012345", b"-00000000000000001"],
    "cuenta_credito": [b"12345678901234567", b"x\ny", b"\r", b"\xe9\xe9", b"\x00"],
    "referencia_3": [b"\n", b"\r\n", b"abc", b"\xff"],
    "canal_pago": [b"1", b"2", b" "],
    "fecha_proceso": [b"20261121", b"20261122", b"20260230", b"2026112 ", b"20261301"],
    "hora_registro_pse": [b"000000", b"235959", b"240000", b"240001", b"236000", b"235960", b"250000",
                          b"195959", b"2 0000", b"24", b"300000", b"950000", b"1\n0000"],
    "ciclo_proceso": [b"1", b"9", b"a"],
    "ticket_id": [b"1" * 20, b"1" * 19 + b" "],
}


def poke_pse(rng: random.Random, data: bytes, format: str, pokes: int) -> bytes:
    """``pokes`` fields of random type-2 lines overwritten with PSE_POKES texts (or
    the line cut, lengthened or duplicated)."""
    newline = b"\r\n" if data.endswith(b"\r\n") else b"\n"
    lines = data[: -len(newline)].split(newline)
    rec = pse_recon.layout(format)["2"]
    names = [name for name in PSE_POKES if name in {f.name for f in rec.fields}]
    for _ in range(pokes):
        n = rng.randrange(1, len(lines) - 5)
        line = lines[n]
        what = rng.random()
        if what < 0.1:
            lines[n] = line[: rng.randrange(len(line))] + rng.choice([b"", b" "])
        elif what < 0.15:
            lines[n] = line + rng.choice([b" ", b"0", b"   "])
        elif what < 0.2:
            lines.insert(n, line)
        else:
            f = rec.field(rng.choice(names))
            text = rng.choice([t for t in PSE_POKES[f.name] if len(t) <= f.length] or [b"0"])
            text = text.ljust(f.length) if isinstance(f.kind, Text) else text.rjust(f.length, b"0")
            lines[n] = line[: f.start - 1] + text[: f.length] + line[f.end :]
    return newline.join(lines) + newline


@pytest.mark.parametrize(("format", "newline"), [("pse-detail", "\n"), ("pse-detail", "\r\n"),
                                                  ("pse-summary", "\n")])
@pytest.mark.parametrize("seed", range(8))
def test_pse_blocks_scanner_and_exact_path_agree(
    format: str, newline: str, seed: int, small_blocks: PathCounts
) -> None:
    """Mutated PSE files: blocks (checked and summed per state), the line-by-line
    scanner and the exact path give the same report, findings and summary."""
    rng = random.Random(seed)
    raw = poke_pse(rng, big(format, newline=newline, details=1500), format, rng.choice([1, 2, 5, 20]))
    for kw in ({}, {"strict": True}, {"encoding": "utf-8"}):
        blocks = pse_recon.validate(raw, **kw)
        assert blocks == line_by_line(raw, **kw)
        assert blocks == slow_only(raw, **kw)
    assert small_blocks.accepted > 10


def test_lines_that_add_up_to_whole_records_are_not_taken_for_records(
    small_blocks: PathCounts
) -> None:
    """A short line whose missing columns the next, longer line makes up, so that
    every digit column of the block holds digits: only the line endings tell."""
    data = big("pse-detail")
    lines = lines_of(data)
    n = 102  # lines 103 and 104, one block of 64 lines, both approved
    line, following = lines[n], lines[n + 1]
    assert line[219:220] == b"1" and line[:2] == following[:2] == b"21"
    lines[n] = line[:218]  # its ending in column 219, in referencia_3
    # its first 17 columns end the short one, and its columns 31-38 are a bank code
    # as the rest (its ticket_id) is, so that no check of the lines themselves tells
    following = following[:13] + BANKS[1] + following[21:]
    lines[n + 1] = line[219:235] + b"X" + following
    raw = join(lines)
    report = pse_recon.validate(raw)
    assert report == line_by_line(raw) == slow_only(raw)
    assert where(report.findings)[:3] == [("PR004", n + 1, None, E), ("PR004", n + 2, None, E),
                                          ("PR202", n + 2, None, E)]


@pytest.mark.parametrize("field", list(PSE_POKES))
def test_each_pse_poke_deep_inside_a_block(
    field: str, small_blocks: PathCounts
) -> None:
    """Every text of PSE_POKES, alone, in a line in the middle of a block of
    approved lines and in a block of mixed states: the three paths agree."""
    data = big("pse-detail", details=600)
    rec = pse_recon.layout("pse-detail")["2"]
    f = rec.field(field)
    for poke in PSE_POKES[field]:
        poke = poke.ljust(f.length) if isinstance(f.kind, Text) else poke.rjust(f.length, b"0")
        for n in (250, 500):  # approved only; every state
            lines = lines_of(data)
            lines[n] = lines[n][: f.start - 1] + poke[: f.length] + lines[n][f.end :]
            raw = join(lines)
            report = pse_recon.validate(raw)
            assert report == line_by_line(raw), poke
            assert report == slow_only(raw), poke


TOY = FileLayout(
    name="toy-free-text",
    title="Flat, with free text, a filler and an HHMM time in its details",
    width=40,
    structure=FlatStructure("H", "D", "T"),
    records={
        "H": record("H", "header", constant("tipo", "H"), date("fecha"), filler("relleno", 31)),
        "D": record("D", "detail", constant("tipo", "D"), text("nota", 6), digits("ref", 6),
                    time("hora", 4), amount("valor", 8, decimals=2),
                    numeric("sec", 4, computed=Sequence(1, False)), filler("relleno", 5),
                    digits("estado", 1, catalog="pse_state"), text("obs", 5)),
        "T": record("T", "totals", constant("tipo", "T"), numeric("n", 5, computed=Count()),
                    amount("total", 14, decimals=2, computed=Sum("valor")), filler("relleno", 20)),
    },
)


def toy_file(details: int) -> bytes:
    times = [b"0001", b"2359", b"1200", b"2000", b"0959", b"2400", b"1959", b"2300"]
    lines = [b"H20261120" + b" " * 31]
    total = 0
    for i in range(details):
        hora = times[i % 8] if i < details // 2 else b"%02d%02d" % (i % 20, 1 + i % 59)
        valor = i * 37 % 100_000
        total += valor
        lines.append(b"D" + (b"n%d" % (i % 999)).ljust(6) + b"%06d" % i + hora + b"%08d" % valor
                     + b"%04d" % ((i + 1) % 10_000) + b" " * 5 + b"1234"[i % 4 : i % 4 + 1]
                     + (b"o" * (i % 7)).ljust(5)[:5])
    lines.append(b"T%05d%014d" % (details, total) + b" " * 20)
    return join(lines)


@pytest.mark.parametrize("seed", range(8))
def test_free_text_fillers_and_hhmm_times_in_blocks(
    seed: int, small_blocks: PathCounts
) -> None:
    """A detail with free text is checked in blocks column by column (no class
    pattern): the same reports as line by line, on a format declared only as a layout
    (given as the value, not registered anywhere)."""
    data = toy_file(DETAILS)
    if seed == 0:
        assert pse_recon.validate(data, TOY).findings == ()
        assert small_blocks.accepted > 40
    rng = random.Random(seed)
    lines = lines_of(data)
    rec = TOY["D"]
    pokes = {"nota": [b"\n", b"\r", b"\xe9"], "hora": [b"0000", b"2400", b"2401", b"2460", b"3000",
                                                    b"9000", b"0 00", b"2500"],
             "relleno": [b"x", b"\t"], "obs": [b"\n", b"z"], "ref": [b"x"], "sec": [b"9999"],
             "estado": [b"0", b"5", b"9", b"x"]}
    for _ in range(rng.choice([1, 3, 10])):
        n = rng.randrange(1, DETAILS)
        f = rec.field(rng.choice(list(pokes)))
        text = rng.choice(pokes[f.name])
        at = f.start - 1 + rng.randrange(f.length - len(text) + 1)
        lines[n] = lines[n][:at] + text + lines[n][at + len(text) :]
    raw = join(lines)
    for kw in ({}, {"strict": True}, {"encoding": "utf-8"}):
        report = pse_recon.validate(raw, TOY, **kw)
        assert report == line_by_line(raw, format=TOY, **kw)
        assert report == slow_only(raw, format=TOY, **kw)


def test_each_hhmm_time_deep_inside_a_block() -> None:
    f = TOY["D"].field("hora")
    for hora in [b"0000", b"2400", b"2401", b"2359", b"2360", b"2000", b"3000", b"9000"]:
        for n in (100, 2500):  # among fixed times (2400 too), among times of the day
            lines = lines_of(toy_file(DETAILS))
            lines[n] = lines[n][: f.start - 1] + hora + lines[n][f.end :]
            raw = join(lines)
            report = pse_recon.validate(raw, TOY)
            assert report == line_by_line(raw, format=TOY) == slow_only(
                raw, format=TOY
            ), hora


def test_a_value_wrong_on_every_line_of_blocks() -> None:
    """An impossible date or an unknown code the same on every line: blocks where
    all lines share the value are looked up once, and still refused."""
    data = big("pse-detail", details=600)
    rec = pse_recon.layout("pse-detail")["2"]
    for field, value in [("fecha_proceso", b"20261301"), ("entidad_credito", b"00007777"),
                         ("estado", b"7"), ("canal_pago", b"2")]:
        f = rec.field(field)
        lines = lines_of(data)
        for n in range(1, 601):
            lines[n] = lines[n][: f.start - 1] + value + lines[n][f.end :]
        raw = join(lines)
        report = pse_recon.validate(raw)
        assert report == line_by_line(raw) == slow_only(raw), field
        assert len(report.findings) >= (1 if field == "entidad_credito" else 600), field
    data = big("asobancaria-2001", details=600)
    f = pse_recon.layout("asobancaria-2001")["06"].field("medio_pago")
    lines = [line[: f.start - 1] + b"77" + line[f.end :] if line[:2] == b"06" else line
             for line in lines_of(data)]
    raw = join(lines)
    report = pse_recon.validate(raw)
    assert report == line_by_line(raw) == slow_only(raw)
    assert [x.code for x in report.findings] == ["PR106"] * 600
