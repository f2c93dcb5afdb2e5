"""Generating collection files from the domain model.

A :class:`Collection` is what a company collected in a cycle: the company, its
services (each paid into a collecting account), the cycle the file reports and the
PSE transactions. :func:`generate` turns it into a file of any of the five formats
through :func:`pse_recon.build`, which computes every count, total, lot number,
sequence and PSE state total; nothing here adds money up.

What goes where (the decisions are documented in ``docs/generating.md``):

* recaudo formats (Asobancaria 1998 and 2001, Andesco) carry **approved** payments
  only, one lot per service in the lot formats; PSE formats carry every state;
* ``referencia_principal`` (1998: ``identificacion_usuario``) is
  :func:`payment_reference`: reference 1 when it is all digits, else the ticket id;
* ``numero_operacion`` is the last digits of the CUS, ``numero_autorizacion`` the
  last characters of the authorization code when they are all digits (left at the
  manual's "opcional" zeros otherwise), ``codigo_sucursal`` the number of the cycle
  that authorized the payment;
* a value that does not fit its field raises :class:`GenerateError` naming the
  field (and the transaction); money is never rounded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

import attrs

from pse_recon import catalogs, money
from pse_recon.calendar import COLOMBIA_TZ
from pse_recon.codec.builder import build
from pse_recon.codec.reader import DEFAULT_ENCODING
from pse_recon.codec.writer import unencodable
from pse_recon.declaration import END_OF_DAY, FileLayout, FlatStructure, LotStructure, StateStructure
from pse_recon.errors import EncodeError, GenerateError
from pse_recon.layouts import layout as get_layout
from pse_recon.model import Bank, CollectingAccount, Collection, Transaction
from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes
from pse_recon.records.files import File

__all__ = [
    "DEFAULT_MODIFIER",
    "RECAUDO_FORMATS",
    "Collection",
    "generate",
    "payment_reference",
]

#: The formats that carry approved payments only (the others are the PSE ones).
RECAUDO_FORMATS: Final = frozenset({"asobancaria-1998", "asobancaria-2001", "andesco"})

#: ``modificador_archivo`` of generated 2001 and Andesco headers unless told otherwise.
DEFAULT_MODIFIER: Final = "A"


def payment_reference(reference_1: str, ticket_id: str) -> str:
    """The reference a recaudo file carries for a payment: ``reference_1`` when it is
    all ASCII digits (the payer's client or invoice number), else ``ticket_id``.

    Recaudo references are numeric fields, so an alphanumeric reference cannot be
    written; the manual describes the field as the ticket id "asignado por la Empresa
    o por el usuario", which is the fallback. Reconciliation applies the same rule
    to ``pse-detail`` lines, so a payment has the same reference in every format.
    """
    ref = reference_1.strip()
    return ref if ref and ref.isascii() and ref.isdigit() else ticket_id


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


def _select_bank(approved: Sequence[Transaction], bank: Bank | str | None) -> Bank:
    banks = {t.authorizing_bank.code: t.authorizing_bank for t in approved}
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
            "no approved payment to take the authorizing bank of the Asobancaria 1998 header "
            "(codigo_recaudo) from: name it (authorizing_bank=, --bank)",
            field="codigo_recaudo",
        )
    codes = ", ".join(sorted(banks))
    raise GenerateError(
        f"approved payments come from {len(banks)} authorizing banks ({codes}), and an Asobancaria "
        "1998 file names one in its header (codigo_recaudo): choose one (authorizing_bank=, --bank)",
        field="codigo_recaudo",
    )


# -- values -------------------------------------------------------------------------
def _last(value: str, length: int) -> str:
    return value[-length:]


def _local(moment: dt.datetime) -> dt.datetime:
    """Naive Colombian local time (aware values are converted to UTC-5 first)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(COLOMBIA_TZ).replace(tzinfo=None)
    return moment


def _hhmm(moment: dt.datetime) -> tuple[dt.date, dt.time]:
    """A file date and HHMM time: minutes, and midnight as ``2400`` of the day before
    (spec decision 4: HHMM runs from 0001 to 2400)."""
    t = moment.time().replace(second=0, microsecond=0)
    if t == dt.time(0, 0):
        return moment.date() - dt.timedelta(days=1), END_OF_DAY
    return moment.date(), t


def _authorization(code: str, length: int) -> str | None:
    """The last ``length`` characters of an authorization code when all digits; None
    (the field keeps its optional zeros) otherwise."""
    tail = code.strip()[-length:]
    return tail if tail and tail.isascii() and tail.isdigit() else None


def _digits_only(value: str, field: str, what: str) -> str:
    if not (value.isascii() and value.isdigit()):
        raise GenerateError(f"field {field}: {what} {value!r} is not all digits", field=field)
    return value


def _make_record(
    cls: type[Record], values: dict[str, Any], transaction: Transaction | None
) -> Record:
    """The record of ``values``, checked now (by the record itself, and for the file's
    encoding), so a value that does not fit is reported with the payment it came
    from (the builder would report it without)."""
    try:
        record = cls(**values)
    except EncodeError as exc:
        raise _error(exc, transaction) from exc
    texts = [getattr(record, f.name) for f in record.layout.attributes if f.kind.holds_text]
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
    """Records of one format from model objects."""

    def __init__(self, fmt: FileLayout) -> None:
        self.fmt = fmt
        self.classes = record_classes(fmt)

    def record(self, code: str, transaction: Transaction | None = None, **values: Any) -> Record:
        declared = {f.name for f in self.fmt[code].attributes}
        unknown = set(values) - declared
        if unknown:  # pragma: no cover - a mistake in this module, not in the input
            raise AssertionError(f"{self.fmt.name} record {code} has no field {sorted(unknown)}")
        return _make_record(self.classes[code], values, transaction)

    def length(self, code: str, field: str) -> int:
        return self.fmt[code].field(field).length


def _recaudo_detail(w: _Writer, code: str, t: Transaction) -> Record:
    """A 2001 or Andesco detail (06)."""
    declared = {f.name for f in w.fmt[code].attributes}
    values: dict[str, Any] = {
        "referencia_principal": payment_reference(t.reference_1, t.ticket_id),
        "valor_recaudado": t.amount,
        "procedencia_pago": catalogs.PROCEDENCIA_PSE,
        "medio_pago": catalogs.MEDIO_PAGO_PSE,
        "numero_operacion": _last(t.cus, w.length(code, "numero_operacion")),
        "codigo_entidad_debitada": t.authorizing_bank.transit_code,
        "codigo_sucursal": str(t.cycle.number),
    }
    authorization = _authorization(t.authorization_code, w.length(code, "numero_autorizacion"))
    if authorization is not None:
        values["numero_autorizacion"] = authorization
    secondary = t.reference_2.strip()
    if "referencia_secundaria" in declared and secondary.isascii() and secondary.isdigit():
        values["referencia_secundaria"] = secondary
    return w.record(code, t, **values)


def _lot_file(
    w: _Writer, s: LotStructure, c: Collection, account: CollectingAccount | None, **header: Any
) -> tuple[Record, list[tuple[Record, list[Record]]]]:
    if account is None:
        raise GenerateError(f"{w.fmt.name}: the collection has no service, so no account for the header")
    declared = {f.name for f in w.fmt[s.file_header].attributes}
    number = account.number
    if not w.fmt[s.file_header].field("numero_cuenta").kind.holds_text:
        number = _digits_only(number, "numero_cuenta", f"{w.fmt.title} needs a numeric account; account")
    values: dict[str, Any] = {
        "nit_empresa": c.company.nit_with_dv,
        "fecha_pago": c.cycle.closing_date,
        "codigo_entidad_recaudadora": account.bank.transit_code,
        "numero_cuenta": number,
        "tipo_cuenta": account.account_type,
        **header,
    }
    file_header = w.record(s.file_header, **{k: v for k, v in values.items() if k in declared})
    body = []
    for service in c.services:
        if service.account != account:
            continue
        details = [_recaudo_detail(w, s.detail, t) for t in c.approved if t.service == service]
        if details:
            body.append((w.record(s.lot_header, codigo_servicio=service.code), details))
    return file_header, body


def _flat_file(
    w: _Writer, s: FlatStructure, c: Collection, account: CollectingAccount | None, bank: Bank
) -> tuple[Record, list[Record]]:
    if account is None:
        raise GenerateError(f"{w.fmt.name}: the collection has no service, so no account for the header")
    length = w.length(s.header, "cuenta_abono")
    number = _digits_only(account.number, "cuenta_abono", "Asobancaria 1998 needs a numeric account; account")
    places = w.fmt[s.detail].field("valor_recaudado").decimals
    for t in c.approved:
        if money.places(t.amount) > places:
            raise GenerateError(
                f"transaction CUS {t.cus} (ticket {t.ticket_id}): record {s.detail}, field "
                f"valor_recaudado: {t.amount} has centavos, and Asobancaria 1998 amounts are whole "
                "pesos (an amount is never rounded)",
                field="valor_recaudado",
                record_type=s.detail,
                transaction=t,
            )
    header = w.record(
        s.header,
        nit_empresa=c.company.nit_with_dv,
        fecha_pago=c.cycle.closing_date,
        codigo_recaudo=bank.transit_code,
        cuenta_abono=number[:length],  # the manual: "los primeros 15 dígitos"
    )
    details = [
        w.record(
            s.detail,
            t,
            identificacion_usuario=payment_reference(t.reference_1, t.ticket_id),
            valor_recaudado=t.amount,
        )
        for t in c.approved
        if t.service.account == account and t.authorizing_bank.code == bank.code
    ]
    return header, details


def _pse_header(w: _Writer, s: StateStructure, c: Collection) -> Record:
    return w.record(
        s.header,
        codigo_entidad_origen=c.pse_code or "0",
        fecha_cierre_ciclo=c.cycle.closing_date,
        hora_cierre_ciclo=c.cycle.closing_time,
        codigo_ciclo=str(c.cycle.number),
        codigo_empresa=c.company.nit,
    )


def _state_order(state: str) -> int:
    return list(catalogs.PSE_STATES).index(state)


def _pse_detail_lines(w: _Writer, s: StateStructure, transactions: Sequence[Transaction]) -> list[Record]:
    code = s.detail
    lines = []
    for t in sorted(transactions, key=lambda t: _state_order(t.state.value)):
        created, processed = _local(t.created_at), _local(t.processed_at)
        lines.append(
            w.record(
                code,
                t,
                estado=t.state.value,
                ticket_id=t.ticket_id,
                cus=_last(t.cus, w.length(code, "cus")),
                codigo_entidad=t.authorizing_bank.code,
                codigo_servicio=_last(t.service.code, w.length(code, "codigo_servicio")),
                entidad_credito=t.service.account.bank.code,
                cuenta_credito=t.service.account.number,
                valor_transaccion=t.amount,
                valor_iva=t.iva,
                codigo_autorizacion=t.authorization_code,
                referencia_1=t.reference_1,
                referencia_2=t.reference_2,
                referencia_3=t.reference_3,
                fecha_proceso=processed.date(),
                hora_registro_pse=created.time().replace(microsecond=0),
                ciclo_proceso=str(t.cycle.number),
            )
        )
    return lines


def _pse_summary_lines(w: _Writer, s: StateStructure, transactions: Sequence[Transaction]) -> list[Record]:
    groups: dict[tuple[str, str], list[Transaction]] = {}
    for t in transactions:
        groups.setdefault((t.state.value, t.authorizing_bank.code), []).append(t)
    lines = []
    for (state, bank), group in sorted(groups.items(), key=lambda kv: (_state_order(kv[0][0]), kv[0][1])):
        lines.append(
            w.record(
                s.detail,
                estado=state,
                codigo_entidad=bank,
                total_transacciones=len(group),
                valor_transacciones=money.total(t.amount for t in group),
                valor_iva=money.total(t.iva for t in group),
            )
        )
    return lines


# -- the entry point ----------------------------------------------------------------
def generate(
    format: str,
    collection: Collection,
    *,
    width: int | None = None,
    account: CollectingAccount | str | None = None,
    authorizing_bank: Bank | str | None = None,
    created_at: dt.datetime | None = None,
    modifier: str = DEFAULT_MODIFIER,
    newline: str = "\n",
) -> File:
    """The file of ``format`` (at ``width``) that reports ``collection``.

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
    if not isinstance(collection, Collection):
        raise TypeError(f"generate takes a Collection, got {type(collection).__name__}")
    fmt = get_layout(format, width)
    w = _Writer(fmt)
    s = fmt.structure
    chosen = _select_account(collection, account) if format in RECAUDO_FORMATS or account else None
    transactions = [
        t
        for t in collection.transactions
        if (chosen is None or t.service.account == chosen)
        and (authorizing_bank is None or t.authorizing_bank.code == _bank_code(authorizing_bank))
    ]
    c = attrs.evolve(collection, transactions=transactions)
    body: Any
    if isinstance(s, LotStructure):
        moment = _local(created_at) if created_at is not None else c.cycle.closing
        day, hhmm = _hhmm(moment)
        header, body = _lot_file(
            w, s, c, chosen, fecha_archivo=day, hora_archivo=hhmm, modificador_archivo=modifier
        )
    elif isinstance(s, FlatStructure):
        header, body = _flat_file(w, s, c, chosen, _select_bank(c.approved, authorizing_bank))
    else:
        header = _pse_header(w, s, c)
        many = _pse_summary_lines if fmt.name == "pse-summary" else _pse_detail_lines
        body = many(w, s, c.transactions)
    try:
        return build(fmt.name, header, body, width=width, newline=newline)
    except EncodeError as exc:  # a control total that does not fit its field
        raise _error(exc, None) from exc
