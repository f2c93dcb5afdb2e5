"""The command line's outputs: ``-o OUT`` (or ``-`` for standard output), and standard
output and error made to fail loudly.

Files are written by :func:`pse_recon.output.write_file`, which never destroys what
``OUT`` names; the target is checked before any input is read, so a refused ``-o``
costs nothing. Python's own standard output can lose data silently (a write bigger
than its buffer returns short when the pipe's reader goes away, and the text layer
ignores it) and is ``None`` when the program starts with it closed (``>&-``). For one
run of :func:`pse_recon.cli.main`, :func:`standard_streams` puts checked streams in
its place: every write whole or an error, a failure of standard output a
:class:`StandardOutputError` (exit 2, one line), a broken pipe still a
``BrokenPipeError`` (exit 141). Failures of standard error are ignored: there is
nowhere left to say anything, and the exit status still tells.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import os
import stat
import sys
from collections.abc import Iterator
from typing import IO, Any, TextIO

from pse_recon.cli.common import EXIT_OK, EXIT_USAGE, error, os_reason
from pse_recon.cli.inputs import file_of
from pse_recon.cli.messages import TEXTS, t
from pse_recon.output import Data, OutputError, check_target, write_file, write_stream

_TEXTS: dict[str, dict[str, str]] = {
    "output.force": {
        "en": "write over a read-only OUT, or onto a block device",
        "es": "escribe sobre un OUT de solo lectura, o en un dispositivo de bloques",
    },
    "output.no_follow": {
        "en": "refuse an OUT that is a symbolic link (by default its target is written)",
        "es": "rechaza un OUT que sea un enlace simbólico (por omisión se escribe su destino)",
    },
    "output.stdout": {"en": "standard output", "es": "la salida estándar"},
    "output.closed": {"en": "it is closed", "es": "está cerrada"},
    "output.no_space": {"en": "no space left on device", "es": "no queda espacio en el dispositivo"},
    "output.empty": {"en": "the file name is empty", "es": "el nombre del archivo está vacío"},
    "output.folder_name": {
        "en": "names a folder (ends with '/'); give a file name",
        "es": "nombra una carpeta (termina en '/'); indique un nombre de archivo",
    },
    "output.symlink": {
        "en": "is a symbolic link, refused by --no-follow",
        "es": "es un enlace simbólico, rechazado por --no-follow",
    },
    "output.socket": {
        "en": "is a socket; write to a file, a device or a FIFO",
        "es": "es un socket; escriba en un archivo, un dispositivo o un FIFO",
    },
    "output.block_device": {
        "en": "is a block device; --force writes onto it",
        "es": "es un dispositivo de bloques; --force escribe en él",
    },
    "output.read_only": {
        "en": "is read-only; --force writes over it",
        "es": "es de solo lectura; --force lo sobrescribe",
    },
    "output.not_a_file": {
        "en": "is not a file, a device or a FIFO",
        "es": "no es un archivo, un dispositivo ni un FIFO",
    },
}
TEXTS.update(_TEXTS)


class StandardOutputError(OSError):
    """Standard output cannot be written: closed, full, failing (not a broken pipe)."""


# -- -o OUT ------------------------------------------------------------------------------
def add_output_options(parser: argparse.ArgumentParser, help: str, *, required: bool) -> None:
    """``-o OUT`` (``-``: standard output), ``--force`` and ``--no-follow``."""
    parser.add_argument("-o", "--output", required=required, metavar="OUT", help=help)
    parser.add_argument("--force", action="store_true", help=t("output.force"))
    parser.add_argument("--no-follow", action="store_true", help=t("output.no_follow"))


def to_stdout(args: argparse.Namespace) -> bool:
    return args.output in (None, "-")


def check_output(args: argparse.Namespace, *inputs: str) -> int | None:
    """``None`` when ``args.output`` may be written, else the exit status after saying
    why not: it is one of ``inputs`` or the archive one is in (by any name: symbolic
    or hard link), or
    :func:`~pse_recon.output.write_file` would refuse it."""
    if to_stdout(args):
        return None
    target = args.output
    if any(same_file(target, file_of(source)) for source in inputs):
        error(t("err.same_file", out=target))
        return EXIT_USAGE
    try:
        check_target(target, follow_symlinks=not args.no_follow, force=args.force)
    except OSError as exc:
        error(cannot_write(target, exc))
        return EXIT_USAGE
    return None


def write_output(args: argparse.Namespace, data: Data, out: TextIO) -> int:
    """``data`` to ``args.output`` (standard output for ``-`` or none); the exit status."""
    if to_stdout(args):
        write_bytes(out, data)
        return EXIT_OK
    try:
        write_file(args.output, data, follow_symlinks=not args.no_follow, force=args.force)
    except OSError as exc:
        error(cannot_write(args.output, exc))
        return EXIT_USAGE
    return EXIT_OK


def same_file(a: str, b: str) -> bool:
    """Whether writing ``a`` would overwrite the regular file ``b`` (a terminal or a
    pipe may be both input and output)."""
    try:
        return os.path.samefile(a, b) and stat.S_ISREG(os.stat(b).st_mode)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def cannot_write(path: str, exc: OSError) -> str:
    """``cannot write PATH: reason``, one line (``''`` for an empty name)."""
    return t("err.cannot_write", path=path or "''", reason=reason(exc))


def reason(exc: OSError) -> str:
    if isinstance(exc, OutputError):
        return t(f"output.{exc.reason}")
    if exc.errno == errno.ENOSPC:
        return t("output.no_space")
    if exc.errno == errno.EBADF:
        return t("output.closed")
    return os_reason(exc)


# -- standard output and error ---------------------------------------------------------------
def write_bytes(out: TextIO, data: Data) -> None:
    """Bytes (a file's, UTF-8 CSV or JSON) to the text stream ``out``, unchanged."""
    out.flush()
    if not hasattr(out, "buffer"):  # a text-only stream a caller put in sys.stdout
        text = b"".join([data] if isinstance(data, bytes) else data)
        out.write(text.decode("utf-8", "surrogateescape"))
        return
    write_stream(out.buffer, data)
    out.buffer.flush()


class _Checked(io.BufferedIOBase):
    """The bytes side of a checked standard stream (``stream`` its real bytes side, or
    ``None`` when closed): every write whole, or an error (none with ``quiet``)."""

    def __init__(self, stream: IO[bytes] | None, *, quiet: bool) -> None:
        super().__init__()
        self._stream = stream
        self._quiet = quiet

    @property
    def name(self) -> str:
        return "<checked>"

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        with self._checked():
            write_stream(self._open(), bytes(b))
        return len(b)

    def flush(self) -> None:
        if self._stream is not None and not self.closed:
            with self._checked():
                self._stream.flush()

    def close(self) -> None:
        self._stream = None  # the real stream stays open: it is not ours
        super().close()

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def fileno(self) -> int:
        return self._open().fileno()

    def _open(self) -> IO[bytes]:
        if self._stream is None:
            raise StandardOutputError(errno.EBADF, "standard output is closed")
        return self._stream

    @contextlib.contextmanager
    def _checked(self) -> Iterator[None]:
        try:
            yield
        except BrokenPipeError:
            if not self._quiet:
                raise
        except OSError as exc:
            if not self._quiet:
                raise StandardOutputError(exc.errno, exc.strerror) from None


def _checked_stream(stream: TextIO | None, *, quiet: bool) -> TextIO:
    """``stream`` checked underneath, or as it is when it has no bytes side to check."""
    if stream is not None and not hasattr(stream, "buffer"):
        return stream
    with contextlib.suppress(OSError, ValueError):
        if stream is not None:
            stream.flush()
    return io.TextIOWrapper(
        _Checked(None if stream is None else stream.buffer, quiet=quiet),
        encoding=getattr(stream, "encoding", None) or "utf-8",
        errors="backslashreplace",
        line_buffering=bool(getattr(stream, "line_buffering", False)),
        write_through=True,  # nothing waits in the wrapper: the real stream buffers
    )


@contextlib.contextmanager
def standard_streams() -> Iterator[None]:
    """Checked ``sys.stdout`` and ``sys.stderr`` while the block runs (the module's
    docstring says why). What is still unwritten at the end is the caller's to flush
    and report. The checked streams stay usable (never closed): a concurrent run that
    started inside this one may put them back."""
    saved = sys.stdout, sys.stderr
    sys.stdout = _checked_stream(saved[0], quiet=False)
    sys.stderr = _checked_stream(saved[1], quiet=True)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def discard_stdout() -> None:
    """After standard output failed (its reader went away, its device is full), send
    what is still buffered for it nowhere, so Python does not complain at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
