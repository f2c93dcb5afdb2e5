"""The fuzz harness: seeds, mutators and the properties every input must satisfy.

Used two ways (docs/fuzzing.md):

* by ``tests/fuzz/fuzz.py``, the stand-alone fuzzer (a deterministic random engine,
  or atheris, coverage-guided, when it is installed), which also replays saved inputs;
* by ``tests/fuzz/test_fuzz.py``, hypothesis-driven mutation inside ``python -m pytest``.

:func:`check` runs ``read``, ``iter_records`` and ``validate`` over one input for every
format (each of the five given explicitly, Asobancaria 2001 at both widths, and
``format=None`` for detection) and raises :class:`PropertyViolation` when one of the
properties below does not hold. Any other exception escaping :func:`check` is itself
a bug of the library (an uncaught ``TypeError``, ``IndexError``, ``RecursionError`` …).

Properties, per input ``b`` and configuration ``(format, width)`` (in latin-1, the
default, and some configurations again in other encodings, :data:`ENCODED`):

1. ``read`` and ``iter_records`` return or raise ``ReadError`` (with at least one
   finding whose code is in the catalog); nothing else.
2. ``iter_records`` and ``read`` agree: when ``iter_records`` raises (a record that
   cannot be typed), ``read`` raises too, at that line or before it (an error of
   the structure may come first); when it does not, ``read`` gives the same
   records, or raises an error of the file's structure (``Rule.stops == "file"``).
3. When ``read`` succeeds, ``dumps(read(b)) == b``, and ``read(b).findings`` are
   exactly validate's findings of the quirk rules (``Rule.quirk``).
4. ``validate`` never raises; its findings have codes in ``RULES``, lines from 1 to
   the file's line count + 1 (end-of-file findings), in line order; at most
   ``max_findings`` are kept and ``left_out_errors <= left_out``.
5. ``validate`` with no errors ⇒ ``read`` with the same arguments succeeds.
6. One verdict (ADR 0008): ``read`` raises iff ``validate`` (same ``strict``)
   reports an error that stops reading (:meth:`~pse_recon.rules.Rule.stops_reading`,
   :data:`READ_ENFORCED` when lenient), and then ``ReadError.findings[0]`` is
   validate's first such finding (code, line, columns, field, message), in English
   and Spanish, lenient and strict. (The converse of 5 does not hold: reading does
   not check fillers, catalogs, counts and totals.)
7. Capping: ``validate(b, max_findings=k)`` keeps exactly the first ``k`` findings of
   the uncapped run and counts the rest in ``left_out`` / ``left_out_errors``.
8. Strict and Spanish runs report the same (code, line, field) list as the lenient
   English one.
9. No hang: every input is checked under an alarm (:data:`TIME_LIMIT`); no memory
   blow-up: the process's peak RSS stays under :data:`RSS_LIMIT_MB`, and on inputs
   over :data:`LARGE` bytes ``validate`` and ``iter_records`` peak (tracemalloc)
   under :data:`STREAM_PEAK` whatever the input's size.
10. Compressed input (a gzip or zip signature, :mod:`pse_recon.codec.sources`):
    ``read``, ``iter_records`` and ``validate`` all raise the same ArchiveError, or
    all read the content, and properties 1-9 hold of the content.
"""

from __future__ import annotations

import contextlib
import io
import random
import resource
import signal
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pse_recon
from pse_recon import ArchiveError, ReadError
from pse_recon.codec.lines import MAX_LINE
from pse_recon.codec.sources import signature, unpacked
from pse_recon.declaration import Constant, Date, DigitKind, Field, RecordLayout, Text, Time
from pse_recon.rules import RULES

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
GOLDEN = TESTS / "golden"
REAL = ROOT.parent / "shared" / "corpus" / "real"
EXAMPLES = ROOT / "examples"

#: Every configuration an input is checked under: detection, then each format at
#: each of its widths, given explicitly.
CONFIGS: tuple[tuple[str | None, int | None], ...] = (
    (None, None),
    *(
        (name, w)
        for name, fmt in sorted(pse_recon.FORMATS.items())
        for w in (fmt.widths or (None,))
    ),
)

