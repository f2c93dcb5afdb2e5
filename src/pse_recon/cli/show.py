"""``pse-recon show FILE``: a readable summary of one file.

Format and width, the header's fields, then what the format is made of: lots
(with their controls) and the file control for Asobancaria 2001 and Andesco; the
details and the totals record for 1998; for PSE, the type-3 state totals and the
type-2 lines summed per authorizing bank. Which columns count and sum what comes
from the layouts' computed fields, so the tables add up the way the controls do.
Every line is :func:`~pse_recon.cli.escaping.printable`: values and the file's name
come from outside, and must not reach the terminal raw.
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import IO, Any

from pse_recon import catalogs
from pse_recon.cli.common import (
    add_command,
    add_format_options,
    columns,
    decimal_text,
    plain,
    read_file,
)
from pse_recon.cli.escaping import printable
from pse_recon.cli.messages import plural, t
from pse_recon.computed import Count, LotNumber, Sum
from pse_recon.fields import Field, Kind
from pse_recon.layouts.base import RecordLayout, StateStructure
from pse_recon.records.base import Record
from pse_recon.records.files import File, FlatFile, LotFile, PseFile


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, __name__)
    parser.add_argument("file", metavar="FILE", help=t("show.file"))
    add_format_options(parser)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    file = read_file(args.file, args.format, args.width)
    if isinstance(file, int):
        return file
    out.write("".join(printable(line) + "\n" for line in render(args.file, file)))
    return 0


# -- names of codes ---------------------------------------------------------------------
def bank_name(code: str) -> str:
    """The bank of an 8-digit PSE code that is a zero-filled 4-digit one, else ``""``."""
    return catalogs.catalog("bank_code").codes(len(code)).get(code, "")


def state_name(code: str) -> str:
    if code == catalogs.PSE_GRAND_TOTAL_STATE:
        return t("show.grand_total")
    return catalogs.PSE_STATES.get(code, t("show.unknown"))


def value_text(f: Field, value: Any) -> str:
    """A value as ``show`` prints it, with the name of a catalog code when known."""
    text = str(plain(f, value))
    name = ""
    if f.catalog is not None and isinstance(value, str):
        name = catalogs.catalog(f.catalog).codes(f.length).get(value, "")
    return f"{text} ({name})" if name else text


# -- building blocks ----------------------------------------------------------------------
def fields_block(title: str, record: Record) -> list[str]:
    """``title:`` then ``  name: value`` for every field but the record type."""
    lines = [f"{title}:"]
    for f in record.layout.attributes[1:]:
        lines.append(f"  {f.name}: {value_text(f, getattr(record, f.name))}")
    return lines


def computed_fields(rec: RecordLayout) -> list[Field]:
    """The count and sum fields of a control record, in column order."""
    return [f for f in rec.attributes if isinstance(f.computed, Count | Sum)]


def aggregate(f: Field, details: list[Record]) -> Any:
    """What control field ``f`` should say about ``details``."""
    match f.computed:
        case Sum(field=name):
            start: Any = Decimal(0) if f.kind is Kind.AMOUNT else 0
            return sum((getattr(d, name) for d in details), start)
        case _:
            return len(details)


def cell(value: Any) -> str:
    return decimal_text(value) if isinstance(value, Decimal) else str(value)


# -- the summary ----------------------------------------------------------------------------
def render(path: str, file: File) -> list[str]:
    fmt = file.layout
    width = plural(file.width, "n.columns") if file.width else t("show.varies")
    lines = [
        f"{t('show.file_label')}: {path}",
        f"{t('show.format')}: {fmt.name} ({fmt.title})",
        f"{t('show.width')}: {width}",
        "",
        *fields_block(t("show.header", code=file.header.record_type), file.header),
        "",
    ]
    if isinstance(file, LotFile):
        lines += _lots(file)
        lines += ["", *fields_block(t("show.control", code=file.control.record_type), file.control)]
    elif isinstance(file, FlatFile):
        lines += fields_block(t("show.control", code=file.totals.record_type), file.totals)
    elif isinstance(file, PseFile):
        lines += _pse(file)
    lines += ["", t("show.details_total", details=len(file.details), total=decimal_text(file.total))]
    return lines


def _lots(file: LotFile) -> list[str]:
    s = file.layout.structure
    lot_header = file.layout.records[s.lot_header]  # type: ignore[union-attr]
    lot_control = file.layout.records[s.lot_control]  # type: ignore[union-attr]
    number = next(f for f in lot_header.attributes if isinstance(f.computed, LotNumber))
    keys = [f for f in lot_header.attributes[1:] if f.computed is None]
    controls = computed_fields(lot_control)
    amount = file.layout.amount_field
    rows = [
        [
            t("show.col.lot"),
            *(t("show.col.service") if f.name == "codigo_servicio" else f.name for f in keys),
            t("show.col.details"),
            t("show.col.total"),
            *(f.name for f in controls),
        ]
    ]
    for lot in file.lots:
        details = list(lot.details)
        total = sum((getattr(d, amount) for d in details), Decimal(0))
        rows.append(
            [
                str(getattr(lot.header, number.name)),
                *(cell(getattr(lot.header, f.name)) for f in keys),
                str(len(details)),
                decimal_text(total),
                *(cell(getattr(lot.control, f.name)) for f in controls),
            ]
        )
    right = [True, *(False for _ in keys), True, True, *(True for _ in controls)]
    return [f"{t('show.lots')}:", *("  " + line for line in columns(rows, right))]


def _pse(file: PseFile) -> list[str]:
    s = file.layout.structure
    assert isinstance(s, StateStructure)
    totals_layout = file.layout.records[s.totals]
    sums = computed_fields(totals_layout)
    right = [False, False, *(True for _ in sums)]
    # type-3 records, as the file says
    rows = [[t("show.col.state"), t("show.col.name"), *(f.name for f in sums)]]
    for r in file.totals:
        code = getattr(r, s.state_field)
        rows.append([code, state_name(code), *(cell(getattr(r, f.name)) for f in sums)])
    lines = [f"{t('show.state_controls')}:", *("  " + line for line in columns(rows, right))]
    # type-2 lines summed per authorizing bank (and state: approved and rejected money
    # are never added together), the way type-3 lines sum them per state
    groups: dict[tuple[str, str], list[Record]] = {}
    for d in file.lines:
        groups.setdefault((d.codigo_entidad, getattr(d, s.state_field)), []).append(d)
    rows = [[t("show.col.bank"), t("show.col.name"), t("show.col.state"), *(f.name for f in sums)]]
    for bank, state in sorted(groups):
        details = groups[bank, state]
        rows.append([bank, bank_name(bank), state, *(cell(aggregate(f, details)) for f in sums)])
    right = [False, False, False, *(True for _ in sums)]
    lines += ["", f"{t('show.by_bank')}:", *("  " + line for line in columns(rows, right))]
    return lines
