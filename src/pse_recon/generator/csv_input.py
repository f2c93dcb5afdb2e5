"""Reading a :class:`~pse_recon.generator.Collection` from a transactions CSV (the
schema in ``docs/generating.md``): one row per transaction, the company, service,
account and cycle columns repeated on every row, which must agree. Every problem
raises :class:`InputError` naming the file, line and column; a CUS given twice is an
error naming both lines. :class:`CsvTransactions` gives the transactions as the rows
are read, for ``pse-recon generate``'s flat memory; :func:`collection_from_csv`
holds them.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, Final, TypeVar

from pse_recon.compile.model import constructor
from pse_recon.errors import InputError
from pse_recon.generator.cells import (
    _bank,
    _build,
    _cell,
    _date,
    _datetime,
    _int,
    _pse_code,
    _state,
    _time,
    _unique_cus,
)
from pse_recon.generator.cus_index import CusIndex
from pse_recon.generator.input_files import CsvRows, InputSource, parse_amount
from pse_recon.model import (
    Bank,
    CollectingAccount,
    Collection,
    Company,
    Cycle,
    PseState,
    Service,
    Transaction,
)
from pse_recon.money import ZERO

__all__ = ["CSV_COLUMNS", "CSV_OPTIONAL", "CsvTransactions", "collection_from_csv"]

T = TypeVar("T")

#: Required columns of the transactions CSV, in the order the example uses.
CSV_COLUMNS: Final = (
    "company_nit",
    "company_name",
    "service_code",
    "service_name",
    "account_bank",
    "account_type",
    "account_number",
    "cycle_number",
    "cycle_date",
    "cycle_time",
    "cus",
    "ticket_id",
    "reference_1",
    "amount",
    "state",
    "authorizing_bank",
    "created_at",
)
#: Optional columns (empty cells take the default).
CSV_OPTIONAL: Final = (
    "company_dv",
    "company_pse_code",
    "reference_2",
    "reference_3",
    "iva",
    "authorization_code",
    "processed_at",
    "cause",
)

def _same(at: str, columns: str, what: str, seen: dict[str, T], key: str, value: T) -> T:
    """``value``, refused (at ``at``, ``columns``) when an earlier row gave another for
    ``key``. Rows mostly share the objects (:class:`_Entities`): those are the same."""
    first = seen.setdefault(key, value)
    if first is not value and first != value:
        raise InputError(f"{what} differs from an earlier row: {value!r} vs {first!r}",
                         where=f"{at}, {columns}")
    return first


class _Entities:
    """The company, cycle, service and banks of CSV rows, each built (and checked) once
    per distinct set of cells: a million rows name a handful of them, and building a
    model object is most of a row's cost. An object is a pure function of its cells,
    so a row whose cells were seen gets the object built from them, and a row whose
    cells are new is built, and fails, where it did before."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, ...], Any] = {}

    def get(self, key: tuple[str, ...], make: Callable[[], T]) -> T:
        try:
            found: T = self.made[key]
        except KeyError:
            found = self.made[key] = make()
        return found


def _csv_row(at: str, row: dict[str, str], seen: _Entities
             ) -> tuple[Company, str, Cycle, Service, Callable[[Service, Cycle], Transaction]]:
    """The model objects of one CSV row; the transaction as a function of the service
    and cycle it is built with (the earlier rows' when they are equal, so a
    collection shares them). The first row of each set of company, cycle and service
    cells comes here; :class:`_Payments` reads the others' transactions alike."""

    def get(column: str, parse: Callable[[str], T]) -> T:
        return _cell(at, column, parse, row.get(column, ""))

    def cell(column: str) -> str:
        return row.get(column, "").strip()

    def bank(column: str) -> Bank:
        return seen.get(("bank", row.get(column, "")), lambda: get(column, _bank))

    def company() -> Company:
        dv = {"check_digit": cell("company_dv")} if cell("company_dv") else {}
        return _build(f"{at}, columns company_*",
                      lambda: Company(nit=cell("company_nit"), name=cell("company_name"), **dv))

    def cycle() -> Cycle:
        return _build(f"{at}, columns cycle_*", lambda: Cycle(
            number=get("cycle_number", _int),
            closing_date=get("cycle_date", _date),
            closing_time=get("cycle_time", _time),
        ))

    def service() -> Service:
        account = _build(f"{at}, columns account_*", lambda: CollectingAccount(
            bank=bank("account_bank"), account_type=cell("account_type"), number=cell("account_number")
        ))
        return _build(f"{at}, columns service_*",
                      lambda: Service(code=cell("service_code"), name=cell("service_name"), account=account))

    cells = row.get
    the_company = seen.get(("company", cells("company_nit", ""), cells("company_name", ""),
                            cells("company_dv", "")), company)
    the_cycle = seen.get(("cycle", cells("cycle_number", ""), cells("cycle_date", ""),
                          cells("cycle_time", "")), cycle)
    the_service = seen.get(("service", cells("account_bank", ""), cells("account_type", ""),
                            cells("account_number", ""), cells("service_code", ""),
                            cells("service_name", "")), service)
    created = get("created_at", _datetime)
    amount = get("amount", parse_amount)
    iva = get("iva", parse_amount) if cell("iva") else Decimal(0)
    state = get("state", _state)
    authorizing_bank = bank("authorizing_bank")
    processed = get("processed_at", _datetime) if cell("processed_at") else created

    def transaction(service: Service, cycle: Cycle) -> Transaction:
        return _build(at, lambda: Transaction(
            cus=cell("cus"),
            ticket_id=cell("ticket_id"),
            reference_1=cell("reference_1"),
            reference_2=cell("reference_2"),
            reference_3=cell("reference_3"),
            amount=amount,
            iva=iva,
            state=state,
            authorizing_bank=authorizing_bank,
            authorization_code=cell("authorization_code"),
            service=service,
            cycle=cycle,
            created_at=created,
            processed_at=processed,
            cause=cell("cause") or None,
        ))

    return the_company, get("company_pse_code", _pse_code), the_cycle, the_service, transaction


