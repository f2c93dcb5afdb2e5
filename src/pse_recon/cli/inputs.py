"""The files the commands read: what an argument names, each file opened once.

An argument names

* ``-``: standard input;
* a path: that file, opened once (a FIFO too: opening waits for its writer, as
  ``cat`` does, and what it sends is read once);
* ``ARCHIVE!MEMBER``: one member of a zip, when no file has that very name (the name
  ``validate`` gives each member of a zip of several files).

Its content is then looked at (:mod:`pse_recon.codec.sources`): gzip is unpacked; a
zip of one member is that member; a zip of several is one input per member, named
``archive.zip!member.txt``, for a command that takes several files, and is refused,
listing its members, by a command that takes one; other compressions and binary
data (a control byte or a UTF-16/32 byte-order mark first: never the start of a
file of any format, nor of a CSV or JSON one) are refused in one line.

A command that reads its input twice (read, then validate) gets it seekable: a
regular file is rewound; standard input, a FIFO or unpacked content is spooled once
(:func:`~pse_recon.codec.sources.spool`).

For a command that takes several files, an argument may also name many
(:func:`expand`), expanded by the tool itself, so that it works the same whatever the
shell (Windows shells expand no patterns), in an order that does not depend on the
file system:

* a directory: the regular files directly in it, sorted by name; with ``recursive``,
  those of its subdirectories too, each at its name's place (depth first, sorted at
  every level). Names starting with ``.`` (``.git``, ``.DS_Store``) are skipped, and
  so are FIFOs, sockets and devices; a symbolic link is followed, but a link back to
  a directory being walked (a loop) is not; a dangling link is named, so it is
  reported. Every file is taken whatever its name says (``.txt``, ``.gz``, ``.zip``,
  none): its content says what it is. A directory with no file to check is refused.
* a glob pattern (``*``, ``?``, ``[…]``, and ``**`` for any depth) that names no
  existing file: the paths it matches, sorted (``*`` does not match a leading
  ``.``); a matched directory is expanded as above. A pattern that matches nothing
  is refused.

Each file is opened only when its turn comes, and closed before the next is.

The module is long because naming, opening and expanding inputs are one contract
(each file opened once, the same refusals everywhere), kept in one place.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import sys
from collections.abc import Callable, Generator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

import attrs

from pse_recon.cli.common import (
    EXIT_UNREADABLE,
    EXIT_USAGE,
    UsageError,
    error,
    os_error_message,
    print_findings,
)
from pse_recon.cli.messages import TEXTS, current_lang, t
from pse_recon.codec import sources
from pse_recon.codec.sources import (
    Content,
    Named,
    ZipArchive,
    archive_error,
    gunzip,
    signature,
    spool,
)
from pse_recon.errors import ArchiveError

if TYPE_CHECKING:  # only named here: validate reads no records
    from pse_recon.validation.report import Report

T = TypeVar("T")

_TEXTS: dict[str, dict[str, str]] = {
    "input.stdin_closed": {
        "en": "-: standard input is closed",
        "es": "-: la entrada estándar está cerrada",
    },
    "input.stdin_twice": {
        "en": "standard input (-) can be read only once",
        "es": "la entrada estándar (-) solo se puede leer una vez",
    },
    "input.several": {
        "en": "{path} is a zip of {count} files ({members}): name one, as {example}",
        "es": "{path} es un zip de {count} archivos ({members}): indique uno, como {example}",
    },
    "input.not_zip": {
        "en": "{path} is not a zip archive: it has no member {member}",
        "es": "{path} no es un archivo zip: no tiene el miembro {member}",
    },
    "input.binary": {
        "en": "binary data, not text: it starts with byte {byte}",
        "es": "datos binarios, no texto: empieza con el byte {byte}",
    },
    "input.kind": {
        "en": "{path}: the input must be a .csv or .json file",
        "es": "{path}: la entrada debe ser un archivo .csv o .json",
    },
    "input.left_out": {
        "en": "{path}: {n} more errors left out",
        "es": "{path}: {n} errores más omitidos",
    },
    "input.no_match": {
        "en": "{pattern}: no file matches this pattern",
        "es": "{pattern}: ningún archivo coincide con este patrón",
    },
    "input.empty_folder": {
        "en": "{path}: no file to check in this folder (hidden files are skipped; --recursive "
        "checks its subfolders)",
        "es": "{path}: no hay archivos que validar en esta carpeta (se omiten los ocultos; "
        "--recursive valida sus subcarpetas)",
    },
    "input.wide_text": {
        "en": "{encoding} text (it starts with a byte-order mark): save it as UTF-8 or latin-1, "
        "one byte a character",
        "es": "texto {encoding} (empieza con una marca de orden de bytes): guárdelo en UTF-8 o "
        "latin-1, un byte por carácter",
    },
}
TEXTS.update(_TEXTS)

#: Bytes that never start a text file: C0 controls but tab, line feed, form feed,
#: carriage return and the DOS end-of-file mark, and DEL.
_BINARY_START = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1A} | {0x7F}
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


class Refused(Exception):
    """An input that cannot be used, said in one line naming it. ``content`` when it is
    what the input holds that cannot be read (a corrupt archive, binary data), rather
    than the input itself (missing, a directory, a zip member not chosen). ``name``:
    the input as reports call it, once :func:`each` knows it."""

    def __init__(self, message: str, *, content: bool, name: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.content = content
        self.name = name

    def __reduce__(self) -> tuple[Any, ...]:  # to and from the processes of --jobs
        return _refused, (self.message, self.content, self.name)


def _refused(message: str, content: bool, name: str) -> Refused:
    return Refused(message, content=content, name=name)


@attrs.frozen
class Input:
    """One file to read, opened."""

    #: What messages and reports call it: the argument, or ``archive.zip!member``.
    name: str
    #: Its content, unpacked.
    stream: BinaryIO
    #: The file read (a member's archive); None for standard input.
    path: str | None
    #: The content's own file name, that says CSV or JSON: the member, the path
    #: without ``.gz``; empty for standard input.
    inner: str
    #: Where the content starts in ``stream``.
    start: int = 0

    def rewound(self) -> BinaryIO:
        """The stream back at the content's start, to read it again (``twice=True``)."""
        self.stream.seek(self.start)
        return self.stream


