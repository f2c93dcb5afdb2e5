"""Format detection: one function for ``read``, ``iter_records`` and ``validate``.

Detection looks at the leading lines (:data:`DETECT_LINES`, their edges already
taken out, :class:`~pse_recon.codec.lines.Lines`) and asks of every candidate
format, at each of its widths, which of them are one of its records:

* a line *fits* a record when it starts with the record's type code and is as
  wide as the record (``exact``); or is shorter, down to the columns its fields
  need (the end of its last field that blanks do not satisfy): ``trimmed`` when
  it does not reach into its trailing reserved columns (a right-trimmed record,
  ADR 0003), ``short`` otherwise; or is wider, the extra columns all blank
  (``padded``, ADR 0010);
* among the formats that at least half the lines fit, the one with the most
  full-width lines wins, then the one with the most lines trimmed to their data (a
  line that reaches into a record's reserved columns, or is wider, fits less
  well), then the one most lines fit, then the one opening with its header, then
  the standard width of a format (150 and 162 cannot be told apart on trimmed
  lines); formats of different names still tied are told apart by decoding the
  lines (padded with blanks) as each one's records; if that leaves several, the
  file is ambiguous (PR002 names them). So a file with a bad line, or without its
  header, is read up to that line and told what is wrong there, rather than
  "format not detected".

When nothing fits, PR002 says what was seen (the first line's start and width;
compressed data by its magic bytes; binary content by its control bytes) and why
each format was ruled out, in the words of :data:`pse_recon.rules.DETECTION_PHRASES`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from pse_recon import layouts
from pse_recon.codec.lines import split_terminator
from pse_recon.codec.options import check_format
from pse_recon.compile.codec import compile_format
from pse_recon.declaration import FileLayout, RecordLayout
from pse_recon.errors import ReadError
from pse_recon.reporting import Emitter
from pse_recon.rules import phrase

#: How many leading lines detection looks at.
DETECT_LINES = 50

#: Magic bytes of compressed and archive formats banks deliver files in.
MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
#: Bytes that no text line holds (C0 controls but tab, line ends, form feed, Ctrl-Z).
_BINARY = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x1a") + b"\x7f"


def candidates(format: FileLayout | None = None, width: int | None = None) -> list[FileLayout]:
    """Every (format, width) detection considers, given what the caller fixed: the
    built-in formats, or the one layout given."""
    formats = [format] if format is not None else list(layouts.FORMATS.values())
    out = []
    for fmt in formats:
        for w in fmt.widths or (None,):
            if width is None or w == width:
                out.append(fmt.with_width(w))
    return out


def needs(rec: RecordLayout) -> int:
    """The columns a trimmed line of ``rec`` must keep: up to its last field that
    blanks do not satisfy."""
    return max((f.end for f in rec.fields if f.problem(" " * f.length) is not None), default=0)


def data_end(rec: RecordLayout) -> int:
    """The last column of ``rec`` that is not in its trailing reserved field."""
    return max((f.end for f in rec.fields if f.is_attribute), default=0)


def fits(rec: RecordLayout, body: bytes) -> str | None:
    """How ``body`` (a line without terminator, of ``rec``'s type) is ``rec``:
    ``"exact"``; ``"trimmed"`` to its data (no shorter than its fields need, no
    longer than its last field before the trailing reserved one); ``"short"``
    otherwise but still as long as its fields need; ``"padded"`` with blanks; or
    None."""
    size, width = len(body), rec.width
    if size == width:
        return "exact"
    if size < width:
        if size < needs(rec):
            return None
        return "trimmed" if size <= data_end(rec) else "short"
    return "padded" if not body[width:].strip(b" ") else None


@attrs.frozen
class _Score:
    fmt: FileLayout
    fitting: int
    exact: int
    trimmed: int
    opens: bool
    misfit: int  # 1-based line of the first line that fits no record (0: none)

    @property
    def standard(self) -> bool:
        return self.fmt.width == self.fmt.standard


def _score(fmt: FileLayout, bodies: Sequence[bytes]) -> _Score:
    tl = fmt.type_length
    by_code = {code.encode("latin-1"): rec for code, rec in fmt.records.items()}
    fitting = exact = trimmed = misfit = 0
    for n, body in enumerate(bodies, 1):
        rec = by_code.get(body[:tl])
        how = fits(rec, body) if rec is not None else None
        if how is None:
            misfit = misfit or n
            continue
        fitting += 1
        exact += how == "exact"
        trimmed += how == "trimmed"
    header = fmt.records[fmt.structure.header]
    opens = bodies[0][:tl] == header.record_type.encode("latin-1") and fits(header, bodies[0]) is not None
    return _Score(fmt, fitting, exact, trimmed, opens, misfit)


def _decodes(fmt: FileLayout, bodies: Sequence[bytes]) -> bool:
    """Whether every line of one of ``fmt``'s types, cut or padded with blanks to its
    record's width, decodes as it."""
    compiled = {code.encode("latin-1"): c for code, c in compile_format(fmt).items()}
    tl = fmt.type_length
    for n, body in enumerate(bodies, 1):
        c = compiled.get(body[:tl])
        if c is None:
            continue
        line = body[: c.layout.width].ljust(c.layout.width)
        try:
            c.decode(line, line.decode("latin-1"), n)
        except ValueError:
            return False
    return True


@attrs.frozen
class Undetected:
    """Why detection found no format: PR001 (nothing to look at) or PR002, rendered
    in any language by :meth:`emit`."""

    code: str
    first: bytes = b""
    ruled_out: tuple[tuple[str, dict[str, object]], ...] = ()
    several: tuple[str, ...] = ()

    def emit(self, out: Emitter) -> None:
        if self.code == "PR001":
            out.emit("PR001", 1)
            return
        lang = out.lang
        first = self.first
        seen = phrase("seen", lang, first=first[:24].decode("latin-1"), width=len(first))
        kind = next((k for magic, k in MAGIC if first.startswith(magic)), None)
        controls = sorted(set(first[:4096]) & set(_BINARY))
        if kind is not None:
            seen = phrase("compressed", lang, kind=kind)
            why = phrase("decompress", lang)
        elif controls and not self.several:
            seen = phrase("binary", lang, bytes=", ".join(f"{b:#04x}" for b in controls[:5]))
            why = phrase("no_format", lang, reasons="; ".join(
                phrase(key, lang, **params) for key, params in self.ruled_out))
        elif self.several:
            why = phrase("several", lang, formats=phrase("or", lang).join(self.several))
        else:
            why = phrase("no_format", lang, reasons="; ".join(
                phrase(key, lang, **params) for key, params in self.ruled_out))
        out.emit("PR002", 1, text=first[:80].decode("latin-1"), seen=seen, why=why)

    def error(self, lang: str = "en", strict: bool = False) -> ReadError:
        out = Emitter(strict, lang, None)
        self.emit(out)
        return ReadError(out.findings)


def _label(fmt: FileLayout) -> str:
    return fmt.name if fmt.width is None else f"{fmt.name} ({fmt.width})"


def resolve(
    head: Sequence[bytes], format: FileLayout | None = None, width: int | None = None
) -> FileLayout | Undetected:
    """The format of a file whose leading lines are ``head`` (with terminators), among
    the :func:`candidates` for what the caller fixed (a layout checked by
    :func:`~pse_recon.codec.options.check_format`); or why there is none."""
    if format is not None and width is not None:
        return format.with_width(width)
    bodies = [split_terminator(raw)[0] for raw in head]
    if format is not None and not bodies:
        return format
    if not bodies:
        return Undetected("PR001")
    scores = [_score(fmt, bodies) for fmt in candidates(format, width)]
    if format is not None:  # only the width is open: the best of the format's widths
        return max(scores, key=lambda s: (s.fitting, s.exact, s.trimmed, s.standard)).fmt
    n = len(bodies)
    # Eligible: at least half the lines fit. Best: the most full-width lines, then the
    # most lines trimmed to their data, then the most lines that fit, then opening
    # with the header; then the standard width; then decoding tells names apart.
    eligible = [s for s in scores if s.fitting and 2 * s.fitting >= n]
    if not eligible:
        return Undetected("PR002", bodies[0], ruled_out=tuple(_why(s, bodies) for s in scores))
    rank = max(_rank(s) for s in eligible)
    top = _standard([s for s in eligible if _rank(s) == rank])
    if len(top) > 1:
        top = [s for s in top if _decodes(s.fmt, bodies)] or top
    if len(top) == 1:
        return top[0].fmt
    return Undetected("PR002", bodies[0], several=tuple(_label(s.fmt) for s in top))


def _rank(s: _Score) -> tuple[int, int, int, bool]:
    return (s.exact, s.trimmed, s.fitting, s.opens)


def _standard(scores: list[_Score]) -> list[_Score]:
    """Of several widths of one format, the standard one (when it is among them)."""
    names = {s.fmt.name for s in scores if s.standard}
    return [s for s in scores if s.standard or s.fmt.name not in names]


def _why(s: _Score, bodies: Sequence[bytes]) -> tuple[str, dict[str, object]]:
    fmt = s.fmt
    if not s.opens:
        header = fmt.records[fmt.structure.header]
        return "header", {"format": _label(fmt), "header": header.record_type,
                          "width": header.width}
    body = bodies[s.misfit - 1]
    return "line", {"format": _label(fmt), "line": s.misfit, "width": len(body),
                    "type": body[: fmt.type_length].decode("latin-1")}


def detect(
    lines: Iterable[bytes], format: str | FileLayout | None = None, *, width: int | None = None,
    lang: str = "en",
) -> FileLayout:
    """The format (at its width) of a file whose leading ``lines`` are given (with
    their terminators), among the built-in formats, or the widths of ``format`` (a name
    or a layout); ReadError (PR001, PR002) saying what was seen when none fits."""
    fmt = check_format(format, width)
    head = []
    for raw in lines:
        head.append(raw)
        if len(head) >= DETECT_LINES:
            break
    found = resolve(head, fmt, width)
    if isinstance(found, Undetected):
        raise found.error(lang)
    return found
