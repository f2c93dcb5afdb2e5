"""The fuzz target of the input loaders: seeds, mutators and properties.

The inputs are the files people write by hand or export from a spreadsheet or a
billing system: transactions for ``generate --input`` and expected payments for
``reconcile --expected``, each as CSV and as JSON. :func:`check` writes one input
under both names (``.csv``, ``.json``) and runs it through the library's loaders
(:func:`~pse_recon.generator.inputs.load_collection`,
:func:`~pse_recon.reconciliation.load_expected`) and through
:func:`pse_recon.cli.main` (``generate`` and ``reconcile``). Used by
``tests/fuzz/fuzz.py --target inputs`` (the same engines as :mod:`harness`) and by
``tests/fuzz/test_fuzz_inputs.py``.

Properties, per input:

1. A loader returns, or raises :class:`InputError`; nothing else escapes.
2. No change of money under any decimal context: the loaders, ``generate`` (every
   format and width) and ``reconcile`` run again under a decimal context drawn from
   the input (precision 1 to 28, any rounding, traps, exponent limits) give what
   they give under the default context: equal objects, amounts with the same
   digits and exponent, the same bytes, the same errors.
3. A generated file validates strict with no error, as the format it was written
   in (``generate`` may refuse with :class:`GenerateError`: a value does not fit
   the format), but PR208/PR209 for a file of no payment.
4. The command line never exits 3 (internal error), and says what the library says:
   ``generate`` exits 4 when the loader refuses the input, 1 when ``generate``
   refuses the collection, else 0, and what it wrote validates strict with no
   error; ``reconcile`` exits 4 when the loader refuses the input, else 0 or 5 as
   ``reconcile(...).ok`` says.
5. No hang (:data:`TIME_LIMIT` per input) and no blow-up (:data:`RSS_LIMIT_MB`).
"""

from __future__ import annotations

import contextlib
import decimal
import hashlib
import io
import json
import random
import re
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import harness
from harness import RSS_LIMIT_MB, Hang, PropertyViolation, alarm, peak_rss_mb

import pse_recon
from pse_recon.cli import main
from pse_recon.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, EXIT_UNRECONCILED
from pse_recon.generator import Collection, GenerateError
from pse_recon.generator.inputs import InputError, load_collection
from pse_recon.reconciliation import ExpectedPayment, load_expected

__all__ = ["RSS_LIMIT_MB", "Hang", "Mutator", "PropertyViolation", "check", "peak_rss_mb", "seeds"]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RECAUDO = EXAMPLES / "recaudo-2001.txt"

#: Largest input the mutators make (bytes): deep nesting needs room.
MAX_SIZE = 256 * 1024
#: Seconds one input may take through :func:`check`.
TIME_LIMIT = 30.0
#: Every format at each of its widths (1998 needs the bank of its header chosen).
CONFIGS = [(name, w) for name, fmt in sorted(pse_recon.FORMATS.items()) for w in (fmt.widths or (None,))]
#: The formats the command line is run with, one per input (by its hash).
CLI_FORMATS = ("asobancaria-2001", "pse-detail", "andesco", "pse-summary", "asobancaria-1998")

#: Every rounding mode and every signal of the decimal module.
ROUNDINGS = sorted(getattr(decimal, name) for name in dir(decimal) if name.startswith("ROUND_"))
SIGNALS = list(decimal.Context().traps)


