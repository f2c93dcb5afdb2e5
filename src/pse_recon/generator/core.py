"""Generating collection files from the domain model.

A :class:`~pse_recon.model.Collection` is what a company collected in a cycle: the
company, its services (each paid into a collecting account), the cycle the file
reports and the PSE transactions. :func:`generate` turns it into a file of any
layout through :func:`pse_recon.build`, which computes every count, total, lot
number, sequence and PSE state total; nothing here adds money up.

Nothing here names a format or a field: what goes in each field is the value of its
role (:mod:`pse_recon.generator.values`), and the shape of the file follows from the
layout's structure and roles, so a layout declared outside the package is generated
like the built-in ones. What goes where (documented in ``docs/generating.md``):

* a format whose details have no ``state`` (the recaudo formats: Asobancaria 1998 and
  2001, Andesco) carries **approved** payments only; one with a ``state`` (PSE)
  carries every state, in state order;
* lot formats have one lot per service (the lot header's ``service``);
* a header naming one ``account`` (or its bank, or its type) keeps the payments
  credited to that account, and one naming one ``paying_bank`` (Asobancaria 1998)
  the payments that bank authorized: ``account=`` and ``authorizing_bank=`` choose
  when there are several;
* a detail with a ``transactions`` count (``pse-summary``) is one line per group of
  transactions that agree on its other roles (state and bank), their amounts added;
* a value that does not fit its field raises :class:`GenerateError` naming the
  field (and the transaction); money is never rounded.

:func:`generate_lines` is the same file as the lines to write (``pse-recon generate``
of a JSON input; a CSV streams, :mod:`~pse_recon.generator.streaming`, through the
selection and record helpers here). The module stays one (about 460 lines, a fifth of
them ``generate``'s overloads): selection, records and the entry points share the one
``_Writer``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal, overload

import attrs

from pse_recon import catalogs, money
from pse_recon.codec.builder import build, build_lines
from pse_recon.codec.reader import DEFAULT_ENCODING
from pse_recon.codec.writer import unencodable
from pse_recon.declaration import Field, FileLayout, LotStructure, RecordLayout, Role, Time
from pse_recon.errors import EncodeError, GenerateError
from pse_recon.generator.values import Group, Scope, Values, local, payment_reference, value
from pse_recon.layouts import FORMATS
from pse_recon.layouts import layout as get_layout
from pse_recon.model import Bank, CollectingAccount, Collection, Service, Transaction
from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes
from pse_recon.records.files import File

if TYPE_CHECKING:
    from pse_recon.records import andesco, asobancaria_1998, asobancaria_2001, pse_detail, pse_summary

__all__ = [
    "DEFAULT_MODIFIER",
    "RECAUDO_FORMATS",
    "Lines",
    "generate",
    "generate_lines",
    "payment_reference",
]

#: The built-in formats that carry approved payments only: their details have no state.
RECAUDO_FORMATS: Final = frozenset(
    name for name, fmt in FORMATS.items() if fmt.detail.role(Role.STATE) is None
)

#: ``modificador_archivo`` of generated 2001 and Andesco headers unless told otherwise.
DEFAULT_MODIFIER: Final = "A"

#: Roles of a header that name the one account a file is credited to.
ACCOUNT_ROLES: Final = (Role.ACCOUNT, Role.COLLECTING_BANK, Role.ACCOUNT_TYPE)
#: Roles whose values an aggregate line adds up (or counts) over its transactions.
AGGREGATED: Final = frozenset({Role.AMOUNT, Role.VAT, Role.TRANSACTIONS})


# -- selection ----------------------------------------------------------------------
def _select_account(
    collection: Collection, account: CollectingAccount | str | None
) -> CollectingAccount | None:
    accounts = collection.accounts
    if account is None:
        if len(accounts) > 1:
            numbers = ", ".join(a.number for a in accounts)
            raise GenerateError(
                f"the services are credited to {len(accounts)} accounts ({numbers}); a recaudo file "
                "has one account in its header: choose one (account=, --account)"
            )
        return accounts[0] if accounts else None
    for a in accounts:
        if a == account or a.number == account:
            return a
    wanted = account.number if isinstance(account, CollectingAccount) else account
    raise GenerateError(f"no service of the collection is credited to account {wanted!r}")


def _bank_code(bank: Bank | str) -> str:
    return bank.code if isinstance(bank, Bank) else bank


def _select_bank(
    fmt: FileLayout, field: Field, banks: Mapping[str, Bank], bank: Bank | str | None
) -> Bank:
    """The one paying bank of a file whose header (``field``) names one; ``banks`` are
    the payments' authorizing banks by code (:func:`_banks_of`)."""
    if bank is not None:
        if isinstance(bank, Bank):
            return bank
        if bank in banks:
            return banks[bank]
        try:
            return Bank.from_code(bank)
        except (KeyError, ValueError) as exc:
            raise GenerateError(f"authorizing bank {bank!r}: {exc.args[0]}") from None
    if len(banks) == 1:
        return next(iter(banks.values()))
    if not banks:
        raise GenerateError(
            f"no approved payment to take the authorizing bank of the {fmt.title} header "
            f"({field.name}) from: name it (authorizing_bank=, --bank)",
            field=field.name,
        )
    codes = ", ".join(sorted(banks))
    raise GenerateError(
        f"approved payments come from {len(banks)} authorizing banks ({codes}), and an {fmt.title} "
        f"file names one in its header ({field.name}): choose one (authorizing_bank=, --bank)",
        field=field.name,
    )


