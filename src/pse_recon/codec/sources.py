"""Sources as banks deliver them: gzip and zip unpacked, other compressions refused.

What a source holds is told by its first bytes (magic numbers), not by its name: a
``.txt`` may be zipped, a ``.gz`` may be plain. :func:`unpacked` gives

* for gzip (``1f 8b``): the content, decompressed as it is read;
* for zip (``PK``): the content of its one member (directory entries and the
  ``__MACOSX/`` entries macOS adds aside); a zip of several files, an empty one, an
  encrypted member or a method :mod:`zipfile` cannot unpack is refused;
* for bzip2, xz, 7z, zstd, rar, lz4, lzip, compress and tar: a refusal naming it
  (reading them would take a tool or a dependency: decompress them first);
* for anything else: the stream itself, as it was.

One level only: an archive whose content is itself compressed (a ``.tar.gz``, a
zipped ``.gz``) is refused, so a file reads the same whether the library or the
command line unpacks it.

Bounds, since a "zip bomb" of kilobytes expands to terabytes: unpacking is streamed
(a buffer at a time, never the whole content) and counted as it goes, whatever the
archive's headers claim: one archive unpacks to at most :data:`MAX_UNPACKED` bytes,
all its members together; a zip's directory, which :mod:`zipfile` reads whole, is at
most :data:`MAX_DIRECTORY` bytes; :func:`spool` holds at most :data:`MAX_UNPACKED`.
Every problem is an :class:`~pse_recon.errors.ArchiveError` (an ``OSError``),
raised when the source is opened or, for what only decompression reveals (a bad
checksum, a truncated stream, the bound), while it is read.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any, BinaryIO, Final, cast

import attrs

from pse_recon.errors import ArchiveError

#: Bytes one archive may unpack to, its members together (and :func:`spool` may
#: hold): 1 GiB, six million Asobancaria 2001 records, far beyond any real file.
MAX_UNPACKED = 1 << 30
#: Bytes of a zip's central directory: about 20,000 members.
MAX_DIRECTORY = 1 << 20
#: What :func:`spool` keeps in memory before it moves to a temporary file.
SPOOL_MEMORY = 16 << 20
#: Bytes looked at to tell what a source holds (tar's mark is at 257).
HEAD: Final = 512
_CHUNK: Final = 1 << 16

#: (offset, magic, kind): what the first bytes of a source say it is.
_SIGNATURES: Final = (
    (0, b"\x1f\x8b", "gzip"),
    (0, b"PK\x03\x04", "zip"),
    (0, b"PK\x05\x06", "zip"),  # an empty zip
    (0, b"PK\x07\x08", "zip"),  # a spanned zip
    (0, b"BZh", "bzip2"),
    (0, b"\xfd7zXZ\x00", "xz"),
    (0, b"7z\xbc\xaf\x27\x1c", "7z"),
    (0, b"\x28\xb5\x2f\xfd", "zstd"),
    (0, b"Rar!\x1a\x07", "rar"),
    (0, b"\x04\x22\x4d\x18", "lz4"),
    (0, b"LZIP", "lzip"),
    (0, b"\x1f\x9d", "compress"),
    (257, b"ustar", "tar"),
)

#: Why a source cannot be read, in English and Spanish (see :class:`ArchiveError`).
REASONS: Final = {
    "unsupported": (
        "compressed with {kind}, which is not read: decompress it first (gzip and zip are read)",
        "comprimido con {kind}, que no se lee: descomprímalo primero (se leen gzip y zip)",
    ),
    "corrupt": (
        "not a readable {kind} file ({detail})",
        "no es un archivo {kind} legible ({detail})",
    ),
    "several": (
        "a zip of {count} files ({members}): read one member at a time",
        "un zip de {count} archivos ({members}): lea un miembro a la vez",
    ),
    "empty": ("a zip archive with no file in it", "un archivo zip sin archivos"),
    "no_member": (
        "has no member {member} (members: {members})",
        "no tiene el miembro {member} (miembros: {members})",
    ),
    "encrypted": ("member {member} is encrypted", "el miembro {member} está cifrado"),
    "nested": (
        "holds {kind} data inside the {outer} file: unpack it first",
        "contiene datos {kind} dentro del archivo {outer}: desempáquelo primero",
    ),
    "too_big": (
        "unpacks to more than {limit}, the most read from one archive",
        "se desempaca en más de {limit}, lo máximo que se lee de un archivo comprimido",
    ),
    "too_long": (
        "is more than {limit}, the most held from a pipe or an archive",
        "tiene más de {limit}, lo máximo que se guarda de una tubería o un archivo comprimido",
    ),
    "directory": (
        "its zip directory takes {size} bytes, more than the {limit} read (too many members)",
        "su directorio zip ocupa {size} bytes, más de los {limit} que se leen (demasiados "
        "miembros)",
    ),
}

#: What decompressors and zipfile raise on bad data (zipfile's bzip2 and lzma methods
#: included; a header offset before the file's start is a ValueError, a header too
#: short a struct.error).
_BROKEN: tuple[type[Exception], ...] = (
    OSError, EOFError, ValueError, struct.error, zlib.error, zipfile.BadZipFile,
    NotImplementedError,
)
with contextlib.suppress(ImportError):
    import lzma

    _BROKEN += (lzma.LZMAError,)


def archive_error(name: str, problem: str, **details: Any) -> ArchiveError:
    """The :class:`ArchiveError` of ``problem`` (a key of :data:`REASONS`)."""
    en, es = REASONS[problem]
    return ArchiveError(en.format(**details), name=name, problem=problem,
                        reasons={"es": es.format(**details)})


def signature(head: bytes) -> str | None:
    """The kind of compressed data or archive ``head`` (a source's first bytes) starts
    with: ``gzip``, ``zip`` (the two that are read), ``bzip2``, ``xz`` …; None for
    anything else."""
    for at, magic, kind in _SIGNATURES:
        if head[at : at + len(magic)] == magic:
            return kind
    return None


def size_text(n: int) -> str:
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << shift and n % (1 << shift) == 0:
            return f"{n >> shift} {unit}"
    return f"{n} bytes"


def listed(names: list[str], most: int = 10) -> str:
    """``a.txt, b.txt`` (the first ``most`` names, then how many more)."""
    shown = ", ".join(names[:most])
    return shown + (f", … ({len(names) - most} more)" if len(names) > most else "")


# -- streams --------------------------------------------------------------------------
#: What a stream of bytes to read is typed as: files, and decompressors.
_Readable = io.BufferedIOBase | IO[bytes]


class Content(io.BufferedReader):
    """A source's content as this module gives it (looked at, unpacked if it was
    packed): :func:`unpacked` passes it through as it is."""


@attrs.define
class _Budget:
    """What one archive may still unpack to."""

    name: str
    limit: int = attrs.field(factory=lambda: MAX_UNPACKED)
    used: int = 0

    def take(self, n: int, problem: str = "too_big") -> None:
        self.used += n
        if self.used > self.limit:
            raise archive_error(self.name, problem, limit=size_text(self.limit))


class _Reader(io.RawIOBase):
    """``head`` first, then what ``source`` reads; when ``kind`` is given, the source
    is a decompressor: its bytes are counted against ``budget``, its errors become
    ArchiveError, and closing this closes it."""

    def __init__(self, source: _Readable, *, head: bytes = b"", kind: str = "", name: str = "",
                 budget: _Budget | None = None) -> None:
        super().__init__()
        self._source = source
        self._head = head
        self._kind = kind
        self._name = name
        self._budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        try:
            data = self._source.read(len(buffer))
        except _BROKEN as exc:
            if not self._kind:
                raise
            detail = str(exc) or type(exc).__name__
            raise archive_error(self._name, "corrupt", kind=self._kind, detail=detail) from None
        n = len(data)
        if self._budget is not None:
            self._budget.take(n)
        buffer[:n] = data
        return n

    def close(self) -> None:
        if self._kind and not self.closed:
            self._source.close()
        super().close()


def _can_seek(stream: BinaryIO) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def head(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first :data:`HEAD` bytes of ``stream`` from where it is, and a stream that
    still gives them: ``stream`` itself, put back, when it can seek; else a
    :class:`Content` that gives them first (so a pipe is read once)."""
    if isinstance(stream, Content):
        return stream.peek(HEAD)[:HEAD], stream
    if _can_seek(stream):
        at = stream.tell()
        data = stream.read(HEAD)
        stream.seek(at)
        return data, stream
    chunks: list[bytes] = []
    got = 0
    while got < HEAD and (chunk := stream.read(HEAD - got)):
        chunks.append(chunk)
        got += len(chunk)
    data = b"".join(chunks)
    return data, Content(_Reader(stream, head=data), _CHUNK)


