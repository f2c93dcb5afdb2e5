"""``pse_recon.output``: every kind of target written the way that keeps it what it is.

Device nodes are made with ``mknod`` inside ``tmp_path`` (skipped where that is not
permitted), never the machine's own ``/dev``. CI runs as root, which the kernel lets
write anything: the read-only rule is checked from the mode bits, and the non-root
rules by pretending to be another user.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import pse_recon
from process_support import fifo_reader, mknod
from pse_recon import output
from pse_recon.output import OutputError, check_target, write_file, write_stream


def chunks_then_fail() -> Iterator[bytes]:
    yield b"new content, "
    raise ValueError("the data could not be made")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- regular files -------------------------------------------------------------------------
def test_a_new_file_is_created(tmp_path: Path) -> None:
    write_file(tmp_path / "new.txt", [b"one ", b"two"])
    assert (tmp_path / "new.txt").read_bytes() == b"one two"
    assert [p.name for p in tmp_path.iterdir()] == ["new.txt"]


def test_an_existing_file_is_replaced_atomically_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    target.chmod(0o600)
    before = target.stat().st_ino
    write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_ino != before  # a new file renamed over the old one
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_data_failing_halfway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    with pytest.raises(ValueError, match="could not be made"):
        write_file(target, chunks_then_fail())
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file another owner")
def test_the_owner_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "theirs.txt"
    target.write_bytes(b"old")
    os.chown(target, 4321, 4322)
    target.chmod(0o4640)  # set-user-id, cleared by chown: set again after it
    write_file(target, b"new")
    st = target.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 4322, 0o4640)
    assert target.read_bytes() == b"new"


def test_file_and_folder_are_fsynced_around_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        mode = os.fstat(fd).st_mode
        events.append("fsync folder" if stat.S_ISDIR(mode) else "fsync file")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_file(tmp_path / "out.txt", b"durable")
    assert events == ["fsync file", "rename", "fsync folder"]


@pytest.mark.parametrize("length", [250, 255])
def test_any_legal_name_gets_a_legal_temporary_name(tmp_path: Path, length: int) -> None:
    target = tmp_path / ("a" * (length - 4) + ".txt")
    target.write_bytes(b"old")
    write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


# -- hard links, read-only targets, owners that cannot be kept --------------------------------
def test_a_file_with_several_hard_links_is_written_in_place(tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_bytes(b"old and longer than the new content")
    os.link(first, second)
    inode = first.stat().st_ino
    write_file(first, b"new")
    assert first.read_bytes() == second.read_bytes() == b"new"  # every name sees it
    assert (first.stat().st_ino, first.stat().st_nlink) == (inode, 2)
    with pytest.raises(ValueError, match="could not be made"):
        write_file(second, chunks_then_fail())
    assert first.read_bytes() == b"new"  # staged first: a failure touches nothing
    assert leftovers(tmp_path) == []


def test_a_read_only_file_is_refused_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "locked.txt"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(OutputError) as info:
        write_file(target, b"new")  # even as root, whom the kernel would let write
    assert (info.value.reason, info.value.errno, info.value.filename) == (
        "read_only", errno.EACCES, str(target))
    assert isinstance(info.value, pse_recon.PseReconError)
    assert target.read_bytes() == b"old"
    with pytest.raises(OutputError):
        check_target(target)
    write_file(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


@pytest.fixture
def others_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[int], Path]:
    """Makes a file of root's with the given mode, while we pretend to be user 1000
    of group 1000: another user's file."""
    if os.geteuid() != 0:
        pytest.skip("needs a file of another user: root's, made as root")
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    monkeypatch.setattr(os, "getegid", lambda: 1000)
    monkeypatch.setattr(os, "getgroups", lambda: [1000])

    def make(mode: int) -> Path:
        target = tmp_path / "theirs.txt"
        target.write_bytes(b"old")
        target.chmod(mode)
        return target

    return make


def test_others_file_is_judged_by_the_bits_for_others(others_file: Callable[[int], Path]) -> None:
    target = others_file(0o664)  # writable by its owner and group, not by us
    with pytest.raises(OutputError) as info:
        write_file(target, b"new")
    assert info.value.reason == "read_only"


def test_a_file_whose_owner_cannot_be_kept_is_written_in_place(
    others_file: Callable[[int], Path],
) -> None:
    target = others_file(0o666)
    inode = target.stat().st_ino
    write_file(target, b"new")
    assert target.read_bytes() == b"new"
    st = target.stat()
    assert (st.st_ino, st.st_uid, stat.S_IMODE(st.st_mode)) == (inode, 0, 0o666)


# -- symbolic links --------------------------------------------------------------------------
def test_a_symbolic_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "target.txt"
    target.write_bytes(b"old")
    inode = target.stat().st_ino
    link = tmp_path / "link.txt"
    link.symlink_to(Path("real") / "target.txt")
    write_file(link, b"new")
    assert link.is_symlink() and os.readlink(link) == os.path.join("real", "target.txt")
    assert target.read_bytes() == b"new"
    assert target.stat().st_ino != inode  # the target itself replaced atomically
    assert leftovers(tmp_path) == leftovers(tmp_path / "real") == []


def test_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to("made.txt")
    write_file(link, b"new")
    assert link.is_symlink() and (tmp_path / "made.txt").read_bytes() == b"new"


def test_a_symbolic_link_is_refused_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    with pytest.raises(OutputError) as info:
        write_file(link, b"new", follow_symlinks=False)
    assert (info.value.reason, info.value.filename) == ("symlink", str(link))
    assert link.is_symlink() and target.read_bytes() == b"old"