def _banks_of(payments: Iterable[Transaction]) -> dict[str, Bank]:
    return {t.authorizing_bank.code: t.authorizing_bank for t in payments}


def _made(rec: RecordLayout, moment: dt.datetime) -> tuple[dt.date, dt.time]:
    """A header's creation date and time, as its time field says them (to the second
    or the minute, midnight ``2400`` of the day before in HHMM: :meth:`Time.at`); to
    the minute without a time field."""
    f = rec.role(Role.FILE_TIME)
    return Time(f.length if f is not None else 4).at(moment)


def _make_record(
    cls: type[Record], values: dict[str, Any], transaction: Transaction | None,
    text_fields: Sequence[str],
) -> Record:
    """The record of ``values``, checked now (by the record itself, and for the file's
    encoding of its ``text_fields``), so a value that does not fit is reported with the
    payment it came from (the builder would report it without)."""
    try:
        record = cls(**values)
    except EncodeError as exc:
        raise _error(exc, transaction) from exc
    return _encodable(record, transaction, text_fields)


def _encodable(record: Record, transaction: Transaction | None, text_fields: Sequence[str]) -> Record:
    texts = [getattr(record, name) for name in text_fields]
    try:
        "".join(texts).encode(DEFAULT_ENCODING)
    except UnicodeEncodeError:
        raise _error(unencodable(record, DEFAULT_ENCODING), transaction) from None
    return record


def _error(exc: EncodeError, transaction: Transaction | None) -> GenerateError:
    who = f"transaction CUS {transaction.cus} (ticket {transaction.ticket_id}): " if transaction else ""
    return GenerateError(
        f"{who}{exc}", field=exc.field, record_type=exc.record_type, transaction=transaction
    )


