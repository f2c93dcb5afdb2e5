"""A rule's help, made from the catalog (:data:`pse_recon.rules.EXPLANATIONS`): as text
for ``pse-recon explain`` and SARIF, and as Markdown for docs/rules.md and SARIF.

Both say the same, in the same order: the title and severities, what the rule
checks and why, the manual's words, an example that breaks it and how to fix it.
An example is shown as the lines its change writes, numbered as in the broken file,
with carets under the columns its finding points at.
"""

from __future__ import annotations

import textwrap
from typing import Final

from pse_recon.rules import EXPLANATIONS, Example, Rule

#: Longest example line shown; the rest is elided (a PR003 line is thousands of columns).
SHOWN: Final = 200

_TEXTS: Final = {
    "severity": {
        "en": "{lenient} by default, {strict} with --strict",
        "es": "{lenient} por omisión, {strict} con --strict",
    },
    "error": {"en": "error", "es": "error"},
    "warning": {"en": "warning", "es": "advertencia"},
    "source": {"en": "Source: {source}", "es": "Fuente: {source}"},
    "checks": {"en": "What it checks", "es": "Qué verifica"},
    "manual": {"en": "The manual says", "es": "El manual dice"},
    "no_manual": {
        "en": "The manual says nothing of this.",
        "es": "El manual no dice nada de esto.",
    },
    "example": {"en": "Example", "es": "Ejemplo"},
    "fix": {"en": "How to fix it", "es": "Cómo corregirlo"},
    "more": {"en": "More: {url}", "es": "Más: {url}"},
    # what an example changes
    "replaced": {
        "en": "Line {line} of a valid {format} file, changed to:",
        "es": "La línea {line} de un archivo {format} válido, cambiada por:",
    },
    "replaced_many": {
        "en": "Lines {line} to {last} of a valid {format} file, replaced by:",
        "es": "Las líneas {line} a {last} de un archivo {format} válido, reemplazadas por:",
    },
    "inserted": {
        "en": "A valid {format} file with this line inserted before line {line}:",
        "es": "Un archivo {format} válido con esta línea insertada antes de la línea {line}:",
    },
    "removed": {
        "en": "A valid {format} file without its line {line}.",
        "es": "Un archivo {format} válido sin su línea {line}.",
    },
    "removed_many": {
        "en": "A valid {format} file without its lines {line} to {last}.",
        "es": "Un archivo {format} válido sin sus líneas {line} a {last}.",
    },
    "tail": {
        "en": "A valid {format} file, from line {line} on replaced by:",
        "es": "Un archivo {format} válido, desde la línea {line} reemplazado por:",
    },
    "emptied": {
        "en": "A valid {format} file with every line from line {line} on removed.",
        "es": "Un archivo {format} válido sin ninguna línea desde la línea {line}.",
    },
    "empty_file": {"en": "An empty file (0 bytes).", "es": "Un archivo vacío (0 bytes)."},
    "newline": {
        "en": "A valid {format} file whose lines end in {newline}.",
        "es": "Un archivo {format} válido cuyas líneas terminan en {newline}.",
    },
    "no_ending": {"en": "(no line ending after it)", "es": "(sin fin de línea después)"},
    "empty_line": {"en": "(an empty line)", "es": "(una línea vacía)"},
    "encoding": {
        "en": "Validated as {encoding} (encoding={encoding!r}).",
        "es": "Validado como {encoding} (encoding={encoding!r}).",
    },
    "elided": {"en": "… ({n} columns)", "es": "… ({n} posiciones)"},
}

_NEWLINES: Final = {"\n": "LF", "\r\n": "CR LF", "\r": "CR", "\r\r\n": "CR CR LF"}


def _t(key: str, lang: str, **values: object) -> str:
    entry = _TEXTS[key]
    return entry.get(lang, entry["en"]).format(**values)


def severities(rule: Rule, lang: str) -> str:
    """``error by default, error with --strict``."""
    return _t("severity", lang, lenient=_t(str(rule.severity_for(False)), lang),
              strict=_t(str(rule.severity_for(True)), lang))


