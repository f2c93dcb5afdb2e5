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

import csv
import itertools
import os
import re
from collections.abc import Iterator, Sequence
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
    if isinstance(value, bool) or value is None:
        raise ValueError(f"must be an amount, got {brief(value)}")
    if isinstance(value, float):
        raise ValueError(f"must not be a float, got {brief(value)}")
    if isinstance(value, str):
        text = value.strip()
        if not _AMOUNT.fullmatch(text):
            raise ValueError(
                f"must be digits with at most 2 decimals after a dot, like 85400 or 85400.50 "
                f"(no thousands separators, no sign), got {brief(value)}"
            )
        value = Decimal(text)
    elif isinstance(value, int):
        value = Decimal(value)
    if not isinstance(value, Decimal):
        raise ValueError(f"must be an amount, got {type(value).__name__}")
    if not value.is_finite() or value.is_signed() or places(value) > 2:
        raise ValueError(f"must be an amount with at most 2 decimals, not negative, got {brief(value)}")
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


#: A CR that ends a line by itself (not the CR of a CRLF).
_LONE_CR: Final = re.compile(r"\r(?!\n)")
#: Lines ended by LF, CR or CRLF, and a last one by none.
_LINES: Final = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _text_lines(p: Path | Named, stream: IO[bytes]) -> Iterator[str]:
    """The LF-ended lines of UTF-8 ``stream`` decoded as they are read (a big CSV is
    never held; the first one's BOM dropped), or the InputError :func:`read_text` gives
    for the first byte that is not UTF-8 (lines and columns counted as it counts them).
    A bad byte is found when its line is reached, so an error earlier in the file
    is the one reported."""
    at = bom = 0  # where the line starts in the text after the BOM; the BOM's length
    for newlines, raw in enumerate(stream):  # LFs before the line
        if not newlines and raw.startswith(b"\xef\xbb\xbf"):
            raw, bom = raw[3:], 3
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"is not UTF-8 text (byte {raw[exc.start]:#04x}, offset {bom + at + exc.start})",
                where=f"{p}, line {newlines + 1}, column {exc.start + 1}",
            ) from None
        at += len(raw)


def _split_cr(line: str) -> list[str]:
    """An LF-ended line as the lines ``io.StringIO(text, newline="")`` gives for it
    (the csv module's input): a CR alone ends a line too."""
    return _LINES.findall(line) if _LONE_CR.search(line) else [line] if line else []


def read_csv_rows(
    path: InputSource, required: Sequence[str], optional: Sequence[str] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for each data row of a CSV file with a header row.

    The delimiter is a comma, or a semicolon when the header has semicolons and no
    commas (spreadsheets in Spanish locales). Column names are matched without case
    and surrounding blanks; unknown columns are ignored (repeated ones too);
    ``required`` ones must be present, and neither they nor the ``optional`` ones
    may appear twice (which of two ``amount`` columns would be the amount?). Blank
    lines are skipped.
    """
    p = as_source(path)
    with open_source(p.stream if isinstance(p, Named) else p) as stream:
        yield from _csv_rows(p, _text_lines(p, stream), required, optional)


def _csv_rows(p: Path | Named, lines: Iterator[str], required: Sequence[str], optional: Sequence[str]
              ) -> Iterator[tuple[int, dict[str, str]]]:
    first = next(lines, "")
    delimiter = ";" if ";" in first and "," not in first else ","
    rest = itertools.chain.from_iterable(map(_split_cr, lines))
    reader = csv.reader(itertools.chain(_split_cr(first), rest), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError("is empty: a header row is needed", where=str(p))
        names = [h.strip().lower() for h in header]
        _check_columns(p, header, names, required, optional)
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(names):
                raise InputError(f"has {len(row)} cells, the header {len(names)}", where=f"{p}, line {line}")
            yield line, {name: (row[i] if i < len(row) else "") for i, name in enumerate(names)}
    except csv.Error as exc:
        raise InputError(f"is not valid CSV: {exc}", where=f"{p}, line {reader.line_num}") from None


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