#: Configurations checked again in other encodings than the default latin-1 (where
#: every byte is a character): ASCII, UTF-8 (a character may take several bytes),
#: cp1252 (bytes with no character). (UTF-16, two bytes a character, is refused as
#: an argument: ValueError before reading, ADR 0011.)
ENCODED: tuple[tuple[tuple[str | None, int | None], str], ...] = (
    ((None, None), "utf-8"),
    (("pse-detail", None), "utf-8"),
    (("asobancaria-2001", 162), "ascii"),
    ((None, None), "cp1252"),
)

#: Rules whose errors stop reading in lenient mode (ADR 0008; in strict mode, every
#: rule strict raises to an error too): a file that reads has none of them. Not
#: here: fillers (PR105), catalogs (PR106-PR108, PR113), control characters
#: (PR114), the producers' quirks (PR006-PR016, PR109-PR111), empty lots and files
#: (PR207-PR209), computed fields (PR301-PR306): reading does not need them.
READ_ENFORCED = frozenset(code for code, rule in RULES.items() if rule.stops)
#: Structural rules that ``read`` checks and ``iter_records`` does not.
STRUCTURAL = frozenset(code for code, rule in RULES.items() if rule.stops == "file")

#: Largest input the fuzzers make (bytes).
MAX_SIZE = 1 << 20
#: Inputs over this size get the tracemalloc check of the streaming functions.
LARGE = 256 * 1024
#: What streaming (validate, iter_records) may peak at on any input: a bound that
#: does not grow with the input (its lines are read MAX_LINE bytes at a time, at most
#: max_findings findings are kept, learned values are capped).
STREAM_PEAK = 4 * 1024 * 1024
#: Seconds one input may take through :func:`check`, every configuration included.
TIME_LIMIT = 20.0
#: Peak RSS of the whole fuzzing process.
RSS_LIMIT_MB = 2048
#: The cap used for property 7.
SMALL_CAP = 3


class PropertyViolation(AssertionError):
    """An input broke one of the harness's properties (not an uncaught exception)."""


class Hang(BaseException):
    """Raised by the alarm when one input takes longer than :data:`TIME_LIMIT`.

    A BaseException, so that no ``except Exception`` in the library swallows it."""


def _fail(config: tuple[str | None, int | None], what: str, encoding: str = "latin-1") -> PropertyViolation:
    return PropertyViolation(f"format={config[0]!r} width={config[1]!r} encoding={encoding}: {what}")


# -- seeds ------------------------------------------------------------------------
def seeds() -> dict[str, bytes]:
    """The seed corpus, name → bytes: golden files, the real bank files (when the
    shared corpus is there), the example file, files generated from the example
    transactions in every format, and CRLF twins of them all."""
    out: dict[str, bytes] = {}
    for path in sorted(GOLDEN.glob("*.txt")):
        out[f"golden/{path.name}"] = path.read_bytes()
    if REAL.is_dir():
        for path in sorted(REAL.glob("*.txt")):
            out[f"real/{path.name}"] = path.read_bytes()
    example = EXAMPLES / "recaudo-2001.txt"
    if example.is_file():
        out["examples/recaudo-2001.txt"] = example.read_bytes()
    out.update(_generated())
    for name, data in list(out.items()):
        if b"\r\n" not in data:
            out[f"{name}+crlf"] = data.replace(b"\n", b"\r\n")
    golden_2001 = GOLDEN / "asobancaria-2001-162.txt"
    if golden_2001.is_file():
        out.update(quirk_seeds(golden_2001.read_bytes()))
    return out


