"""``pse-recon describe FORMAT|--layout SPEC [--width N] [--json]``: a format's layout
tables (of a built-in format, or of a layout declared in Python: :mod:`.custom_layout`).

The tables are :mod:`pse_recon.describe`'s rendering of the declarations, so they
cannot drift from what the reader and writer do.
"""

from __future__ import annotations

import argparse
from typing import IO, Any

from pse_recon import describe as render
from pse_recon.cli.common import (
    UsageError,
    add_command,
    dump_json,
    format_name,
    layout_of,
    positive_int,
)
from pse_recon.cli.custom_layout import load_layout
from pse_recon.cli.messages import t
from pse_recon.layouts import FORMATS


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, __name__)
    parser.add_argument(
        "format", type=format_name, metavar="FORMAT", nargs="?",
        help=t("describe.format", formats=", ".join(FORMATS)),
    )
    parser.add_argument("--layout", type=load_layout, metavar="SPEC", help=t("opt.layout"))
    parser.add_argument("--width", type=positive_int, metavar="N", help=t("opt.width"))
    parser.add_argument("--json", action="store_true", help=t("opt.json"))


def run(args: argparse.Namespace, out: IO[str]) -> int:
    if (args.format is None) == (args.layout is None):
        raise UsageError(t("describe.format_or_layout"))
    fmt = layout_of(args.format or args.layout, args.width)
    if args.json:
        dump_json(render.layout_json(fmt), out)
    else:
        out.write(f"{fmt.name}: {fmt.title}\n\n")
        out.write(render.layout_text(fmt))
    return 0