def unpacking_failed(name: str, exc: ArchiveError) -> str:
    """``NAME: why`` an archive cannot be read, in the command line's language."""
    return t("err.os", path=name, reason=exc.reason(current_lang()))


@contextlib.contextmanager
def each(argument: str, *, several: bool = False, twice: bool = False, recursive: bool = False
         ) -> Iterator[Iterator[Input | Refused]]:
    """The inputs ``argument`` names, each open until the next is taken, and a
    :class:`Refused` in place of one that cannot be used. ``several``: a directory or
    a glob pattern is the files it names (:func:`expand`; ``recursive``: the
    subdirectories' too), a zip of several members one input per member (else both
    are refused). ``twice``: each stream can be rewound."""
    names = expand(argument, recursive) if several else iter([argument])
    items: Generator[Input | Refused, None, None] = _each_file(names, several, twice)
    try:
        yield items
    finally:
        items.close()


def _each_file(names: Iterator[str | Refused], several: bool, twice: bool
               ) -> Generator[Input | Refused, None, None]:
    for name in names:
        if isinstance(name, Refused):
            yield name
            continue
        with contextlib.ExitStack() as stack:
            for item in _inputs(name, stack, several, twice):
                if isinstance(item, Refused) and not item.name:
                    item.name = name
                yield item


