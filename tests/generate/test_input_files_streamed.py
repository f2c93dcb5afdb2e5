"""``read_csv_rows`` reads a CSV as it streams (a million expected payments are
never one string): the rows and their line numbers are those of the whole text read
by ``io.StringIO(text, newline="")`` as before, CR, LF and CRLF endings and quoted
line breaks alike; a byte that is not UTF-8 is reported where ``read_text`` reports it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csv_support import whole_text_rows
from pse_recon.errors import InputError
from pse_recon.generator.input_files import read_csv_rows, read_text

PIECES = ["reference", "amount", "21053", "18000.00", "é", ",", ";", " ", "\n", "\r", "\r\n", '"', '""', "x",
          "\x00", "\t"]


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
    assert got == whole_text_rows(path, ("reference",), ("amount",))


@pytest.mark.parametrize("text", [
    "reference,amount\n" + "7" * 40 + ",1\n",  # unquoted: the split lines
    'reference,amount\n"' + "7" * 40 + '",1\n',  # quoted: the csv module's
])
def test_a_field_past_the_csv_modules_limit_is_refused_as_it_refuses_it(tmp_path: Path, text: str) -> None:
    """Unquoted lines are split without the csv module, which refuses a field longer
    than its limit (``csv.field_size_limit``): so is a split line that long."""
    path = tmp_path / "e.csv"
    path.write_text(text, encoding="utf-8")
    before = csv.field_size_limit(30)
    try:
        expected = whole_text_rows(path, ("reference",), ("amount",))
        with pytest.raises(InputError) as streamed:
            list(read_csv_rows(path, ("reference",), ("amount",)))
    finally:
        csv.field_size_limit(before)
    refused = f"{path}, line 2: is not valid CSV: field larger than field limit (30)"
    assert str(streamed.value) == expected == refused


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
