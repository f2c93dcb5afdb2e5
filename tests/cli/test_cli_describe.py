"""``pse-recon describe``: the layout tables, as text and JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pse_recon import describe, layout


def test_text_is_the_library_rendering(run: Any) -> None:
    r = run("describe", "asobancaria-2001", "--width", "150")
    assert (r.code, r.err) == (0, "")
    expected = "asobancaria-2001: Asobancaria 2001\n\n" + describe.layout_text(
        layout("asobancaria-2001", 150)
    )
    assert r.out == expected


def test_text_at_150_shortens_the_reservado(run: Any) -> None:
    out = run("describe", "asobancaria-2001", "--width", "150").out.splitlines()
    start = out.index("record 06: detail (150 columns)")
    assert out[start + 1] == "  field                        from   to  len  kind"
    assert out[start + 2] == "  tipo_registro                   1    2    2  constant = '06'"
    assert out[start + 4] == "  valor_recaudado                51   64   14  amount(2)  [amount]"
    assert out[start + 13] == "  reservado                      98  150   53  filler"
    assert out[start + 14] == ""


def test_text_default_width_is_162(run: Any) -> None:
    out = run("describe", "asobancaria-2001").out
    assert "record 06: detail (162 columns)\n" in out
    assert "  reservado                      98  162   65  filler\n" in out


def test_json(run: Any) -> None:
    r = run("describe", "asobancaria-2001", "--width", "150", "--json")
    assert (r.code, r.err) == (0, "")
    doc = json.loads(r.out)
    assert doc == describe.layout_json(layout("asobancaria-2001", 150))
    assert (doc["format"], doc["width"]) == ("asobancaria-2001", 150)
    assert [rec["record_type"] for rec in doc["records"]] == ["01", "05", "06", "08", "09"]
    detail = doc["records"][2]
    assert (detail["name"], detail["width"]) == ("detail", 150)
    assert detail["fields"][-1] == {
        "name": "reservado", "start": 98, "end": 150, "length": 53, "kind": "filler",
        "constant": None, "role": None, "description": "",
    }
    assert detail["fields"][2] == {
        "name": "valor_recaudado", "start": 51, "end": 64, "length": 14, "kind": "amount(2)",
        "constant": None, "role": "amount", "description": "12 integer + 2 decimal digits",
    }


def test_json_pse_has_no_common_width(run: Any) -> None:
    doc = json.loads(run("describe", "pse-detail", "--json").out)
    assert doc["width"] is None
    assert [(rec["record_type"], rec["width"]) for rec in doc["records"]] == [
        ("1", 39), ("2", 235), ("3", 44),
    ]


def test_unknown_format_lists_the_known_ones(run: Any) -> None:
    r = run("describe", "asobancaria-2002")
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "pse-recon: error: argument FORMAT: unknown format 'asobancaria-2002'; known formats: "
        "asobancaria-1998, asobancaria-2001, andesco, pse-summary, pse-detail\n"
        "Try 'pse-recon describe --help' for more information.\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["asobancaria-2001", "--width", "151"],
         "asobancaria-2001 has no 151-column variant (widths: 162, 150)"),
        (["pse-summary", "--width", "52"],
         "pse-summary has no line width option: its record types differ in width"),
        (["andesco", "--width", "abc"], "argument --width: 'abc' is not a positive whole number"),
        (["andesco", "--width", "0"], "argument --width: '0' is not a positive whole number"),
    ],
)
def test_bad_width(run: Any, argv: list[str], message: str) -> None:
    r = run("describe", *argv)
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"pse-recon: error: {message}\nTry 'pse-recon describe --help' for more information.\n"
    )


def test_missing_format(run: Any) -> None:
    r = run("describe")
    assert r.code == 2
    assert r.err.startswith("pse-recon: error: give a FORMAT or --layout SPEC (one of them)\n")