def _earlier(seen: dict[str, T], key: str, value: T) -> T:
    """The object an earlier row gave for ``key`` when it equals ``value``, else ``value``."""
    first = seen.get(key, value)
    return first if first is value or first == value else value


def collection_from_csv(path: InputSource, *,
                        progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None) -> Collection:
    """A collection from a transactions CSV (one row per transaction); ``progress``,
    when given, wraps the rows as they are read (the command's progress line)."""
    rows = CsvTransactions(path, progress=progress)
    transactions = [t for t, _ in rows]
    c = rows.collection
    return _build(str(rows.path), lambda: Collection(
        company=c.company, cycle=c.cycle, services=c.services, transactions=transactions, pse_code=c.pse_code,
    ))


class CsvTransactions:
    """The transactions of a CSV as its rows are read, each with the collection as far
    as it is known (company, cycle and code at PSE, from the first row): each row
    checked as :func:`collection_from_csv` checks it, raising what it raises, where it
    raises it (the file found UTF-8 first, as it reads it whole first). Iterate once;
    then :attr:`collection` is the company, cycle, services and code at PSE, without
    the transactions. ``pse-recon generate`` writes a million of them in flat memory
    (:mod:`~pse_recon.generator.streaming`)."""

    def __init__(self, path: InputSource, *,
                 progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None) -> None:
        self.path = path
        self.progress = progress
        self._collection: Collection | None = None

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            raise RuntimeError("the transactions are not read yet")
        return self._collection

    def __iter__(self) -> Iterator[tuple[Transaction, Collection]]:
        path = self.path
        first: dict[str, Any] = {}
        services: dict[str, Service] = {}
        cus_lines = CusIndex()
        seen = _Entities()
        # The context cells (company, cycle, service, account, code at PSE) of rows read
        # without error → the service and cycle of their transactions.
        known: dict[tuple[str, ...], tuple[Service, Cycle]] = {}
        head: Collection | None = None
        with CsvRows(path, CSV_COLUMNS, CSV_OPTIONAL) as reader:
            names, table = reader.table()
            payments = _Payments(path, names, seen)
            context, pad = payments.context, payments.pad
            rows: Iterable[tuple[int, list[str]]] = (
                table if self.progress is None else self.progress(table))
            try:
                for line, cells in rows:
                    if pad:
                        cells.append("")  # the cell of the optional columns not in the header
                    found = known.get(key := context(cells))
                    if found is not None:
                        transaction = payments.transaction(line, cells, *found)
                    else:
                        at = f"{path}, line {line}"
                        row = dict(zip(names, cells, strict=False))  # past the names: padding
                        company, pse_code, cycle, service, make = _csv_row(at, row, seen)
                        transaction = make(_earlier(services, service.code, service),
                                           _earlier(first, "cycle", cycle))
                    if cus_lines.setdefault(transaction.cus, line) != line:
                        _unique_cus(f"{path}, line {line}, column cus", transaction.cus, cus_lines, line,
                                    "line")
                    if found is None:
                        _same(at, "columns company_*", "the company", first, "company", company)
                        _same(at, "column company_pse_code", "company_pse_code", first, "pse_code", pse_code)
                        _same(at, "columns cycle_*", "the cycle", first, "cycle", cycle)
                        if services.get(service.code) is not service:
                            _same(at, "columns service_*/account_*", f"service {service.code}", services,
                                  service.code, service)
                        known[key] = (transaction.service, transaction.cycle)
                    if head is None:
                        head = _build(str(path), lambda: Collection(
                            company=first["company"], cycle=first["cycle"], pse_code=first["pse_code"]))
                    yield transaction, head
            except InputError:
                reader.rest()  # a byte that is not UTF-8 further on is said first, as before
                raise
        if head is None:
            raise InputError(
                "has no transaction rows; the company and cycle come from the rows, so a CSV "
                "needs at least one (use the JSON form for a cycle without payments)", where=str(path),
            )
        self._collection = _build(str(path), lambda: Collection(
            company=first["company"], cycle=first["cycle"], services=list(services.values()),
            pse_code=first["pse_code"],
        ))


