"""Sources and lines: turning a path, bytes or a binary file into numbered lines.

Every line keeps its terminator (``\\n``, ``\\r\\n``, the quirks ``\\r`` and
``\\r\\r\\n``, or none for a last line without one) so nothing about the file's bytes
is lost. A line longer than :data:`MAX_LINE` is cut at the cap and the rest of it is
skipped without being held in memory: no input, however malformed, makes reading
grow beyond that bound.

What a file holds besides its record lines (a UTF-8 byte-order mark before the
first record, empty lines and a DOS end-of-file byte after the last) is taken out
of the lines by :class:`Lines` and kept in its :class:`Edges`, so that reading and
validation see the same record lines, and writing can give the bytes back.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO, TypeAlias

import attrs

from pse_recon.codec.sources import unpacked

#: Longest line read whole: its content and ``\n`` together may be one byte more
#: (``readline(MAX_LINE + 1)``). The widest record is 235 columns; anything near
#: this cap is not one of our files.
MAX_LINE = 4096

Source: TypeAlias = "str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO"


@contextlib.contextmanager
def open_source(source: Source) -> Iterator[BinaryIO]:
    """A binary stream over ``source``'s content, gzip and a zip of one member
    unpacked (:func:`~pse_recon.codec.sources.unpacked`, which raises ArchiveError for
    what cannot be); paths are opened (and closed) here."""
    if isinstance(source, bytes | bytearray | memoryview):
        with unpacked(io.BytesIO(bytes(source))) as content:
            yield content
    elif isinstance(source, str | os.PathLike):
        with open(source, "rb") as f, unpacked(f, os.fsdecode(source)) as content:
            yield content
    elif isinstance(source, io.TextIOBase):
        raise TypeError("cannot read from a text-mode file: open it in binary mode ('rb')")
    elif hasattr(source, "readline"):
        name = getattr(source, "name", "")
        with unpacked(source, name if isinstance(name, str) else "") as content:
            yield content
    else:
        raise TypeError(
            f"cannot read from {type(source).__name__}: give a path, bytes or a binary file"
        )


def iter_lines(stream: BinaryIO, cap: int = MAX_LINE) -> Iterator[bytes]:
    """The stream's lines with their terminators. A line whose first ``cap + 1``
    bytes hold no ``\n`` is yielded cut there (so callers can tell: it is longer
    than ``cap`` and has no terminator) and its rest is skipped, never held."""
    readline = stream.readline
    limit = cap + 1
    while line := readline(limit):
        if len(line) > cap and not line.endswith(b"\n"):
            line = _past_the_cap(line, readline, limit)
        yield line


def _past_the_cap(line: bytes, readline: Callable[[int], bytes], limit: int) -> bytes:
    """``line``, read up to the cap without its LF, and the rest of it skipped; or the
    line made whole when only its terminator's end was past the cap (a record at the
    cap then ``\r\n``: ``readline`` stopped between the CR and the LF)."""
    rest = readline(limit)
    if line.endswith(b"\r") and rest.lstrip(b"\r") == b"\n":
        return line + rest
    while rest and not rest.endswith(b"\n"):
        rest = readline(limit)
    return line


def split_terminator(raw: bytes) -> tuple[bytes, bytes]:
    """``b"06…\\r\\n"`` → ``(b"06…", b"\\r\\n")``. A CR before the line end belongs to
    the terminator (``\\r\\r\\n``, ``\\r``): a record never ends in a control byte."""
    if raw.endswith(b"\n"):
        if raw.endswith(b"\r\n"):
            if raw.endswith(b"\r\r\n"):
                return raw[:-3], b"\r\r\n"
            return raw[:-2], b"\r\n"
        return raw[:-1], b"\n"
    if raw.endswith(b"\r"):
        return raw[:-1], b"\r"
    return raw, b""


def newline_of(first: bytes) -> bytes:
    """The line ending the fast paths are compiled for, from a file's first line:
    CRLF if it ends so, else LF (the others are quirks every line of which takes the
    exact path)."""
    return b"\r\n" if first.endswith(b"\r\n") and not first.endswith(b"\r\r\n") else b"\n"


#: The UTF-8 byte-order mark some editors write at the start of a text file.
BOM = b"\xef\xbb\xbf"
#: The DOS end-of-file byte (Ctrl-Z) old tools append to a text file.
EOF_BYTE = b"\x1a"
#: Lines with nothing but a line ending.
EMPTY_LINES = frozenset({b"\n", b"\r\n", b"\r\r\n", b"\r"})
#: Bytes read at a time for the lines :class:`Lines` splits in blocks.
BLOCK = 64 * 1024
#: Trailing empty lines held back (bytes) before they are taken for lines of the file:
#: a run of empty lines longer than this is no producer's quirk, and memory stays flat.
TAIL_CAP = 64 * 1024


@attrs.define
class Edges:
    """What a file holds besides its record lines, as found by :class:`Lines`.

    ``prefix`` is a UTF-8 byte-order mark before the first record (or empty);
    ``tail`` the empty lines (``empty`` of them) and the DOS end-of-file byte
    (``eof``) after the last record, bytes and all; ``eof_glued`` says that the
    end-of-file byte came right after the last record, on its line (which then has
    no terminator), at ``eof_column``. ``cr`` says the lines end in CR alone.
    """

    prefix: bytes = b""
    tail: bytes = b""
    empty: int = 0
    eof: bool = False
    eof_glued: bool = False
    eof_column: int = 0
    cr: bool = False

    @property
    def plain(self) -> bool:
        """Whether there is nothing besides the record lines."""
        return not (self.prefix or self.tail)


class Lines:
    """The record lines of ``stream`` (see :func:`iter_lines`), with its :attr:`edges`
    taken out: final once the lines are exhausted. Iterate once.

    Plain LF lines come in blocks of :data:`BLOCK` bytes split in C and handed on
    by a C iterator: no Python code runs per line, which is a tenth of the time
    a hand-written reader spends on a line. The first block that holds anything
    else (a line not ended by LF, an empty line, a line past the cap, the
    end-of-file byte), and everything after it, goes line by line (``block=0``:
    every line, the reference the blocks are tested against).
    """

    def __init__(self, stream: BinaryIO, cap: int = MAX_LINE, block: int = BLOCK) -> None:
        self.edges = Edges()
        self._lines = itertools.chain.from_iterable(self._blocks(stream, cap, block))

    def __iter__(self) -> Iterator[bytes]:
        return self._lines

    def __next__(self) -> bytes:
        return next(self._lines)

    def _blocks(self, stream: BinaryIO, cap: int, size: int) -> Iterator[Iterable[bytes]]:
        limit = cap + 1
        first = stream.readline(limit)
        if first.startswith(BOM):
            self.edges.prefix = BOM
            first = first[3:]
        cr = not first.endswith(b"\n") and -1 < first.find(b"\r") < len(first) - 1
        self.edges.cr = cr  # no LF in the first line, CRs inside it: lines end in CR
        if cr:
            yield self._each(_cr_lines(first, stream, cap), stream.readline, limit, cr)
            return
        carry = first
        while size and (more := stream.read(size)):
            data = carry + more
            cut = data.rfind(b"\n") + 1
            block = io.BytesIO(data[:cut]).readlines()
            if not block or min(map(len, block)) < 4 or max(map(len, block)) > limit:
                carry = data
                break
            yield block
            carry = data[cut:]
        rest = io.BufferedReader(_Joined(carry, stream))
        yield self._each(iter(functools.partial(rest.readline, limit), b""), rest.readline, limit, cr)

    def _each(self, source: Iterator[bytes], readline: Callable[[int], bytes], limit: int,
              cr: bool) -> Iterator[bytes]:
        """The lines of ``source`` one by one, its edges taken out."""
        cap = limit - 1
        for line in source:
            if len(line) > 3 and line[-1] == 10:  # an LF line, not empty
                yield line
                continue
            # Rare: an empty line, the end-of-file byte, a line without LF.
            held: list[bytes] = []
            size = 0
            nxt: bytes | None = line
            while nxt is not None and (nxt in EMPTY_LINES or nxt == EOF_BYTE) and size < TAIL_CAP:
                held.append(nxt)
                size += len(nxt)
                nxt = next(source, None)
            if nxt is None and held:  # nothing after them: the file's tail
                self._tail(held)
                return
            yield from held  # something follows: lines of the file like any other
            if nxt is None:
                return
            if len(nxt) > cap and not nxt.endswith(b"\n") and not (cr and nxt.endswith(b"\r")):
                if not cr:  # cut at the cap: skip the rest of the line, never hold it
                    nxt = _past_the_cap(nxt, readline, limit)
            elif nxt[-1:] not in (b"\n", b"\r") and nxt.endswith(EOF_BYTE) and len(nxt) > 1:
                # The last line (nothing follows a line without terminator), with the
                # end-of-file byte right after its record.
                self.edges.tail, self.edges.eof, self.edges.eof_glued = EOF_BYTE, True, True
                self.edges.eof_column = len(nxt)
                yield nxt[:-1]
                return
            yield nxt

    def _tail(self, held: list[bytes]) -> None:
        eof = held[-1] == EOF_BYTE
        self.edges.tail = b"".join(held)
        self.edges.empty = len(held) - eof
        self.edges.eof = eof


class _Joined(io.RawIOBase):
    """``head`` (bytes already read), then the rest of ``stream``: what the lines not
    taken in blocks are read from, as from the stream itself."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = len(buffer)
        if self._head:
            part, self._head = self._head[:n], self._head[n:]
        else:
            part = memoryview(self._stream.read(n))
        buffer[: len(part)] = part
        return len(part)


def _cr_lines(first: bytes, stream: BinaryIO, cap: int) -> Iterator[bytes]:
    """Lines ending in CR alone, from ``first`` (bytes already read) and the rest of
    ``stream``. A line longer than ``cap`` is cut at ``cap + 1`` bytes, without its
    CR (as :func:`iter_lines` does), and its rest skipped."""
    buf = first
    skipping = False
    while True:
        start = 0
        while (i := buf.find(b"\r", start)) >= 0:
            if not skipping:
                yield buf[start : i + 1] if i - start <= cap else buf[start : start + cap + 1]
            skipping = False
            start = i + 1
        buf = buf[start:]
        if len(buf) > cap:
            if not skipping:
                yield buf[: cap + 1]
            skipping = True
            buf = b""
        more = stream.read(64 * 1024)
        if not more:
            if buf and not skipping:
                yield buf
            return
        buf += more
