"""The catalog's explanations (pse_recon.rules.EXPLANATIONS) are whole and true: every
rule has them in English and Spanish, every example really breaks its rule, and every
quote of the manual is the manual's."""

from __future__ import annotations

from pathlib import Path

import pytest

import pse_recon
from golden_files import GOLDEN_FILES, golden
from pse_recon.layouts import FORMATS
from pse_recon.rules import EXPLANATIONS, LANGUAGES, RULES

MANUAL = Path(__file__).parents[2] / "shared" / "seeds" / "pse-admin-module-manual.txt"

#: format → its golden file at the standard width.
STANDARD = {fmt: name for name, (fmt, width) in GOLDEN_FILES.items()
            if width in (None, FORMATS[fmt].width)}


def test_every_rule_is_explained_and_nothing_else() -> None:
    assert set(EXPLANATIONS) == set(RULES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_explained_in_every_language(code: str) -> None:
    e = EXPLANATIONS[code]
    for part in ("explanation", "fix"):
        texts = [e.text(part, lang) for lang in LANGUAGES]
        assert all(len(text) > 20 for text in texts), (code, part)
        assert len(set(texts)) == len(LANGUAGES), f"{code} {part}: not translated"


@pytest.mark.parametrize("code", sorted(RULES))
def test_the_example_breaks_its_rule_and_no_other(code: str) -> None:
    """The golden file with the example's one change, validated as the command line
    does (the format detected): the rule's finding, at the example's columns of its
    last changed line, and no finding of another rule but those it says it breaks too."""
    ex = EXPLANATIONS[code].example
    data = ex.apply(golden(STANDARD[ex.format]))
    assert data != golden(STANDARD[ex.format])
    report = pse_recon.validate(data, encoding=ex.encoding, max_findings=None)
    assert {f.code for f in report.findings} <= {code, *ex.also}, report.findings
    found = [f for f in report.findings if f.code == code]
    assert found, f"{code}: its example gives {[f.code for f in report.findings]}"
    if ex.columns is not None:
        line = ex.line + max(len(ex.lines), 1) - 1
        assert (line, *ex.columns) in [(f.line, f.column, f.end_column) for f in found]


@pytest.mark.parametrize("code", sorted(RULES))
def test_quotes_are_the_manuals_words(code: str) -> None:
    if not MANUAL.is_file():
        pytest.skip(f"the manual is not at {MANUAL}")
    manual = " ".join(MANUAL.read_text("utf-8").split())  # tables: one cell a line
    for quote in EXPLANATIONS[code].manual:
        assert " ".join(quote.split()) in manual, f"{code}: not in the manual: {quote}"


def test_every_template_that_names_its_field_opens_with_it() -> None:
    """What lets a finding line name the field once (pse_recon.cli.common.unnamed)."""
    for rule in RULES.values():
        for template in (rule.message, rule.message_es):
            assert "{field}" not in template or template.startswith("{field} "), rule.code
        assert rule.message.startswith("{field} ") == rule.message_es.startswith("{field} "), rule.code
