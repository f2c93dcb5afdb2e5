"""validate's three paths held to one report: blocks of good details (the bulk
checker), good details line by line (the scanner) and every line exactly (the slow
path), chosen with the supported switch ``pse_recon.validation.use_path``.

Files come from the public strategies (``pse_recon.testing.file_bytes``), valid,
then mutated by hypothesis: bytes overwritten, inserted or deleted, fields of a
line written over with texts a check must refuse or with another line's (so the
fast paths' learned values are tried), lines duplicated, dropped, swapped or cut.
Small blocks (``use_path(..., block=k)``) make a small file hold many of them.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

import pse_recon
from golden_files import GOLDEN
from pse_recon.declaration import Field
from pse_recon.records import LotFile
from pse_recon.testing import file_bytes
from pse_recon.validation import PathCounts, use_path
from pse_recon.validation.paths import PATHS

SHAPES = [(name, w) for name, f in pse_recon.FORMATS.items() for w in (f.widths or (None,))]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Bytes a mutation writes: digits, blanks, letters, line ends, controls, latin-1
#: and what is not a character of utf-8 alone.
BYTES = b"0123456789 AZaz-.\n\r\t\x00\x1b\x7f\x85\xa0\xe9\xff"


def field_texts(length: int) -> st.SearchStrategy[bytes]:
    """Texts as wide as a field: what each kind and catalog refuse or accepts."""
    plausible = st.sampled_from([
        b"0" * length, b"9" * length, b" " * length, (b"1" + b"0" * length)[:length],
        b"2400".ljust(length, b"0")[:length], b"20260230"[:length].rjust(length, b"0"),
    ])
    return st.one_of(
        plausible, plausible,
        st.binary(min_size=length, max_size=length).map(
            lambda b: bytes(BYTES[x % len(BYTES)] for x in b)
        ),
    )


@st.composite
def repeated(draw: st.DrawFn, name: str, width: int | None, newline: str) -> bytes:
    """A valid file whose details are one drawn detail, 8 to 24 times: blocks the
    bulk checker accepts once the exact path has seen the values (random details
    seldom repeat a date or a bank, and then every block goes the scanner's way)."""
    f = pse_recon.read(draw(file_bytes(name, width, max_details=1, max_lots=1, newline=newline)))
    k = draw(st.integers(8, 24))
    body: list[Any] = (
        [(f.lots[0].header, [f.lots[0].details[0]] * k)] if isinstance(f, LotFile) else [f.details[0]] * k
    )
    try:
        return pse_recon.dumps(pse_recon.build(name, f.header, body, width=width, newline=newline))
    except pse_recon.EncodeError:  # k times the amount overflows a total
        reject()


@st.composite
def mutated(draw: st.DrawFn, name: str, width: int | None) -> bytes:
    """A valid file of ``name`` (LF or CRLF), then 0 to 4 mutations."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    data = draw(st.one_of(file_bytes(name, width, max_details=draw(st.integers(1, 16)), newline=newline),
                          repeated(name, width, newline)))
    fmt = pse_recon.layout(name, width)
    for _ in range(draw(st.integers(0, 4))):
        lines = data.splitlines(keepends=True)
        what = draw(st.sampled_from(["byte", "insert", "delete", "field", "field", "copy", "line"]))
        if what in ("byte", "insert", "delete"):
            at = draw(st.integers(0, max(len(data) - 1, 0)))
            byte = bytes([draw(st.sampled_from(BYTES))])
            data = (data[:at] + byte + data[at + 1 :] if what == "byte"
                    else data[:at] + byte + data[at:] if what == "insert" else data[:at] + data[at + 1 :])
            continue
        n = draw(st.integers(0, len(lines) - 1))
        line = lines[n]
        rec = fmt.records.get(line[: fmt.type_length].decode("latin-1"))
        if what in ("field", "copy") and rec is not None and len(rec.fields) > 1:
            f = draw(st.sampled_from(rec.fields[1:]))
            if what == "field":
                text = draw(field_texts(f.length))
            else:  # the same field of another line of the type: a value seen before
                others = [x for x in lines if x[: fmt.type_length] == line[: fmt.type_length]]
                text = draw(st.sampled_from(others))[f.start - 1 : f.end]
            lines[n] = line[: f.start - 1] + text + line[f.start - 1 + len(text) :]
        else:
            op = draw(st.sampled_from(["duplicate", "drop", "swap", "cut"]))
            if op == "duplicate":
                lines.insert(n, line)
            elif op == "drop":
                del lines[n]
            elif op == "swap":
                m = draw(st.integers(0, len(lines) - 1))
                lines[n], lines[m] = lines[m], lines[n]
            else:
                lines[n] = line[: draw(st.integers(0, len(line)))]
        data = b"".join(lines)
    return data


def reports(data: bytes, block: int, **kw: Any) -> dict[str, tuple[pse_recon.Report, PathCounts]]:
    """The report of ``data`` by each path (blocks of ``block`` lines)."""
    found = {}
    for path in PATHS:
        with use_path(path, block=block) as counts:
            found[path] = (pse_recon.validate(data, **kw), counts)
    return found


@pytest.mark.parametrize(("name", "width"), SHAPES)
def test_the_three_paths_give_one_report(name: str, width: int | None) -> None:
    taken = PathCounts()

    @SETTINGS
    @given(data=mutated(name, width), block=st.integers(1, 8),
           kw=st.sampled_from([{}, {"strict": True}, {"encoding": "utf-8"}, {"format": name}]))
    def agree(data: bytes, block: int, kw: dict[str, Any]) -> None:
        by_path = reports(data, block, **kw)
        blocks, lines, exact = (by_path[p][0] for p in PATHS)
        assert blocks == lines == exact
        taken.accepted += by_path["blocks"][1].accepted
        taken.exact += by_path["lines"][1].exact
        # the exact path takes every line (validate's head of detection aside)
        assert by_path["exact"][1].exact >= by_path["lines"][1].exact
        assert by_path["lines"][1].accepted == by_path["exact"][1].accepted == 0

    agree()
    # the fast paths were taken, not only the exact one
    assert taken.accepted > 0
    assert taken.exact > 0


@st.composite
def poked(draw: st.DrawFn, name: str, width: int | None) -> bytes:
    """A file of one detail repeated, one field of one of its later details written
    over: a bad value where the blocks around it are good, learned ones."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = draw(repeated(name, width, newline)).splitlines(keepends=True)
    fmt = pse_recon.layout(name, width)
    code = fmt.structure.detail.encode("latin-1")
    details = [i for i, line in enumerate(lines) if line.startswith(code)]
    by_kind: dict[str, list[Field]] = {}
    for f in fmt.detail.fields[1:]:  # each kind as likely as another: one date, many digits
        by_kind.setdefault(f.kind.label, []).append(f)
    for _ in range(draw(st.integers(1, 4))):
        n = draw(st.sampled_from(details[1:]))
        f = draw(st.sampled_from(by_kind[draw(st.sampled_from(sorted(by_kind)))]))
        text = draw(field_texts(f.length))
        lines[n] = lines[n][: f.start - 1] + text + lines[n][f.end :]
    return b"".join(lines)


@pytest.mark.parametrize(("name", "width"), SHAPES)
@SETTINGS
@given(data=st.data(), block=st.integers(1, 8))
def test_a_bad_field_among_good_blocks_is_one_report(
    name: str, width: int | None, data: st.DataObject, block: int
) -> None:
    raw = data.draw(poked(name, width))
    by_path = reports(raw, block)
    assert by_path["blocks"][0] == by_path["lines"][0] == by_path["exact"][0]


def test_use_path_refuses_what_it_does_not_know() -> None:
    with pytest.raises(ValueError, match="unknown validation path 'fast'"), use_path("fast"):  # type: ignore[arg-type]
        pass
    with pytest.raises(ValueError, match="at least one line"), use_path("blocks", block=0):
        pass


def test_use_path_holds_inside_its_with_only() -> None:
    raw = (GOLDEN / "pse-detail.txt").read_bytes()
    with use_path("exact") as counts:
        pse_recon.validate(raw)
    assert counts.exact == len(raw.splitlines())
    with use_path("exact") as outer:
        with use_path("lines", block=2) as inner:
            pse_recon.validate(raw)
        pse_recon.validate(raw)
    assert inner.exact < outer.exact == len(raw.splitlines())
