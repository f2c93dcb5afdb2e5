"""Validation: every finding of a file, in one streaming pass, in constant memory.

    >>> report = pse_recon.validate("recaudo.txt")            # format detected
    >>> report.valid, report.summary.details, report.summary.total
    >>> for f in report.findings: print(f.line, f.code, f.field, f.message)

Everything checked is derived from the layouts (:mod:`pse_recon.layouts`): widths,
record types and structure, field kinds, constants, fillers, catalogs
(:mod:`pse_recon.declaration.catalogs`), and the computed fields (counts, totals, lot
numbers, sequences: :mod:`pse_recon.declaration.computed`), through each record's plan
(:mod:`pse_recon.compile.plan`). A format added as a layout file is
validated with no new code here. Rule codes, severities and messages (English and
Spanish) are in :mod:`pse_recon.rules`.

Decisions where the manual is silent:

* **Once per file.** ``PR006`` (CRLF), ``PR014``/``PR015`` (CR, CR CR LF),
  ``PR009`` (a trimmed record), ``PR016`` (a record padded past its width),
  ``PR110`` (``000`` in ``causal_devolucion``) and ``PR111`` (a bank branch in
  ``codigo_sucursal``) describe a producer's habit, not a line's defect: they are
  reported at the first line showing them, once.
  ``PR107`` (a bank code not in the public list) is reported once per field and code.
* **Times.** HHMM runs from ``0001`` to ``2400`` (spec decision 4); ``0000`` is
  readable (midnight) but outside the manual's range: ``PR109``, a warning, an
  error when strict. HHMMSS runs from ``000000`` to ``235959``, and ``240000``.
* **pse-summary** needs a type-3 line for every state that has type-2 lines; a
  state without transactions may go without one (the manual: type-2 lines exist
  only "por EF y Estado que tiene transacción"). **pse-detail** needs all five
  (states 1-4 and the grand total, ``PSE_GRAND_TOTAL_STATE``), the grand total last.
* **Short lines.** A line shorter than its record whose missing columns are all
  fields that blanks satisfy is a trimmed line: ``PR009`` (at the first one), or
  ``PR008`` when it is the last record (warnings, errors when strict). Otherwise ``PR004``, and only the
  fields wholly present are checked.
* **No cascades.** See :mod:`pse_recon.validation.engine`: an unreadable line is
  reported once, and the controls it may belong to are reported as not verified
  (``PR306``, a warning) rather than wrong.
* **causal_devolucion** blank is the manual's value (silent); ``000`` is ``PR110``;
  anything but blanks or digits is ``PR112``; a code not in the public list of
  return causes (:data:`pse_recon.catalogs.RETURN_CAUSES`) is ``PR113``, a warning.
* **Blank lines** in the middle of a file are lines of no record type: ``PR005``,
  as reading rejects them. Empty lines after the last record are the file's tail:
  ``PR012``, once (ADR 0010).
* **Stopping errors.** Each rule says whether an error of it stops reading
  (``Rule.stops``, whatever its severity: a record that cannot be typed cannot be
  read); so does any error the rules (:mod:`pse_recon.profiles`) raise above the
  catalog's default, as strict mode's escalations always did. ``read`` raises the
  first such finding of this engine (:func:`reading_check`), so it never disagrees
  with ``validate`` (ADR 0008).
* **Profiles.** Checks a profile leaves off have no code in the run (the plans are
  made for the checks on, :data:`~pse_recon.compile.plan.PLAN_CHECKS`); those the
  fast paths cannot make are tested on blocks of lines first (:mod:`.gate`).
* **Order.** Findings come in line order; within a line: its terminator and width,
  then its fields in column order, then its place in the structure and its totals.
* **Summary.** Counts and sums what the details say; an amount that cannot be read
  is left out of ``total``.

Speed and memory: lines come from :func:`~pse_recon.codec.lines.iter_lines` (each
at most ``MAX_LINE`` bytes, so memory is flat in the file's size). Blocks of good
details are checked with a few C-level operations (:mod:`pse_recon.compile.bulk`),
other lines one by one by a scanner generated from the detail's plan
(:mod:`pse_recon.compile.scanner`), and only a line that fails there is decoded and
diagnosed field by field (:mod:`.engine`), the structure checked by its machine
(:mod:`.machines`). :func:`use_path` (:mod:`.paths`) narrows which of the three paths
run, for tests that hold them to the same report.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from pse_recon.codec.detect import DETECT_LINES, Undetected, resolve
from pse_recon.codec.lines import Edges, Lines, Source, newline_of, open_source
from pse_recon.codec.options import check_arguments, check_max_findings
from pse_recon.compile.plan import checks_on, format_plan
from pse_recon.declaration import FileLayout
from pse_recon.errors import ReadError
from pse_recon.findings import Finding
from pse_recon.profiles import Rules, as_rules
from pse_recon.reporting import Emitter, Stop
from pse_recon.validation.engine import Validator
from pse_recon.validation.paths import PathCounts, use_path
from pse_recon.validation.registry import IMPLEMENTED, implements
from pse_recon.validation.report import Report, Summary

__all__ = [
    "IMPLEMENTED",
    "PathCounts",
    "Report",
    "Summary",
    "line_stop",
    "reading_check",
    "use_path",
    "validate",
]

#: Encodings in which every byte is a character: nothing to check per line.
_EVERY_BYTE = {"latin_1", "iso8859_1"}
#: The quirks ``File.findings`` keeps at most (as validate's default cap).
TOLERATED_CAP = 1000


def validate(
    source: Source,
    format: str | FileLayout | None = None,
    *,
    strict: bool = False,
    rules: Rules | str | None = None,
    width: int | None = None,
    encoding: str = "latin-1",
    lang: str = "en",
    max_findings: int | None = 1000,
) -> Report:
    """Check ``source`` (a path, bytes or a binary file) and return every finding.

    ``format`` is a name or a layout declared anywhere (detected among the built-in
    formats when not given); the report keeps the layout it validated with.
    ``rules`` (a :class:`~pse_recon.profiles.Rules`, or a profile's name) says which
    rules are checked and how severely; ``strict=True`` is the ``strict`` profile.

    Never raises for the file's content: an empty file, garbage, another format, a
    truncated file or an endless line all become findings. Raises ValueError for an
    unknown ``format``, ``width``, ``lang`` or ``encoding`` (as :func:`pse_recon.read`
    does, :mod:`pse_recon.codec.options`) or a negative ``max_findings`` (None: no
    cap), OSError when a path cannot be read.
    """
    given, _ = check_arguments(format, width, encoding, lang)
    check_max_findings(max_findings)
    chosen = as_rules(rules, strict)
    with open_source(source) as stream:
        lines = Lines(stream)
        head = list(itertools.islice(lines, DETECT_LINES))
        out = Emitter(chosen, lang, max_findings)
        found = resolve(head, given, width)
        if isinstance(found, Undetected):
            return _undetected(found, out)
        validator = _validator(found, head[:1], encoding, out)
        return validator.run(itertools.chain(head, lines), lines.edges)


def _validator(fmt: FileLayout, head: list[bytes], encoding: str, out: Emitter) -> Validator:
    """The validator of ``fmt`` for a file opening with ``head`` (its fast paths
    compiled for the first line's ending), reporting to ``out``."""
    ascii_only = _codec_name(encoding) not in _EVERY_BYTE
    plan = format_plan(fmt, ascii_only, newline_of(head[0]) if head else b"\n",
                       checks_on(out.levels))
    return Validator(plan, out, encoding=encoding, check_encoding=ascii_only,
                     controls=control_characters(encoding))


@functools.cache
def _codec_name(encoding: str) -> str:
    import codecs

    return codecs.lookup(encoding).name.replace("-", "_")


@functools.cache
def control_characters(encoding: str) -> frozenset[str]:
    """The bytes that are, alone, a control character in ``encoding`` (C0, DEL, and the
    C1 controls where a byte decodes to one), as latin-1 decodes them (what the
    validator's slow path slices)."""
    found = set()
    for byte in range(256):
        try:
            char = bytes([byte]).decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(char) == 1 and unicodedata.category(char) == "Cc":
            found.add(chr(byte))
    return frozenset(found)


def reading_check(
    lines: Iterable[bytes], fmt: FileLayout, edges: Edges, encoding: str, rules: Rules, lang: str
) -> tuple[Finding, ...]:
    """What ``read`` asks of the validator (ADR 0008): run it over a file's lines and
    raise ReadError with its first error that stops reading under ``rules``, or return
    the quirks reading tolerated (at most :data:`TOLERATED_CAP`)."""
    out = Emitter(rules, lang, TOLERATED_CAP, stop=rules.stops_reading,
                  keep=lambda rule: rule.quirk)
    stream = iter(lines)
    head = list(itertools.islice(stream, 1))
    try:
        _validator(fmt, head, encoding, out).run(itertools.chain(head, stream), edges)
    except Stop as stop:
        raise ReadError([stop.finding]) from None
    return tuple(out.findings)


def line_stop(fmt: FileLayout, number: int, raw: bytes, *, encoding: str, lang: str) -> Finding | None:
    """The first error of line ``number`` alone that stops typing it (what
    ``iter_records`` raises), as validation reports it; None if there is none."""
    out = Emitter(False, lang, 0, stop=lambda rule, severity: rule.stops == "record")
    try:
        _validator(fmt, [raw], encoding, out).slow(number, raw)
    except Stop as stop:
        return stop.finding
    return None


@implements("PR001", "PR002")
def _undetected(found: Undetected, out: Emitter) -> Report:
    found.emit(out)
    return Report(
        format=None,
        width=None,
        strict=out.strict,
        findings=tuple(out.findings),
        summary=Summary(0, 0, Decimal(0)),
        left_out=out.left_out,
        left_out_errors=out.left_out_errors,
        profile=out.rules.name,
    )
