"""``read_csv_rows`` reads a CSV a line at a time (a million expected payments are
never one string): the rows and their line numbers are those of the whole text read
by ``io.StringIO(text, newline="")`` as before, CR, LF and CRLF endings and quoted
line breaks alike; a byte that is not UTF-8 is reported where ``read_text`` reports it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pse_recon.errors import InputError
from pse_recon.generator.input_files import _check_columns, read_csv_rows, read_text

PIECES = ["reference", "amount", "21053", "18000.00", "é", ",", ";", " ", "\n", "\r", "\r\n", '"', '""', "x"]


def whole_text_rows(path: Path) -> list[tuple[int, dict[str, str]]] | str:
    """What ``read_csv_rows`` gave when it held the text (its code before it streamed):
    the rows, or the message of its InputError."""
    try:
        text = read_text(path)
        first = text.split("\n", 1)[0]
        delimiter = ";" if ";" in first and "," not in first else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        out = []
        try:
            header = next(reader, None)
            if header is None:
                raise InputError("is empty: a header row is needed", where=str(path))
            names = [h.strip().lower() for h in header]
            _check_columns(path, header, names, ("reference",), ("amount",))
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(names):
                    raise InputError(f"has {len(row)} cells, the header {len(names)}",
                                     where=f"{path}, line {line}")
                out.append((line, {name: (row[i] if i < len(row) else "") for i, name in enumerate(names)}))
        except csv.Error as exc:
            raise InputError(f"is not valid CSV: {exc}", where=f"{path}, line {reader.line_num}") from None
    except InputError as exc:
        return str(exc)
    return out


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.booleans(), st.booleans())
def test_the_rows_and_lines_of_the_whole_text(tmp_path_factory: pytest.TempPathFactory, pieces: list[str],
                                              bom: bool, header: bool) -> None:
    text = ("reference,amount\n" if header else "") + "".join(pieces)
    path = tmp_path_factory.mktemp("csv") / "e.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    try:
        got: list[tuple[int, dict[str, str]]] | str = list(read_csv_rows(path, ("reference",), ("amount",)))
    except InputError as exc:
        got = str(exc)
    assert got == whole_text_rows(path)


@pytest.mark.parametrize("data", [
    b"reference,amount\n21053,18000\n2105\xf3,1\n",
    b"\xef\xbb\xbfreference,amount\r\n21053,1\r\n\xff",
    b"reference,amount\r21053,1\r21054\xc3,1\n",
    b"refer\xe9nce,amount\n",
])
def test_a_byte_that_is_not_utf8_where_read_text_says(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(data)
    with pytest.raises(InputError) as whole:
        read_text(path)
    with pytest.raises(InputError) as streamed:
        list(read_csv_rows(path, ("reference",)))
    assert str(streamed.value) == str(whole.value)
