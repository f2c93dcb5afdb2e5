"""The one writer of output files and streams: it writes what it is given, or says why
not, and never destroys what the target named.

:func:`write_file` looks at what the path names *now* and writes the way that keeps it
what it is (docs/guide.md, "Writing files safely", has the table; ADR 0012 the
reasons):

- nothing, or a regular file with one name whose owner can be kept: a temporary file
  in the same folder, fsynced, renamed over the target, the folder fsynced. Readers
  see the old file or the whole new one, also across a crash; the new file keeps the
  old one's mode and owner (a new file gets 0666 less the umask);
- a regular file with several hard links, or whose owner cannot be kept: written in
  place, once every byte is ready and the space is reserved, so every name sees the
  new content and the owner stays;
- a character device or a FIFO (``/dev/null``, a terminal, a named pipe): opened and
  written in place, never replaced;
- a symbolic link: followed, its target written as above, the link left a link; or
  refused (``follow_symlinks=False``). A link to one of the process's open file
  descriptors (``/dev/stdout``, ``/dev/fd/2``) writes to that descriptor;
- refused with :class:`OutputError`: a socket; a block device and a read-only target
  unless ``force=True``; an empty name, a name ending in ``/``, a directory.

"Read-only" is judged from the mode bits, not ``os.access``: root may write anything,
so a file nobody may write (0444) would otherwise be replaced without a word.

:func:`write_stream` writes to an open binary stream (standard output) in chunks and
checks every write: a buffered stream can take part of a big write and return short
without raising when the pipe's reader goes away.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import secrets
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Literal

import attrs

from pse_recon.errors import OutputError

#: Bytes handed to one ``write`` call: big enough to cost nothing, small enough that a
#: short write is noticed at once.
CHUNK = 1 << 20

#: Signals whose default action kills the process: while a temporary file exists they
#: remove it first (SIGINT already does, as KeyboardInterrupt), then kill as before.
TERMINATING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)

#: The paths of a process's own open file descriptors.
_FD_PATH = re.compile(r"/(?:proc/self|dev)/fd/(\d+)")

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)

Data = bytes | Iterable[bytes]


@attrs.frozen
class _Plan:
    """How a target is written: ``replace`` (temporary file and rename), ``in_place``
    (an existing regular file, rewritten), ``stream`` (a device or FIFO, written as
    the data comes), ``descriptor`` (``/dev/stdout`` and the like: the open file
    descriptor ``fd`` itself, written as the data comes)."""

    how: Literal["replace", "in_place", "stream", "descriptor"]
    path: str  # symbolic links followed
    old: os.stat_result | None = None
    fd: int = -1


def check_target(
    path: str | os.PathLike[str], *, follow_symlinks: bool = True, force: bool = False
) -> None:
    """Raise what :func:`write_file` would refuse ``path`` with, writing nothing: lets a
    program refuse before doing the work."""
    _plan(os.fspath(path), follow_symlinks, force)


def write_file(
    path: str | os.PathLike[str],
    data: Data,
    *,
    follow_symlinks: bool = True,
    force: bool = False,
) -> None:
    """Write ``data`` (bytes, or an iterable of bytes that may raise halfway) to
    ``path`` without destroying what it names (see the module's docstring).

    Raises :class:`OutputError` for a refused target and ``OSError`` (naming ``path``)
    when writing fails; whatever is raised, a file being replaced is left as it was and
    no temporary file is left behind.
    """
    name = os.fspath(path)
    plan = _plan(name, follow_symlinks, force)
    try:
        if plan.how == "replace":
            _replace(plan, data)
        elif plan.how == "in_place":
            _rewrite(plan, data)
        elif plan.how == "stream":
            _stream(plan, data)
        else:
            for chunk in _chunks(data):
                _write_all(functools.partial(os.write, plan.fd), chunk)
    except OSError as exc:
        if exc.filename == name or exc.errno is None:
            raise
        raise type(exc)(exc.errno, exc.strerror, name) from None


def write_stream(stream: IO[bytes], data: Data) -> None:
    """Write ``data`` to an open binary ``stream`` in chunks, every byte or an error
    (flushing is the caller's: a stream written line by line is not flushed each line)."""
    for chunk in _chunks(data):
        _write_all(stream.write, chunk)


# -- what the target is ---------------------------------------------------------------
def _plan(name: str, follow_symlinks: bool, force: bool) -> _Plan:
    if not name:
        raise OutputError("the file name is empty",
                          errno=errno.ENOENT, filename=name, reason="empty")
    if name.endswith(("/", os.sep)):
        raise OutputError("names a folder (ends with '/'), not a file",
                          errno=errno.EISDIR, filename=name, reason="folder_name")
    try:
        st = os.lstat(name)
    except FileNotFoundError:
        return _Plan("replace", name)
    real = name
    if stat.S_ISLNK(st.st_mode):
        if not follow_symlinks:
            raise OutputError("is a symbolic link",
                              errno=errno.ELOOP, filename=name, reason="symlink")
        fd = _descriptor(name)
        if fd is not None:
            os.fstat(fd)  # open, or EBADF
            return _Plan("descriptor", name, fd=fd)
        try:
            st = os.stat(name)  # followed by the kernel: /dev/stdout's /proc links too
        except FileNotFoundError:  # a dangling link: create what it points to
            return _Plan("replace", os.path.realpath(name))
        except OSError as exc:  # a loop of links
            raise type(exc)(exc.errno, exc.strerror, name) from None
        if stat.S_ISREG(st.st_mode):  # replaced in its own folder
            real = os.path.realpath(name)
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", name)
    if stat.S_ISSOCK(mode):
        raise OutputError("is a socket, not a file",
                          errno=errno.ENXIO, filename=name, reason="socket")
    if stat.S_ISBLK(mode) and not force:
        raise OutputError("is a block device (force=True writes onto it)",
                          errno=errno.EPERM, filename=name, reason="block_device")
    if not (stat.S_ISREG(mode) or stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISBLK(mode)):
        raise OutputError("is not a file, device or FIFO",
                          errno=errno.EPERM, filename=name, reason="not_a_file")
    if not force and not _writable_by_mode(st):
        raise OutputError("is read-only (force=True writes it anyway)",
                          errno=errno.EACCES, filename=name, reason="read_only")
    if not stat.S_ISREG(mode):
        return _Plan("stream", real, st)
    if st.st_nlink == 1 and _owner_can_be_kept(st):
        return _Plan("replace", real, st)
    return _Plan("in_place", real, st)


def _descriptor(name: str) -> int | None:
    """The file descriptor that ``name`` is a link to, through ``/proc/self/fd/N`` or
    ``/dev/fd/N`` (``/dev/stdout``, ``/dev/stderr``): written as it is, so a standard
    output opened for appending (``>> log``) is appended to, never replaced."""
    path = name
    for _ in range(40):  # the kernel's own limit on links followed
        found = _FD_PATH.fullmatch(path)
        if found:
            return int(found.group(1))
        try:
            target = os.readlink(path)
        except OSError:
            return None
        path = os.path.normpath(os.path.join(os.path.dirname(path), target))
    return None


def _writable_by_mode(st: os.stat_result) -> bool:
    """Whether the mode bits let us write: the owner's, group's or others' write bit as
    we are one of those; root, whom the kernel lets write anything, is held to any
    write bit."""
    euid = os.geteuid()
    if euid == 0:
        return bool(st.st_mode & 0o222)
    if st.st_uid == euid:
        return bool(st.st_mode & stat.S_IWUSR)
    if _ours(st.st_gid):
        return bool(st.st_mode & stat.S_IWGRP)
    return bool(st.st_mode & stat.S_IWOTH)


def _owner_can_be_kept(st: os.stat_result) -> bool:
    """Whether a new file can be given ``st``'s owner and group: as root, or when both
    are already ours."""
    euid = os.geteuid()
    return euid == 0 or (st.st_uid == euid and _ours(st.st_gid))


def _ours(gid: int) -> bool:
    return gid == os.getegid() or gid in os.getgroups()


# -- the three ways of writing -----------------------------------------------------------
def _replace(plan: _Plan, data: Data) -> None:
    """Temporary file beside the target, fsynced, renamed over it, folder fsynced."""
    folder = os.path.dirname(plan.path) or "."
    old = plan.old
    # Created with the old file's mode from the start: a private file's content is
    # never readable by others, not even while it is being written.
    mode = stat.S_IMODE(old.st_mode) & 0o777 if old is not None else 0o666
    fd, tmp = -1, None
    with _removed_on_termination():
        try:
            fd, tmp = _create_temporary(folder, os.path.basename(plan.path), mode)
            for chunk in _chunks(data):
                _write_all(functools.partial(os.write, fd), chunk)
            if old is not None:
                with contextlib.suppress(PermissionError):  # filesystems without owners
                    os.fchown(fd, old.st_uid, old.st_gid)
                os.fchmod(fd, stat.S_IMODE(old.st_mode))  # after chown, which clears set-id bits
            os.fsync(fd)
            os.close(fd)
            fd = -1
            os.replace(tmp, plan.path)
            tmp = None
        except BaseException:
            if fd >= 0:
                os.close(fd)
            if tmp is not None:
                os.unlink(tmp)
            raise
    _fsync_folder(folder)


def _rewrite(plan: _Plan, data: Data) -> None:
    """An existing regular file written in place: the data staged first (an error while
    producing it leaves the file untouched), the space reserved, then copied in."""
    with _staged(data) as (size, chunks):
        fd = os.open(plan.path, os.O_WRONLY | _O_CLOEXEC)
        try:
            _reserve(fd, size)
            for chunk in chunks:
                _write_all(functools.partial(os.write, fd), chunk)
            os.ftruncate(fd, size)
            os.fsync(fd)
        finally:
            os.close(fd)


def _stream(plan: _Plan, data: Data) -> None:
    """A device or FIFO: opened as it is (never created, never truncated), written."""
    fd = os.open(plan.path, os.O_WRONLY | _O_NOCTTY | _O_CLOEXEC)
    try:
        for chunk in _chunks(data):
            _write_all(functools.partial(os.write, fd), chunk)
        if plan.old is not None and stat.S_ISBLK(plan.old.st_mode):
            os.fsync(fd)
    finally:
        os.close(fd)


# -- pieces ------------------------------------------------------------------------------
def _chunks(data: Data) -> Iterable[bytes]:
    return (data,) if isinstance(data, bytes) else data


def _write_all(write: Callable[[memoryview], int | None], chunk: bytes) -> None:
    """Every byte of ``chunk`` through ``write``, :data:`CHUNK` at a time; a short write
    is followed by the rest (which raises if the target went away)."""
    view = memoryview(chunk)
    while view:
        n = write(view[:CHUNK])
        if not n:  # None (would block) or 0: nothing taken, and no error said why
            raise OSError(errno.EIO, "the output took nothing")
        view = view[n:]


def _create_temporary(folder: str, name: str, mode: int) -> tuple[int, str]:
    """A new file ``.NAME.XXXXXXXX.tmp`` in ``folder`` (NAME cut to 16 characters, so any
    legal target name gives a legal temporary name), open for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_CLOEXEC
    for _ in range(100):
        tmp = os.path.join(folder, f".{name[:16]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", folder)


def _fsync_folder(folder: str) -> None:
    """Make the rename durable (where the filesystem can sync a folder)."""
    fd = os.open(folder, os.O_RDONLY | _O_CLOEXEC)
    try:
        with _unless_unsupported():
            os.fsync(fd)
    finally:
        os.close(fd)


def _reserve(fd: int, size: int) -> None:
    """Reserve ``size`` bytes before overwriting anything: a full disk fails here, with
    the old content intact (where the system and filesystem can reserve space)."""
    if hasattr(os, "posix_fallocate"):
        with _unless_unsupported():
            os.posix_fallocate(fd, 0, size)


@contextlib.contextmanager
def _unless_unsupported() -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise


@contextlib.contextmanager
def _staged(data: Data) -> Iterator[tuple[int, Iterable[bytes]]]:
    """``data``'s size and its chunks, produced completely before anything is written:
    bytes as they are, an iterable through an unnamed temporary file (none is left,
    whatever happens)."""
    if isinstance(data, bytes):
        yield len(data), (data,)
        return
    with tempfile.TemporaryFile() as stage:
        for chunk in data:
            _write_all(stage.write, chunk)
        size = stage.tell()
        stage.seek(0)
        yield size, iter(functools.partial(stage.read, CHUNK), b"")


class _Terminated(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminated(signum: int, frame: object) -> None:
    signal.signal(signum, signal.SIG_IGN)  # a second signal must not interrupt the clean-up
    raise _Terminated(signum)


@contextlib.contextmanager
def _removed_on_termination() -> Iterator[None]:
    """While the block runs, a terminating signal whose action is the default raises
    instead, so the ``except`` of the block removes the temporary file; the process is
    then killed by the same signal, as it would have been. Signals a program handles
    itself are left to it; only the main thread can take signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    ours = [s for s in TERMINATING_SIGNALS if signal.getsignal(s) == signal.SIG_DFL]
    for s in ours:
        signal.signal(s, _terminated)
    try:
        yield
    except _Terminated as exc:
        signal.signal(exc.signum, signal.SIG_DFL)
        signal.raise_signal(exc.signum)
        raise  # only reached when the signal is blocked
    finally:
        for s in ours:
            signal.signal(s, signal.SIG_DFL)


__all__ = ["CHUNK", "OutputError", "check_target", "write_file", "write_stream"]
