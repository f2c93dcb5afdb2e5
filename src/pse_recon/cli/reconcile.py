"""``pse-recon reconcile FILE --expected expected.csv [--json]``: compare a collection
file with the payments a company expects (docs/reconciling.md).

Text: a summary (counts and totals per outcome), then one line per payment or
expectation that did not match. ``--json``: every item, with exact decimal strings.

The file is validated first (from the same opening): payments are trusted only from
a file whose controls and fields check, so a file with errors is reported as such
(its errors on standard error, as ``validate`` prints them) and its payments are not
counted, unless ``--accept-invalid`` is given.

Exit 0 when everything matches; 1 when the file has errors (and no
``--accept-invalid``); 2 for bad arguments, a file that cannot be opened or a
``pse-summary`` file (no per-payment lines); 4 when the file cannot be read into
records or the expected-payments file has a bad row; 5 when something is missing,
unexpected, duplicated or differs in amount.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from pse_recon.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNRECONCILED,
    EXIT_USAGE,
    add_command,
    add_format_options,
    aligned,
    column_widths,
    columns,
    decimal_text,
    error,
)
from pse_recon.cli.escaping import printable, printable_json
from pse_recon.cli.inputs import check_stdin_once, load_input
from pse_recon.cli.messages import TEXTS, plural, t

if TYPE_CHECKING:
    from pse_recon.reconciliation import ExpectedPayment, Item

_TEXTS: dict[str, dict[str, str]] = {
    "reconcile.file": {
        "en": "recaudo file or pse-detail file (- is standard input; gzip, zip read)",
        "es": "archivo de recaudo o archivo pse-detail (- es la entrada estándar; se leen gzip, zip)",
    },
    "reconcile.expected": {
        "en": "expected payments: CSV with columns reference and amount (or .json); - is "
        "standard input",
        "es": "pagos esperados: CSV con columnas reference y amount (o .json); - es la entrada "
        "estándar",
    },
    "reconcile.json": {
        "en": "print every item as JSON (see docs/reconciling.md)",
        "es": "imprime todos los elementos como JSON (ver docs/reconciling.md)",
    },
    "reconcile.head": {
        "en": "{path}: {format}, {paid} payments in the file (total {paid_total}), "
        "{expected} expected (total {expected_total})",
        "es": "{path}: {format}, {paid} pagos en el archivo (total {paid_total}), "
        "{expected} esperados (total {expected_total})",
    },
    "reconcile.col.outcome": {"en": "outcome", "es": "resultado"},
    "reconcile.col.count": {"en": "count", "es": "cantidad"},
    "reconcile.col.total": {"en": "total", "es": "total"},
    "reconcile.col.reference": {"en": "reference", "es": "referencia"},
    "reconcile.col.expected": {"en": "expected", "es": "esperado"},
    "reconcile.col.paid": {"en": "paid", "es": "pagado"},
    "reconcile.col.where": {"en": "where", "es": "dónde"},
    "reconcile.matched": {"en": "matched", "es": "conciliado"},
    "reconcile.amount_differs": {"en": "amount differs", "es": "valor distinto"},
    "reconcile.missing": {"en": "missing", "es": "faltante"},
    "reconcile.unexpected": {"en": "unexpected", "es": "inesperado"},
    "reconcile.duplicate": {"en": "duplicate", "es": "duplicado"},
    "reconcile.at_line": {"en": "line {line}", "es": "línea {line}"},
    "reconcile.first_at": {"en": "first at line {line}", "es": "primero en la línea {line}"},
    "reconcile.expected_at": {"en": "{path} line {line}", "es": "{path} línea {line}"},
    "reconcile.repeated": {
        "en": "expected more than once (each counts as one payment expected): {references}",
        "es": "esperadas más de una vez (cada una cuenta como un pago esperado): {references}",
    },
    "reconcile.accept_invalid": {
        "en": "count the payments of a file that has errors (they are still printed)",
        "es": "cuenta los pagos de un archivo con errores (que igual se muestran)",
    },
    "reconcile.invalid": {
        "en": "{path} has {errors}: its payments are not counted (--accept-invalid counts them)",
        "es": "{path} tiene {errors}: sus pagos no se cuentan (--accept-invalid los cuenta)",
    },
    "reconcile.accepted": {
        "en": "{path} has {errors}: its payments are counted, as --accept-invalid asks",
        "es": "{path} tiene {errors}: sus pagos se cuentan, como pide --accept-invalid",
    },
    "progress.expected": {"en": "expected payments", "es": "pagos esperados"},
    "progress.pairing": {"en": "pairing", "es": "emparejando"},
    "progress.writing": {"en": "writing", "es": "escribiendo"},
    "reconcile.all_matched": {
        "en": "every payment matched",
        "es": "todos los pagos conciliados",
    },
}
TEXTS.update(_TEXTS)


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, __name__)
    parser.add_argument("file", metavar="FILE", help=t("reconcile.file"))
    parser.add_argument("--expected", required=True, metavar="EXPECTED", help=t("reconcile.expected"))
    add_format_options(parser)
    parser.add_argument("--json", action="store_true", help=t("reconcile.json"))
    parser.add_argument("--accept-invalid", action="store_true", help=t("reconcile.accept_invalid"))


def run(args: argparse.Namespace, out: IO[str]) -> int:
    from pse_recon.cli.progress import on_terminal
    from pse_recon.cli.streaming import stream_checked
    from pse_recon.reconciliation import ReconcileError
    from pse_recon.reconciliation.core import payments_of
    from pse_recon.reconciliation.expected import expected_from_json, iter_expected_csv
    from pse_recon.reconciliation.spilled import BUCKETS, SpilledReconciliation

    check_stdin_once(args.file, args.expected)
    # The file streamed (validated, found readable, then its records), its payments
    # and the expectations spilled by reference and paired a bucket at a time, the
    # items written as they are read back: flat memory (reconciliation.spilled).
    with contextlib.ExitStack() as stack:
        checked = stack.enter_context(stream_checked(args.file, args.format, args.width, args.lang))
        if isinstance(checked, int):
            return checked
        report = checked.report
        if not report.valid:
            checked.print_errors()
            errors = plural(len(report.errors) + report.left_out_errors, "n.errors")
            if not args.accept_invalid:
                error(t("reconcile.invalid", path=checked.name, errors=errors))
                return EXIT_FINDINGS
            error(t("reconcile.accepted", path=checked.name, errors=errors))
        result = stack.enter_context(SpilledReconciliation(checked.layout.name))
        refusal: ReconcileError | None = None
        try:
            result.add_payments(payments_of(checked.layout, checked.records()))
        except ReconcileError as exc:  # said after the expectations are loaded, as before
            refusal = exc
        line = checked.progress

        def counted(expected: Iterable[ExpectedPayment]) -> SpilledReconciliation:
            return result.add_expected(line.counted(expected, t("progress.expected")))

        loaded = load_input(args.expected, {
            "csv": lambda named: counted(iter_expected_csv(named)),
            "json": lambda named: counted(expected_from_json(named)),
        }, "csv")
        if isinstance(loaded, int):
            return loaded
        if refusal is not None:
            error(f"{checked.name}: {refusal}")
            return EXIT_USAGE
        result.pair(lambda buckets: line.counted(buckets, t("progress.pairing"), total=BUCKETS, every=1))
        s = result.summary
        lines = s.paid_count + s.missing_count - (0 if args.json else s.matched_count)  # items written

        def writing(items: Iterable[Item]) -> Iterable[Item]:  # not over the output itself
            if on_terminal(1):
                return items
            return line.counted(items, t("progress.writing"), total=lines)

        if args.json:
            write_json(checked.name, args.expected, result, out, report.valid, writing)
        else:
            print_text(checked.name, args.expected, result, out, writing)
        return EXIT_OK if result.ok else EXIT_UNRECONCILED


def _money(value: Decimal | None) -> str | None:
    return None if value is None else decimal_text(value)


def result_json(path: str, expected_path: str, result: Any, valid: bool = True) -> dict[str, Any]:
    """The ``--json`` document (documented in docs/reconciling.md) of a
    :class:`~pse_recon.reconciliation.Reconciliation`, or of the command's
    :class:`~pse_recon.reconciliation.spilled.SpilledReconciliation`; ``valid`` is
    false for a file with errors reconciled with ``--accept-invalid``."""
    return {**_json_head(path, expected_path, result, valid), "items": [item_json(i) for i in result.items]}


def write_json(path: str, expected_path: str, result: Any, out: IO[str], valid: bool = True,
               progress: Callable[[Iterable[Item]], Iterable[Item]] = iter) -> None:
    """:func:`result_json` as :func:`~pse_recon.cli.common.dump_json` writes it, byte for
    byte, the items encoded one at a time and written a batch at a time (a million
    items are never one document in memory); ``progress`` wraps the items (a
    progress line)."""
    head = dump_text({**_json_head(path, expected_path, result, valid), "items": []})
    assert head.endswith(_NO_ITEMS)
    batch = [head[: -len(_NO_ITEMS)] + '"items": [']
    sep = "\n    "
    for item in progress(result.items):
        batch.append(sep + dump_text(item_json(item)).replace("\n", "\n    "))
        sep = ",\n    "
        if len(batch) >= _BATCH:
            out.write("".join(batch))
            batch.clear()
    batch.append("]\n}\n" if sep == "\n    " else "\n  ]\n}\n")
    out.write("".join(batch))


_NO_ITEMS = '"items": []\n}'
_BATCH = 512
#: The encoder of :func:`~pse_recon.cli.common.dump_json`, made once.
_ENCODER = json.JSONEncoder(indent=2, ensure_ascii=False)


def dump_text(document: Any) -> str:
    """``document`` as :func:`~pse_recon.cli.common.dump_json` writes it, without its newline."""
    return printable_json(_ENCODER.encode(document))


def _json_head(path: str, expected_path: str, result: Any, valid: bool) -> dict[str, Any]:
    s = result.summary
    summary = {
        name: (_money(value) if isinstance(value, Decimal) else value)
        for name, value in (
            (a.name, getattr(s, a.name)) for a in type(s).__attrs_attrs__
        )
    }
    summary["difference"] = _money(s.difference)
    return {
        "file": path,
        "expected_file": expected_path,
        "format": result.format,
        "valid": valid,
        "ok": result.ok,
        "summary": summary,
        "repeated_expectations": list(result.repeated),
    }


def item_json(item: Item) -> dict[str, Any]:
    """One item of the ``--json`` document."""
    return {
        "status": item.status.value,
        "reference": item.reference,
        "expected": None if item.expected is None else {
            "reference": item.expected.reference,
            "amount": _money(item.expected.amount),
            "description": item.expected.description,
            "line": item.expected.line,
        },
        "paid": None if item.paid is None else {
            "reference": item.paid.reference,
            "amount": _money(item.paid.amount),
            "line": item.paid.line,
        },
        "difference": _money(item.difference),
        "duplicate_of": item.duplicate_of,
    }


def print_text(path: str, expected_path: str, result: Any, out: IO[str],
               progress: Callable[[Iterable[Item]], Iterable[Item]] = iter) -> None:
    """The summary, then a line per item that did not match, in columns: measured in
    a first pass over the items, printed in a second (neither holds them; ``progress``
    wraps the second)."""
    s = result.summary
    print(
        printable(t("reconcile.head", path=path, format=result.format, paid=s.paid_count,
                    paid_total=decimal_text(s.paid_total), expected=s.expected_count,
                    expected_total=decimal_text(s.expected_total))),
        file=out,
    )
    rows = [[t("reconcile.col.outcome"), t("reconcile.col.count"), t("reconcile.col.total")]]
    rows += [
        [t("reconcile.matched"), str(s.matched_count), decimal_text(s.matched_total)],
        [t("reconcile.amount_differs"), str(s.amount_differs_count),
         f"{decimal_text(s.amount_differs_expected_total)} → {decimal_text(s.amount_differs_paid_total)}"],
        [t("reconcile.missing"), str(s.missing_count), decimal_text(s.missing_total)],
        [t("reconcile.unexpected"), str(s.unexpected_count), decimal_text(s.unexpected_total)],
        [t("reconcile.duplicate"), str(s.duplicate_count), decimal_text(s.duplicate_total)],
    ]
    for line in columns(rows, [False, True, True]):
        print("  " + line, file=out)
    if s.matched_count < s.paid_count or s.missing_count:
        print(file=out)
        head = [t("reconcile.col.outcome"), t("reconcile.col.reference"), t("reconcile.col.expected"),
                t("reconcile.col.paid"), t("reconcile.col.where")]

        def table(items: Iterable[Item]) -> Iterator[list[str]]:
            yield [printable(cell) for cell in head]
            for item in items:
                yield [printable(cell) for cell in _row(item, expected_path)]

        right = [False, False, True, True, False]
        widths = column_widths(table(result.unmatched), len(right))
        for row in table(progress(result.unmatched)):
            print("  " + aligned(row, widths, right), file=out)
    else:
        print(t("reconcile.all_matched"), file=out)
    if result.repeated:
        print(printable(t("reconcile.repeated", references=", ".join(result.repeated))), file=out)


def _row(item: Item, expected_path: str) -> list[str]:
    where = []
    if item.paid is not None:
        where.append(t("reconcile.at_line", line=item.paid.line))
    if item.duplicate_of is not None:
        where.append(t("reconcile.first_at", line=item.duplicate_of))
    if item.expected is not None and item.expected.line:
        where.append(t("reconcile.expected_at", path=expected_path, line=item.expected.line))
    return [
        t(f"reconcile.{item.status.value}"),
        item.reference,
        decimal_text(item.expected.amount) if item.expected else "-",
        decimal_text(item.paid.amount) if item.paid else "-",
        "; ".join(where),
    ]