# -- seeds ------------------------------------------------------------------------
def seeds() -> dict[str, bytes]:
    """The examples, and hostile inputs the loaders must refuse cleanly or read exactly."""
    transactions_csv = (EXAMPLES / "transactions.csv").read_text(encoding="utf-8")
    transactions_json = (EXAMPLES / "transactions.json").read_text(encoding="utf-8")
    out = {f"examples/{p.name}": p.read_bytes() for p in sorted(EXAMPLES.glob("*.csv"))}
    out.update({f"examples/{p.name}": p.read_bytes() for p in sorted(EXAMPLES.glob("*.json"))})
    rows = transactions_csv.splitlines()
    hostile = {
        "duplicated-column.csv": "\n".join([rows[0] + ", Amount", *(r + ",1.00" for r in rows[1:])]),
        "duplicated-expected-column.csv": "reference,amount,AMOUNT\n21053,18000.00,1.00\n",
        "duplicated-key.json": transactions_json.replace('"amount": "85400.50",',
                                                         '"amount": "85400.50", "amount": "1.00",'),
        "duplicated-expected-key.json": '[{"reference": "21053", "amount": "18000.00", "amount": 1}]',
        "1e400.json": '[{"reference": "21053", "amount": 1e400}]',
        "huge-digits.csv": f"reference,amount\n21053,{'9' * 26}\n",
        "huge-int.json": f'[{{"reference": "21053", "amount": {"9" * 5000}}}]',
        "deep.json": '[{"reference": "1", "amount": 1}, ' + "[" * 2000 + "]" * 2000 + "]",
        "nan.json": '[{"reference": "1", "amount": NaN}, {"reference": "2", "amount": -Infinity}]',
        "bom-semicolons.csv": "\ufeffreference;amount;description\n21053;18000.00;a,b\n40001;225000;\n",
        "crlf.csv": transactions_csv.replace("\n", "\r\n"),
        "widest-amounts.csv": transactions_csv.replace(",18000.00,", ",9999999999999999.99,"),
        "duplicated-cus.csv": "\n".join([*rows, rows[1].replace(",5001,", ",5099,")]),
        "iva-above-amount.csv": transactions_csv.replace(",18000.00,0,", ",18000.00,18000.01,"),
        "control-characters.csv": transactions_csv.replace("Gas domiciliario", "Gas\x1b[2J\x07"),
    }
    out.update({f"hostile/{name}": text.encode("utf-8") for name, text in hostile.items()})
    out["hostile/latin-1.csv"] = "reference,amount,description\n21053,18000.00,Revisión\n".encode("latin-1")
    return out


# -- mutators -----------------------------------------------------------------------
#: Values a cell or a JSON value is set to: amounts of every shape, and worse.
VALUES = [
    "0", "-0", "-1", "1.005", "1.5", "85400.50", "9999999999999999.99", "10000000000000000", "9" * 26,
    "1e400", "1E+25", "1e-400", "NaN", "Infinity", "", " ", "１２", "1,5", "1_000", "0x10", "+5",
    "1" * 5000, "2026-02-30", "24:00", "99:99", "A" * 300, "\x1b[2J", "\x00", "=1+2", "\u2028",
]
CELL = re.compile(rb"[^,;\n\r]*")
#: A JSON ``"key": value`` with a scalar value (group 1: the value).
JSON_PAIR = re.compile(rb'"(?:[^"\\\n]|\\.)*"\s*:\s*("(?:[^"\\\n]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)')


def value(rng: random.Random) -> str:
    """Half the time a good amount (most fields of the inputs read it), else one of
    :data:`VALUES`."""
    if rng.random() < 0.5:
        return f"{rng.randrange(10 ** rng.randint(1, 16))}.{rng.randrange(100):02d}"
    return rng.choice(VALUES)


