"""``pse-recon show FILE``: a readable summary of one file.

Format and width, the header's fields, then what the format is made of: lots
(with their controls) and the file control for Asobancaria 2001 and Andesco; the
details and the totals record for 1998; for PSE, the type-3 state totals and the
type-2 lines summed per authorizing bank. Which columns count and sum what comes
from the layouts' computed fields, so the tables add up the way the controls do;
what is a lot's service, a payment's amount and its bank, from their roles
(:mod:`pse_recon.declaration.roles`): a layout declared outside the package is shown alike.

One verdict, ``validate``'s: the file is validated too (from the same opening), and
``show`` exits 1 when it has errors, which it prints on standard error in
``validate``'s format. Every control value that disagrees with the details (a count,
a sum, a lot number: what :func:`~pse_recon.declaration.computed.evaluate` makes of the details
it covers, as the builder does) is marked ``*`` in the tables, and a line after them
says how many there are. 4 when the file cannot be read into records.

Every line is :func:`~pse_recon.cli.escaping.printable`: values and the file's name
come from outside, and must not reach the terminal raw.
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import IO, Any

from pse_recon import catalogs
from pse_recon.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_command,
    add_format_options,
    columns,
    decimal_text,
    plain,
)
from pse_recon.cli.escaping import printable
from pse_recon.cli.inputs import read_checked
from pse_recon.cli.messages import plural, t
from pse_recon.declaration import (
    Count,
    Field,
    LotNumber,
    LotStructure,
    RecordLayout,
    Role,
    StateStructure,
    Sum,
)
from pse_recon.declaration.computed import evaluate
from pse_recon.money import total
from pse_recon.records.base import Record
from pse_recon.records.files import File, FlatFile, LotFile, PseFile


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, __name__)
    parser.add_argument("file", metavar="FILE", help=t("show.file"))
    add_format_options(parser)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    checked = read_checked(args.file, args.format, args.width, args.lang)
    if isinstance(checked, int):
        return checked
    wrong = disagreements(checked.file)
    out.write("".join(printable(line) + "\n" for line in render(checked.name, checked.file, wrong)))
    out.flush()
    checked.print_errors()
    return EXIT_OK if checked.report.valid and not wrong else EXIT_FINDINGS


#: What marks a control value that disagrees with the details.
MARK = " *"
#: (id of a control record, field name) of the values that disagree with the details.
Wrong = frozenset[tuple[int, str]]


def disagreements(file: File) -> Wrong:
    """Every control value of ``file`` that is not what the details it covers make of
    it: counts and sums (of the lot, the file, a PSE state), lot numbers (a lot
    header's is its place in the file, its control's the header's)."""
    fmt = file.layout
    expected: list[tuple[Record, dict[str, Any]]] = []
    if isinstance(file, LotFile):
        lots = fmt.structure
        assert isinstance(lots, LotStructure)
        header, control = fmt.records[lots.lot_header], fmt.records[lots.lot_control]
        number = lot_number(header)
        for n, lot in enumerate(file.lots, 1):
            expected.append((lot.header, evaluate(header.fields, (), n)))
            own = getattr(lot.header, number.name)
            expected.append((lot.control, evaluate(control.fields, lot.details, own)))
        expected.append((file.control, evaluate(file.control.layout.fields, file.details)))
    elif isinstance(file, FlatFile):
        expected.append((file.totals, evaluate(file.totals.layout.fields, file.details)))
    elif isinstance(file, PseFile):
        s = fmt.structure
        assert isinstance(s, StateStructure)
        for r in file.totals:
            state = getattr(r, s.state_field)
            if state == s.grand_total:
                scope = list(file.lines)
            elif state in s.states:
                scope = [d for d in file.lines if getattr(d, s.state_field) == state]
            else:
                continue  # a state the format has no line for: validate says so
            expected.append((r, evaluate(r.layout.fields, scope)))
    return frozenset(
        (id(record), name)
        for record, values in expected
        for name, value in values.items()
        if getattr(record, name) != value
    )


def marked(record: Record, f: Field, text: str, wrong: Wrong) -> str:
    return text + MARK if (id(record), f.name) in wrong else text


# -- names of codes ---------------------------------------------------------------------
def code_name(f: Field, code: str) -> str:
    """The name of ``code`` in the catalog of field ``f`` (a bank, a channel …), or ``""``
    when it has no catalog or the code is not in it."""
    if f.catalog is None:
        return ""
    return catalogs.catalog(f.catalog).codes(f.length).get(code, "")


def state_name(code: str) -> str:
    if code == catalogs.PSE_GRAND_TOTAL_STATE:
        return t("show.grand_total")
    return catalogs.PSE_STATES.get(code, t("show.unknown"))


def value_text(f: Field, value: Any) -> str:
    """A value as ``show`` prints it, with the name of a catalog code when known."""
    text = str(plain(f, value))
    name = code_name(f, value) if isinstance(value, str) else ""
    return f"{text} ({name})" if name else text


# -- building blocks ----------------------------------------------------------------------
def fields_block(title: str, record: Record, wrong: Wrong = frozenset()) -> list[str]:
    """``title:`` then ``  name: value`` for every field but the record type."""
    lines = [f"{title}:"]
    for f in record.layout.attributes[1:]:
        lines.append(f"  {f.name}: {marked(record, f, value_text(f, getattr(record, f.name)), wrong)}")
    return lines


def lot_number(rec: RecordLayout) -> Field:
    """The lot number field of a lot header."""
    return next(f for f in rec.attributes if isinstance(f.computed, LotNumber))


def computed_fields(rec: RecordLayout) -> list[Field]:
    """The count, sum and lot number fields of a control record, in column order."""
    return [f for f in rec.attributes if isinstance(f.computed, Count | Sum | LotNumber)]


def cell(value: Any) -> str:
    return decimal_text(value) if isinstance(value, Decimal) else str(value)


# -- the summary ----------------------------------------------------------------------------
def render(path: str, file: File, wrong: Wrong = frozenset()) -> list[str]:
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
        lines += _lots(file, wrong)
        lines += ["", *fields_block(t("show.control", code=file.control.record_type), file.control,
                                    wrong)]
    elif isinstance(file, FlatFile):
        lines += fields_block(t("show.control", code=file.totals.record_type), file.totals, wrong)
    elif isinstance(file, PseFile):
        lines += _pse(file, wrong)
    lines += ["", t("show.details_total", details=len(file.details), total=decimal_text(file.total))]
    if wrong:
        lines.append(t("show.disagree", n=len(wrong)))
    return lines


def _lots(file: LotFile, wrong: Wrong) -> list[str]:
    s = file.layout.structure
    lot_header = file.layout.records[s.lot_header]  # type: ignore[union-attr]
    lot_control = file.layout.records[s.lot_control]  # type: ignore[union-attr]
    number = lot_number(lot_header)
    keys = [f for f in lot_header.attributes[1:] if f.computed is None]
    controls = computed_fields(lot_control)
    amount = file.layout.amount_field
    rows = [
        [
            t("show.col.lot"),
            *(t("show.col.service") if f.role is Role.SERVICE else f.name for f in keys),
            t("show.col.details"),
            t("show.col.total"),
            *(f.name for f in controls),
        ]
    ]
    for lot in file.lots:
        details = list(lot.details)
        lot_total = total(getattr(d, amount) for d in details)
        rows.append(
            [
                marked(lot.header, number, str(getattr(lot.header, number.name)), wrong),
                *(cell(getattr(lot.header, f.name)) for f in keys),
                str(len(details)),
                decimal_text(lot_total),
                *(marked(lot.control, f, cell(getattr(lot.control, f.name)), wrong) for f in controls),
            ]
        )
    right = [True, *(False for _ in keys), True, True, *(True for _ in controls)]
    return [f"{t('show.lots')}:", *("  " + line for line in columns(rows, right))]


def _pse(file: PseFile, wrong: Wrong) -> list[str]:
    s = file.layout.structure
    assert isinstance(s, StateStructure)
    totals_layout = file.layout.records[s.totals]
    sums = computed_fields(totals_layout)
    right = [False, False, *(True for _ in sums)]
    # type-3 records, as the file says
    rows = [[t("show.col.state"), t("show.col.name"), *(f.name for f in sums)]]
    for r in file.totals:
        code = getattr(r, s.state_field)
        rows.append([code, state_name(code),
                     *(marked(r, f, cell(getattr(r, f.name)), wrong) for f in sums)])
    lines = [f"{t('show.state_controls')}:", *("  " + line for line in columns(rows, right))]
    bank = file.layout.detail.role(Role.PAYING_BANK)
    if bank is None:
        return lines
    # type-2 lines summed per authorizing bank (and state: approved and rejected money
    # are never added together), the way type-3 lines sum them per state
    groups: dict[tuple[str, str], list[Record]] = {}
    for d in file.lines:
        groups.setdefault((getattr(d, bank.name), getattr(d, s.state_field)), []).append(d)
    rows = [[t("show.col.bank"), t("show.col.name"), t("show.col.state"), *(f.name for f in sums)]]
    for code, state in sorted(groups):
        values = evaluate(sums, groups[code, state])
        rows.append([code, code_name(bank, code), state, *(cell(values[f.name]) for f in sums)])
    right = [False, False, False, *(True for _ in sums)]
    lines += ["", f"{t('show.by_bank', field=bank.name)}:",
              *("  " + line for line in columns(rows, right))]
    return lines
