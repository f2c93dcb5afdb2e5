"""Lines split in blocks (the hot path of reading and validation) are the lines read
one by one: the same bytes, the same edges (byte-order mark, trailing empty lines,
end-of-file byte, CR endings), the same cut at the cap, for any input and any block
size, including blocks that end inside a line, a CR LF or an empty-line tail."""

from __future__ import annotations

import io

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from pse_recon.codec.lines import BOM, Lines

#: Pieces of files as real and hostile producers write them; a tiny cap so that
#: lines past it are common.
CAP = 24
PIECES = st.sampled_from([
    b"0123456789", b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b" ", b"x", b"\n", b"\r\n", b"\r", b"\r\r\n",
    b"\x1a", BOM, b"\n\n", b"\xff",
])
CONTENT = st.lists(PIECES, max_size=40).map(b"".join)


def lines_of(data: bytes, block: int) -> tuple[list[bytes], dict[str, object]]:
    lines = Lines(io.BytesIO(data), cap=CAP, block=block)
    return list(lines), attrs.asdict(lines.edges)


@settings(max_examples=400, deadline=None)
@given(CONTENT, st.integers(1, 80))
def test_blocks_give_the_lines_read_one_by_one(data: bytes, block: int) -> None:
    assert lines_of(data, block) == lines_of(data, 0)


def test_blocks_hand_on_lines_past_the_first_block() -> None:
    """A file of plain LF lines longer than a block: every line, in order, once."""
    data = b"".join(b"%08d-record\n" % i for i in range(5000))
    lines, edges = lines_of(data, 1000)
    assert lines == io.BytesIO(data).readlines()
    assert edges == lines_of(b"", 0)[1]


def test_a_quirk_after_many_blocks_is_found() -> None:
    """An empty-line tail and the end-of-file byte after many plain blocks are still
    the file's edges, not lines."""
    body = b"".join(b"%08d-record\n" % i for i in range(3000))
    lines, edges = lines_of(body + b"\r\n\n\x1a", 512)
    assert lines == io.BytesIO(body).readlines()
    assert (edges["tail"], edges["empty"], edges["eof"]) == (b"\r\n\n\x1a", 2, True)


def test_lines_about_the_cap_are_cut_as_one_by_one() -> None:
    """Lines from a little under to a little over the cap, LF and CR LF, in blocks
    that end anywhere: cut (or not) where reading line by line cuts them."""
    for width in range(CAP - 3, CAP + 4):
        for end in (b"\n", b"\r\n"):
            data = (b"A" * 5 + end) + (b"B" * width + end) * 3 + (b"C" * 5 + end)
            one_by_one = lines_of(data, 0)
            assert any(len(line) > CAP for line in one_by_one[0]) == (width + len(end) > CAP)
            for block in (1, 7, 30, 64, 4096):
                assert lines_of(data, block) == one_by_one, (width, end, block)