class Mutator(harness.Mutator):
    """Single mutations of an input's bytes, drawn from ``rng``; ``corpus`` lends the
    pieces that are spliced in. The byte-level mutators and their stacking are the
    file harness's; the others know CSV and JSON."""

    def __init__(self, corpus: list[bytes]) -> None:  # not the file harness's: no layouts
        self.corpus = corpus or [b""]
        self.kinds: dict[str, Callable[[bytes, random.Random], bytes]] = {
            "bit_flip": self.bit_flip,
            "syntax_byte": self.syntax_byte,
            "char_insert_delete": self.char_insert_delete,
            "truncate": self.truncate,
            "cell_value": self.cell_value,
            "column_duplicate": self.column_duplicate,
            "column_delete": self.column_delete,
            "row_duplicate": self.row_duplicate,
            "delimiter": self.delimiter,
            "bom_newlines": self.bom_newlines,
            "json_value": self.json_value,
            "json_key_duplicate": self.json_key_duplicate,
            "json_nest": self.json_nest,
            "splice": self.splice,
        }

    def mutate(self, data: bytes, rng: random.Random, count: int | None = None,
               max_size: int = MAX_SIZE) -> bytes:
        """``count`` stacked mutations, the result cut to ``max_size``. When None, one
        half the time, else two or three: an input takes only a few changes to be
        refused, and the properties of money need inputs that load."""
        count = count if count is not None else rng.choice((1, 1, 2, 3))
        return super().mutate(data, rng, count, max_size)

    # bytes (bit_flip, char_insert_delete and truncate are the file harness's)
    def syntax_byte(self, data: bytes, rng: random.Random) -> bytes:
        """A byte of CSV or JSON syntax inserted, or written over another."""
        i = rng.randrange(len(data) + 1)
        byte = rng.choice(b'",;:{}[]\n\r\x00\xff\\ 0.-e')
        return data[:i] + bytes([byte]) + data[i + rng.randint(0, 1) :]

    # CSV
    def _rows(self, data: bytes) -> list[bytes]:
        return data.split(b"\n")

    def cell_value(self, data: bytes, rng: random.Random) -> bytes:
        cells = [m for m in CELL.finditer(data) if m.end() > m.start()] or list(CELL.finditer(data))
        m = rng.choice(cells)
        return data[: m.start()] + value(rng).encode("utf-8") + data[m.end() :]

    def column_duplicate(self, data: bytes, rng: random.Random) -> bytes:
        """A column copied to the end, its name in another case or with blanks."""
        rows = self._rows(data)
        sep = b";" if b";" in rows[0] and b"," not in rows[0] else b","
        header = rows[0].rstrip(b"\r").split(sep)
        k = rng.randrange(len(header))
        name = rng.choice([header[k].upper(), b" " + header[k], header[k].title(), header[k]])
        out = [rows[0].rstrip(b"\r") + sep + name]
        for row in rows[1:]:
            cells = row.rstrip(b"\r").split(sep)
            out.append(row.rstrip(b"\r") + sep + (cells[k] if k < len(cells) else b"") if row else row)
        return b"\n".join(out)

    def column_delete(self, data: bytes, rng: random.Random) -> bytes:
        rows = self._rows(data)
        k = rng.randrange(max(1, rows[0].count(b",") + 1))
        return b"\n".join(b",".join(c for i, c in enumerate(r.split(b",")) if i != k) for r in rows)

    def row_duplicate(self, data: bytes, rng: random.Random) -> bytes:
        rows = self._rows(data)
        i = rng.randrange(len(rows))
        return b"\n".join([*rows[: i + 1], *[rows[i]] * rng.randint(1, 50), *rows[i + 1 :]])

    def delimiter(self, data: bytes, rng: random.Random) -> bytes:
        return data.replace(b",", b";") if rng.random() < 0.7 else data.replace(b";", b",")

    def bom_newlines(self, data: bytes, rng: random.Random) -> bytes:
        choice = rng.randrange(4)
        if choice == 0:
            return b"\xef\xbb\xbf" + data
        if choice == 1:
            return data.replace(b"\n", b"\r\n")
        if choice == 2:
            return data.replace(b"\n", b"\r")
        return data.replace(b"\n", b"\n\n")

    # JSON
    def json_value(self, data: bytes, rng: random.Random) -> bytes:
        """A value set to :func:`value`, as a number when it looks like one (half the time)."""
        pairs = list(JSON_PAIR.finditer(data))
        if not pairs:
            return data
        m = rng.choice(pairs)
        new = value(rng)
        number = re.fullmatch(r"-?[\d.eE+]+|NaN|-?Infinity", new) and rng.random() < 0.5
        text = new if number else json.dumps(new)
        return data[: m.start(1)] + text.encode("utf-8") + data[m.end(1) :]

    def json_key_duplicate(self, data: bytes, rng: random.Random) -> bytes:
        """A ``"key": value`` pair given again in its object, with another value."""
        pairs = list(JSON_PAIR.finditer(data))
        if not pairs:
            return data
        m = rng.choice(pairs)
        key = m.group(0).split(b":", 1)[0]
        again = key + b": " + json.dumps(value(rng)).encode("utf-8")
        return data[: m.end()] + b", " + again + data[m.end() :]

    def json_nest(self, data: bytes, rng: random.Random) -> bytes:
        """A value wrapped in arrays or objects, a few or very many levels deep."""
        pairs = list(JSON_PAIR.finditer(data))
        if not pairs:
            return data
        m = rng.choice(pairs)
        depth = rng.choice([1, 3, 30, 31, 32, 33, 1000, 50_000])
        opening, closing = (b"[", b"]") if rng.random() < 0.5 else (b'{"a": ', b"}")
        return data[: m.start(1)] + opening * depth + m.group(1) + closing * depth + data[m.end(1) :]

    def splice(self, data: bytes, rng: random.Random) -> bytes:
        other = rng.choice(self.corpus)
        return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