def test_a_loop_of_links_names_the_path(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OSError) as info:
        write_file(tmp_path / "a", b"x")
    assert (info.value.errno, info.value.filename) == (errno.ELOOP, str(tmp_path / "a"))


# -- devices, FIFOs, sockets ----------------------------------------------------------------
def test_a_character_device_is_written_in_place(tmp_path: Path) -> None:
    null = mknod(tmp_path / "null", 1, 3)
    write_file(null, b"gone" * 1000)
    st = os.lstat(null)
    assert stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_a_full_device_fails_naming_the_path_and_stays_a_device(tmp_path: Path) -> None:
    full = mknod(tmp_path / "full", 1, 7)
    with pytest.raises(OSError) as info:
        write_file(full, b"x")
    assert (info.value.errno, info.value.filename) == (errno.ENOSPC, str(full))
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def test_a_fifo_is_written_to_its_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    data = bytes(range(256)) * 4096  # more than a pipe holds
    with fifo_reader(fifo) as received:
        write_file(fifo, [data[:1000], data[1000:]])
    assert received == [data]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_socket_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a socket's path must be short
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("sock")
        with pytest.raises(OutputError) as info:
            write_file("sock", b"x")
    assert info.value.reason == "socket"
    assert stat.S_ISSOCK(os.lstat("sock").st_mode)


def test_a_block_device_is_refused_unless_forced(tmp_path: Path) -> None:
    block = mknod(tmp_path / "block", 240, 0, stat.S_IFBLK)  # 240: local, experimental use
    with pytest.raises(OutputError) as info:
        write_file(block, b"x")
    assert info.value.reason == "block_device"
    check_target(block, force=True)  # forced, it would be written: never tried onto a disk here
    assert stat.S_ISBLK(os.lstat(block).st_mode)


# -- names that are not files ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "reason"),
    [("", "empty"), ("newdir/", "folder_name"), ("existing/", "folder_name")],
)
def test_names_that_are_not_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, reason: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "existing").mkdir()
    with pytest.raises(OutputError) as info:
        write_file(name, b"x")
    assert (info.value.reason, info.value.filename) == (reason, name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing"]


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_file(tmp_path, b"x")


def test_a_missing_folder_names_the_target(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as info:
        write_file(tmp_path / "missing" / "out.txt", b"x")
    assert info.value.filename == str(tmp_path / "missing" / "out.txt")


# -- signals ---------------------------------------------------------------------------------
SLOW_WRITER = textwrap.dedent("""
    import sys
    from pse_recon.output import write_file

    def chunks():
        yield b"first chunk"
        print("ready", flush=True)
        sys.stdin.read()  # blocks until the parent closes it
        yield b"never"

    write_file(sys.argv[1], chunks())
""")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_terminating_signal_removes_the_temporary_file(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline() == b"ready\n"
    assert len(leftovers(tmp_path)) == 1  # half written, in its temporary file
    child.send_signal(signum)
    assert child.wait() == -signum  # killed by the signal, as without pse_recon
    child.stdin.close()
    child.stdout.close()
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == b"old"


def test_a_signal_the_program_handles_is_left_to_it(tmp_path: Path) -> None:
    seen: list[int] = []

    def handler(signum: int, frame: object) -> None:
        seen.append(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        def chunks() -> Iterator[bytes]:
            yield b"a"
            signal.raise_signal(signal.SIGTERM)
            yield b"b"

        write_file(tmp_path / "out.txt", chunks())
        assert signal.getsignal(signal.SIGTERM) is handler
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert seen == [signal.SIGTERM]
    assert (tmp_path / "out.txt").read_bytes() == b"ab"


# -- streams ---------------------------------------------------------------------------------
class Stingy:
    """A stream that takes at most three bytes a write, or nothing at all."""

    def __init__(self, take: int = 3) -> None:
        self.take = take
        self.data = b""

    def write(self, b: memoryview) -> int:
        self.data += bytes(b[: self.take])
        return min(len(b), self.take)

    def flush(self) -> None:
        pass


def test_a_stream_that_writes_short_gets_the_rest() -> None:
    stream = Stingy()
    write_stream(stream, [b"abcdefgh", b"ij"])  # type: ignore[arg-type]
    assert stream.data == b"abcdefghij"


def test_a_stream_that_takes_nothing_is_an_error() -> None:
    with pytest.raises(OSError) as info:
        write_stream(Stingy(take=0), b"abc")  # type: ignore[arg-type]
    assert info.value.errno == errno.EIO


def test_chunks_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "CHUNK", 4)
    sizes: list[int] = []

    class Recording(Stingy):
        def write(self, b: memoryview) -> int:
            sizes.append(len(b))
            return len(b)

    write_stream(Recording(), b"0123456789")  # type: ignore[arg-type]
    assert sizes == [4, 4, 2]


def test_a_link_to_a_standard_stream_writes_to_it(tmp_path: Path) -> None:
    """Like ``/dev/stdout``: a link into ``/proc/self/fd`` writes to the descriptor
    itself, a pipe (whose ``pipe:[…]`` is no path) or a file opened for appending
    (``>> log``: appended to, not replaced)."""
    if not os.path.exists("/proc/self/fd/1"):
        pytest.skip("no /proc/self/fd here")
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    code = f"from pse_recon.output import write_file; write_file({str(link)!r}, b'written')"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert (p.returncode, p.stdout, p.stderr) == (0, b"written", b"")
    log = tmp_path / "log.txt"
    log.write_bytes(b"earlier lines\n")
    with open(log, "ab") as stdout:
        p = subprocess.run([sys.executable, "-c", code], stdout=stdout, check=False)
    assert p.returncode == 0
    assert log.read_bytes() == b"earlier lines\nwritten"
    assert link.is_symlink()
