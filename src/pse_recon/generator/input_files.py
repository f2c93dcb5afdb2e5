"""Reading the input files of ``generate`` and ``reconcile``: UTF-8 text, CSV rows
under a checked header, strict JSON, and amounts; every problem an :class:`InputError`
naming the file, line and column.

Shared by the transactions (:mod:`pse_recon.generator.inputs`) and the expected
payments (:mod:`pse_recon.reconciliation.expected`), so both refuse the same things
the same way: bytes that are not UTF-8, a column the loader reads given twice, a
JSON key given twice or nested too deep (:mod:`~pse_recon.generator.strict_json`),
an amount that is not exact pesos and centavos or wider than any field.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Final

from pse_recon.codec.lines import open_source
from pse_recon.codec.sources import Named
from pse_recon.errors import InputError
from pse_recon.generator import strict_json
from pse_recon.money import places, shown

__all__ = [
    "AMOUNT_INTEGER_DIGITS",
    "CsvRows",
    "InputSource",
    "as_source",
    "brief",
    "load_json",
    "parse_amount",
    "read_csv_rows",
    "read_text",
]


_AMOUNT: Final = re.compile(r"[0-9]+(\.[0-9]{1,2})?")
#: The widest money field of the formats (PSE's "16e2d", the 2001 and Andesco
#: totals) has 16 integer digits: a larger amount cannot be written anywhere.
AMOUNT_INTEGER_DIGITS: Final = 16


def parse_amount(value: object) -> Decimal:
    """An amount of pesos: ``"85400"``, ``"85400.5"``, ``"85400.50"`` (a dot for decimals,
    no thousands separators, at most two decimals, not negative, at most
    :data:`AMOUNT_INTEGER_DIGITS` integer digits), an int, or a Decimal (JSON numbers
    are read as Decimal, exactly). Raises ValueError otherwise: an amount is never
    rounded. Exact in any decimal context."""
    if isinstance(value, str):  # a CSV cell, a JSON string
        text = value.strip()
        if not _AMOUNT.fullmatch(text):
            raise ValueError(
                f"must be digits with at most 2 decimals after a dot, like 85400 or 85400.50 "
                f"(no thousands separators, no sign), got {brief(value)}"
            )
        value = Decimal(text)  # finite, not signed, at most 2 decimals: the pattern's
        return _integer_digits(value)
    if isinstance(value, bool) or value is None:
        raise ValueError(f"must be an amount, got {brief(value)}")
    if isinstance(value, float):
        raise ValueError(f"must not be a float, got {brief(value)}")
    if isinstance(value, int):
        value = Decimal(value)
    if not isinstance(value, Decimal):
        raise ValueError(f"must be an amount, got {type(value).__name__}")
    if not value.is_finite() or value.is_signed() or places(value) > 2:
        raise ValueError(f"must be an amount with at most 2 decimals, not negative, got {brief(value)}")
    return _integer_digits(value)


def _integer_digits(value: Decimal) -> Decimal:
    digits = value.adjusted() + 1
    if value and digits > AMOUNT_INTEGER_DIGITS:
        raise ValueError(
            f"has {digits} integer digits; the widest money field of the formats holds "
            f"{AMOUNT_INTEGER_DIGITS}"
        )
    return value


def brief(value: object, limit: int = 60) -> str:
    """``repr(value)`` (:func:`~pse_recon.money.shown`: the same in any decimal
    context), cut to ``limit`` characters: a hostile value may be huge."""
    text = shown(value)
    return text if len(text) <= limit else f"{text[: limit - 5]}…({len(text)} characters)"


#: What the loaders read: a path, or a stream the command line opened, by its name.
InputSource = str | os.PathLike[str] | Named


def as_source(path: InputSource) -> Path | Named:
    return path if isinstance(path, Named) else Path(path)


def named_kind(path: str | os.PathLike[str]) -> str | None:
    """``"csv"`` or ``"json"`` as the file's name says, past a ``.gz`` it is
    compressed in (``tx.csv.gz`` is CSV, as for the commands); None otherwise."""
    name = Path(path).name.lower().removesuffix(".gz")
    suffix = os.path.splitext(name)[1]
    return suffix[1:] if suffix in (".csv", ".json") else None


def read_text(path: Path | Named) -> str:
    """A UTF-8 text file (a BOM is allowed; gzip and zip unpacked), or an InputError
    naming the line and the column (in bytes, from 1) of the first byte that is not
    UTF-8."""
    with open_source(path.stream if isinstance(path, Named) else path) as stream:
        data = stream.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text, at = exc.object, exc.start  # after the BOM, when there is one
        line = text.count(b"\n", 0, at) + 1
        column = at - text.rfind(b"\n", 0, at)
        offset = at + len(data) - len(text)
        raise InputError(
            f"is not UTF-8 text (byte {text[at]:#04x}, offset {offset})",
            where=f"{path}, line {line}, column {column}",
        ) from None


def read_csv_rows(
    path: InputSource, required: Sequence[str], optional: Sequence[str] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for each data row of a CSV file with a header row.

    The delimiter is a comma, or a semicolon when the header has semicolons and no
    commas (spreadsheets in Spanish locales). Column names are matched without case
    and surrounding blanks; unknown columns are ignored (repeated ones too);
    ``required`` ones must be present, and neither they nor the ``optional`` ones
    may appear twice (which of two ``amount`` columns would be the amount?). Blank
    lines are skipped. The file is read as the rows are taken (:class:`CsvRows`), and a
    byte that is not UTF-8 anywhere in it is said before an error of its rows; a caller
    that raises errors of its own about the rows uses :class:`CsvRows` and its
    :meth:`~CsvRows.rest`, to say it before those too.
    """
    with CsvRows(path, required, optional) as rows:
        yield from rows