# -- the properties ------------------------------------------------------------------
def context_for(data: bytes) -> decimal.Context:
    """A decimal context drawn from the input's hash: a replay draws the same one."""
    rng = random.Random(hashlib.sha256(data).digest())
    emax = rng.choice([1, 6, 12, 999999])
    return decimal.Context(
        prec=rng.randint(1, 28), rounding=rng.choice(ROUNDINGS), Emax=emax, Emin=-emax,
        capitals=rng.randint(0, 1), clamp=rng.randint(0, 1),
        traps=[s for s in SIGNALS if rng.random() < 0.5],
    )


def exact(value: Any) -> Any:
    """``value`` with every Decimal in it as its digits and exponent (1.5 is not 1.50)."""
    if isinstance(value, Decimal):
        return ("Decimal", value.as_tuple())
    if attrs.has(type(value)):
        return (type(value).__name__, *(exact(getattr(value, a.name)) for a in attrs.fields(type(value))))
    if isinstance(value, list | tuple):
        return [exact(v) for v in value]
    if isinstance(value, dict):
        return {k: exact(v) for k, v in value.items()}
    return value


def outcome(run: Callable[[], Any], allowed: type[Exception]) -> Any:
    """What ``run`` gives, or the ``allowed`` error it raises (as its type and message);
    any other exception escapes: a bug."""
    try:
        return exact(run())
    except allowed as exc:
        return (type(exc).__name__, str(exc))


def both(data: bytes, run: Callable[[], Any], allowed: type[Exception], what: str) -> Any:
    """``run``'s outcome under the default context, checked equal under the input's
    context (property 2)."""
    with decimal.localcontext(decimal.Context()):
        default = outcome(run, allowed)
    with decimal.localcontext(context_for(data)):
        other = outcome(run, allowed)
    if other != default:
        raise PropertyViolation(f"{what}: under {context_for(data)!r} gives {other!r:.300}, "
                                f"under the default context {default!r:.300}")
    return default


#: What strict validation reports of a generated file that holds no payment.
EMPTY_FILE = frozenset({"PR208", "PR209"})


def check_generated(data: bytes, fmt: str, width: int | None, what: str) -> None:
    """Property 3: a file the generator wrote validates strict with no error, as the
    format it was written in (detection cannot always tell: a pse-detail file of no
    transaction has lines of pse-summary's widths)."""
    report = pse_recon.validate(data, fmt, width=width, strict=True)
    # A file of no payment (nothing approved) is written, and strict calls it
    # suspicious (PR208 no lots, PR209 no details), as tests/generate decide.
    empty = EMPTY_FILE if report.summary.details == 0 else frozenset()
    errors = [f for f in report.findings if f.severity is pse_recon.Severity.ERROR and f.code not in empty]
    if errors or report.left_out_errors:
        raise PropertyViolation(f"{what}: the generated file does not validate strict: {errors[:3]}")


