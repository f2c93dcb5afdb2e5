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
import contextlib
import io
import itertools
import mmap
import os
import stat
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Final

import attrs

from pse_recon.codec.detect import DETECT_LINES
from pse_recon.codec.lines import MAX_LINE, Lines, Source, newline_of, open_source
from pse_recon.codec.options import check_arguments
from pse_recon.codec.reader import DEFAULT_ENCODING, _layout, read_stream
from pse_recon.codec.sources import signature
from pse_recon.declaration import FileLayout
from pse_recon.findings import Finding
from pse_recon.profiles import as_rules

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow as pa

__all__ = ["Tables", "read_table"]

#: Bytes a file's signature (gzip, zip …) is read from.
_SIGNED: Final = 512


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
        frame: pandas.DataFrame = self._table(record_type).to_pandas(**options)
        return frame

    def _table(self, record_type: str | None) -> pa.Table:
        return self.details if record_type is None else self.tables[record_type]


def read_table(
    source: Source,
    format: str | FileLayout | None = None,
    *,
    width: int | None = None,
    encoding: str = DEFAULT_ENCODING,
    strict: bool = False,
    lang: str = "en",
) -> Tables:
    """The whole file as Arrow tables (:class:`Tables`); the format is detected when
    not given. The same verdict as :func:`pse_recon.read` with the same arguments:
    its ``ReadError`` (validate's first stopping finding, ADR 0008) and its findings;
    the same values, column by column. ``format`` is a name or a layout, as for
    ``read``."""
    given, _ = check_arguments(format, width, encoding, lang)
    try:
        import numpy  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:  # pragma: no cover - the extra is installed in the tests
        raise ImportError("read_table needs pyarrow and numpy: pip install 'pse-recon[arrow]'") from exc
    if isinstance(source, str | os.PathLike) and _regular(source):
        with open(source, "rb") as file:  # the one opening, mapped or read below
            mapped = _mapped(file)
            if mapped is not None:
                try:
                    return _tables(mapped, given, width, encoding, strict, lang)
                finally:
                    _unmap(mapped)
            return _read(file, given, width, encoding, strict, lang)
    return _read(source, given, width, encoding, strict, lang)


def _read(source: Source, format: FileLayout | None, width: int | None, encoding: str, strict: bool,
          lang: str) -> Tables:
    with open_source(source) as stream:
        data = stream.read()
    return _tables(data, format, width, encoding, strict, lang)


def _tables(data: bytes | mmap.mmap, format: FileLayout | None, width: int | None, encoding: str,
            strict: bool, lang: str) -> Tables:
    """The tables of a plain (unpacked) file's ``data``: the fast path, else the row path."""
    from pse_recon.columnar import rows, vector

    head = list(itertools.islice(Lines(io.BytesIO(data[: DETECT_LINES * MAX_LINE])), DETECT_LINES))
    rules = as_rules(None, strict)
    fmt = _layout(head, format, width, lang, rules)
    if not strict and codecs.lookup(encoding).name == "iso8859-1" and head:
        fast = vector.fast_tables(data, fmt, newline_of(head[0]), lang)
        if fast is not None:
            return Tables(fmt.name, fmt.width, fast.tables, fast.findings)
    f = read_stream(io.BytesIO(data), format, width, encoding, rules, lang)
    return Tables(f.format, f.width, rows.tables(f.layout, f), f.findings)


def _regular(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a non-empty regular file (a device, a FIFO is read)."""
    try:
        st = os.stat(path)
    except OSError:
        return False  # opening it says why
    return stat.S_ISREG(st.st_mode) and st.st_size > 0


def _mapped(file: BinaryIO) -> mmap.mmap | None:
    """``file`` mapped read-only when it holds plain content (not gzip, zip or any
    archive: those are unpacked by reading), else None with ``file`` at its start.
    Mapping saves copying the whole file into memory: the columns are built from the
    page cache itself, and every value is copied out of it."""
    try:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    if signature(mapped[:_SIGNED]) is None:
        return mapped
    mapped.close()
    file.seek(0)
    return None


def _unmap(mapped: mmap.mmap) -> None:
    with contextlib.suppress(BufferError):  # a view still alive: it closes when collected
        mapped.close()
