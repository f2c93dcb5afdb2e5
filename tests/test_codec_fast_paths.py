"""The codec's fast paths are taken for ordinary input, and give what the exact paths give.

The compiled decoders and encoders each have a fast path and a slow, exact one;
both give the same result, so only speed shows a fast path that is never taken
(as happened once to every record with a date). These tests give the encoders
an exact path that fails (``compile_record(..., exact=…)``), count the lines the
reader's exact path takes (``Decoding.into(..., slow)``), and check that the golden
files, hand-typed from the manual, still read and write: every record of every
format goes the fast way.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

import pse_recon
from golden_files import GOLDEN, GOLDEN_FILES
from pse_recon import declaration
from pse_recon.codec import reader
from pse_recon.compile import codec as compiler
from pse_recon.compile.plan import GUARDED_TEXT
from pse_recon.declaration import Amount, Text
from pse_recon.records import record_classes


def _refuse(record: Any) -> str:
    raise AssertionError(f"the slow path was taken for {record!r}")


@pytest.mark.parametrize("name", sorted(GOLDEN_FILES))
def test_every_golden_record_encodes_on_the_fast_path(name: str) -> None:
    format, width = GOLDEN_FILES[name]
    data = (GOLDEN / name).read_bytes()
    f = pse_recon.read(data, format, width=width)
    fmt = pse_recon.layout(format, width)
    compiled = {code: compiler.compile_record(fmt, code, exact=_refuse) for code in fmt.records}
    for record, line in zip(f.records, data.splitlines(), strict=True):
        assert compiled[record.record_type].encode(record).encode("latin-1") == line


@pytest.mark.parametrize("name", sorted(GOLDEN_FILES))
def test_every_golden_line_decodes_on_the_fast_path(name: str) -> None:
    format, width = GOLDEN_FILES[name]
    data = (GOLDEN / name).read_bytes()
    expected = pse_recon.read(data, format, width=width)
    for newline in (b"\n", b"\r\n"):
        lines = [line + newline for line in data.splitlines()]
        fmt = pse_recon.layout(format, width)
        records: list[Any] = []
        slow: list[int] = []  # the lines the exact path took
        reader.Decoding(fmt, newline=newline).into(records, lines, 1, slow)
        assert slow == []
        assert records == list(expected.records)
        assert [r.raw for r in records] == lines
        assert [r.line for r in records] == list(range(1, len(lines) + 1))


def test_the_slow_paths_still_say_why() -> None:
    """A value the fast encoder declines goes to the exact encoder, which names the field."""
    Detail = record_classes("asobancaria-2001")["06"]
    good = dict(
        referencia_principal="21053", valor_recaudado=Decimal("85400.00"), procedencia_pago="99",
        medio_pago="15", codigo_entidad_debitada="051", codigo_sucursal="0003",
    )
    # Unusual but valid: whole pesos and a Decimal without places encode exactly.
    assert pse_recon.encode_record(Detail(**{**good, "valor_recaudado": Decimal(85400)}))[50:64] == (
        "00000008540000"
    )
    for field, value in [
        ("referencia_principal", ""),  # would pad to zeros
        ("referencia_principal", "12a"),
        ("referencia_principal", "٣"),  # a digit, not an ASCII one
        ("valor_recaudado", Decimal("1.005")),  # more places than the field
        ("valor_recaudado", Decimal("-1.00")),
        ("valor_recaudado", Decimal("NaN")),
        ("secuencia", -1),
        ("secuencia", 10**7),
        ("causal_devolucion", "A\nB"),
        ("causal_devolucion", "ABCD"),
    ]:
        with pytest.raises(pse_recon.EncodeError) as info:
            pse_recon.encode_record(Detail(**{**good, field: value}))
        assert info.value.field == field, (field, value)


def test_an_aware_time_is_refused() -> None:
    """Writing an aware time's wall-clock hour would drop its offset. Aware times
    equal at different hours, so the encoders' cache must not hold them either."""
    Header = record_classes("asobancaria-2001")["01"]
    day = dt.date(2026, 11, 20)
    base = dict(
        nit_empresa="8001234565", fecha_pago=day, codigo_entidad_recaudadora="007",
        numero_cuenta="1", fecha_archivo=day, modificador_archivo="A", tipo_cuenta="02",
    )
    naive = pse_recon.encode_record(Header(**base, hora_archivo=dt.time(18, 30)))
    assert naive[48:52] == "1830"
    bogota = dt.timezone(dt.timedelta(hours=-5))
    for aware in (dt.time(18, 30, tzinfo=dt.UTC), dt.time(13, 30, tzinfo=bogota)):
        with pytest.raises(pse_recon.EncodeError) as info:
            Header(**base, hora_archivo=aware)
        assert (info.value.record_type, info.value.field, info.value.value) == ("01", "hora_archivo", aware)
        assert info.value.reason == (
            f"{aware} is timezone-aware; the files hold local times without an offset"
        )


def test_a_zero_amount_is_the_same_decimal_as_parsed() -> None:
    """Zero amounts are one shared Decimal: equal to what parsing gives, with the
    same exponent (the field's places), so str, repr and arithmetic agree."""
    for format in ("asobancaria-1998", "pse-detail"):
        fmt = pse_recon.layout(format)
        data = (GOLDEN / f"{format}.txt").read_bytes()
        for line in data.splitlines():
            c = compiler.compile_format(fmt)[line[: fmt.type_length].decode()]
            for f in c.layout.fields:
                if not isinstance(f.kind, Amount):
                    continue
                zeroed = line[: f.start - 1] + b"0" * f.length + line[f.end :]
                value = getattr(c.decode(zeroed, zeroed.decode("latin-1"), 1), f.name)
                expected = Decimal(f"0E-{f.decimals}") if f.decimals else Decimal("0")
                assert value.as_tuple() == expected.as_tuple() == f.decode("0" * f.length).as_tuple()