def quirk_seeds(data: bytes) -> dict[str, bytes]:
    """``data`` (an LF file) with each producer quirk the reader accepts (docs/quirks.md),
    and the two inputs that used to crash reading (tests/regressions)."""
    lines = data.splitlines(keepends=True)
    body = [ln.rstrip(b"\n") for ln in lines]
    detail = next(i for i, b in enumerate(body) if b.startswith(b"06"))
    short = [*lines]
    short[detail] = body[detail][:-1] + b"\r\r\n"
    cut = [*lines]
    cut[detail] = body[detail][:-1] + b"\r"
    return {
        "quirk/bom": b"\xef\xbb\xbf" + data,
        "quirk/trailing-empty-lines": data + b"\n\r\n",
        "quirk/eof-byte": data + b"\x1a",
        "quirk/eof-byte-glued": data.rstrip(b"\n") + b"\x1a",
        "quirk/cr": data.replace(b"\n", b"\r"),
        "quirk/cr-cr-lf": data.replace(b"\n", b"\r\r\n"),
        "quirk/padded": b"".join(b.ljust(len(b) + 12) + b"\n" for b in body),
        "quirk/trimmed": b"".join(b.rstrip(b" ") + b"\n" for b in body),
        "quirk/short-then-cr-cr-lf": b"".join(short),
        "quirk/short-cr-last": b"".join(cut[: detail + 1]),
    }


def _generated() -> dict[str, bytes]:
    transactions = EXAMPLES / "transactions.csv"
    if not transactions.is_file():
        return {}
    from pse_recon.generator.inputs import load_collection

    collection = load_collection(transactions)
    out = {}
    for name, fmt in sorted(pse_recon.FORMATS.items()):
        for w in fmt.widths or (None,):
            try:
                kwargs: dict[str, Any] = {"width": w}
                if name == "asobancaria-1998":
                    kwargs["authorizing_bank"] = "1051"
                f = pse_recon.generate(name, collection, **kwargs)
            except pse_recon.GenerateError:
                continue
            out[f"generated/{name}-{w}"] = pse_recon.dumps(f)
    return out


# -- layout-aware positions ---------------------------------------------------------
_LAYOUTS: list[tuple[bytes, RecordLayout]] = [
    (code.encode(), rec)
    for name, fmt in pse_recon.FORMATS.items()
    for w in (fmt.widths or (None,))
    for code, rec in fmt.with_width(w).records.items()
]


def record_layouts(body: bytes) -> list[RecordLayout]:
    """The record layouts (of any format and width) a line could be: its type code
    and width first, type code alone when no width fits."""
    by_code = [rec for code, rec in _LAYOUTS if body.startswith(code)]
    exact = [rec for rec in by_code if rec.width == len(body)]
    return exact or by_code


# -- mutators -----------------------------------------------------------------------
Lines = list[bytes]


def split_lines(data: bytes) -> Lines:
    """Lines with their terminators (the last may have none)."""
    return data.splitlines(keepends=True) if data else []


def _body(line: bytes) -> tuple[bytes, bytes]:
    if line.endswith(b"\r\n"):
        return line[:-2], b"\r\n"
    if line.endswith((b"\n", b"\r")):
        return line[:-1], line[-1:]
    return line, b""


