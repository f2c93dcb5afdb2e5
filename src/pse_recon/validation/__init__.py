"""Validation: every finding of a file, in one streaming pass, in constant memory.

    >>> report = pse_recon.validate("recaudo.txt")            # format detected
    >>> report.valid, report.summary.details, report.summary.total
    >>> for f in report.findings: print(f.line, f.code, f.field, f.message)

Everything checked is derived from the layouts (:mod:`pse_recon.layouts`): widths,
record types and structure, field kinds, constants, fillers, catalogs
(:mod:`pse_recon.validation.catalogs`), and the computed fields (counts, totals, lot
numbers, sequences: :mod:`pse_recon.computed`). A format added as a layout file is
validated with no new code here. Rule codes, severities and messages (English and
Spanish) are in :mod:`pse_recon.rules`.

Decisions where the manual is silent:

* **Once per file.** ``PR006`` (CRLF), ``PR110`` (``000`` in ``causal_devolucion``)
  and ``PR111`` (a bank branch in ``codigo_sucursal``) describe a producer's habit,
  not a line's defect: they are reported at the first line showing them, once.
  ``PR107`` (a bank code not in the public list) is reported once per field and code.
* **Times.** HHMM runs from ``0001`` to ``2400`` (spec decision 4); ``0000`` is
  readable (midnight) but outside the manual's range: ``PR109``, a warning, an
  error when strict. HHMMSS runs from ``000000`` to ``235959``, and ``240000``.
* **pse-summary** needs a type-3 line for every state that has type-2 lines; a
  state without transactions may go without one (the manual: type-2 lines exist
  only "por EF y Estado que tiene transacción"). **pse-detail** needs all five
  (states 1-4 and the grand total, ``PSE_GRAND_TOTAL_STATE``), the grand total last.
* **Short lines.** A line shorter than its record whose missing columns are all
  fields that blanks satisfy is a trimmed line: ``PR009``, or ``PR008`` when it is
  the last record (warnings, errors when strict). Otherwise ``PR004``, and only the
  fields wholly present are checked.
* **No cascades.** See :mod:`pse_recon.validation.engine`: an unreadable line is
  reported once, and the controls it may belong to are reported as not verified
  (``PR306``, a warning) rather than wrong.
* **causal_devolucion** blank is the manual's value (silent); ``000`` is ``PR110``;
  any other code is taken as a return cause (the manual lists none).
* **Blank lines** (an empty line, a trailing empty line) are lines of no record
  type: ``PR005``, as reading rejects them.
* **Order.** Findings come in line order; within a line: its terminator and width,
  then its fields in column order, then its place in the structure and its totals.
* **Summary.** Counts and sums what the details say; an amount that cannot be read
  is left out of ``total``.

Speed and memory: lines come from :func:`~pse_recon.codec.lines.iter_lines` (each
at most ``MAX_LINE`` bytes, so memory is flat in the file's size). Blocks of good
details are checked with a few C-level operations (:mod:`.bulk`), other lines one
by one by a scanner generated from the detail's layout (:mod:`.plan`), and only a
line that fails there is decoded and diagnosed field by field (:mod:`.engine`).
"""

from __future__ import annotations

import codecs
import itertools

from pse_recon.codec.lines import Source, iter_lines, open_source, split_terminator
from pse_recon.codec.reader import DETECT_LINES, detect
from pse_recon.errors import ReadError
from pse_recon.layouts import FORMATS
from pse_recon.layouts import layout as get_layout
from pse_recon.layouts.base import FileLayout
from pse_recon.rules import LANGUAGES
from pse_recon.validation.bulk import bulk_plan
from pse_recon.validation.engine import Emitter, Validator
from pse_recon.validation.plan import format_plan
from pse_recon.validation.registry import IMPLEMENTED, implements
from pse_recon.validation.report import Report, Summary

__all__ = ["IMPLEMENTED", "Report", "Summary", "validate"]

#: Encodings in which every byte is a character: nothing to check per line.
_EVERY_BYTE = {"latin_1", "iso8859_1"}


