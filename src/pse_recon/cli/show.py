"""``pse-recon show FILE``: a readable summary of one file.

Format and width, the header's fields, then what the format is made of: lots
(with their controls) and the file control for Asobancaria 2001 and Andesco; the
details and the totals record for 1998; for PSE, the type-3 state totals and the
type-2 lines summed per authorizing bank. Which columns count and sum what comes
from the layouts' computed fields, so the tables add up the way the controls do;
what is a lot's service, a payment's amount and its bank, from their roles
(:mod:`pse_recon.declaration.roles`): a layout declared outside the package is shown alike.

Nothing holds the whole file: the details are counted and summed as they stream
past (:class:`Shown`, exact money), per lot, per PSE state and per bank and state, so
a summary of a million details takes the memory of a few (:mod:`.streaming`).

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
from collections.abc import Collection, Iterable, Iterator
from decimal import Decimal
from types import SimpleNamespace
from typing import IO, Any

import attrs

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
from pse_recon.cli.messages import plural, t
from pse_recon.cli.streaming import stream_checked
from pse_recon.compile.plan import computed_roles, format_plan
from pse_recon.declaration import (
    Field,
    FileLayout,
    LotNumber,
    LotStructure,
    RecordLayout,
    Role,
    StateStructure,
)
from pse_recon.declaration.computed import evaluate
from pse_recon.declaration.structures import DETAIL, FILE_CONTROL, FILE_HEADER, LOT_CONTROL, LOT_HEADER
from pse_recon.money import EXACT, ZERO
from pse_recon.records.base import Record


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, __name__)
    parser.add_argument("file", metavar="FILE", help=t("show.file"))
    add_format_options(parser)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    with stream_checked(args.file, args.format, args.width, args.lang) as checked:
        if isinstance(checked, int):
            return checked
        file = Shown.of(checked.layout, checked.records())
    wrong = disagreements(file)
    out.write("".join(printable(line) + "\n" for line in render(checked.name, file, wrong)))
    out.flush()
    checked.print_errors()
    return EXIT_OK if checked.report.valid and not wrong else EXIT_FINDINGS


# -- the file, its details digested -------------------------------------------------------
class Digest(Collection[Any]):
    """The details of one scope (a lot, a state, a bank and state, the file) as far as
    a summary needs them: their count and the exact sums of the summed fields. To
    :func:`~pse_recon.declaration.computed.evaluate` it is a sequence of that many
    details whose one item carries the sums, so counts and sums come out as they do
    from the details themselves."""

    def __init__(self, summed: Iterable[str]) -> None:
        self.count = 0
        self.sums: dict[str, Decimal] = dict.fromkeys(summed, ZERO)

    def add(self, detail: Record) -> None:
        self.count += 1
        for name, value in self.sums.items():
            self.sums[name] = EXACT.add(value, getattr(detail, name))

    def __len__(self) -> int:
        return self.count

    def __contains__(self, item: object) -> bool:
        return False

    def __iter__(self) -> Iterator[Any]:
        if self.count:  # one item carrying the sums (none: evaluate's sums are zero)
            yield SimpleNamespace(**self.sums)

    def total(self, name: str) -> Decimal:
        return self.sums[name]


@attrs.define
class Lot:
    header: Record
    details: Digest
    control: Record | None = None


@attrs.define
class Shown:
    """What ``show`` prints, gathered from the records in one pass."""

    layout: FileLayout
    header: Record | None = None
    control: Record | None = None  # the file control (1998: the totals)
    lots: list[Lot] = attrs.field(factory=list)
    totals: list[Record] = attrs.field(factory=list)  # PSE: the type-3 lines
    details: Digest = attrs.field(default=None)
    by_state: dict[str, Digest] = attrs.field(factory=dict)
    by_bank: dict[tuple[str, str], Digest] = attrs.field(factory=dict)

    @property
    def width(self) -> int | None:
        return self.layout.width

    @classmethod
    def of(cls, fmt: FileLayout, records: Iterable[Record]) -> Shown:
        """The summary of a readable file's ``records`` (its structure holds)."""
        summed = [f.name for f in format_plan(fmt).summed]
        shown = cls(fmt, details=Digest(summed))
        s = fmt.structure
        state = s.state_field if isinstance(s, StateStructure) else None
        bank = fmt.detail.role(Role.PAYING_BANK)
        roles = s.roles()
        for r in records:
            role = roles[r.record_type]
            if role == DETAIL:
                shown.details.add(r)
                if shown.lots:
                    shown.lots[-1].details.add(r)
                if state is not None:
                    code = getattr(r, state)
                    shown.by_state.setdefault(code, Digest(summed)).add(r)
                    if bank is not None:
                        key = (getattr(r, bank.name), code)
                        shown.by_bank.setdefault(key, Digest(summed)).add(r)
            elif role == FILE_HEADER:
                shown.header = r
            elif role == LOT_HEADER:
                shown.lots.append(Lot(r, Digest(summed)))
            elif role == LOT_CONTROL:
                shown.lots[-1].control = r
            elif role == FILE_CONTROL and state is not None:
                shown.totals.append(r)
            else:
                shown.control = r
        return shown


