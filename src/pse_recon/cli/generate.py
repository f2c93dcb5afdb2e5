"""``pse-recon generate --format NAME --input FILE [--width N] -o OUT``: a collection
file from transactions in CSV or JSON (schemas in docs/generating.md).

Writes ``OUT`` without destroying what it names (a file through a temporary file and a
rename, so a failure leaves no half file; :mod:`pse_recon.output`), never the input;
``-o -`` writes the file to standard output and the summary line to standard error,
which otherwise goes to standard output. Exit 0 written; 1 the
transactions cannot be written in that format (a value does not fit, e.g. centavos
in Asobancaria 1998, or the file would need an account or bank to be chosen);
2 bad arguments, an input that cannot be opened, or an output that cannot be
written; 4 an input that cannot be read (with the line and column at fault).
"""

from __future__ import annotations

import argparse
import string
import sys
from typing import Any, TextIO

from pse_recon.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_command,
    add_format_options,
    check_width,
    decimal_text,
    error,
)
from pse_recon.cli.escaping import printable
from pse_recon.cli.inputs import load_input
from pse_recon.cli.messages import TEXTS, plural, t
from pse_recon.cli.outputs import add_output_options, check_output, to_stdout, write_output

_TEXTS: dict[str, dict[str, str]] = {
    "generate.format": {"en": "format to write: {formats}", "es": "formato a escribir: {formats}"},
    "generate.input": {
        "en": "transactions, .csv or .json (gzipped or zipped too; - for standard input; "
        "see docs/generating.md)",
        "es": "transacciones, .csv o .json (también con gzip o zip; - para la entrada estándar; "
        "ver docs/generating.md)",
    },
    "generate.width": {
        "en": "line width, for formats with variants (asobancaria-2001: 162 or 150)",
        "es": "ancho de línea, para formatos con variantes (asobancaria-2001: 162 o 150)",
    },
    "generate.output": {
        "en": "file to write, '-' for standard output: a file is replaced atomically, a "
        "device or FIFO written in place, a link followed; never the input (docs/guide.md)",
        "es": "archivo a escribir, '-' para la salida estándar: un archivo se reemplaza de forma "
        "atómica, un dispositivo o FIFO se escribe en su lugar, un enlace se sigue; nunca la "
        "entrada (docs/guide.md)",
    },
    "generate.account": {
        "en": "keep the payments credited to this account number (needed by the recaudo "
        "formats when the services use several accounts)",
        "es": "conserva los pagos abonados a este número de cuenta (lo necesitan los formatos "
        "de recaudo cuando los servicios usan varias cuentas)",
    },
    "generate.bank": {
        "en": "keep the payments authorized by this bank, 4-digit code (needed by "
        "asobancaria-1998 when several banks authorized payments)",
        "es": "conserva los pagos autorizados por este banco, código de 4 dígitos (lo necesita "
        "asobancaria-1998 cuando varios bancos autorizaron pagos)",
    },
    "generate.modifier": {
        "en": "modificador_archivo of 2001 and Andesco headers, A-Z or 0-9 (default: A)",
        "es": "modificador_archivo de los encabezados 2001 y Andesco, A-Z o 0-9 (por omisión: A)",
    },
    "generate.written": {
        "en": "{path}: {format}, {details}, total {total}",
        "es": "{path}: {format}, {details}, total {total}",
    },
    "generate.bad_modifier": {
        "en": "{value!r} is not one character A-Z or 0-9",
        "es": "{value!r} no es un carácter A-Z o 0-9",
    },
    "progress.lines": {"en": "lines written", "es": "líneas escritas"},
    "generate.bad_bank": {
        "en": "{value!r} is not a 4-digit bank code (e.g. 1007)",
        "es": "{value!r} no es un código de banco de 4 dígitos (p. ej. 1007)",
    },
}
TEXTS.update(_TEXTS)


def _modifier(value: str) -> str:
    if len(value) != 1 or value not in string.ascii_uppercase + string.digits:
        raise argparse.ArgumentTypeError(t("generate.bad_modifier", value=value))
    return value


def _bank(value: str) -> str:
    if not (len(value) == 4 and value.isascii() and value.isdigit()):
        raise argparse.ArgumentTypeError(t("generate.bad_bank", value=value))
    return value


def register(subparsers: Any) -> None:
    from pse_recon.layouts import FORMATS

    parser = add_command(subparsers, __name__)
    add_format_options(parser, required=True, help=t("generate.format", formats=", ".join(FORMATS)))
    parser.add_argument("--input", required=True, metavar="FILE", help=t("generate.input"))
    add_output_options(parser, t("generate.output"), required=True)
    parser.add_argument("--account", metavar="NUMBER", help=t("generate.account"))
    parser.add_argument("--bank", type=_bank, metavar="CODE", help=t("generate.bank"))
    parser.add_argument("--modifier", type=_modifier, default="A", metavar="X", help=t("generate.modifier"))


def _streamed(args: argparse.Namespace, source: Any) -> Any:
    """The file of a CSV's transactions, made as its rows are read (flat memory:
    :mod:`pse_recon.generator.streaming`); on a terminal, the rows read and then the
    lines written are counted on a progress line (:mod:`.progress`): a million rows
    take seconds."""
    from pse_recon.cli.progress import tracked
    from pse_recon.generator.csv_input import CsvTransactions
    from pse_recon.generator.streaming import FileStream

    stream = FileStream(args.format, width=args.width, account=args.account,
                        authorizing_bank=args.bank, modifier=args.modifier)
    rows = CsvTransactions(source, progress=lambda rows: tracked(rows, t("progress.transactions")))
    for transaction, head in rows:
        stream.add(transaction, head)
    return stream.finish(rows.collection, progress=lambda lines: tracked(lines, t("progress.lines")))


def _from_json(args: argparse.Namespace, source: Any) -> Any:
    from pse_recon.generator.core import generate_lines
    from pse_recon.generator.inputs import collection_from_json

    return generate_lines(  # the lines only: the records are not typed back from them
        args.format, collection_from_json(source), width=args.width, account=args.account,
        authorizing_bank=args.bank, modifier=args.modifier,
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    from pse_recon.generator import GenerateError

    check_width(args.format, args.width)
    refused = check_output(args, args.input)
    if refused is not None:
        return refused
    try:  # the input is read, and the file made, before anything is written
        file = load_input(args.input, {"csv": lambda source: _streamed(args, source),
                                       "json": lambda source: _from_json(args, source)})
    except GenerateError as exc:
        error(str(exc))
        return EXIT_FINDINGS
    if isinstance(file, int):
        return file
    from pse_recon.generator.streaming import Streamed

    status = write_output(args, file.chunks if isinstance(file, Streamed) else file.lines, out)
    if status != EXIT_OK:
        return status
    print(
        printable(t("generate.written", path=args.output, format=file.format,
                    details=plural(file.details, "n.details"), total=decimal_text(file.total))),
        file=sys.stderr if to_stdout(args) else out,
    )
    return EXIT_OK