def _unpacking(source: _Readable, kind: str, name: str, budget: _Budget) -> Content:
    """A decompressor's output as a Content; refused when it is itself compressed."""
    content = Content(_Reader(source, kind=kind, name=name, budget=budget), _CHUNK)
    try:
        inner = signature(content.peek(HEAD)[:HEAD])
        if inner is not None:
            raise archive_error(name, "nested", kind=inner, outer=kind)
    except BaseException:
        content.close()
        raise
    return content


def gunzip(stream: BinaryIO, name: str = "") -> Content:
    """The content of the gzip data ``stream`` gives, decompressed as it is read."""
    return _unpacking(gzip.GzipFile(fileobj=stream, mode="rb"), "gzip", name, _Budget(name))


def spool(stream: BinaryIO, name: str = "") -> BinaryIO:
    """What is left of ``stream``, read once into a seekable temporary (in memory up to
    :data:`SPOOL_MEMORY`, then in a file) and rewound: for what must be read twice
    and cannot seek (a pipe, unpacked content). At most :data:`MAX_UNPACKED` bytes."""
    held = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY)  # noqa: SIM115 (returned open)
    budget = _Budget(name)
    try:
        while chunk := stream.read(_CHUNK):
            budget.take(len(chunk), "too_long")
            held.write(chunk)
        held.seek(0)
    except BaseException:
        held.close()
        raise
    return cast(BinaryIO, held)