class Mutator:
    """Single mutations of a file's bytes, drawn from ``rng``; ``corpus`` lends the
    lines that are inserted or spliced (lines of every format)."""

    def __init__(self, corpus: Sequence[bytes]) -> None:
        self.corpus_lines = [ln for data in corpus for ln in split_lines(data)] or [b"\n"]
        self.kinds: dict[str, Callable[[bytes, random.Random], bytes]] = {
            "bit_flip": self.bit_flip,
            "byte_set": self.byte_set,
            "digit_letter": self.digit_letter,
            "field_value": self.field_value,
            "line_insert": self.line_insert,
            "line_delete": self.line_delete,
            "line_duplicate": self.line_duplicate,
            "line_swap": self.line_swap,
            "line_repeat": self.line_repeat,
            "truncate": self.truncate,
            "newlines": self.newlines,
            "nul_ff": self.nul_ff,
            "long_line": self.long_line,
            "splice": self.splice,
            "trim_pad": self.trim_pad,
            "char_insert_delete": self.char_insert_delete,
            "multibyte_text": self.multibyte_text,
        }

    def mutate(self, data: bytes, rng: random.Random, count: int | None = None,
               max_size: int = MAX_SIZE) -> bytes:
        """``count`` (1 to 4 when None) stacked mutations, the result cut to ``max_size``."""
        names = sorted(self.kinds)
        for _ in range(count if count is not None else rng.randint(1, 4)):
            data = self.kinds[rng.choice(names)](data, rng)[:max_size]
        return data

    # bytes
    def bit_flip(self, data: bytes, rng: random.Random) -> bytes:
        if not data:
            return bytes([rng.randrange(256)])
        i = rng.randrange(len(data))
        return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1 :]

    def byte_set(self, data: bytes, rng: random.Random) -> bytes:
        byte = rng.choice([0, 0xFF, 0x20, 0x30, 0x39, 0x0D, 0x0A, 0x41, 0xE9, 0x7F, rng.randrange(256)])
        if not data:
            return bytes([byte])
        i = rng.randrange(len(data))
        return data[:i] + bytes([byte]) + data[i + 1 :]

    def nul_ff(self, data: bytes, rng: random.Random) -> bytes:
        run = rng.choice([b"\x00", b"\xff"]) * rng.choice([1, 2, 5, 64, 300, 5000])
        i = rng.randrange(len(data) + 1)
        if rng.random() < 0.5:
            return data[:i] + run + data[i:]
        return data[:i] + run + data[i + len(run) :]

    def char_insert_delete(self, data: bytes, rng: random.Random) -> bytes:
        i = rng.randrange(len(data) + 1)
        if data and rng.random() < 0.5:
            return data[:i] + data[i + 1 :]
        return data[:i] + bytes([rng.choice(b"0 9A\t\x00\xff")]) + data[i:]

    def truncate(self, data: bytes, rng: random.Random) -> bytes:
        return data[: rng.randrange(len(data) + 1)]

    # fields, positions from the layouts
    def _field(self, data: bytes, rng: random.Random,
               want: Callable[[Field], bool]) -> tuple[Lines, int, bytes, bytes, Field] | None:
        lines = split_lines(data)
        if not lines:
            return None
        n = rng.randrange(len(lines))
        body, term = _body(lines[n])
        layouts = record_layouts(body)
        if not layouts:
            return None
        fields = [f for f in rng.choice(layouts).fields if want(f) and f.end <= len(body)]
        if not fields:
            return None
        return lines, n, body, term, rng.choice(fields)

    def digit_letter(self, data: bytes, rng: random.Random) -> bytes:
        """A digit of a digit-kind field becomes a letter (or a sign, a blank), or a
        character of an alphanumeric field becomes a digit."""
        found = self._field(data, rng, lambda f: not isinstance(f.kind, Constant) or f.start > 1)
        if found is None:
            return self.byte_set(data, rng)
        lines, n, body, term, f = found
        i = rng.randrange(f.start - 1, f.end)
        new = rng.choice(b"AZaxO -+.\xd1" if isinstance(f.kind, DigitKind) else b"0123456789")
        lines[n] = body[:i] + bytes([new]) + body[i + 1 :] + term
        return b"".join(lines)

    def multibyte_text(self, data: bytes, rng: random.Random) -> bytes:
        """A character of several bytes in UTF-8 (or two in UTF-16) written into an
        alphanumeric field, the field's last bytes dropped so the line keeps its width."""
        found = self._field(data, rng, lambda f: isinstance(f.kind, Text))
        if found is None:
            return self.byte_set(data, rng)
        lines, n, body, term, f = found
        char = rng.choice(["Ñ", "é", "€", "𝄞"]).encode(rng.choice(["utf-8", "utf-8", "utf-16-le"]))
        i = rng.randrange(f.start - 1, f.end)
        value = (body[f.start - 1 : i] + char + body[i : f.end])[: f.length]
        lines[n] = body[: f.start - 1] + value + body[f.end :] + term
        return b"".join(lines)

    def field_value(self, data: bytes, rng: random.Random) -> bytes:
        """A field set to a boundary value of its length."""
        found = self._field(data, rng, lambda f: True)
        if found is None:
            return self.byte_set(data, rng)
        lines, n, body, term, f = found
        k = f.length
        values = ["9" * k, "0" * k, " " * k, "1".zfill(k), "X" * k, "0" * (k - 1) + " "]
        if isinstance(f.kind, Date):
            values += ["20250230", "20241301", "00000000", "20240229", "20230229", "99991231"]
        if isinstance(f.kind, Time):
            values += ["2400", "0000", "2360", "2401"] if k == 4 else ["240000", "235960", "240001"]
        value = rng.choice([v for v in values if len(v) == k] or values[:1]).encode()
        lines[n] = body[: f.start - 1] + value + body[f.end :] + term
        return b"".join(lines)

    # lines
    def line_insert(self, data: bytes, rng: random.Random) -> bytes:
        lines = split_lines(data)
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(self.corpus_lines))
        return b"".join(lines)

    def line_delete(self, data: bytes, rng: random.Random) -> bytes:
        lines = split_lines(data)
        if lines:
            del lines[rng.randrange(len(lines))]
        return b"".join(lines)

    def line_duplicate(self, data: bytes, rng: random.Random) -> bytes:
        lines = split_lines(data)
        if lines:
            n = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines) + 1), lines[n])
        return b"".join(lines)

    def line_swap(self, data: bytes, rng: random.Random) -> bytes:
        lines = split_lines(data)
        if len(lines) > 1:
            a, b = rng.sample(range(len(lines)), 2)
            lines[a], lines[b] = lines[b], lines[a]
        return b"".join(lines)

    def line_repeat(self, data: bytes, rng: random.Random) -> bytes:
        """One line repeated many times in place: many details, many findings."""
        lines = split_lines(data)
        if not lines:
            return data
        n = rng.randrange(len(lines))
        line = lines[n] if lines[n].endswith(b"\n") else lines[n] + b"\n"
        times = min(rng.choice([10, 100, 1000, 5000]), MAX_SIZE // len(line) + 1)  # not GBs
        lines[n:n] = [line] * times
        return b"".join(lines)

    def splice(self, data: bytes, rng: random.Random) -> bytes:
        """A line replaced by a line of the corpus (another format's, often)."""
        lines = split_lines(data)
        other = rng.choice(self.corpus_lines)
        if not lines:
            return other
        n = rng.randrange(len(lines))
        body, term = _body(other)
        lines[n] = body + (_body(lines[n])[1] if rng.random() < 0.8 else term)
        return b"".join(lines)

    def trim_pad(self, data: bytes, rng: random.Random) -> bytes:
        """Trailing blanks trimmed (one line or all) or a line padded wider."""
        lines = split_lines(data)
        if not lines:
            return data
        choice = rng.random()
        picked = range(len(lines)) if choice < 0.3 else [rng.randrange(len(lines))]
        for n in picked:
            body, term = _body(lines[n])
            if choice < 0.7:
                lines[n] = body.rstrip(b" ") + term
            else:
                lines[n] = body + b" " * rng.choice([1, 12, 100]) + term
        return b"".join(lines)

    def newlines(self, data: bytes, rng: random.Random) -> bytes:
        """CR/LF inserted or removed: every LF to CRLF or back, a lone CR or LF put
        in, a line ending taken out, the final one added or dropped."""
        r = rng.randrange(7)
        i = rng.randrange(len(data) + 1)
        if r == 0:
            return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        if r == 1:
            return data.replace(b"\r\n", b"\n")
        if r == 2:
            return data[:i] + rng.choice([b"\n", b"\r", b"\r\n", b"\n\n"]) + data[i:]
        if r == 3:
            ends = [k for k, c in enumerate(data) if c in (10, 13)]
            if ends:
                k = rng.choice(ends)
                return data[:k] + data[k + 1 :]
            return data
        if r == 4:
            return data.rstrip(b"\r\n")
        if r == 5:
            return data.replace(b"\n", b"\r")
        return data + b"\n"

    def long_line(self, data: bytes, rng: random.Random) -> bytes:
        """A very long line: around MAX_LINE, or far beyond it, with or without LF."""
        size = rng.choice([MAX_LINE - 2, MAX_LINE - 1, MAX_LINE, MAX_LINE + 1, MAX_LINE + 2,
                           2 * MAX_LINE + 1, 50_000, 300_000])
        lines = split_lines(data)
        base = _body(rng.choice(lines or self.corpus_lines))[0] or b"06"
        fill = rng.choice([b"0", b" ", b"9", b"\x00", base])
        body = (base + fill * (size // max(len(fill), 1) + 1))[:size]
        line = body + rng.choice([b"\n", b"\r\n", b""])
        n = rng.randrange(len(lines) + 1)
        lines.insert(n, line if n == len(lines) or line.endswith(b"\n") else line + b"\n")
        return b"".join(lines)


# -- the properties ------------------------------------------------------------------
def line_count(data: bytes) -> int:
    """Lines as the library counts them (a last line without terminator counts; a
    file whose first line, read at most MAX_LINE + 1 bytes, has no LF and CRs inside
    is split at its CRs)."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    first = data[start : start + MAX_LINE + 1]
    if b"\n" not in first and -1 < first.find(b"\r") < len(first) - 1:
        return data.count(b"\r") + (1 if data and not data.endswith(b"\r") else 0)
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


@contextlib.contextmanager
def alarm(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` in the main thread when the block runs over ``seconds``."""

    def ring(signum: int, frame: Any) -> None:
        raise Hang(f"one input took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _first(exc: ReadError) -> tuple[str, int]:
    return exc.findings[0].code, exc.findings[0].line


def _read_error(config: tuple[str | None, int | None], encoding: str, exc: ReadError, what: str) -> None:
    if not exc.findings or any(f.code not in RULES for f in exc.findings):
        raise _fail(config, f"{what} raised ReadError without catalog findings: {exc.findings!r}", encoding)


def check_config(data: bytes, config: tuple[str | None, int | None], encoding: str = "latin-1") -> None:
    """Properties 1-8 for one configuration (7 and 8 in latin-1 only)."""
    fmt, width = config
    kwargs: dict[str, Any] = {"width": width, "encoding": encoding}

    def fail(what: str) -> PropertyViolation:
        return _fail(config, what, encoding)

    # 1, 2: iter_records
    streamed: list[pse_recon.Record] | None = None
    iter_error: ReadError | None = None
    try:
        streamed = list(pse_recon.iter_records(data, fmt, **kwargs))
    except ReadError as exc:
        _read_error(config, encoding, exc, "iter_records")
        iter_error = exc

    # 1, 2, 3: read
    f: pse_recon.File | None = None
    read_error: ReadError | None = None
    try:
        f = pse_recon.read(data, fmt, **kwargs)
    except ReadError as exc:
        _read_error(config, encoding, exc, "read")
        read_error = exc
    if iter_error is not None:
        first = iter_error.findings[0]
        if read_error is None or read_error.findings[0].line > first.line:
            raise fail(f"iter_records raised {_first(iter_error)} but read gave "
                       f"{_first(read_error) if read_error else 'a file'}")
        if RULES[read_error.findings[0].code].stops == "record" and (
            verdict(read_error.findings[0]) != verdict(first)
        ):
            raise fail(f"iter_records raised {first} but read {read_error.findings[0]}")
    elif read_error is not None:
        if _first(read_error)[0] not in STRUCTURAL:
            raise fail(f"iter_records read every record but read raised {read_error}")
    else:
        assert f is not None and streamed is not None
        if list(f.records) != streamed:
            raise fail("read and iter_records give different records")
        if pse_recon.dumps(f, encoding=encoding) != data:
            raise fail("dumps(read(b)) != b")

    # 4: validate
    report = pse_recon.validate(data, fmt, **kwargs)
    check_report(data, report, config, encoding)

    # 3, 5, 6: one verdict
    if report.valid and read_error is not None:
        raise fail(f"validate found no error but read raised {read_error}")
    check_verdict(data, config, encoding, False, "en", report, f, read_error)
    if encoding == "latin-1" and fmt is None:
        check_verdict(data, config, encoding, True, "es")

    if encoding != "latin-1":
        return

    # 7: capping keeps a prefix and counts the rest
    if not report.left_out:
        capped = pse_recon.validate(data, fmt, max_findings=SMALL_CAP, **kwargs)
        kept = report.findings[:SMALL_CAP]
        rest = report.findings[SMALL_CAP:]
        if capped.findings != kept:
            raise fail("max_findings does not keep the first findings")
        if (capped.left_out, capped.left_out_errors) != (
            len(rest), sum(x.is_error for x in rest)
        ):
            raise fail(f"left_out {capped.left_out}/{capped.left_out_errors} for "
                                f"{len(rest)} findings left out")

    # 8: strict and Spanish see the same places
    if fmt is None:
        strict = pse_recon.validate(data, fmt, strict=True, lang="es", **kwargs)
        check_report(data, strict, config)
        if _places(strict.findings) != _places(report.findings):
            raise fail("strict/es findings are not at the places of lenient/en ones")


def verdict(x: pse_recon.Finding) -> tuple[object, ...]:
    """What read and validate must agree on of a finding: code, place and words."""
    return (x.code, x.line, x.column, x.end_column, x.field, x.message)


def check_verdict(
    data: bytes, config: tuple[str | None, int | None], encoding: str, strict: bool, lang: str,
    report: pse_recon.Report | None = None, f: pse_recon.File | None = None,
    read_error: ReadError | None = None,
) -> None:
    """Property 6 (and 3's findings) for one mode: ``read`` raises iff validate reports
    an error that stops reading, with that finding; a file read carries validate's
    findings of the quirks it tolerated."""
    fmt, width = config
    kwargs: dict[str, Any] = {"width": width, "encoding": encoding, "strict": strict, "lang": lang}
    if report is None:
        report = pse_recon.validate(data, fmt, **kwargs)
        try:
            f = pse_recon.read(data, fmt, **kwargs)
        except ReadError as exc:
            read_error = exc
    stops = [x for x in report.findings if x.is_error and RULES[x.code].stops_reading(strict)]
    if not stops and report.left_out_errors:  # the first may be past the cap
        report = pse_recon.validate(data, fmt, max_findings=None, **kwargs)
        stops = [x for x in report.findings if x.is_error and RULES[x.code].stops_reading(strict)]
    mode = f"strict={strict} lang={lang}"
    if stops and read_error is None:
        raise _fail(config, f"{mode}: read succeeded but validate reports {stops[0]}", encoding)
    if read_error is not None:
        if not stops:
            raise _fail(config, f"{mode}: read raised {read_error} but validate reports no "
                        "error that stops reading", encoding)
        if verdict(read_error.findings[0]) != verdict(stops[0]):
            raise _fail(config, f"{mode}: read raised {read_error.findings[0]}, validate "
                        f"{stops[0]}", encoding)
        return
    if f is not None and (report.format, report.width) != (f.format, f.width):  # detection
        raise _fail(config, f"{mode}: read {f.format}/{f.width}, validate "
                    f"{report.format}/{report.width}", encoding)
    quirks = [verdict(x) for x in report.findings if RULES[x.code].quirk]
    if f is None:
        return
    kept = [verdict(x) for x in f.findings]
    if kept[: len(quirks)] != quirks[: len(kept)]:
        raise _fail(config, f"{mode}: read's findings {f.findings} are not validate's "
                    "quirks", encoding)
    if not report.left_out and len(f.findings) != min(len(quirks), 1000):
        raise _fail(config, f"{mode}: read kept {len(f.findings)} quirks of {len(quirks)}",
                    encoding)


def _places(findings: Sequence[pse_recon.Finding]) -> list[tuple[str, int, str | None]]:
    return [(x.code, x.line, x.field) for x in findings]


def check_report(data: bytes, report: pse_recon.Report, config: tuple[str | None, int | None],
                 encoding: str = "latin-1", max_findings: int = 1000) -> None:
    """Property 4: what any report must be."""

    def fail(what: str) -> PropertyViolation:
        return _fail(config, what, encoding)

    last = line_count(data) + 1
    lines = [x.line for x in report.findings]
    for x in report.findings:
        if x.code not in RULES:
            raise fail(f"finding of unknown code {x.code}")
        if not 1 <= x.line <= last:
            raise fail(f"{x.code} at line {x.line}, the file has {last - 1} lines")
        if x.severity is not RULES[x.code].severity_for(report.strict):
            raise fail(f"{x.code} has severity {x.severity}")
        if not x.message:
            raise fail(f"{x.code} has no message")
    if lines != sorted(lines):
        raise fail(f"findings not in line order: {lines[:20]}")
    if len(report.findings) > max_findings:
        raise fail(f"{len(report.findings)} findings kept, cap {max_findings}")
    if not 0 <= report.left_out_errors <= report.left_out:
        raise fail(f"left_out {report.left_out}, left_out_errors {report.left_out_errors}")
    if report.format is not None and report.format not in pse_recon.FORMATS:
        raise fail(f"report of unknown format {report.format}")
    if config[0] is not None and report.format != config[0]:
        raise fail(f"report of format {report.format}")


def check_streaming_memory(data: bytes) -> None:
    """Property 9, memory: streaming peaks below a bound that ignores the input's size."""
    for config in (CONFIGS[0], ("asobancaria-2001", None), ("pse-detail", None)):
        fmt, width = config
        for what, work in (
            ("validate", lambda: pse_recon.validate(data, fmt, width=width)),  # noqa: B023
            ("iter_records", lambda: _drain(data, fmt, width)),  # noqa: B023
        ):
            tracemalloc.start()
            try:
                work()
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
            if peak > STREAM_PEAK:
                raise _fail(config, f"{what} peaked at {peak:,} B on {len(data):,} B of input")


def _drain(data: bytes, fmt: str | None, width: int | None) -> None:
    with contextlib.suppress(ReadError):
        for _ in pse_recon.iter_records(data, fmt, width=width):
            pass


def check(data: bytes, *, time_limit: float | None = TIME_LIMIT,
          configs: Sequence[tuple[str | None, int | None]] = CONFIGS) -> None:
    """Every property for one input; raises PropertyViolation, Hang, or whatever
    the library let escape."""
    with alarm(time_limit) if time_limit else contextlib.nullcontext():
        if signature(data) is not None:  # compressed: property 10
            check_unpacking(data, configs)
            return
        for config in configs:
            check_config(data, config)
        for config, encoding in ENCODED if configs is CONFIGS else ():
            check_config(data, config, encoding)
        if len(data) > LARGE:
            check_streaming_memory(data)
    rss = peak_rss_mb()
    if rss > RSS_LIMIT_MB:
        raise PropertyViolation(f"peak RSS {rss:.0f} MB over {RSS_LIMIT_MB} MB")


def _outcome(work: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "value", work()
    except ReadError as exc:
        return "ReadError", _first(exc)
    except ArchiveError as exc:
        return "ArchiveError", str(exc)


def check_unpacking(data: bytes, configs: Sequence[tuple[str | None, int | None]] = CONFIGS) -> None:
    """Property 10: ``read``, ``iter_records`` and ``validate`` give for compressed
    ``data`` what they give for its content, or the ArchiveError unpacking raises."""
    try:
        with unpacked(io.BytesIO(data)) as stream:
            content: bytes | None = stream.read(MAX_SIZE + 1)
            refusal = None
    except ArchiveError as exc:
        content, refusal = None, ("ArchiveError", str(exc))
    if content is not None and len(content) > MAX_SIZE:
        return  # a bomb within the bound: too big to check every property of
    for what, work in (
        ("read", pse_recon.read),
        ("iter_records", lambda b: list(pse_recon.iter_records(b))),
        ("validate", pse_recon.validate),
    ):
        got = _outcome(lambda: work(data))  # noqa: B023
        want = refusal if content is None else _outcome(lambda: work(content))  # noqa: B023
        if got != want:
            raise PropertyViolation(f"{what} of compressed input gave {got[0]}, of its content {want}")
    if content is not None:
        for config in configs:
            check_config(content, config)