#: The columns of a row's context: its company, cycle, service and account, and the
#: company's code at PSE. Rows that repeat the cells of a row read before share its objects.
_CONTEXT: Final = (
    "company_nit", "company_name", "company_dv", "company_pse_code", "cycle_number", "cycle_date",
    "cycle_time", "account_bank", "account_type", "account_number", "service_code", "service_name",
)


#: The columns of a row's transaction, in the order :class:`_Payments` reads them.
_PAYMENT: Final = (
    "created_at", "amount", "iva", "state", "authorizing_bank", "processed_at", "cus", "ticket_id",
    "reference_1", "reference_2", "reference_3", "authorization_code", "cause",
)


_fromisoformat: Final = dt.datetime.fromisoformat  # what cells._datetime reads a stripped cell with


class _Payments:
    """The transaction of a row whose context cells (:data:`_CONTEXT`) a row read
    before had: what :func:`_csv_row` makes of it, with the same checks, in the same
    order, raising the same errors, its cells looked up by position (a million rows)."""

    def __init__(self, path: InputSource, names: list[str], seen: _Entities) -> None:
        self.path, self.seen = path, seen
        where = {name: i for i, name in enumerate(names)}
        #: Whether rows get one more cell, "", for the optional columns the header lacks.
        self.pad = any(c not in where for c in CSV_OPTIONAL)
        self.at = {c: where.get(c, len(names)) for c in (*CSV_COLUMNS, *CSV_OPTIONAL)}
        self.context = operator.itemgetter(*(self.at[c] for c in _CONTEXT))
        self.cells = operator.itemgetter(*(self.at[c] for c in _PAYMENT))
        self.banks: dict[str, Bank] = {}  # authorizing_bank cell → its bank, as ``seen`` has it
        self.states: dict[str, PseState] = {}  # state cell → its state
        self.make: Callable[..., Transaction] = constructor(Transaction)  # Transaction(...), compiled

    def transaction(self, line: int, row: list[str], service: Service, cycle: Cycle) -> Transaction:
        (created_at, amount_cell, iva_cell, state_cell, bank_cell, processed_at, cus, ticket_id,
         reference_1, reference_2, reference_3, authorization_code, cause) = self.cells(row)
        try:  # the cells as _csv_row reads them; a state and a bank by their cell, once
            created = _fromisoformat(created_at.strip())
            amount = parse_amount(amount_cell)
            iva = parse_amount(iva_cell) if iva_cell.strip() else ZERO
            state = self.states.get(state_cell) or self.states.setdefault(state_cell, _state(state_cell))
            bank = self.banks.get(bank_cell)
            if bank is None:
                bank = self.banks[bank_cell] = self.seen.get(("bank", bank_cell), lambda: _bank(bank_cell))
            processed = _fromisoformat(processed_at.strip()) if processed_at.strip() else created
        except ValueError:
            raise self._refused(line, row) from None
        try:
            return self.make(
                cus=cus.strip(),
                ticket_id=ticket_id.strip(),
                reference_1=reference_1.strip(),
                reference_2=reference_2.strip(),
                reference_3=reference_3.strip(),
                amount=amount,
                iva=iva,
                state=state,
                authorizing_bank=bank,
                authorization_code=authorization_code.strip(),
                service=service,
                cycle=cycle,
                created_at=created,
                processed_at=processed,
                cause=cause.strip() or None,
            )
        except (TypeError, ValueError, KeyError) as exc:  # as _build says them
            raise InputError(str(exc.args[0]) if exc.args else str(exc),
                             where=f"{self.path}, line {line}") from None

    def _refused(self, line: int, row: list[str]) -> InputError:
        """The error of the first cell of ``row`` that :meth:`transaction` could not read,
        as :func:`_csv_row` says it: each cell read again, in order, by its parser."""
        at = self.at
        for column, parse in (("created_at", _datetime), ("amount", parse_amount), ("iva", parse_amount),
                              ("state", _state), ("authorizing_bank", _bank), ("processed_at", _datetime)):
            cell = row[at[column]]
            if column in ("iva", "processed_at") and not cell.strip():
                continue  # empty: the default
            try:
                parse(cell)
            except ValueError as exc:
                return InputError(str(exc), where=f"{self.path}, line {line}, column {column}")
        raise AssertionError(f"{self.path}, line {line}: no cell is refused")  # the parsers are pure
