"""Reading a :class:`~pse_recon.generator.Collection` from CSV or JSON (the input of
``pse-recon generate``); the schemas are documented in ``docs/generating.md``.

CSV: one row per transaction; the company, service, account and cycle columns are
repeated on every row and must agree. JSON: one object with ``company``,
``cycle``, ``services`` and ``transactions``. Amounts are decimal text with a dot
(``85400`` or ``85400.50``, never rounded, at most 16 integer digits); in JSON they
may also be numbers, read exactly. Every problem raises :class:`InputError` naming
the file, line (CSV) or item, and column; nothing is read twice or guessed: a
column the loader reads given twice, a JSON key given twice and a CUS given twice
are errors naming both places (the files themselves are read by
:mod:`~pse_recon.generator.input_files`, whose names are re-exported here).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Final, TypeVar

from pse_recon import catalogs
from pse_recon.errors import InputError
from pse_recon.generator.cus_index import CusIndex
from pse_recon.generator.input_files import (
    CsvRows,
    InputSource,
    as_source,
    brief,
    load_json,
    named_kind,
    parse_amount,
    read_csv_rows,
    read_text,
)
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

__all__ = [
    "CSV_COLUMNS",
    "CSV_OPTIONAL",
    "CsvTransactions",
    "InputError",
    "InputSource",
    "as_source",
    "collection_from_csv",
    "collection_from_json",
    "load_collection",
    "load_json",
    "parse_amount",
    "read_csv_rows",
    "read_text",
]

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

#: Whole numbers (cycle numbers) longer than this are refused before conversion.
WHOLE_NUMBER_DIGITS: Final = 18
_STATE_NAMES: Final = {
    "approved": PseState.APPROVED,
    "rejected": PseState.REJECTED,
    "pending": PseState.PENDING,
    "failed": PseState.FAILED,
}


# -- values -----------------------------------------------------------------------
def _state(value: str) -> PseState:
    text = value.strip()
    if text in catalogs.PSE_STATES:
        return PseState(text)
    try:
        return _STATE_NAMES[text.lower()]
    except KeyError:
        raise ValueError(
            f"must be 1 (approved), 2 (rejected), 3 (pending) or 4 (failed), got {brief(value)}"
        ) from None


def _bank(value: str) -> Bank:
    code = value.strip()
    if not (len(code) == 4 and code.isascii() and code.isdigit()):
        raise ValueError(f"must be a 4-digit PSE/ACH bank code (e.g. 1007), got {brief(value)}")
    return Bank(code=code, name=catalogs.BANKS.get(code, f"Bank {code}"))


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"must be a date YYYY-MM-DD, got {brief(value)}") from None


def _time(value: str) -> dt.time:
    try:
        return dt.time.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"must be a time HH:MM or HH:MM:SS, got {brief(value)}") from None


def _datetime(value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"must be a date and time YYYY-MM-DDTHH:MM:SS, got {brief(value)}") from None


def _int(value: str) -> int:
    text = value.strip()
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"must be a whole number, got {brief(value)}")
    if len(text) > WHOLE_NUMBER_DIGITS:
        raise ValueError(f"must be a whole number of at most {WHOLE_NUMBER_DIGITS} digits, got {len(text)}")
    return int(text)


def _pse_code(value: str) -> str:
    """The company's code at PSE: digits, or empty (``Collection.pse_code``)."""
    text = value.strip()
    if text and not (text.isascii() and text.isdigit()):
        raise ValueError(f"must be digits (or empty), got {brief(value)}")
    return text


def _text(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"must be text, got {brief(value)}")
    return str(value)


# -- reading files --------------------------------------------------------------------
def _cell(where: str, column: str, parse: Callable[[str], T], value: str) -> T:
    try:
        return parse(value)
    except ValueError as exc:
        raise InputError(str(exc), where=f"{where}, column {column}") from None


def _build(where: str, make: Callable[[], T]) -> T:
    """A model object; its own checks (Class.attribute: why) become an InputError."""
    try:
        return make()
    except InputError:
        raise
    except (TypeError, ValueError, KeyError) as exc:
        raise InputError(str(exc.args[0]) if exc.args else str(exc), where=where) from None