def validate(
    source: Source,
    format: str | None = None,
    *,
    strict: bool = False,
    width: int | None = None,
    encoding: str = "latin-1",
    lang: str = "en",
    max_findings: int = 1000,
) -> Report:
    """Check ``source`` (a path, bytes or a binary file) and return every finding.

    Never raises for the file's content: an empty file, garbage, another format, a
    truncated file or an endless line all become findings. Raises ValueError for an
    unknown ``format``, ``width``, ``lang`` or ``encoding`` or a negative
    ``max_findings``, OSError when a path cannot be read.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    if max_findings < 0:
        raise ValueError("max_findings must not be negative")
    try:
        codec_name = codecs.lookup(encoding).name.replace("-", "_")
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None
    fmt = get_layout(format, width) if format is not None else None
    with open_source(source) as stream:
        lines = iter_lines(stream)
        head = list(itertools.islice(lines, DETECT_LINES))
        out = Emitter(strict, lang, max_findings)
        if fmt is None:
            found = _detect(head, width, out)
            if found is None:
                return _undetected(strict, out)
            fmt = found
        elif width is None and fmt.variants:
            fmt = _width_of(fmt, head)
        ascii_only = codec_name not in _EVERY_BYTE
        crlf = bool(head) and head[0].endswith(b"\r\n")
        plan = format_plan(fmt.name, fmt.width, ascii_only, crlf)
        validator = Validator(
            plan,
            strict=strict,
            lang=lang,
            max_findings=max_findings,
            encoding=encoding,
            check_encoding=ascii_only,
            crlf=crlf,
            bulk=bulk_plan(fmt.name, fmt.width, ascii_only, crlf),
        )
        return validator.run(itertools.chain(head, lines))


def _width_of(fmt: FileLayout, head: list[bytes]) -> FileLayout:
    """The width variant most leading lines are as wide as (the standard on a tie)."""
    bodies = [split_terminator(raw)[0] for raw in head]
    counts = {w: sum(len(b) == w for b in bodies) for w in fmt.widths}
    best = max(fmt.widths, key=lambda w: (counts[w], w == fmt.width))
    return fmt.with_width(best)


@implements("PR001", "PR002")
def _detect(head: list[bytes], width: int | None, out: Emitter) -> FileLayout | None:
    if not head:
        out.emit("PR001", 1)
        return None
    fmt: FileLayout | None
    try:
        fmt = detect(head)
    except ReadError:
        fmt = _most_lines_fit(head)
    if fmt is None:
        first = split_terminator(head[0])[0]
        fits = [
            f"{name}" for name, f in FORMATS.items()
            for w in (f.widths or (None,))
            if _opens(f.with_width(w), first)
        ]
        out.emit("PR002", 1, text=first[:80].decode("latin-1"),
                 first=first[:24].decode("latin-1"), width=len(first),
                 fits=", ".join(fits) or "—")
        return None
    if width is not None and width != fmt.width and width in FORMATS[fmt.name].widths:
        fmt = get_layout(fmt.name, width)
    return fmt


def _most_lines_fit(head: list[bytes]) -> FileLayout | None:
    """When :func:`~pse_recon.codec.reader.detect` finds no format (it needs the
    header first), the one format whose records most leading lines are, at full
    width, if at least half of them are and no other format ties with it: so that a
    file missing its header is validated (and told so) rather than rejected."""
    bodies = [split_terminator(raw)[0] for raw in head]
    scores: list[tuple[int, FileLayout]] = []
    for f in FORMATS.values():
        for w in f.widths or (None,):
            fmt = f.with_width(w)
            shapes = {(code.encode(), rec.width) for code, rec in fmt.records.items()}
            tl = fmt.type_length
            scores.append((sum((b[:tl], len(b)) in shapes for b in bodies), fmt))
    scores.sort(key=lambda x: -x[0])
    best = scores[0][0]
    if 2 * best < len(bodies) or best == 0 or (len(scores) > 1 and scores[1][0] == best):
        return None
    return scores[0][1]


def _opens(fmt: FileLayout, first: bytes) -> bool:
    s = fmt.structure
    header = s.header
    return first[: fmt.type_length] == header.encode() and len(first) == fmt.records[header].width


def _undetected(strict: bool, out: Emitter) -> Report:
    from decimal import Decimal

    return Report(
        format=None,
        width=None,
        strict=strict,
        findings=tuple(out.findings),
        summary=Summary(0, 0, Decimal(0)),
        left_out=out.left_out,
        left_out_errors=out.left_out_errors,
    )