#: What marks a control value that disagrees with the details.
MARK = " *"
#: (id of a control record, field name) of the values that disagree with the details.
Wrong = frozenset[tuple[int, str]]


def disagreements(file: Shown) -> Wrong:
    """Every control value of ``file`` that is not what the details it covers make of
    it: counts and sums (of the lot, the file, a PSE state), lot numbers (a lot
    header's is its place in the file, its control's the header's)."""
    fmt = file.layout
    expected: list[tuple[Record, dict[str, Any]]] = []
    s = fmt.structure
    if isinstance(s, LotStructure):
        header, control = fmt.records[s.lot_header], fmt.records[s.lot_control]
        number = lot_number(header)
        for n, lot in enumerate(file.lots, 1):
            expected.append((lot.header, evaluate(header.fields, (), n)))
            own = getattr(lot.header, number.name)
            assert lot.control is not None
            expected.append((lot.control, evaluate(control.fields, lot.details, own)))
    if file.control is not None:
        expected.append((file.control, evaluate(file.control.layout.fields, file.details)))
    if isinstance(s, StateStructure):
        for r in file.totals:
            state = getattr(r, s.state_field)
            if state == s.grand_total:
                scope = file.details
            elif state in s.states:
                scope = file.by_state.get(state, Digest(file.details.sums))  # none: zeros
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
    return [f for f, _ in computed_roles(rec)]


def cell(value: Any) -> str:
    return decimal_text(value) if isinstance(value, Decimal) else str(value)


# -- the summary ----------------------------------------------------------------------------
def render(path: str, file: Shown, wrong: Wrong = frozenset()) -> list[str]:
    fmt = file.layout
    width = plural(file.width, "n.columns") if file.width else t("show.varies")
    assert file.header is not None
    lines = [
        f"{t('show.file_label')}: {path}",
        f"{t('show.format')}: {fmt.name} ({fmt.title})",
        f"{t('show.width')}: {width}",
        "",
        *fields_block(t("show.header", code=file.header.record_type), file.header),
        "",
    ]
    if isinstance(fmt.structure, LotStructure):
        lines += _lots(file, wrong)
        lines.append("")
    if isinstance(fmt.structure, StateStructure):
        lines += _pse(file, wrong)
    else:
        assert file.control is not None
        lines += fields_block(t("show.control", code=file.control.record_type), file.control, wrong)
    amount = file.details.total(fmt.amount_field)
    lines += ["", t("show.details_total", details=len(file.details), total=decimal_text(amount))]
    if wrong:
        lines.append(t("show.disagree", n=len(wrong)))
    return lines


def _lots(file: Shown, wrong: Wrong) -> list[str]:
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
        control = lot.control
        assert control is not None  # the structure holds: every lot is closed
        rows.append(
            [
                marked(lot.header, number, str(getattr(lot.header, number.name)), wrong),
                *(cell(getattr(lot.header, f.name)) for f in keys),
                str(len(lot.details)),
                decimal_text(lot.details.total(amount)),
                *(marked(control, f, cell(getattr(control, f.name)), wrong) for f in controls),
            ]
        )
    right = [True, *(False for _ in keys), True, True, *(True for _ in controls)]
    return [f"{t('show.lots')}:", *("  " + line for line in columns(rows, right))]


def _pse(file: Shown, wrong: Wrong) -> list[str]:
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
    rows = [[t("show.col.bank"), t("show.col.name"), t("show.col.state"), *(f.name for f in sums)]]
    for code, state in sorted(file.by_bank):
        values = evaluate(sums, file.by_bank[code, state])
        rows.append([code, code_name(bank, code), state, *(cell(values[f.name]) for f in sums)])
    right = [False, False, False, *(True for _ in sums)]
    lines += ["", f"{t('show.by_bank', field=bank.name)}:",
              *("  " + line for line in columns(rows, right))]
    return lines
