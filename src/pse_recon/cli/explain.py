"""``pse-recon explain CODE...``: what a rule checks and why, the manual's words, an
example that breaks it and how to fix it, from the rule catalog
(:mod:`pse_recon.rule_help`), in the language asked for (``--lang es``)."""

from __future__ import annotations

import argparse
import shutil
from typing import IO, Any

from pse_recon.cli.about import rule_url
from pse_recon.cli.common import UsageError, add_command
from pse_recon.cli.messages import TEXTS, current_lang, t
from pse_recon.rules import RULES

_TEXTS: dict[str, dict[str, str]] = {
    "explain.help": {
        "en": "explain rules: what each checks and why, the manual's words, an example, "
        "the fix",
        "es": "explica reglas: qué verifica cada una y por qué, lo que dice el manual, un "
        "ejemplo, la corrección",
    },
    "explain.codes": {
        "en": "rule codes (PR301 …; pse-recon rules lists them)",
        "es": "códigos de regla (PR301 …; pse-recon rules los lista)",
    },
    "explain.unknown": {
        "en": "{code!r} is not a rule code; 'pse-recon rules' lists them",
        "es": "{code!r} no es un código de regla; 'pse-recon rules' los lista",
    },
}
TEXTS.update(_TEXTS)


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, __name__)
    parser.add_argument("codes", nargs="+", metavar="CODE", help=t("explain.codes"))


def rule_code(value: str) -> str:
    """A rule code as given (any case), as the catalog spells it; UsageError when unknown."""
    code = value.strip().upper()
    if code not in RULES:
        raise UsageError(t("explain.unknown", code=value))
    return code


def run(args: argparse.Namespace, out: IO[str]) -> int:
    from pse_recon import rule_help

    codes = [rule_code(value) for value in args.codes]
    width = min(shutil.get_terminal_size((80, 24)).columns, 100) - 1
    texts = [rule_help.text(RULES[code], current_lang(), width, rule_url(code)) for code in codes]
    out.write("\n".join(texts))
    return 0
