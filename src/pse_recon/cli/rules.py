"""``pse-recon rules``: every rule of the catalog, its code, its severity by default
and with ``--strict``, and its title in the language asked for; ``--json`` for
programs (with each rule's documentation URL)."""

from __future__ import annotations

import argparse
from typing import IO, Any

from pse_recon.cli.about import rule_url
from pse_recon.cli.common import add_command, columns, dump_json
from pse_recon.cli.messages import TEXTS, current_lang, t
from pse_recon.rules import RULES

_TEXTS: dict[str, dict[str, str]] = {
    "rules.help": {
        "en": "list the rules: code, severity by default and with --strict, title",
        "es": "lista las reglas: código, severidad por omisión y con --strict, título",
    },
    "rules.head": {"en": "code|default|strict|title", "es": "código|omisión|strict|título"},
    "rules.explain": {
        "en": "pse-recon explain CODE says more of each.",
        "es": "pse-recon explain CÓDIGO dice más de cada una.",
    },
}
TEXTS.update(_TEXTS)


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, __name__)
    parser.add_argument("--json", action="store_true", help=t("opt.json"))


def run(args: argparse.Namespace, out: IO[str]) -> int:
    lang = current_lang()
    rules = sorted(RULES.values(), key=lambda r: r.code)
    if args.json:
        dump_json([
            {"code": r.code, "severity": str(r.severity_for(False)),
             "strict": str(r.severity_for(True)), "title": r.title_in(lang), "url": rule_url(r.code)}
            for r in rules
        ], out)
        return 0
    rows = [t("rules.head").split("|")]
    rows += [[r.code, str(r.severity_for(False)), str(r.severity_for(True)), r.title_in(lang)]
             for r in rules]
    out.write("\n".join([*columns(rows, [False] * 4), "", t("rules.explain")]) + "\n")
    return 0
