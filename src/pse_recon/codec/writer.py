"""Writing: file objects and records out as bytes, exactly, or not at all.

A record read from a file is written back as the bytes it was read from, so
``dumps(read(b)) == b`` for every readable file, deviations and all. A record made
or changed in memory is encoded from its values to the manual's layout; a value
that does not fit raises :class:`~pse_recon.errors.EncodeError` naming the record
type and field. ``canonical=True`` re-encodes everything: LF endings, full width,
what the manual prescribes.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Mapping, Sequence

from pse_recon.codec.reader import DEFAULT_ENCODING
from pse_recon.compile.codec import CompiledRecord, compile_format
from pse_recon.errors import EncodeError
from pse_recon.output import write_file
from pse_recon.records.base import Record
from pse_recon.records.files import File


def encode_record(record: Record, width: int | None = None) -> str:
    """One record's line, without terminator, at ``width`` (the format's standard
    width by default)."""
    compiled = compile_format(record.file_layout.with_width(width))
    return compiled[record.record_type].encode(record)


def dumps(file: File, *, encoding: str = DEFAULT_ENCODING, canonical: bool = False) -> bytes:
    """The file's bytes. Records keep their read bytes, and the file what it had besides
    its records (a byte-order mark, trailing empty lines, an end-of-file byte), unless
    ``canonical``: then the manual's form, without them."""
    compiled = compile_format(file.layout)
    if canonical:
        return _dumps_canonical(file, compiled, encoding)
    newline = file.newline.encode("ascii")
    records = file.records
    out = [file.prefix]
    last = len(records) - 1
    for i, r in enumerate(records):
        raw = r.raw
        if raw is not None and not canonical:
            out.append(raw if i == last or raw.endswith((b"\n", b"\r")) else raw + newline)
            continue
        if r.file_layout != file.layout.with_width(None):
            raise foreign(r, file)
        text = compiled[r.record_type].encode(r)
        try:
            out.append(text.encode(encoding) + newline)
        except UnicodeEncodeError:
            raise unencodable(r, encoding) from None
    out.append(file.tail)
    return b"".join(out)


def _dumps_canonical(file: File, compiled: Mapping[str, CompiledRecord], encoding: str) -> bytes:
    # BytesIO grows one buffer in place and hands it over without a copy: the
    # file's bytes are made once, where joining the chunks would make them twice.
    out = io.BytesIO()
    out.writelines(_canonical_chunks(file, compiled, encoding))
    return out.getvalue()


#: Lines encoded at a time. A million lines joined as one text, then encoded, took
#: fresh memory three times over (lines, text, bytes); page faults were a third of
#: writing. Chunks this size reuse the same memory for the lines and the text.
CHUNK_LINES = 4096


def _canonical_chunks(
    file: File, compiled: Mapping[str, CompiledRecord], encoding: str
) -> Iterator[bytes]:
    """Every record encoded from its values, LF endings, in chunks of
    :data:`CHUNK_LINES` lines: the writing hot path.

    The encoder is found by the record's class (one dict look-up), the lines of a
    chunk are joined as text and encoded once. Errors are raised as the per-record
    loop of :func:`dumps` would: the first record in file order that cannot be
    written.
    """
    by_class = {c.cls: c.encode for c in compiled.values()}
    records = file.records
    for start in range(0, len(records), CHUNK_LINES):
        chunk = records[start : start + CHUNK_LINES]
        texts: list[str] = []
        append = texts.append
        try:
            for r in chunk:
                encode = by_class.get(r.__class__)
                if encode is None:  # another format's record, or a subclass
                    if r.file_layout != file.layout.with_width(None):
                        raise foreign(r, file)
                    encode = compiled[r.record_type].encode
                append(encode(r))
        except EncodeError:
            _check_encodable(chunk, texts, encoding)  # an earlier record fails first
            raise
        texts.append("")
        try:
            data = "\n".join(texts).encode(encoding)
        except UnicodeEncodeError:
            _check_encodable(chunk, texts, encoding)
            raise AssertionError("unreachable: some record is not encodable") from None
        yield data


def _check_encodable(records: Sequence[Record], texts: list[str], encoding: str) -> None:
    """Raise for the first of ``texts`` (the lines of ``records``) not in ``encoding``."""
    for r, text in zip(records, texts, strict=False):
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            raise unencodable(r, encoding) from None


def unencodable(r: Record, encoding: str) -> EncodeError:
    """The EncodeError for a record whose line is not ``encoding`` text: the field
    holding the character, and the character."""
    for f in r.layout.attributes:
        value = getattr(r, f.name)
        if f.kind.holds_text:
            try:
                value.encode(encoding)
            except UnicodeEncodeError as exc:
                char = value[exc.start]
                return EncodeError(f"holds {char!r}, not a {encoding} character",
                                   record_type=r.record_type, field=f.name, value=value)
    return EncodeError(f"cannot be encoded as {encoding}", record_type=r.record_type, field=None,
                       value=r)


def foreign(r: Record, file: File) -> EncodeError:
    """The EncodeError for a record of another layout than its file's."""
    return EncodeError(f"is a {r.format} record, not {file.format}", record_type=r.record_type,
                       field=None, value=r)


def write(
    file: File,
    path: str | os.PathLike[str],
    *,
    encoding: str = DEFAULT_ENCODING,
    canonical: bool = False,
    follow_symlinks: bool = True,
    force: bool = False,
) -> None:
    """Write ``file`` to ``path`` without destroying anything: a regular file is
    replaced atomically and durably, a device or FIFO written in place, a symbolic
    link followed (or refused, ``follow_symlinks=False``), a read-only target or a
    block device refused unless ``force`` (:func:`pse_recon.output.write_file`)."""
    if canonical:  # chunk by chunk, never the whole file's bytes at once
        compiled = compile_format(file.layout)
        data: bytes | Iterator[bytes] = _canonical_chunks(file, compiled, encoding)
    else:
        data = dumps(file, encoding=encoding)
    write_file(path, data, follow_symlinks=follow_symlinks, force=force)
