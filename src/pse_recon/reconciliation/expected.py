"""Reading the payments a company expects from CSV or JSON (documented in
``docs/reconciling.md``).

CSV: a header row with the columns ``reference`` and ``amount`` (required) and
``description`` (optional); other columns are ignored, so an export of the billing
system can be used as it is. Comma-separated, or semicolon-separated when the
header has semicolons and no commas. JSON: a list of objects with the same keys
(or an object whose ``expected`` key holds that list). Amounts as in
:func:`~pse_recon.generator.inputs.parse_amount`: ``85400`` or ``85400.50``, never
rounded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any, Final

from pse_recon.errors import InputError
from pse_recon.generator.input_files import (
    CsvRows,
    InputSource,
    as_source,
    brief,
    load_json,
    named_kind,
    parse_amount,
)
from pse_recon.reconciliation.core import ExpectedPayment

__all__ = [
    "EXPECTED_COLUMNS", "expected_from_csv", "expected_from_json", "iter_expected_csv", "load_expected",
]

#: Required columns of the expected-payments CSV.
EXPECTED_COLUMNS: Final = ("reference", "amount")
#: Its optional column.
EXPECTED_OPTIONAL: Final = ("description",)


def _expected(where: str, reference: Any, amount: Any, description: Any, line: int) -> ExpectedPayment:
    if isinstance(reference, bool) or not isinstance(reference, str | int):
        raise InputError(f"must be text, got {brief(reference)}", where=f"{where}, column reference")
    reference = str(reference).strip()
    if not reference:
        raise InputError("is empty", where=f"{where}, column reference")
    try:
        value = parse_amount(amount)
    except ValueError as exc:
        raise InputError(str(exc), where=f"{where}, column amount") from None
    if not isinstance(description, str):
        raise InputError(f"must be text, got {brief(description)}", where=f"{where}, column description")
    try:
        return ExpectedPayment(reference=reference, amount=value, description=description.strip(), line=line)
    except (TypeError, ValueError) as exc:
        raise InputError(str(exc), where=where) from None


def expected_from_csv(path: InputSource) -> list[ExpectedPayment]:
    """The expected payments of a CSV file, in file order (``line`` is the CSV line)."""
    return list(iter_expected_csv(path))


def iter_expected_csv(path: InputSource) -> Iterator[ExpectedPayment]:
    """:func:`expected_from_csv` one row at a time, as the file is read (``pse-recon
    reconcile`` holds none)."""
    with CsvRows(path, EXPECTED_COLUMNS, EXPECTED_OPTIONAL) as rows:
        for line, row in rows:
            try:
                payment = _expected(f"{path}, line {line}", row["reference"], row["amount"],
                                    row.get("description", ""), line)
            except InputError:
                rows.rest()  # a byte that is not UTF-8 further on is said first
                raise
            yield payment


def expected_from_json(path: InputSource) -> list[ExpectedPayment]:
    """The expected payments of a JSON file (``line`` is the item's number, from 1)."""
    p = as_source(path)
    doc = load_json(p)
    if isinstance(doc, dict):
        doc = doc.get("expected")
    if not isinstance(doc, list):
        raise InputError('must be a list of {"reference", "amount"} objects (or {"expected": [...]})',
                         where=str(p))
    out = []
    for n, item in enumerate(doc, 1):
        where = f"{p}: item {n}"
        if not isinstance(item, dict):
            raise InputError(f"must be an object, got {type(item).__name__}", where=where)
        for key in EXPECTED_COLUMNS:
            if item.get(key) is None:
                raise InputError("is required", where=f"{where}, column {key}")
        out.append(_expected(where, item["reference"], item["amount"], item.get("description") or "", n))
    return out


def load_expected(path: str | os.PathLike[str]) -> list[ExpectedPayment]:
    """Expected payments from ``path``: JSON when it ends in ``.json`` (or
    ``.json.gz``), CSV otherwise."""
    if named_kind(path) == "json":
        return expected_from_json(path)
    return expected_from_csv(path)
