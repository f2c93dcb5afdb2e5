"""Reading a :class:`~pse_recon.generator.Collection` from CSV or JSON (the input of
``pse-recon generate``); the schemas are documented in ``docs/generating.md``.

CSV: one row per transaction; the company, service, account and cycle columns are
repeated on every row and must agree. JSON: one object with ``company``,
``cycle``, ``services`` and ``transactions``. Amounts are decimal text with a dot
(``85400`` or ``85400.50``, never rounded, at most 16 integer digits); in JSON they
may also be numbers, read exactly. Every problem raises :class:`InputError` naming
the file, line (CSV) or item, and column; nothing is read twice or guessed: a
column the loader reads given twice, a JSON key given twice and a CUS given twice
are errors naming both places. The JSON is read here; the CSV by
:mod:`~pse_recon.generator.csv_input`, a cell by :mod:`~pse_recon.generator.cells`
and the files themselves by :mod:`~pse_recon.generator.input_files` (their names
re-exported here).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from pse_recon.errors import InputError
from pse_recon.generator.cells import (
    _bank,
    _build,
    _date,
    _datetime,
    _int,
    _pse_code,
    _state,
    _text,
    _time,
    _unique_cus,
)
from pse_recon.generator.csv_input import CSV_COLUMNS, CSV_OPTIONAL, CsvTransactions, collection_from_csv
from pse_recon.generator.input_files import (
    InputSource,
    as_source,
    brief,
    load_json,
    named_kind,
    parse_amount,
    read_csv_rows,
    read_text,
)
from pse_recon.model import CollectingAccount, Collection, Company, Cycle, Service, Transaction

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