def check_transactions(data: bytes, path: Path) -> Collection | None:
    """Properties 1-3 for ``path`` read as transactions, and each format generated;
    the collection, or None when the loader refuses it."""
    both(data, lambda: load_collection(path), InputError, f"load_collection({path.name})")
    try:
        collection = load_collection(path)
    except InputError:
        return None
    for fmt, width in CONFIGS:
        bank = "1051" if fmt == "asobancaria-1998" else None

        def run(fmt: str = fmt, width: int | None = width, bank: str | None = bank) -> bytes:
            return pse_recon.dumps(pse_recon.generate(fmt, collection, width=width, authorizing_bank=bank))

        generated = both(data, run, GenerateError, f"generate {fmt} {width} of {path.name}")
        if isinstance(generated, bytes):
            check_generated(generated, fmt, width, f"generate {fmt} {width} of {path.name}")
    return collection


def check_expected(data: bytes, path: Path) -> list[ExpectedPayment] | None:
    """Properties 1-2 for ``path`` read as expected payments, and reconciled; the
    payments, or None when the loader refuses them."""
    both(data, lambda: load_expected(path), InputError, f"load_expected({path.name})")
    try:
        expected = load_expected(path)
    except InputError:
        return None
    both(data, lambda: pse_recon.reconcile(RECAUDO, expected), InputError,
         f"reconcile {RECAUDO.name} with {path.name}")
    return expected


def cli(want: int, *argv: str) -> None:
    """Property 4: ``pse-recon ARGV`` exits ``want``."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
        status = main(list(argv))
    if status != want:
        raise PropertyViolation(
            f"pse-recon {' '.join(argv)} exited {status}, the library says {want}: {err.getvalue()[:500]}")


def generate_status(collection: Collection | None, fmt: str, bank: str | None) -> int:
    """What ``pse-recon generate`` must exit, by the library's verdict."""
    if collection is None:
        return EXIT_UNREADABLE
    try:
        pse_recon.generate(fmt, collection, authorizing_bank=bank)
    except GenerateError:
        return EXIT_FINDINGS
    return EXIT_OK


def check(data: bytes, *, time_limit: float | None = TIME_LIMIT) -> None:
    """Every property for one input; raises PropertyViolation, Hang, or whatever the
    library let escape."""
    fmt = CLI_FORMATS[hashlib.sha256(data).digest()[0] % len(CLI_FORMATS)]
    with (alarm(time_limit) if time_limit else contextlib.nullcontext()), \
            tempfile.TemporaryDirectory(prefix="pse-fuzz-inputs-") as tmp:
        for suffix in (".csv", ".json"):
            path = Path(tmp) / f"input{suffix}"
            path.write_bytes(data)
            collection = check_transactions(data, path)
            expected = check_expected(data, path)
            out = Path(tmp) / "out.txt"
            bank = "1051" if fmt == "asobancaria-1998" else None
            want = generate_status(collection, fmt, bank)
            cli(want, "generate", "--format", fmt, "--input", str(path), "-o", str(out),
                *(["--bank", bank] if bank else []))
            if want == EXIT_OK:
                what = f"pse-recon generate --format {fmt} of {path.name}"
                check_generated(out.read_bytes(), fmt, None, what)
            out.unlink(missing_ok=True)
            ok = expected is not None and pse_recon.reconcile(RECAUDO, expected).ok
            cli(EXIT_UNREADABLE if expected is None else EXIT_OK if ok else EXIT_UNRECONCILED,
                "reconcile", str(RECAUDO), "--expected", str(path))
    rss = peak_rss_mb()
    if rss > RSS_LIMIT_MB:
        raise PropertyViolation(f"peak RSS {rss:.0f} MB over {RSS_LIMIT_MB} MB")
