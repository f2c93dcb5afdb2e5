"""Sources and lines: turning a path, bytes or a binary file into numbered lines.

Every line keeps its terminator (``\\n``, ``\\r\\n`` or none for a last line
without one) so nothing about the file's bytes is lost. A line longer than
:data:`MAX_LINE` is cut at the cap and the rest of it is skipped without being held
in memory: no input, however malformed, makes reading grow beyond that bound.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from typing import BinaryIO, TypeAlias

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
            while (rest := readline(limit)) and not rest.endswith(b"\n"):
                pass
        yield line


def split_terminator(raw: bytes) -> tuple[bytes, bytes]:
    """``b"06…\\r\\n"`` → ``(b"06…", b"\\r\\n")``."""
    if raw.endswith(b"\n"):
        if raw.endswith(b"\r\n"):
            return raw[:-2], b"\r\n"
        return raw[:-1], b"\n"
    return raw, b""
