"""Compressed files as banks send them, and broken ones, for the tests of
:mod:`pse_recon.codec.sources`, of the command line's inputs and of the fuzzers."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zipfile


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def zipped(members: dict[str, bytes], *, directories: tuple[str, ...] = ()) -> bytes:
    """A deflated zip of ``members`` (name → content), and empty ``directories``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name in directories:
            z.writestr(zipfile.ZipInfo(name), b"")
        for name, content in members.items():
            z.writestr(name, content)
    return buffer.getvalue()


def encrypted(data: bytes) -> bytes:
    """A zip of one member whose flags say it is encrypted (zipfile writes no
    encryption; the flag is what readers go by)."""
    raw = bytearray(zipped({"a.txt": data}))
    local, central = raw.find(b"PK\x03\x04"), raw.find(b"PK\x01\x02")
    raw[local + 6] |= 1
    raw[central + 8] |= 1
    return bytes(raw)


def bad_crc(data: bytes) -> bytes:
    """A gzip whose content decompresses but whose checksum is wrong."""
    packed = bytearray(gz(data))
    packed[-8] ^= 0xFF
    return bytes(packed)


def truncated(data: bytes) -> bytes:
    """A gzip cut before its end (a download that stopped)."""
    packed = gz(data)
    return packed[: len(packed) // 2]


#: Compressions that are refused, by name, with a file of each.
OTHER_COMPRESSIONS = {
    "bzip2": bz2.compress(b"01 a text file\n"),
    "xz": lzma.compress(b"01 a text file\n"),
    "7z": b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 24,
    "zstd": b"\x28\xb5\x2f\xfd\x24\x00\x01\x00\x00",
    "rar": b"Rar!\x1a\x07\x01\x00" + b"\x00" * 8,
}