def caption(ex: Example, lang: str) -> str:
    """What the example changes, in one sentence."""
    values = {"format": ex.format, "line": ex.line}
    if ex.replaces == 0 and not ex.lines:
        return _t("newline", lang, format=ex.format, newline=_NEWLINES.get(ex.newline, repr(ex.newline)))
    if ex.replaces is None:
        if ex.lines:
            return _t("tail", lang, **values)
        return _t("empty_file", lang) if ex.line == 1 else _t("emptied", lang, **values)
    if ex.replaces == 0:
        return _t("inserted", lang, **values)
    last = ex.line + ex.replaces - 1
    if not ex.lines:
        return _t("removed" if last == ex.line else "removed_many", lang, last=last, **values)
    if ex.replaces == 1 and len(ex.lines) == 1:
        return _t("replaced", lang, **values)
    return _t("replaced_many", lang, last=last, **values)


def example_lines(ex: Example, lang: str) -> list[str]:
    """The example's lines as the broken file has them, ``N | text`` (trailing blanks
    left out), carets under the finding's columns in the last; then what is worth
    saying (no line ending, the encoding)."""
    from pse_recon.cli.escaping import printable

    out = []
    number = len(str(ex.line + len(ex.lines)))
    for i, text in enumerate(ex.lines):
        shown = printable(text.rstrip(" ")) if text else _t("empty_line", lang)
        if len(shown) > SHOWN:
            shown = shown[:SHOWN] + _t("elided", lang, n=len(text))
        out.append(f"{ex.line + i:>{number}} | {shown}")
        if i == len(ex.lines) - 1 and ex.columns is not None and ex.columns[0] <= SHOWN:
            first, last = ex.columns
            out.append(f"{'':>{number}} | {' ' * (first - 1)}{'^' * (last - first + 1)}")
    if ex.replaces is None and ex.lines and ex.lines[-1]:
        out.append(_t("no_ending", lang))
    if ex.encoding != "latin-1":
        out.append(_t("encoding", lang, encoding=ex.encoding))
    return out


def text(rule: Rule, lang: str, width: int = 80, url: str | None = None) -> str:
    """The help of ``rule`` as plain text, wrapped to ``width`` columns (examples not)."""
    e = EXPLANATIONS[rule.code]
    indent = "  "

    def wrap(paragraph: str, indent: str = indent) -> list[str]:
        return textwrap.wrap(paragraph, width, initial_indent=indent, subsequent_indent=indent,
                             break_on_hyphens=False, break_long_words=False)

    out = [*wrap(f"{rule.code}: {rule.title_in(lang)}", ""), severities(rule, lang),
           *wrap(_t("source", lang, source=rule.source), ""), "", _t("checks", lang)]
    out += wrap(e.text("explanation", lang))
    out += ["", _t("manual", lang)]
    out += [line for quote in e.manual for line in wrap(f"«{quote}»")] or wrap(_t("no_manual", lang))
    out += ["", _t("example", lang), *wrap(caption(e.example, lang))]
    out += [indent + line for line in example_lines(e.example, lang)]
    out += ["", _t("fix", lang), *wrap(e.text("fix", lang))]
    if url:
        out += ["", _t("more", lang, url=url)]
    return "\n".join(out) + "\n"


def markdown(rule: Rule, langs: tuple[str, ...] = ("en", "es"), level: int = 3) -> str:
    """The help of ``rule`` as a Markdown section headed by its code (so that its anchor
    is the code in lower case), its texts in each of ``langs``."""
    e = EXPLANATIONS[rule.code]
    first = langs[0]
    out = [f"{'#' * level} {rule.code}", "", f"**{rule.title_in(first)}**", ""]
    out += [" · ".join(rule.title_in(lang) for lang in langs[1:])] if langs[1:] else []
    out += ["", f"{severities(rule, first)}. {_t('source', first, source=rule.source)}.", ""]
    for lang in langs:
        out += [f"*{_t('checks', lang)}.* {e.text('explanation', lang)}", ""]
    out += [f"*{_t('manual', first)}:* " + (
        " … ".join(f"«{quote}»" for quote in e.manual) if e.manual else _t("no_manual", first)
    ), ""]
    out += [f"*{_t('example', first)}.* {caption(e.example, first)}", ""]
    shown = example_lines(e.example, first)
    out += ["```text", *shown, "```", ""] if shown else []
    for lang in langs:
        out += [f"*{_t('fix', lang)}.* {e.text('fix', lang)}", ""]
    return "\n".join(line.rstrip() for line in out)