class CsvRows:
    """The rows of a CSV file (:func:`read_csv_rows`), the file read as they are taken
    (a million rows are never held): iterate once, in a ``with`` block (the file is
    closed at its end).

    What reading the whole text first said first is said first: a byte that is not
    UTF-8 anywhere comes before an error of the rows (a short header, bad CSV), so
    before such an error the bytes not yet read are read, and the first that is not
    UTF-8 is the error; a caller that stops at an error of its own calls :meth:`rest`
    first, for the same.
    """

    def __init__(self, path: InputSource, required: Sequence[str], optional: Sequence[str] = ()) -> None:
        self.p = as_source(path)
        self.required, self.optional = required, optional
        self.stack = contextlib.ExitStack()
        self.text: _Utf8Text | None = None

    def __enter__(self) -> CsvRows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stack.close()

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        names, rows = self.table()
        for line, row in rows:
            yield line, dict(zip(names, row, strict=True))

    def table(self) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
        """The header's column names (stripped, lower case) and (line, cells) for each
        data row, as many cells as names: what :meth:`__iter__` makes its dicts of, for
        a reader that looks cells up by position (``pse-recon generate``'s million rows)."""
        p = self.p
        stream = self.stack.enter_context(open_source(p.stream if isinstance(p, Named) else p))
        self.text = _Utf8Text(stream, str(p))
        lines = _lines(self.text.chunks())
        head: list[str] = []
        try:
            for line in lines:  # the delimiter is read off the text before the first line feed
                head.append(line)
                if "\n" in line:
                    break
            first = "".join(head).split("\n", 1)[0]
            delimiter = ";" if ";" in first and "," not in first else ","
            source = itertools.chain(head, lines)
            reader = csv.reader(source, delimiter=delimiter, strict=True)
            names = _header(p, reader, self.required, self.optional)
        except InputError:
            self.rest()
            raise
        return names, self._data(p, source, reader.line_num, delimiter, len(names))

    def _data(self, p: Path | Named, lines: Iterator[str], number: int, delimiter: str,
              width: int) -> Iterator[tuple[int, list[str]]]:
        """The rows after the header (its last line is ``number``). A line without a
        quote or a NUL, and shorter than the csv module's field limit, is split at its
        delimiters, which is what :func:`csv.reader` makes of it, in less time;
        any other is read by it, with the lines its quotes span."""
        limit = csv.field_size_limit()
        try:
            for text in lines:
                if '"' in text or "\0" in text or len(text) > limit:
                    reader = csv.reader(itertools.chain((text,), lines), delimiter=delimiter, strict=True)
                    try:
                        row = next(reader)
                    except csv.Error as exc:
                        raise InputError(f"is not valid CSV: {exc}",
                                         where=f"{p}, line {number + reader.line_num}") from None
                    number += reader.line_num
                else:
                    number += 1
                    row = text.rstrip("\r\n").split(delimiter)
                if not (row and row[0].strip()) and not "".join(row).strip():
                    continue  # a blank line
                if len(row) != width:
                    if len(row) > width:
                        raise InputError(f"has {len(row)} cells, the header {width}",
                                         where=f"{p}, line {number}")
                    row += [""] * (width - len(row))
                yield number, row
        except InputError:
            self.rest()
            raise

    def rest(self) -> None:
        """Read what is left of the file, raising InputError where it is not UTF-8."""
        if self.text is not None:
            self.text.rest()