class ZipArchive:
    """A zip archive opened for its members; one budget for all of them.

    ``stream`` must seek (the directory is at the end): one that cannot is spooled.
    """

    def __init__(self, stream: BinaryIO, name: str = "") -> None:
        self.name = name
        self._zip: zipfile.ZipFile | None = None
        self._held = None if _can_seek(stream) else spool(stream, name)
        try:
            _check_directory(self._held or stream, name)
            self._zip = zipfile.ZipFile(self._held or stream)
        except ArchiveError:
            self.close()
            raise
        except _BROKEN as exc:
            self.close()
            raise archive_error(name, "corrupt", kind="zip", detail=str(exc)) from None
        self._budget = _Budget(name)
        self._infos = [
            i for i in self._zip.infolist()
            if not i.is_dir() and not i.filename.startswith("__MACOSX/")
        ]

    @property
    def members(self) -> list[str]:
        """The files in the archive, in its order."""
        return [i.filename for i in self._infos]

    def open(self, member: str) -> Content:
        """The content of ``member``, decompressed as it is read."""
        info = next((i for i in self._infos if i.filename == member), None)
        if info is None:
            raise archive_error(self.name, "no_member", member=member, members=listed(self.members))
        if info.flag_bits & 0x1:
            raise archive_error(self.name, "encrypted", member=member)
        assert self._zip is not None
        try:
            source = self._zip.open(info)
        except _BROKEN as exc:
            raise archive_error(self.name, "corrupt", kind="zip", detail=str(exc)) from None
        return _unpacking(source, "zip", self.name, self._budget)

    def only(self) -> Content:
        """The content of the one member; refused for an empty zip or several members."""
        members = self.members
        if not members:
            raise archive_error(self.name, "empty")
        if len(members) > 1:
            raise archive_error(self.name, "several", count=len(members), members=listed(members))
        return self.open(members[0])

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
        if self._held is not None:
            self._held.close()

    def __enter__(self) -> ZipArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_EOCD: Final = b"PK\x05\x06"
_ZIP64_LOCATOR: Final = b"PK\x06\x07"
_ZIP64_EOCD: Final = b"PK\x06\x06"


def _check_directory(stream: BinaryIO, name: str) -> None:
    """Refuse a zip whose central directory is over MAX_DIRECTORY bytes, before
    :mod:`zipfile` reads it whole (an entry takes some 50 bytes there and ten times
    that in memory). What is not a zip's end is left for zipfile to say."""
    end = stream.seek(0, os.SEEK_END)
    start = max(0, end - 22 - 0xFFFF)  # the end record, and a comment of at most 64 KiB
    stream.seek(start)
    tail = stream.read(end - start)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return
    size = int.from_bytes(tail[at + 12 : at + 16], "little")
    if size == 0xFFFFFFFF:  # zip64: the size is in the zip64 end record, if it is found
        if at < 20 or tail[at - 20 : at - 16] != _ZIP64_LOCATOR:
            return
        stream.seek(int.from_bytes(tail[at - 12 : at - 4], "little"))
        record = stream.read(56)
        if len(record) < 56 or record[:4] != _ZIP64_EOCD:
            return
        size = int.from_bytes(record[40:48], "little")
    if size > MAX_DIRECTORY:
        raise archive_error(name, "directory", size=size, limit=size_text(MAX_DIRECTORY))


@contextlib.contextmanager
def unpacked(stream: BinaryIO, name: str = "") -> Iterator[BinaryIO]:
    """The content of ``stream``: itself when plain, unpacked when gzip or a zip of one
    member; ArchiveError otherwise. Closes what it opened, never ``stream``."""
    if isinstance(stream, Content):
        yield stream
        return
    data, stream = head(stream)
    kind = signature(data)
    if kind is None:
        yield stream
    elif kind == "gzip":
        with gunzip(stream, name) as content:
            yield content
    elif kind == "zip":
        with ZipArchive(stream, name) as archive, archive.only() as content:
            yield content
    else:
        raise archive_error(name, "unsupported", kind=kind)


@attrs.frozen
class Named:
    """A stream read under a name of the caller's choosing (``-``, ``a.zip!tx.csv``):
    what messages about its content call it."""

    name: str
    stream: BinaryIO

    def __str__(self) -> str:
        return self.name