# -- records ------------------------------------------------------------------------
class _Writer:
    """Records of one layout from model objects, each value by its field's role."""

    def __init__(self, fmt: FileLayout, collection: Collection) -> None:
        self.fmt = fmt
        self.collection = collection
        self.classes = record_classes(fmt)
        # Each record type's rules and text fields, worked out once, not per record.
        self.values = {code: Values(rec.attributes, code) for code, rec in fmt.records.items()}
        self.texts = {code: tuple(f.name for f in rec.attributes if f.kind.holds_text)
                      for code, rec in fmt.records.items()}
        detail = fmt.structure.detail
        self._detail = self.values[detail].maker(
            self.classes[detail], lambda t: self.scope(account=t.service.account, transaction=t))

    def scope(self, **what: Any) -> Scope:
        return Scope(collection=self.collection, title=self.fmt.title, **what)

    def record(self, code: str, scope: Scope, transaction: Transaction | None = None) -> Record:
        return _make_record(self.classes[code], self.values[code](scope), transaction, self.texts[code])

    def detail(self, t: Transaction) -> Record:
        return self.record(self.fmt.structure.detail, self.scope(account=t.service.account, transaction=t), t)

    def detail_line(self, t: Transaction) -> tuple[Record, str]:
        """:meth:`detail` and its line at the standard width, encoded once, made by
        one generated function (:meth:`Values.maker`). The file's encoding is the
        caller's to check: encoding the line checks every text in it."""
        try:
            return self._detail(t)
        except EncodeError as exc:
            raise _error(exc, t) from exc


def _check_places(fmt: FileLayout, payments: Sequence[Transaction]) -> None:
    """Refuse an amount with more decimals than the detail's amount field (centavos in
    Asobancaria 1998), naming the field and the payment: money is never rounded."""
    decimals = fmt.detail.field(fmt.amount_field).decimals
    for t in payments:
        if _too_precise(t, decimals):
            raise _places_error(fmt, t)


def _too_precise(t: Transaction, decimals: int) -> bool:
    # A transaction's amount has at most 2 decimals (the model checks it).
    return decimals < 2 and money.places(t.amount) > decimals


def _places_error(fmt: FileLayout, t: Transaction) -> GenerateError:
    f = fmt.detail.field(fmt.amount_field)
    has = "has centavos" if f.decimals == 0 else f"has more than {f.decimals} decimals"
    what = "are whole pesos" if f.decimals == 0 else f"have {f.decimals} decimals"
    return GenerateError(
        f"transaction CUS {t.cus} (ticket {t.ticket_id}): record {fmt.detail.record_type}, "
        f"field {f.name}: {t.amount} {has}, and {fmt.title} amounts {what} "
        "(an amount is never rounded)",
        field=f.name, record_type=fmt.detail.record_type, transaction=t,
    )


def _lots(w: _Writer, s: LotStructure, payments: Sequence[Transaction],
          account: CollectingAccount | None) -> list[tuple[Record, list[Record]]]:
    """One lot per service (credited to ``account``, when the file has one) that has
    payments, in the order of the collection's services."""
    of_service: dict[Service, list[Transaction]] = {}
    for t in payments:  # one pass, not one per service
        of_service.setdefault(t.service, []).append(t)
    body = []
    for service in w.collection.services:
        if account is not None and service.account != account:
            continue
        details = [w.detail(t) for t in of_service.get(service, ())]
        if details:
            body.append((w.record(s.lot_header, w.scope(account=account, service=service)), details))
    return body


def _state_order(state: object) -> int:
    return list(catalogs.PSE_STATES).index(str(state))


def _group_keys(fmt: FileLayout) -> list[Field]:
    """The detail fields whose values make an aggregate line's group (``pse-summary``:
    state and bank): those with a role that is not added up."""
    return [f for f in fmt.detail.attributes
            if f.role is not None and f.role not in AGGREGATED and f.constant is None]


def _group_key(w: _Writer, keys: Sequence[Field], t: Transaction) -> tuple[Any, ...]:
    scope = w.scope(account=t.service.account, transaction=t)
    return tuple(value(f, scope) for f in keys)


def _aggregates(w: _Writer, payments: Iterable[Transaction]) -> list[Record]:
    """One line per group of payments that agree on the detail's roles that are not
    added up (``pse-summary``: state and bank), in state order then by those values."""
    keys = _group_keys(w.fmt)
    groups: dict[tuple[Any, ...], Group] = {}
    for t in payments:
        k = _group_key(w, keys, t)
        group = groups.get(k)
        if group is None:
            group = groups[k] = Group(t)
        group.add(t)
    return _group_lines(w, keys, groups)