def expand(argument: str, recursive: bool = False) -> Iterator[str | Refused]:
    """The files ``argument`` names, in order (see the module's docstring): itself when
    it is a file, standard input (``-``), or names nothing (opening it then says why,
    or finds ``ARCHIVE!MEMBER``); a directory's files; a glob pattern's matches. A
    :class:`Refused` for a directory or a pattern that names no file."""
    if argument == "-" or (os.path.lexists(argument) and not os.path.isdir(argument)):
        yield argument
    elif os.path.isdir(argument):
        yield from _folder(argument, recursive)
    elif glob.has_magic(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        if not matches:  # unless it names a zip's member: opening it then finds out
            if archive_member(argument)[1] is None:
                yield Refused(t("input.no_match", pattern=argument), content=False, name=argument)
                return
            matches = [argument]
        for match in matches:
            yield from (_folder(match, recursive) if os.path.isdir(match) else [match])
    else:
        yield argument


def _folder(path: str, recursive: bool) -> Iterator[str | Refused]:
    """The files of folder ``path`` (a :class:`Refused` when it holds none)."""
    found = False
    for item in _walk(path, recursive, frozenset()):
        found = True
        yield item
    if not found:
        yield Refused(t("input.empty_folder", path=path), content=False, name=path)


def _walk(path: str, recursive: bool, walking: frozenset[tuple[int, int]]
          ) -> Iterator[str | Refused]:
    """``_folder``'s files; ``walking``: the (device, inode) of the folders above, so
    that a link back to one of them is not followed round again."""
    try:
        info = os.stat(path)
        with os.scandir(path) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield Refused(os_error_message(path, exc), content=False, name=path)
        return
    walking |= {(info.st_dev, info.st_ino)}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        name = os.path.join(path, entry.name)
        try:
            if entry.is_dir():
                inner = entry.stat()
                if recursive and (inner.st_dev, inner.st_ino) not in walking:
                    yield from _walk(name, recursive, walking)
            elif entry.is_file() or (entry.is_symlink() and not os.path.exists(name)):
                yield name  # a dangling link is named: opening it says it is missing
        except OSError as exc:
            yield Refused(os_error_message(name, exc), content=False, name=name)


@contextlib.contextmanager
def one(argument: str, *, twice: bool = False) -> Iterator[Input]:
    """The one input ``argument`` names; raises :class:`Refused`."""
    with each(argument, twice=twice) as items:
        item = next(items)
        if isinstance(item, Refused):
            raise item
        yield item


def check_stdin_once(*arguments: str | None) -> None:
    """Refuse ``-`` given for two inputs of one command: the second would be empty."""
    if sum(a == "-" for a in arguments) > 1:
        raise UsageError(t("input.stdin_twice"))


def _inputs(argument: str, stack: contextlib.ExitStack, several: bool, twice: bool
            ) -> Generator[Input | Refused, None, None]:
    name = argument
    try:
        stream, path, member = _open(argument, stack)
        if member is not None:
            name = argument[: -len(member) - 1]
        head, stream = sources.head(stream)
        kind = signature(head)
        if member is not None and kind != "zip":
            raise Refused(t("input.not_zip", path=name, member=member), content=False)
        if kind == "zip":
            archive = stack.enter_context(ZipArchive(stream, name))
            yield from _members(archive, member, path, several, twice)
            return
        inner = "" if path is None else argument
        if kind == "gzip":
            stream = stack.enter_context(gunzip(stream, name))
            inner = inner[:-3] if inner.lower().endswith(".gz") else ""
        elif kind is not None:
            raise archive_error(name, "unsupported", kind=kind)
        with _content(stream, name, path, inner, twice) as item:
            yield item
    except Refused as exc:
        yield exc
    except ArchiveError as exc:
        yield Refused(unpacking_failed(name, exc), content=True)
    except OSError as exc:
        yield Refused(os_error_message(name, exc), content=False)


def _members(archive: ZipArchive, member: str | None, path: str | None, several: bool,
             twice: bool) -> Iterator[Input | Refused]:
    members = archive.members
    if not members:
        raise archive_error(archive.name, "empty")
    if member is None and len(members) > 1 and not several:
        raise Refused(
            t("input.several", path=archive.name, count=len(members),
              members=sources.listed(members), example=f"{archive.name}!{members[0]}"),
            content=False,
        )
    if member is not None and member not in members:
        missing = archive_error(archive.name, "no_member", member=member,
                                members=sources.listed(members))
        raise Refused(unpacking_failed(archive.name, missing), content=False)
    for m in members if member is None else [member]:
        name = archive.name if member is None and len(members) == 1 else f"{archive.name}!{m}"
        try:
            with archive.open(m) as stream, _content(stream, name, path, m, twice) as item:
                yield item
        except Refused as exc:
            yield exc
        except ArchiveError as exc:
            yield Refused(unpacking_failed(name, exc), content=True, name=name)


def _open(argument: str, stack: contextlib.ExitStack) -> tuple[BinaryIO, str | None, str | None]:
    """(stream, path, zip member) of an argument; its file opened once."""
    path, member = argument, None
    if not os.path.lexists(argument):
        path, member = archive_member(argument)
    if path == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:
            raise Refused(t("input.stdin_closed"), content=False)
        return stdin, None, member
    f = stack.enter_context(open(path, "rb"))  # noqa: SIM115 (the stack closes it)
    if stat.S_ISDIR(os.fstat(f.fileno()).st_mode):  # some systems open directories
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    return f, path, member


def file_of(name: str) -> str:
    """The file an input name is in: ``archive.zip`` of ``archive.zip!m.txt``, the name
    itself otherwise (what an output must not overwrite, what an error is about)."""
    return name if os.path.lexists(name) else archive_member(name)[0]


def archive_member(argument: str) -> tuple[str, str | None]:
    """``a.zip!m.txt`` → ``("a.zip", "m.txt")`` at the first ``!`` after an existing
    file (or ``-``, standard input); the argument itself when there is none (it is
    then not found)."""
    at = argument.find("!")
    while at > 0:
        archive = argument[:at]
        if archive == "-" or (os.path.exists(archive) and not os.path.isdir(archive)):
            return archive, argument[at + 1 :]
        at = argument.find("!", at + 1)
    return argument, None


@contextlib.contextmanager
def _content(stream: BinaryIO, name: str, path: str | None, inner: str, twice: bool
             ) -> Iterator[Input]:
    head, stream = sources.head(stream)
    why = _not_text(head)
    if why is not None:
        raise Refused(t("err.os", path=name, reason=why), content=True, name=name)
    if twice and not _regular(stream):
        with spool(stream, name) as held:
            yield Input(name, held, path, inner)
    else:
        yield Input(name, stream, path, inner, stream.tell() if twice else 0)


def _not_text(head: bytes) -> str | None:
    """Why content starting with ``head`` is no text file, if it is not."""
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            return t("input.wide_text", encoding=encoding)
    if head and head[0] in _BINARY_START:
        return t("input.binary", byte=f"0x{head[0]:02x}")
    return None


def _regular(stream: BinaryIO) -> bool:
    """Whether ``stream`` is a regular file (rewinding it reads the same bytes again)."""
    if isinstance(stream, Content):
        return False
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


# -- what the commands do with an input ---------------------------------------------------
def refused(exc: Refused, unreadable: int = EXIT_UNREADABLE) -> int:
    """Say why on standard error; the exit status: ``unreadable`` for what the input
    holds, 2 for the input itself."""
    error(exc.message)
    return unreadable if exc.content else EXIT_USAGE


def print_errors(name: str, report: Report) -> None:
    """``report``'s errors on standard error, in ``validate``'s format."""
    print_findings(name, report.errors, sys.stderr)
    if report.left_out_errors:
        print(t("input.left_out", path=name, n=report.left_out_errors), file=sys.stderr)


def input_kind(inp: Input) -> str | None:
    """``json`` or ``csv`` as the content's own name ends (inside a .gz or a zip) or,
    from standard input, as its first character is ``{``/``[`` or not; None when
    the name says neither."""
    suffix = os.path.splitext(inp.inner)[1].lower()
    if suffix in (".csv", ".json"):
        return suffix[1:]
    if inp.path is not None:
        return None
    head, _ = sources.head(inp.stream)
    first = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    return "json" if first in (b"{", b"[") else "csv"


def load_input(argument: str, loaders: Mapping[str, Callable[[Named], T]],
               default: str | None = None) -> T | int:
    """An input file (transactions, expected payments) loaded by ``loaders[kind]``
    (:func:`input_kind`, else ``default``); or the exit status after saying why not:
    2 when it cannot be opened or its kind is not known, 4 when it cannot be read
    (the InputError names file, line and column)."""
    from pse_recon.errors import InputError

    try:
        with one(argument) as inp:
            kind = input_kind(inp) or default
            if kind is None:
                error(t("input.kind", path=inp.name))
                return EXIT_USAGE
            try:
                return loaders[kind](Named(inp.name, inp.stream))
            except ArchiveError as exc:
                raise Refused(unpacking_failed(inp.name, exc), content=True) from None
    except Refused as exc:
        return refused(exc)
    except InputError as exc:
        error(str(exc))
        return EXIT_UNREADABLE
