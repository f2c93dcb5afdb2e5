"""``pse-recon explain CODE`` and ``pse-recon rules``: the catalog for people and programs,
in English and Spanish."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pse_recon import rule_help
from pse_recon.rules import EXPLANATIONS, RULES


def test_explain_a_rule(run: Any) -> None:
    r = run("explain", "PR301")
    assert (r.code, r.err) == (0, "")
    assert r.out.splitlines()[:3] == [
        "PR301: a control count differs from the number of detail records",
        "error by default, error with --strict",
        "Source: manual 7.2: total registros; spec decision 5",
    ]
    text = " ".join(r.out.split())
    for part in ("What it checks", EXPLANATIONS["PR301"].explanation, "The manual says",
                 "«Total registros en lote 9 Núm. Obligatorio Número de registros de detalle "
                 "contenidos en el lote»", "How to fix it", EXPLANATIONS["PR301"].fix,
                 "More: https://github.com/pse-recon/pse-recon/blob/main/docs/rules.md#pr301"):
        assert " ".join(part.split()) in text, part
    assert "  Line 5 of a valid asobancaria-2001 file, changed to:\n" \
           "  5 | 080000000030000000000086634560001\n" \
           "    |   ^^^^^^^^^\n" in r.out


def test_explain_in_spanish_any_case_and_several(run: Any) -> None:
    r = run("--lang", "es", "explain", "pr110", "PR006")
    assert r.code == 0
    assert r.out.startswith("PR110: causal_devolucion es 000 en vez de blancos")
    assert "\nPR006: fin de línea CRLF" in r.out
    assert "advertencia por omisión, error con --strict" in r.out
    assert " ".join(EXPLANATIONS["PR110"].fix_es.split()) in " ".join(r.out.split())
    assert "Un archivo asobancaria-2001 válido cuyas líneas terminan en CR LF." in r.out


def test_explain_an_unknown_code(run: Any) -> None:
    r = run("explain", "PR999")
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith("pse-recon: error: 'PR999' is not a rule code; 'pse-recon rules' lists them\n")


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_explains_in_both_languages(run: Any, code: str) -> None:
    for lang in ("en", "es"):
        r = run("--lang", lang, "explain", code)
        url = f"https://github.com/pse-recon/pse-recon/blob/main/docs/rules.md#{code.lower()}"
        assert r.code == 0
        assert r.out.split() == rule_help.text(RULES[code], lang, url=url).split()  # but wrapping
        assert all(len(line) < 100 for line in r.out.splitlines() if " | " not in line)  # COLUMNS
        assert "\x1b" not in r.out and "\x07" not in r.out  # the examples' controls escaped


def test_rules_lists_every_rule(run: Any) -> None:
    r = run("rules")
    lines = r.out.splitlines()
    assert lines[0].split() == ["code", "default", "strict", "title"]
    assert lines[1].split(maxsplit=3) == ["PR001", "error", "error", "the file is empty"]
    assert [line.split()[0] for line in lines[1:-2]] == sorted(RULES)
    assert "PR006  warning  error    CRLF line ending (reported once per file)" in lines
    assert lines[-1] == "pse-recon explain CODE says more of each."
    es = run("--lang", "es", "rules").out.splitlines()
    assert es[1].split(maxsplit=3) == ["PR001", "error", "error", "el archivo está vacío"]


def test_rules_as_json(run: Any) -> None:
    rules = json.loads(run("rules", "--json").out)
    assert rules[0] == {
        "code": "PR001", "severity": "error", "strict": "error", "title": "the file is empty",
        "url": "https://github.com/pse-recon/pse-recon/blob/main/docs/rules.md#pr001",
    }
    assert [r["code"] for r in rules] == sorted(RULES)
