"""Hypothesis strategies for field values, records and whole files, derived from the layouts.

Nothing here knows a format by name: every strategy reads the
:class:`~pse_recon.declaration.fields.Field` objects of the declarations (kind, length,
decimals, constant, catalog, computed role) and the file's structure type. A new
format gets strategies by being declared.

What is generated is *valid*: every value is of its field's kind and fits it,
catalog-coded fields draw from :mod:`pse_recon.catalogs`, and files are made by
:func:`pse_recon.build`, so counts, totals, lot numbers and sequences are right and
amounts are bounded so that every control total fits its field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from hypothesis import strategies as st

from pse_recon import catalogs
from pse_recon.codec.builder import build
from pse_recon.codec.writer import dumps
from pse_recon.declaration import Count, Field, FileLayout, FlatStructure, LotStructure, StateStructure, Sum
from pse_recon.declaration.kinds import MAX_YEAR, MIN_YEAR, TEXT_ALPHABET
from pse_recon.layouts import layout as get_layout
from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes
from pse_recon.records.files import File

__all__ = [
    "MAX_LOTS",
    "MAX_YEAR",
    "MIN_YEAR",
    "TEXT_ALPHABET",
    "catalog_values",
    "field_values",
    "file_bytes",
    "files",
    "records",
]

#: Lot formats get between 1 and this many lots.
MAX_LOTS: Final = 4


def catalog_values(f: Field) -> tuple[str, ...]:
    """The values a catalog-coded field may hold, each exactly as wide as the field."""
    if f.catalog is None:
        raise ValueError(f"field {f.name} has no catalog")
    values = tuple(catalogs.catalog(f.catalog).codes(f.length))
    wrong = [v for v in values
             if (not f.kind.short_values and len(v) != f.length) or len(v) > f.length]
    if wrong:
        raise ValueError(f"field {f.name}: catalog {f.catalog!r} values {wrong} do not fit it")
    return values


def field_values(f: Field) -> st.SearchStrategy[Any]:
    """Valid values of one field: its catalog's codes, when it has one, else its kind's
    (:meth:`~pse_recon.declaration.kinds.Kind.strategy`)."""
    if f.catalog is not None:
        return st.sampled_from(catalog_values(f))
    return f.kind.strategy(f)


def _record_strategy(
    format_name: str | FileLayout, fmt: FileLayout, record_type: str,
    overrides: dict[str, st.SearchStrategy[Any]],
) -> st.SearchStrategy[Record]:
    cls = record_classes(fmt)[record_type]
    fields = {
        f.name: overrides[f.name] if f.name in overrides else field_values(f)
        for f in fmt[record_type].attributes
    }
    return st.builds(cls, **fields)


def records(
    format_name: str | FileLayout, record_type: str, width: int | None = None
) -> st.SearchStrategy[Record]:
    """Records of one type (of a built-in format, by name, or of any layout), every
    field drawn from :func:`field_values`.

    Computed fields (counts, totals, sequences) hold arbitrary valid values here:
    a record alone has nothing to agree with. ``width`` selects the variant; the
    record class (and so the values) is the same at every width.
    """
    fmt = get_layout(format_name, width)
    if record_type not in fmt.records:
        raise ValueError(f"{fmt.name} has no record type {record_type!r}")
    return _record_strategy(format_name, fmt, record_type, {})


# -- whole files ------------------------------------------------------------------
def _is_aggregate(fmt: FileLayout) -> bool:
    """Whether the details are aggregates: some record counts transactions by summing a
    detail's number (pse-summary's type-3 sums the type-2 ``total_transacciones``)."""
    return any(
        isinstance(f.computed, Sum) and not f.kind.money for rec in fmt for f in rec.fields
    )


def _detail_limits(fmt: FileLayout, most_details: int) -> dict[str, st.SearchStrategy[Any]]:
    """Strategies for the detail fields that other records add up, bounded so that the
    sum of ``most_details`` of them fits every field declared as their ``Sum``.

    Aggregate lines (:func:`_is_aggregate`) count at least one transaction each.
    """
    detail = fmt.detail
    limits: dict[str, int] = {}
    for rec in fmt:
        for f in rec.fields:
            if isinstance(f.computed, Count) and most_details >= 10**f.length:
                raise ValueError(f"{most_details} details overflow {rec.record_type}.{f.name}")
            if not isinstance(f.computed, Sum):
                continue
            summed = detail.field(f.computed.field)
            # The total's room in units of the summed field's last decimal place.
            shift = summed.decimals - f.decimals
            room = (10**f.length - 1) * 10**shift if shift >= 0 else (10**f.length - 1) // 10**-shift
            limit = room // most_details
            limits[summed.name] = min(limits.get(summed.name, limit), limit)
    low = 1 if _is_aggregate(fmt) else 0
    out: dict[str, st.SearchStrategy[Any]] = {}
    for name, limit in limits.items():
        f = detail.field(name)
        out[name] = f.kind.bounded(f, 0 if f.kind.money else low, limit)
    return out


def _aggregate_key(fmt: FileLayout) -> Callable[[Record], tuple[Any, ...]] | None:
    """Aggregate lines are keyed by their catalog-coded fields (one pse-summary line per
    bank and state), so no key appears twice. None for transaction details."""
    if not _is_aggregate(fmt):
        return None
    names = [f.name for f in fmt.detail.attributes if f.catalog is not None]
    return lambda r: tuple(getattr(r, n) for n in names)


@st.composite
def _file(
    draw: st.DrawFn,
    format_name: str | FileLayout,
    width: int | None,
    max_details: int,
    min_details: int,
    max_lots: int,
    newline: str,
) -> File:
    fmt = get_layout(format_name, width)
    s = fmt.structure
    lot_format = isinstance(s, LotStructure)
    most = max_details * (max_lots if lot_format else 1)
    detail = _record_strategy(format_name, fmt, s.detail, _detail_limits(fmt, max(most, 1)))
    body: Sequence[Any]
    if isinstance(s, LotStructure):
        header = draw(records(format_name, s.file_header, width))
        lot_header = records(format_name, s.lot_header, width)
        lot = st.tuples(lot_header, st.lists(detail, min_size=min_details, max_size=max_details))
        body = draw(st.lists(lot, min_size=1, max_size=max_lots))
    elif isinstance(s, StateStructure | FlatStructure):
        header = draw(records(format_name, s.header, width))
        key = _aggregate_key(fmt)
        lines = st.lists(detail, min_size=min_details, max_size=max_details, unique_by=key)
        body = draw(lines)
        if isinstance(s, StateStructure):
            body = sorted(body, key=lambda r: getattr(r, s.state_field))
    return build(format_name, header, body, width=width, newline=newline)


def files(
    format_name: str | FileLayout,
    width: int | None = None,
    *,
    max_details: int = 6,
    min_details: int = 1,
    max_lots: int = MAX_LOTS,
    newline: str = "\n",
) -> st.SearchStrategy[File]:
    """Valid files of ``format_name`` (at ``width``), made by :func:`pse_recon.build`.

    Lot formats get 1 to ``max_lots`` lots of ``min_details`` to ``max_details``
    details each; the others ``min_details`` to ``max_details`` details (PSE type-2
    lines, grouped by state). Amounts are bounded so every total fits its field.
    """
    if not 0 <= min_details <= max_details:
        raise ValueError("need 0 <= min_details <= max_details")
    if max_lots < 1:
        raise ValueError("need at least one lot")
    get_layout(format_name, width)  # fail now, not at draw time, on a bad format or width
    return _file(format_name, width, max_details, min_details, max_lots, newline)


def file_bytes(
    format_name: str | FileLayout,
    width: int | None = None,
    *,
    max_details: int = 6,
    min_details: int = 1,
    max_lots: int = MAX_LOTS,
    newline: str = "\n",
) -> st.SearchStrategy[bytes]:
    """The bytes of :func:`files` (``pse_recon.dumps`` of each)."""
    return files(
        format_name,
        width,
        max_details=max_details,
        min_details=min_details,
        max_lots=max_lots,
        newline=newline,
    ).map(dumps)
