"""One test per rule: a valid golden file broken in one place, and the exact findings
(code, line, field, severity) that must come out, stated by hand.

The catalog (pse_recon.rules.RULES), the rules the validator declares it implements
and the cases below are the same set; so no rule exists without a check and a test
that triggers it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from validation_support import E, W, golden, join, lines_of, put, where

import pse_recon
from pse_recon.codec.lines import MAX_LINE
from pse_recon.rules import LANGUAGES, RULES
from pse_recon.validation import IMPLEMENTED

G = "asobancaria-2001-162.txt"  # 1 header, 2 lot 1, 3-4 details, 5 control 1,
#                                 6 lot 2, 7-8 details, 9 control 2, 10 file control


def without(name: str, line: int) -> bytes:
    lines = lines_of(golden(name))
    del lines[line - 1]
    return join(lines)


def inserted(name: str, after: int, new: bytes) -> bytes:
    lines = lines_of(golden(name))
    lines.insert(after, new)
    return join(lines)


def edited(name: str, line: int, fn: Callable[[bytes], bytes]) -> bytes:
    lines = lines_of(golden(name))
    lines[line - 1] = fn(lines[line - 1])
    return join(lines)


def trimmed(name: str, *numbers: int) -> bytes:
    """The golden file with lines ``numbers`` stripped of their trailing blanks."""
    lines = lines_of(golden(name))
    for n in numbers:
        lines[n - 1] = lines[n - 1].rstrip(b" ")
    return join(lines)


def empty_lot() -> bytes:
    """The 2001 golden file with lot 2 built again without its details."""
    f = pse_recon.read(golden(G))
    assert isinstance(f, pse_recon.LotFile)
    body = [(f.lots[0].header, f.lots[0].details), (f.lots[1].header, [])]
    return pse_recon.dumps(pse_recon.build(f.format, f.header, body))


def header_only(name: str) -> bytes:
    """Golden file ``name`` built again from its header alone (no lots, no details)."""
    f = pse_recon.read(golden(name))
    return pse_recon.dumps(pse_recon.build(f.format, f.header, [], width=f.width))


Case = tuple[Callable[[], bytes], dict[str, Any], list[tuple[str, int, str | None, Any]]]

CASES: dict[str, Case] = {
    "PR001": (lambda: b"", {}, [("PR001", 1, None, E)]),
    "PR002": (lambda: b"hello\n", {}, [("PR002", 1, None, E)]),
    "PR003": (lambda: golden(G) + b"0" * (MAX_LINE + 10), {}, [("PR003", 11, None, E)]),
    "PR004": (
        lambda: edited(G, 3, lambda b: b + b"X"),
        {},
        [("PR004", 3, None, E), ("PR306", 5, None, W), ("PR306", 10, None, W)],
    ),
    "PR005": (lambda: golden(G) + b"07" + b" " * 160 + b"\n", {}, [("PR005", 11, None, E)]),
    "PR006": (lambda: golden(G).replace(b"\n", b"\r\n"), {}, [("PR006", 1, None, W)]),
    "PR007": (lambda: golden(G)[:-1], {}, [("PR007", 10, None, W)]),
    "PR008": (lambda: edited(G, 10, bytes.rstrip), {}, [("PR008", 10, None, W)]),
    # Said once per file: lines 3, 4, 6 and 7 are trimmed too.
    "PR009": (lambda: trimmed(G, 2, 3, 4, 6, 7), {}, [("PR009", 2, None, W)]),
    "PR010": (
        lambda: put(G, 1, "numero_cuenta", "CUENTA-\xe9".ljust(17)),
        {"encoding": "utf-8"},
        [("PR010", 1, None, E)],
    ),
    "PR011": (lambda: b"\xef\xbb\xbf" + golden(G), {}, [("PR011", 1, None, W)]),
    "PR012": (lambda: golden(G) + b"\r\n\n", {}, [("PR012", 11, None, W)]),
    "PR013": (lambda: golden(G) + b"\x1a", {}, [("PR013", 11, None, W)]),
    "PR014": (lambda: golden(G).replace(b"\n", b"\r"), {}, [("PR014", 1, None, W)]),
    "PR015": (lambda: golden(G).replace(b"\n", b"\r\r\n"), {}, [("PR015", 1, None, W)]),
    "PR016": (lambda: edited(G, 3, lambda b: b + b"  "), {}, [("PR016", 3, None, W)]),
    "PR101": (
        lambda: put(G, 3, "referencia_principal", "0" * 47 + "A"),
        {},
        [("PR101", 3, "referencia_principal", E)],
    ),
    "PR102": (lambda: put(G, 1, "fecha_pago", "20261131"), {}, [("PR102", 1, "fecha_pago", E)]),
    "PR103": (lambda: put(G, 1, "hora_archivo", "2460"), {}, [("PR103", 1, "hora_archivo", E)]),
    "PR104": (
        lambda: put("asobancaria-1998.txt", 2, "procedencia_pago", "07"),
        {},
        [("PR104", 2, "procedencia_pago", E)],
    ),
    "PR105": (lambda: put(G, 1, "reservado", "X".ljust(107)), {}, [("PR105", 1, "reservado", E)]),
    "PR106": (lambda: put(G, 3, "medio_pago", "99"), {}, [("PR106", 3, "medio_pago", E)]),
    "PR107": (
        lambda: put(G, 1, "codigo_entidad_recaudadora", "999"),
        {},
        [("PR107", 1, "codigo_entidad_recaudadora", W)],
    ),
    "PR108": (
        lambda: put("pse-detail.txt", 2, "codigo_entidad", "10070000"),
        {},
        [("PR108", 2, "codigo_entidad", E)],
    ),
    "PR109": (lambda: put(G, 1, "hora_archivo", "0000"), {}, [("PR109", 1, "hora_archivo", W)]),
    "PR110": (
        lambda: put(G, 3, "causal_devolucion", "000"), {}, [("PR110", 3, "causal_devolucion", W)]
    ),
    "PR111": (
        lambda: put(G, 3, "codigo_sucursal", "0200"), {}, [("PR111", 3, "codigo_sucursal", W)]
    ),
    "PR112": (
        lambda: put(G, 3, "causal_devolucion", "0_0"), {}, [("PR112", 3, "causal_devolucion", E)]
    ),
    "PR113": (
        lambda: put(G, 3, "causal_devolucion", "099"), {}, [("PR113", 3, "causal_devolucion", W)]
    ),
    "PR114": (
        lambda: put(G, 1, "numero_cuenta", "123\x1b[2J".ljust(17)),
        {},
        [("PR114", 1, "numero_cuenta", E)],
    ),
    "PR201": (lambda: without(G, 1), {}, [("PR201", 1, None, E)]),
    "PR202": (lambda: inserted(G, 1, lines_of(golden(G))[0]), {}, [("PR202", 2, None, E)]),
    "PR203": (lambda: without(G, 5), {}, [("PR203", 5, None, E)]),
    "PR204": (lambda: golden(G) + lines_of(golden(G))[2] + b"\n", {}, [("PR204", 11, None, E)]),
    "PR205": (lambda: without("pse-detail.txt", 7), {}, [("PR205", 8, None, E)]),
    "PR206": (
        lambda: inserted("pse-detail.txt", 7, lines_of(golden("pse-detail.txt"))[6]),
        {},
        [("PR206", 8, "estado", E)],
    ),
    "PR207": (lambda: empty_lot(), {}, [("PR207", 7, None, W)]),
    "PR208": (lambda: header_only(G), {}, [("PR208", 2, None, W)]),
    "PR209": (lambda: header_only("asobancaria-1998.txt"), {}, [("PR209", 2, None, W)]),
    "PR301": (
        lambda: put(G, 5, "total_registros_lote", "000000003"),
        {},
        [("PR301", 5, "total_registros_lote", E)],
    ),
    "PR302": (
        lambda: put(G, 5, "valor_total_lote", "000000000008663457"),
        {},
        [("PR302", 5, "valor_total_lote", E)],
    ),
    "PR303": (
        lambda: put(G, 9, "numero_lote", "0003", put(G, 6, "numero_lote", "0003")),
        {},
        [("PR303", 6, "numero_lote", E)],
    ),
    "PR304": (lambda: put(G, 9, "numero_lote", "0003"), {}, [("PR304", 9, "numero_lote", E)]),
    "PR305": (lambda: put(G, 4, "secuencia", "0000004"), {}, [("PR305", 4, "secuencia", E)]),
    # PR306 is by definition the consequence of another finding: the unreadable
    # amount is reported once, the two controls covering it as not verified.
    "PR306": (
        lambda: put(G, 3, "valor_recaudado", "0000000008540X"),
        {},
        [("PR101", 3, "valor_recaudado", E), ("PR306", 5, None, W), ("PR306", 10, None, W)],
    ),
}


def test_the_golden_file_is_valid_without_a_finding() -> None:
    report = pse_recon.validate(golden(G))
    assert (report.format, report.width, report.valid, report.findings) == (
        "asobancaria-2001", 162, True, ()
    )


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule(code: str) -> None:
    make, kwargs, expected = CASES[code]
    report = pse_recon.validate(make(), **kwargs)
    assert where(report.findings) == expected
    assert code in {f.code for f in report.findings}
    assert report.valid is not any(sev is E for _, _, _, sev in expected)


@pytest.mark.parametrize("code", sorted(c for c in CASES if RULES[c].strict is not None))
def test_strict_makes_the_quirk_an_error(code: str) -> None:
    make, kwargs, _ = CASES[code]
    lenient = pse_recon.validate(make(), **kwargs)
    strict = pse_recon.validate(make(), strict=True, **kwargs)
    assert [f.severity for f in lenient.findings if f.code == code] == [W]
    assert [f.severity for f in strict.findings if f.code == code] == [E]
    assert (lenient.valid, strict.valid, strict.strict) == (True, False, True)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", sorted(CASES))
def test_messages_are_complete_in_every_language(code: str, lang: str) -> None:
    make, kwargs, _ = CASES[code]
    report = pse_recon.validate(make(), lang=lang, **kwargs)
    for f in report.findings:
        assert f.message and "{" not in f.message, f.message


def test_the_cases_the_catalog_and_the_implementation_are_the_same_rules() -> None:
    assert set(CASES) == set(RULES)
    assert set(RULES) == IMPLEMENTED


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_described_in_english_and_spanish(code: str) -> None:
    rule = RULES[code]
    assert rule.code == code
    for text in (rule.title, rule.title_es, rule.message, rule.message_es, rule.source):
        assert text.strip()
    assert rule.title != rule.title_es
    assert rule.message != rule.message_es