def _group_lines(w: _Writer, keys: Sequence[Field], groups: Mapping[tuple[Any, ...], Group]) -> list[Record]:
    """The aggregate lines of ``groups``, in state order then by their keys."""
    state = next((i for i, f in enumerate(keys) if f.role is Role.STATE), None)
    order = sorted(groups, key=lambda k: (0 if state is None else _state_order(k[state]), k))
    rec = w.fmt.detail
    return [w.record(rec.record_type, w.scope(transaction=groups[k].first, group=groups[k])) for k in order]


# -- the entry point ----------------------------------------------------------------
# A format named statically gives a file of that format's records (ADR 0014).
@overload
def generate(format: Literal["asobancaria-1998"], collection: Collection, *, width: int | None = ...,
             account: CollectingAccount | str | None = ..., authorizing_bank: Bank | str | None = ...,
             created_at: dt.datetime | None = ..., modifier: str = ..., newline: str = ...,
             ) -> asobancaria_1998.File: ...


@overload
def generate(format: Literal["asobancaria-2001"], collection: Collection, *, width: int | None = ...,
             account: CollectingAccount | str | None = ..., authorizing_bank: Bank | str | None = ...,
             created_at: dt.datetime | None = ..., modifier: str = ..., newline: str = ...,
             ) -> asobancaria_2001.File: ...


@overload
def generate(format: Literal["andesco"], collection: Collection, *, width: int | None = ...,
             account: CollectingAccount | str | None = ..., authorizing_bank: Bank | str | None = ...,
             created_at: dt.datetime | None = ..., modifier: str = ..., newline: str = ...,
             ) -> andesco.File: ...


@overload
def generate(format: Literal["pse-summary"], collection: Collection, *, width: int | None = ...,
             account: CollectingAccount | str | None = ..., authorizing_bank: Bank | str | None = ...,
             created_at: dt.datetime | None = ..., modifier: str = ..., newline: str = ...,
             ) -> pse_summary.File: ...


@overload
def generate(format: Literal["pse-detail"], collection: Collection, *, width: int | None = ...,
             account: CollectingAccount | str | None = ..., authorizing_bank: Bank | str | None = ...,
             created_at: dt.datetime | None = ..., modifier: str = ..., newline: str = ...,
             ) -> pse_detail.File: ...


@overload
def generate(format: str | FileLayout, collection: Collection, *, width: int | None = ...,
             account: CollectingAccount | str | None = ..., authorizing_bank: Bank | str | None = ...,
             created_at: dt.datetime | None = ..., modifier: str = ..., newline: str = ...,
             ) -> File: ...


def generate(
    format: str | FileLayout,
    collection: Collection,
    *,
    width: int | None = None,
    account: CollectingAccount | str | None = None,
    authorizing_bank: Bank | str | None = None,
    created_at: dt.datetime | None = None,
    modifier: str = DEFAULT_MODIFIER,
    newline: str = "\n",
) -> File:
    """The file of ``format`` (a name, or a layout declared anywhere; at ``width``)
    that reports ``collection``.

    ``account`` (a :class:`CollectingAccount` or its number) keeps the payments of
    the services credited to that account; the recaudo formats need it when the
    services use several accounts, since their header names one. ``authorizing_bank``
    (a :class:`Bank` or its 4-digit code) keeps the payments that bank authorized;
    Asobancaria 1998 needs it when approved payments come from several banks, since
    its header names one. ``created_at`` is the file's creation time (2001 and
    Andesco ``fecha_archivo``/``hora_archivo``; default: the cycle's closing) and
    ``modifier`` their ``modificador_archivo``.

    Raises :class:`GenerateError` naming the field when a value does not fit (an
    amount with centavos in Asobancaria 1998, a reference too long, a total too
    large) and when the selection is ambiguous.
    """
    fmt, header, body = _content(format, collection, width, account, authorizing_bank, created_at, modifier)
    try:
        return build(fmt, header, body, width=width, newline=newline)
    except EncodeError as exc:  # a control total that does not fit its field
        raise _error(exc, None) from exc