def test_every_time_of_the_day_is_kept_once() -> None:
    """The decoders' time cache holds every valid time (so spread-out times do not
    make it miss) and nothing else: bounded by the 86,401 HHMMSS texts."""
    rec = pse_recon.layout("pse-detail")["2"]
    c = compiler.compile_record(pse_recon.layout("pse-detail"), "2")
    times = c.decode.__globals__["_times6"]
    f = rec.field("hora_registro_pse")
    line = (GOLDEN / "pse-detail.txt").read_bytes().splitlines()[1]
    assert line[:1] == b"2"
    texts = [f"{h:02d}{m:02d}{s:02d}" for h in range(24) for m in range(60) for s in range(60)]
    for text in [*texts, "240000", "246000", "236000", "235960", *texts[:1000]]:
        b = line[: f.start - 1] + text.encode() + line[f.end :]
        try:
            decoded = c.decode(b, b.decode("latin-1"), 1).hora_registro_pse
        except ValueError:
            assert text in ("246000", "236000", "235960")
            continue
        assert decoded == f.decode(text)
    assert len(times) == declaration.Time(6).readable == 86_401


def test_text_fields_keep_every_whitespace_but_their_padding_blanks() -> None:
    """The PSE transaction strips its text with ``rstrip()`` when the line holds no
    whitespace but blanks (:data:`~pse_recon.compile.plan.GUARDED_TEXT`): any other whitespace, in
    any text field, must still be kept, as ``rstrip(" ")`` keeps it."""
    line = (GOLDEN / "pse-detail.txt").read_bytes().splitlines(keepends=True)[1]
    rec = pse_recon.layout("pse-detail")["2"]
    texts = [f for f in rec.fields if isinstance(f.kind, Text)]
    assert sum(f.length for f in texts) >= GUARDED_TEXT
    decode = compiler.compile_format(pse_recon.layout("pse-detail"))["2"].decode
    for byte in range(256):
        if byte == 10:  # a line break ends the line
            continue
        for f in texts:
            value = b"AB" + bytes([byte])
            b = line[: f.start - 1] + value.ljust(f.length) + line[f.end :]
            record = decode(b, b.decode("latin-1"), 2, b)
            expected = value.decode("latin-1").rstrip(" ")
            assert getattr(record, f.name) == expected, (byte, f.name)
            others = [g for g in texts if g is not f]
            assert [getattr(record, g.name) for g in others] == [
                line[g.start - 1 : g.end].decode("latin-1").rstrip(" ") for g in others
            ]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "cp437", "utf-8", "ascii"])
def test_odd_whitespace_is_what_rstrip_strips_besides_the_blank(encoding: str) -> None:
    odd = compiler.odd_whitespace(encoding)
    for byte in range(256):
        try:
            char = bytes([byte]).decode(encoding)
        except UnicodeDecodeError:
            assert byte not in odd
            continue
        stripped = ("x" + char).rstrip() == "x"
        assert (byte in odd) == (stripped and char != " "), (encoding, byte)


def test_a_no_break_space_of_another_encoding_is_kept() -> None:
    """Byte 0xFF is a letter in latin-1 and a no-break space in cp437: the guard
    must look at the line as its own encoding has it."""
    data = bytearray((GOLDEN / "pse-detail.txt").read_bytes())
    f = pse_recon.layout("pse-detail")["2"].field("referencia_1")
    second = data.index(b"\n") + 1
    data[second + f.start - 1 : second + f.end] = b"AB\xff".ljust(f.length)
    assert pse_recon.read(bytes(data), "pse-detail", encoding="cp437").lines[0].referencia_1 == "AB\xa0"
    assert pse_recon.read(bytes(data), "pse-detail").lines[0].referencia_1 == "ABÿ"


def test_a_decoder_takes_whole_lines_only() -> None:
    """The decoder checks the line's shape itself: the record's columns, then
    nothing or the line ending it was compiled for (LF, or CRLF). A line one column
    short ending in CRLF must not pass for a full one whose last column holds the
    CR (it would end up in a trailing text field); the exact path reads it as the
    short line it is, and reports a line ending other than the file's."""
    rec = declaration.record("1", "toy", declaration.constant("tipo", "1"),
                             declaration.text("nombre", 4))
    toy = declaration.FileLayout(name="toy", title="toy", records={"1": rec},
                                 structure=declaration.FlatStructure("1", "1", "1"), width=5)
    lf, crlf = (compiler.compile_record(toy, "1", newline) for newline in (b"\n", b"\r\n"))
    for c, ending, other in ((lf, b"\n", b"\r\n"), (crlf, b"\r\n", b"\n")):
        for line in (b"1ABCD", b"1ABCD" + ending):
            assert c.decode(line, line.decode(), 1, line).nombre == "ABCD"
        for line in (b"1ABC\r\n", b"1ABC\r", b"1ABC", b"1ABCDE\n", b"1ABCD\n\n", b"1ABCD\r\r\n",
                     b"1ABCD" + other):
            with pytest.raises(ValueError):
                c.decode(line, line.decode(), 1, line)
