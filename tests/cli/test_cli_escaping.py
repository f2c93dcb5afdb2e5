"""``pse_recon.cli.escaping``: what reaches a terminal is printable, JSON stays the same
JSON, a CSV cell is never a spreadsheet formula."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pse_recon.cli.escaping import FORMULA_STARTS, printable, printable_json, spreadsheet_safe


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, ñ, é, €, →", "plain text, ñ, é, €, →"),
        ("\x1b[2J", "\\x1b[2J"),
        ("a\nb\tc\rd", "a\\nb\\tc\\rd"),
        ("\x00\x07\x7f", "\\x00\\x07\\x7f"),
        ("\x9b2J", "\\x9b2J"),  # a C1 control: CSI on some terminals
        ("\xa0", "\\xa0"),  # no-break space: not what it looks like
        ("\u202eevil", "\\u202eevil"),  # right-to-left override
        ("\u2028", "\\u2028"),
        ("caf\udce9.txt", "caf\\xe9.txt"),  # an undecodable byte of a file name
        ("\U000f0000", "\\U000f0000"),  # private use
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


@given(st.text())
def test_printable_is_always_printable_and_idempotent(text: str) -> None:
    shown = printable(text)
    assert shown.isprintable()
    assert printable(shown) == shown
    if text.isprintable():
        assert shown == text


JSON = st.recursive(
    st.text() | st.integers(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)
)


@given(JSON)
def test_printable_json_is_the_same_json(document: object) -> None:
    text = printable_json(json.dumps(document, indent=2, ensure_ascii=False))
    assert text.replace("\n", "").isprintable()
    assert json.loads(text) == document


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_formula_starts_get_a_quote(start: str) -> None:
    assert spreadsheet_safe(start + "1+2") == "'" + start + "1+2"


@pytest.mark.parametrize(
    "cell",
    ["", "PAGO FACTURA 21053", "12345", "85400.00", "a=1+2", " =1+2", "'=1+2", "2026-11-20"],
)
def test_other_cells_are_kept(cell: str) -> None:
    assert spreadsheet_safe(cell) == cell


def test_printable_json_escapes_an_undecodable_file_name() -> None:
    text = printable_json(json.dumps({"path": "caf\udce9.txt"}, ensure_ascii=False))
    assert text == '{"path": "caf\\udce9.txt"}'
    assert json.loads(text) == {"path": "caf\udce9.txt"}