@attrs.frozen
class Lines:
    """A generated file as the lines to write (each with its ending), what
    ``dumps(generate(...))`` gives, with its format's name, detail count and total."""

    format: str
    lines: list[bytes]
    details: int
    total: Decimal


def generate_lines(
    format: str | FileLayout,
    collection: Collection,
    *,
    width: int | None = None,
    account: CollectingAccount | str | None = None,
    authorizing_bank: Bank | str | None = None,
    created_at: dt.datetime | None = None,
    modifier: str = DEFAULT_MODIFIER,
    newline: str = "\n",
) -> Lines:
    """:func:`generate`'s file as its lines, for a caller that writes it
    (``pse-recon generate``): the same checks and errors, without the file's records
    typed back from the lines (a million records less to hold)."""
    fmt, header, body = _content(format, collection, width, account, authorizing_bank, created_at, modifier)
    try:
        lines = build_lines(fmt, header, body, width=width, newline=newline)
    except EncodeError as exc:
        raise _error(exc, None) from exc
    details = [d for _, lot in body for d in lot] if isinstance(fmt.structure, LotStructure) else body
    total = money.total(getattr(d, fmt.amount_field) for d in details)
    return Lines(fmt.name, lines, len(details), _as_read(fmt, total))


def _as_read(fmt: FileLayout, total: Decimal) -> Decimal:
    """``total`` as the file's details give it back: with the amount field's decimals
    (18000, not 18000.00)."""
    amount = fmt.detail.field(fmt.amount_field)
    units = money.units(total, amount.decimals, len(str(int(total))) + amount.decimals)
    return money.from_units(units, amount.decimals)


def _content(format: str | FileLayout, collection: Collection, width: int | None,
             account: CollectingAccount | str | None, authorizing_bank: Bank | str | None,
             created_at: dt.datetime | None, modifier: str) -> tuple[FileLayout, Record, Any]:
    """The layout, header and body (lots or details) of :func:`generate`'s file."""
    if not isinstance(collection, Collection):
        raise TypeError(f"generate takes a Collection, got {type(collection).__name__}")
    fmt = get_layout(format, width)
    s = fmt.structure
    head = fmt[s.header]
    one_account = any(head.role(r) is not None for r in ACCOUNT_ROLES)
    chosen = _select_account(collection, account) if one_account or account else None
    transactions = [
        t
        for t in collection.transactions
        if (chosen is None or t.service.account == chosen)
        and (authorizing_bank is None or t.authorizing_bank.code == _bank_code(authorizing_bank))
    ]
    c = attrs.evolve(collection, transactions=transactions)
    payments: Sequence[Transaction] = c.transactions if fmt.detail.role(Role.STATE) else c.approved
    names_bank = head.role(Role.PAYING_BANK)
    bank = (None if names_bank is None
            else _select_bank(fmt, names_bank, _banks_of(payments), authorizing_bank))
    if one_account and chosen is None:
        raise GenerateError(f"{fmt.name}: the collection has no service, so no account for the header")
    if bank is not None:
        payments = [t for t in payments if t.authorizing_bank.code == bank.code]
    _check_places(fmt, payments)
    w = _Writer(fmt, c)
    moment = local(created_at) if created_at is not None else c.cycle.closing
    header = w.record(s.header, w.scope(account=chosen, bank=bank, made=_made(head, moment),
                                        modifier=modifier))
    body: Any
    if isinstance(s, LotStructure):
        body = _lots(w, s, payments, chosen)
    elif fmt.detail.role(Role.TRANSACTIONS) is not None:
        body = _aggregates(w, payments)
    elif fmt.detail.role(Role.STATE) is not None:
        body = [w.detail(t) for t in sorted(payments, key=lambda t: _state_order(t.state.value))]
    else:
        body = [w.detail(t) for t in payments]
    return fmt, header, body