def _header(p: Path | Named, reader: Any, required: Sequence[str], optional: Sequence[str]) -> list[str]:
    """The checked column names of the header row, stripped and in lower case."""
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"is not valid CSV: {exc}", where=f"{p}, line {reader.line_num}") from None
    if header is None:
        raise InputError("is empty: a header row is needed", where=str(p))
    names = [h.strip().lower() for h in header]
    _check_columns(p, header, names, required, optional)
    return names


#: Bytes read from an input at a time.
READ_CHUNK = 1 << 20
_BOM = b"\xef\xbb\xbf"


class _Utf8Text:
    """A stream's text, a chunk at a time, its first byte that is not UTF-8 reported
    as :func:`read_text` reports it (line and column from 1, after a BOM; offset in
    the file)."""

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self.stream, self.name = stream, name
        self.pending = b""
        self.base = 0  # bytes (after the BOM) before ``pending``
        self.newlines, self.last_newline = 0, -1
        self.bom = -1  # not looked at yet
        self.done = False

    def chunks(self) -> Iterator[str]:
        while not self.done:
            data = self._read()
            buf = self.pending + data
            try:
                text, used = codecs.utf_8_decode(buf, "strict", not data)
            except UnicodeDecodeError as exc:
                self.done = True
                raise self._error(buf, exc.start) from None
            newlines = buf.count(b"\n", 0, used)
            if newlines:
                self.newlines += newlines
                self.last_newline = self.base + buf.rfind(b"\n", 0, used)
            self.base += used
            self.pending = buf[used:]
            self.done = not data
            if text:
                yield text

    def _read(self) -> bytes:
        """The next bytes, b"" at the end; the BOM left out of the first."""
        data = self.stream.read(READ_CHUNK)
        if self.bom < 0:
            while len(data) <= len(_BOM) and (more := self.stream.read(READ_CHUNK)):
                data += more  # the BOM and a byte after it, or the end
            self.bom = len(_BOM) if data.startswith(_BOM) else 0
            data = data[self.bom:]
        return data

    def rest(self) -> None:
        for _ in self.chunks():
            pass

    def _error(self, buf: bytes, at: int) -> InputError:
        line = self.newlines + buf.count(b"\n", 0, at) + 1
        i = buf.rfind(b"\n", 0, at)
        at_file = self.base + at
        column = at_file - (self.base + i if i >= 0 else self.last_newline)
        return InputError(
            f"is not UTF-8 text (byte {buf[at]:#04x}, offset {at_file + self.bom})",
            where=f"{self.name}, line {line}, column {column}",
        )


def _lines(chunks: Iterable[str]) -> Iterator[str]:
    """The lines of text that comes in chunks, as ``io.StringIO(text, newline="")``
    gives them (ending at LF, CR LF or a lone CR, endings kept)."""
    carry = ""
    for chunk in chunks:
        lines = io.StringIO(carry + chunk, newline="").readlines()
        carry = lines.pop() if lines and not lines[-1].endswith("\n") else ""
        yield from lines
    if carry:
        yield carry


def _check_columns(
    p: Path | Named, header: list[str], names: list[str], required: Sequence[str], optional: Sequence[str]
) -> None:
    first: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in first and (name in required or name in optional):
            j = first[name]
            raise InputError(
                f"columns {j + 1} ({brief(header[j])}) and {i + 1} ({brief(header[i])}) are both "
                f"{name!r}: a column may appear once", where=f"{p}, line 1",
            )
        first.setdefault(name, i)
    missing = [c for c in required if c not in first]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", where=f"{p}, line 1")


def load_json(path: Path | Named) -> Any:
    """The value of a JSON input file (UTF-8, read by :func:`strict_json.loads`), or
    an InputError naming the line and column at fault."""
    text = read_text(path)
    try:
        return strict_json.loads(text)
    except strict_json.JsonError as exc:
        raise InputError(exc.reason, where=f"{path}, line {exc.line}, column {exc.column}") from None
