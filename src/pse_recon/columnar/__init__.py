"""Files as Arrow tables: :func:`read_table`, one table per record type, at columnar speed.

Needs the ``arrow`` extra (``pip install 'pse-recon[arrow]'``: pyarrow and numpy);
importing this package does not import them, so ``import pse_recon`` stays as light
as it was. ``Tables.to_polars()`` and ``Tables.to_pandas()`` need polars or pandas too.

A clean file (and one with CRLF endings or no ending after its last record) is read
by the fast path (:mod:`.vector`); any other (quirks, errors, another encoding than
latin-1, ``strict=True``, a custom kind with no column builder) is read by
:func:`pse_recon.read` and its records put in columns (:mod:`.rows`), so the tables,
the findings and the ``ReadError`` are always ``read``'s (ADR 0016).
"""

from __future__ import annotations

import codecs
import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from pse_recon.codec.detect import DETECT_LINES
from pse_recon.codec.lines import Lines, Source, newline_of, open_source
from pse_recon.codec.options import check_arguments
from pse_recon.codec.reader import DEFAULT_ENCODING, _layout, read_stream
from pse_recon.declaration import FileLayout
from pse_recon.findings import Finding

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow as pa

__all__ = ["Tables", "read_table"]


@attrs.frozen
class Tables:
    """A file's records as Arrow tables, one per record type of its layout (every
    type, empty ones included), in file order: ``line`` (from 1), ``lot`` (the lot's
    number from 1, in the lots of Asobancaria 2001 and Andesco), then one column per
    field (fillers left out). ``findings`` are ``File.findings``: the quirks reading
    tolerated."""

    format: str
    width: int | None
    tables: Mapping[str, pa.Table]
    findings: tuple[Finding, ...] = ()

    @property
    def layout(self) -> FileLayout:
        from pse_recon.layouts import layout

        return layout(self.format, self.width)

    def __getitem__(self, record_type: str) -> pa.Table:
        return self.tables[record_type]

    @property
    def details(self) -> pa.Table:
        """The payments: the detail records' table (PSE: the type-2 lines)."""
        return self.tables[self.layout.structure.detail]

    def to_polars(self, record_type: str | None = None) -> polars.DataFrame:
        """A record type's table (the details when None) as a polars DataFrame:
        amounts ``Decimal``, dates ``Date``, times ``Time``, identifiers ``String``."""
        import polars as pl

        frame = pl.from_arrow(self._table(record_type))
        assert isinstance(frame, pl.DataFrame)
        return frame

    def to_pandas(self, record_type: str | None = None, **options: Any) -> pandas.DataFrame:
        """A record type's table (the details when None) as a pandas DataFrame;
        ``options`` go to ``pyarrow.Table.to_pandas`` (by default amounts are
        ``Decimal`` objects, identifiers ``str`` with their zeros, dates and times
        ``datetime`` objects; ``types_mapper=pandas.ArrowDtype`` keeps Arrow types)."""
        return self._table(record_type).to_pandas(**options)

    def _table(self, record_type: str | None) -> pa.Table:
        return self.details if record_type is None else self.tables[record_type]


def read_table(
    source: Source,
    format: str | None = None,
    *,
    width: int | None = None,
    encoding: str = DEFAULT_ENCODING,
    strict: bool = False,
    lang: str = "en",
) -> Tables:
    """The whole file as Arrow tables (:class:`Tables`); the format is detected when
    not given. The same verdict as :func:`pse_recon.read` with the same arguments:
    its ``ReadError`` (validate's first stopping finding, ADR 0008) and its findings;
    the same values, column by column."""
    check_arguments(format, width, encoding, lang)
    try:
        import numpy  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:  # pragma: no cover - the extra is installed in the tests
        raise ImportError("read_table needs pyarrow and numpy: pip install 'pse-recon[arrow]'") from exc
    from pse_recon.columnar import rows, vector

    with open_source(source) as stream:
        data = stream.read()
    head = list(itertools.islice(Lines(_stream(data)), DETECT_LINES))
    fmt = _layout(head, format, width, lang, strict)
    if not strict and codecs.lookup(encoding).name == "iso8859-1" and head:
        fast = vector.fast_tables(data, fmt, newline_of(head[0]), lang)
        if fast is not None:
            return Tables(fmt.name, fmt.width, fast.tables, fast.findings)
    f = read_stream(_stream(data), format, width, encoding, strict, lang)
    return Tables(f.format, f.width, rows.tables(f.layout, f), f.findings)


def _stream(data: bytes) -> Any:
    import io

    return io.BytesIO(data)