def _unique_cus(where: str, cus: str, seen: dict[str, int] | CusIndex, here: int, what: str) -> None:
    """A CUS identifies one payment: refuse the second (``seen`` maps CUS → where first)."""
    first = seen.setdefault(cus, here)
    if first != here:
        place = f"line {first}" if what == "line" else f"{what}[{first}]"
        raise InputError(f"CUS {cus} is also at {place}: a CUS identifies one payment", where=where)


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
    collection shares them)."""

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
        head: Collection | None = None
        with CsvRows(path, CSV_COLUMNS, CSV_OPTIONAL) as reader:
            rows: Iterable[tuple[int, dict[str, str]]] = (
                reader if self.progress is None else self.progress(reader))
            try:
                for line, row in rows:
                    at = f"{path}, line {line}"
                    company, pse_code, cycle, service, make = _csv_row(at, row, seen)
                    transaction = make(_earlier(services, service.code, service),
                                       _earlier(first, "cycle", cycle))
                    if cus_lines.setdefault(transaction.cus, line) != line:
                        _unique_cus(f"{at}, column cus", transaction.cus, cus_lines, line, "line")
                    _same(at, "columns company_*", "the company", first, "company", company)
                    _same(at, "column company_pse_code", "company_pse_code", first, "pse_code", pse_code)
                    _same(at, "columns cycle_*", "the cycle", first, "cycle", cycle)
                    if services.get(service.code) is not service:
                        _same(at, "columns service_*/account_*", f"service {service.code}", services,
                              service.code, service)
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


# -- JSON -----------------------------------------------------------------------------
def _object(where: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"must be an object, got {type(value).__name__}", where=where)
    return value


def _field(
    where: str, obj: Mapping[str, Any], key: str, parse: Callable[[Any], T], default: Any = ...
) -> T:
    """``obj[key]`` parsed: amounts by :func:`parse_amount` (text, int or exact Decimal),
    everything else from text (an int is taken as its digits)."""
    value = obj.get(key)
    if value is None:
        if default is ...:
            raise InputError("is required", where=f"{where}.{key}")
        return default  # type: ignore[no-any-return]
    try:
        if parse is parse_amount:
            return parse(value)
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ValueError(f"must be text, got {brief(value)}")
        return parse(str(value))
    except ValueError as exc:
        raise InputError(str(exc), where=f"{where}.{key}") from None


def _cycle(where: str, value: object) -> Cycle:
    obj = _object(where, value)
    return _build(
        where,
        lambda: Cycle(
            number=_field(where, obj, "number", _int),
            closing_date=_field(where, obj, "closing_date", _date),
            closing_time=_field(where, obj, "closing_time", _time),
        ),
    )


def _json_service(at: str, obj: Mapping[str, Any]) -> Service:
    acct = _object(f"{at}.account", obj.get("account"))
    where = f"{at}.account"
    account = _build(
        where,
        lambda: CollectingAccount(
            bank=_field(where, acct, "bank", _bank),
            account_type=_field(where, acct, "type", _text),
            number=_field(where, acct, "number", _text),
        ),
    )
    return _build(
        at,
        lambda: Service(
            code=_field(at, obj, "code", _text), name=_field(at, obj, "name", _text), account=account
        ),
    )


def _json_transaction(
    at: str, obj: Mapping[str, Any], services: Mapping[str, Service], cycle: Cycle
) -> Transaction:
    code = _field(at, obj, "service", _text)
    if code not in services:
        raise InputError(f"service {code!r} is not among services", where=f"{at}.service")
    own_cycle = _cycle(f"{at}.cycle", obj["cycle"]) if obj.get("cycle") is not None else cycle
    created = _field(at, obj, "created_at", _datetime)
    return _build(
        at,
        lambda: Transaction(
            cus=_field(at, obj, "cus", _text),
            ticket_id=_field(at, obj, "ticket_id", _text),
            reference_1=_field(at, obj, "reference_1", _text),
            reference_2=_field(at, obj, "reference_2", _text, ""),
            reference_3=_field(at, obj, "reference_3", _text, ""),
            amount=_field(at, obj, "amount", parse_amount),
            iva=_field(at, obj, "iva", parse_amount, Decimal(0)),
            state=_field(at, obj, "state", _state),
            authorizing_bank=_field(at, obj, "authorizing_bank", _bank),
            authorization_code=_field(at, obj, "authorization_code", _text, ""),
            service=services[code],
            cycle=own_cycle,
            created_at=created,
            processed_at=_field(at, obj, "processed_at", _datetime, created),
            cause=_field(at, obj, "cause", _text, None) or None,
        ),
    )


def _list(where: str, value: object) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"must be a list, got {type(value).__name__}", where=where)
    return value


def collection_from_json(path: InputSource) -> Collection:
    """A collection from a JSON file (``company``, ``cycle``, ``services``, ``transactions``)."""
    p = as_source(path)
    doc = load_json(p)
    where = str(p)
    root = _object(where, doc)
    at = f"{where}: company"
    co = _object(at, root.get("company"))
    dv = {"check_digit": _field(at, co, "check_digit", _text)} if co.get("check_digit") else {}
    company = _build(
        at, lambda: Company(nit=_field(at, co, "nit", _text), name=_field(at, co, "name", _text), **dv)
    )
    cycle = _cycle(f"{where}: cycle", root.get("cycle"))
    services: dict[str, Service] = {}
    for n, item in enumerate(_list(f"{where}: services", root.get("services")), 1):
        at = f"{where}: services[{n}]"
        service = _json_service(at, _object(at, item))
        if service.code in services:
            raise InputError(f"service {service.code!r} is listed twice", where=f"{at}.code")
        services[service.code] = service
    transactions = []
    cus_items: dict[str, int] = {}
    for n, item in enumerate(_list(f"{where}: transactions", root.get("transactions")), 1):
        at = f"{where}: transactions[{n}]"
        transaction = _json_transaction(at, _object(at, item), services, cycle)
        _unique_cus(f"{at}.cus", transaction.cus, cus_items, n, "transactions")
        transactions.append(transaction)
    pse_code = _field(where, root, "pse_code", _pse_code, "")
    return _build(
        where,
        lambda: Collection(
            company=company,
            cycle=cycle,
            services=list(services.values()),
            transactions=transactions,
            pse_code=pse_code,
        ),
    )


def load_collection(path: str | os.PathLike[str]) -> Collection:
    """A collection from ``path``: CSV or JSON by its extension (``.csv``, ``.json``,
    gzip-compressed too: ``.csv.gz``)."""
    kind = named_kind(path)
    if kind == "csv":
        return collection_from_csv(path)
    if kind == "json":
        return collection_from_json(path)
    raise InputError("must be a .csv or .json file", where=str(path))
