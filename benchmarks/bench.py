"""Speed and memory of pse_recon, measured against plain Python on the same files.

    python benchmarks/bench.py                   # 1,000,000 details per format
    python benchmarks/bench.py --quick           # 100,000 details, fewer repetitions
    python benchmarks/bench.py --details 250000 --repeat 5

For each format the script writes a file with pse_recon itself (``build`` then
``write``: Asobancaria 2001 and Andesco in 10 lots) into ``benchmarks/out/``
(gitignored) and times, in the same run, on that file:

(a) bare iteration over its lines in binary mode: the floor;
(b) a hand-written validation loop for the Asobancaria 2001 layout (width, one
    digit check per detail, sums, counts, lot and file controls): what plain Python
    does when written for one layout and nothing else; the yardstick;
(c) ``pse_recon.validate``, streaming;
(d) ``pse_recon.read``, every record typed (and ``iter_records``, streaming);
    for pse-detail also (d0), a hand-written reader of the PSE transaction with
    read's guarantees: what plain Python does when typing that one layout;
(e) ``pse_recon.dumps(f, canonical=True)``: every record encoded from its values,
    not its read bytes copied; ``build`` (encode + decode of every record) apart;
(f) ``pandas.read_fwf`` with the detail's columns, when pandas is installed;
(g) ``pse_recon.read_table``: every record as Arrow columns, read's guarantees
    (ADR 0016), and (g0) polars slicing the same file's detail lines into a typed
    DataFrame with no check at all, when pyarrow, numpy and polars are installed.

Then (r): ``pse_recon.reconcile`` of 100,000 payments (``--details``, when fewer)
that all share one reference, against as many expectations of that reference:
the shape whose pairing was quadratic (issue 11).

Each figure is the best of ``--repeat`` runs (the median is printed beside it),
each run after a ``gc.collect()`` and with the collector enabled. Peak memory of
(c), for every format but pse-summary (84 lines), is measured in a fresh
interpreter per file, at 100,000 details and at the full size: peak RSS (``VmHWM`` of
``/proc/self/status`` in the child; ``ru_maxrss`` where there is no /proc, though
Linux carries ``ru_maxrss`` over from the parent through fork and exec) and its
growth over the same child's peak after importing pse_recon and validating a tiny
file, plus the tracemalloc peak of the validation alone. ``pse-recon validate`` is
timed as a subprocess (wall) on each format's big file.

Targets (2 cores), for each format: (c) >= 1,000,000 details/s (and <= 1.2 x (b)
for Asobancaria 2001, issue 10); (d), (e) >= 400,000 records/s, except (d) of
pse-detail, whose target is (d) <= 1.15 x (d0) in the same run, the two timed by turns
(the owner's decision: spec decision 15); (c) peak < 60 MB, within 10 % between 100k and 1M details;
``pse-recon validate`` on the 1M file < 2 s; (g) of Asobancaria 2001 >= 4,000,000
records/s and no slower than (g0) (issue 14).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pse_recon
from pse_recon import record_classes
from pse_recon.catalogs import BANKS as CATALOG_BANKS
from pse_recon.catalogs import PSE_STATES

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

#: cantidad_registros of the type-3 lines is 6 digits wide.
PSE_DETAIL_MAX = 999_999
BANKS = ["1007", "1051", "1001", "1013", "1023", "1002", "1052", "1019"]  # PSE/ACH codes


# -- the files ----------------------------------------------------------------------
def _amount(i: int, decimals: int = 2) -> Decimal:
    """A deterministic, spread-out amount: 1,000.00 to about 2,500,000.00."""
    cents = 100_000 + (i * 7_919_113) % 250_000_000
    if decimals == 0:
        return Decimal(cents // 100)
    return Decimal(cents).scaleb(-decimals)


def _lots(n: int, lots: int, make: Callable[[int], Any], lot_header: Callable[[int], Any]) -> list[Any]:
    per, extra = divmod(n, lots)
    body, start = [], 0
    for k in range(lots):
        size = per + (k < extra)
        body.append((lot_header(k), [make(i) for i in range(start, start + size)]))
        start += size
    return body


def content(fmt: str, n: int) -> tuple[Any, Any]:
    """Header and body of a ``fmt`` file with ``n`` details (type-2 lines for PSE)."""
    c = record_classes(fmt)
    day = dt.date(2026, 11, 20)
    if fmt in ("asobancaria-2001", "andesco"):
        header_values = dict(
            nit_empresa="8001234565", fecha_pago=day, codigo_entidad_recaudadora="007",
            numero_cuenta="12345678901", fecha_archivo=day, modificador_archivo="A",
        )
        if fmt == "asobancaria-2001":
            header_values.update(hora_archivo=dt.time(18, 30), tipo_cuenta="02")

        def detail(i: int) -> Any:
            values = dict(
                referencia_principal=str(10_000_000 + i), valor_recaudado=_amount(i),
                procedencia_pago="99", medio_pago="15", numero_operacion=f"{i % 1_000_000:06d}",
                numero_autorizacion=f"{(i * 31) % 1_000_000:06d}",
                codigo_entidad_debitada=BANKS[i % len(BANKS)][1:], codigo_sucursal="0003",
            )
            if fmt == "andesco":  # its detail has a secondary reference
                values["referencia_secundaria"] = str(i)
            return c["06"](**values)

        def lot_header(k: int) -> Any:
            return c["05"](codigo_servicio=f"77012340{k:05d}")

        return c["01"](**header_values), _lots(n, 10, detail, lot_header)
    if fmt == "asobancaria-1998":
        header = c["01"](
            nit_empresa="8001234565", fecha_pago=day, codigo_recaudo="007", cuenta_abono="12345678901",
        )
        return header, [
            c["02"](identificacion_usuario=str(10_000_000 + i), valor_recaudado=_amount(i, 0))
            for i in range(n)
        ]
    pse_header = c["1"](
        codigo_entidad_origen="00001007", fecha_cierre_ciclo=day, hora_cierre_ciclo=dt.time(18, 30),
        codigo_ciclo="1", codigo_empresa="000008001234565",
    )
    if fmt == "pse-detail":
        return pse_header, [
            c["2"](
                estado="1" if i % 10 else str(2 + i // 10 % 3), ticket_id=str(10_000_000 + i),
                cus=f"{i % 100_000_000:08d}", codigo_entidad="0000" + BANKS[i % len(BANKS)],
                codigo_servicio="0000012345", entidad_credito="00001007",
                cuenta_credito="12345678901", valor_transaccion=_amount(i),
                valor_iva=Decimal("0.00"),
                codigo_autorizacion=f"{i:012d}", referencia_1=str(i), referencia_2="",
                referencia_3="", fecha_proceso=day, hora_registro_pse=dt.time(9 + i % 12, i % 60, i % 59),
                ciclo_proceso="1",
            )
            for i in range(n)
        ]
    # pse-summary: one line per authorizing bank and state, for every bank of the
    # catalog: under a hundred lines, as real files are.
    return pse_header, [
        c["2"](
            estado=state, codigo_entidad=f"{int(bank):08d}", total_transacciones=1 + i % 997,
            valor_transacciones=_amount(i), valor_iva=Decimal("0.00"),
        )
        for i, (state, bank) in enumerate(
            (state, bank) for state in PSE_STATES for bank in sorted(CATALOG_BANKS)
        )
    ]


#: Payments, and expectations, of the reconcile row (r), all of one reference.
RECONCILE_PAYMENTS = 100_000


def one_reference(n: int) -> tuple[pse_recon.File, list[pse_recon.ExpectedPayment]]:
    """A 2001 file of ``n`` payments of one reference and ``n`` expectations of it:
    paid amounts cycle through 1000-1006 pesos, expected ones through 1000-1004, so
    most match and the rest differ in amount."""
    c = record_classes("asobancaria-2001")
    header, _ = content("asobancaria-2001", 0)
    details = [
        c["06"](referencia_principal="21053", valor_recaudado=Decimal(1000 + i % 7), procedencia_pago="99",
                medio_pago="15", codigo_entidad_debitada="051", codigo_sucursal="0003")
        for i in range(n)
    ]
    f = pse_recon.build("asobancaria-2001", header, [(c["05"](codigo_servicio="7701234000011"), details)])
    expected = [pse_recon.ExpectedPayment(reference="21053", amount=Decimal(1000 + i % 5)) for i in range(n)]
    return f, expected


def make_file(fmt: str, n: int, path: Path) -> float:
    """Write the file; return the seconds ``build`` took (content made beforehand)."""
    header, body = content(fmt, n)
    gc.collect()
    t = time.perf_counter()
    f = pse_recon.build(fmt, header, body)
    seconds = time.perf_counter() - t
    pse_recon.write(f, path)
    return seconds


# -- the contenders -----------------------------------------------------------------
def floor(path: Path) -> int:
    """(a) Bare iteration over the lines, binary mode."""
    n = 0
    with open(path, "rb") as f:
        for _ in f:
            n += 1
    return n


def handwritten_2001(path: Path) -> int:
    """(b) A validation loop written for the Asobancaria 2001 layout at 162 columns
    and nothing else: each line's width and type, one ``isdigit`` over the detail's
    digit columns 3-94, the amount summed as integer centavos, counts, and the lot
    and file controls compared with them. Returns the details seen; raises on the
    first problem (a real one would collect them: the good path is what is timed)."""
    details = lot_details = 0
    total = lot_total = 0
    lots = 0
    with open(path, "rb") as f:
        for line in f:
            kind = line[:2]
            if kind == b"06":
                if len(line) != 163 or not line[2:94].isdigit():
                    raise ValueError(f"bad detail {line[:20]!r}")
                lot_total += int(line[50:64])
                lot_details += 1
            elif len(line) != 163:
                raise ValueError(f"bad width {line[:20]!r}")
            elif kind == b"05":
                lots += 1
                lot_details = lot_total = 0
                if not line[2:19].isdigit() or int(line[15:19]) != lots:
                    raise ValueError("bad lot header")
            elif kind == b"08":
                if not line[2:33].isdigit():
                    raise ValueError("bad lot control")
                if (int(line[2:11]), int(line[11:29]), int(line[29:33])) != (lot_details, lot_total, lots):
                    raise ValueError("lot control does not add up")
                details += lot_details
                total += lot_total
            elif kind == b"09":
                if not line[2:29].isdigit() or (int(line[2:11]), int(line[11:29])) != (details, total):
                    raise ValueError("file control does not add up")
            elif kind != b"01":
                raise ValueError(f"unknown record {kind!r}")
    return details


ODD_WHITESPACE = bytes(b for b in range(256) if chr(b).isspace() and b != 32)


class Transaction:
    """(d0)'s record: a plain mutable slotted class, the cheapest object to fill."""

    __slots__ = (
        "canal_pago",
        "ciclo_proceso",
        "codigo_autorizacion",
        "codigo_entidad",
        "codigo_servicio",
        "cuenta_credito",
        "cus",
        "entidad_credito",
        "estado",
        "fecha_proceso",
        "hora_registro_pse",
        "line",
        "raw",
        "referencia_1",
        "referencia_2",
        "referencia_3",
        "registro",
        "ticket_id",
        "valor_iva",
        "valor_transaccion",
    )


def handwritten_pse_read(path: Path) -> list[Any]:
    """(d0) A reader written for the PSE transaction (type 2, 235 columns) and
    nothing else, with what ``read`` guarantees: every digit column and constant
    checked, each line's bytes kept, text stripped of its blanks and nothing else,
    every field typed (Decimal, date, time). It uses pse_recon's tricks too (text
    stripped with ``rstrip()`` when the line holds no other whitespace, one shared
    zero amount, dates and times cached, the cyclic collector paused while the
    records pile up). The other six lines are kept as bytes; nothing is
    assembled. Raises on the first bad line (the good path is timed)."""
    gc.disable()
    try:
        return _handwritten_pse_lines(path)
    finally:
        gc.enable()


def _handwritten_pse_lines(path: Path) -> list[Any]:
    dates: dict[str, dt.date] = {}
    times: dict[str, dt.time] = {}
    zero = Decimal("0.00")
    out: list[Any] = []
    append = out.append
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            if raw[0] != 50:  # "2"
                append(raw)
                continue
            if len(raw) != 236 or not (
                raw[0:56].isdigit() and raw[73:109].isdigit() and raw[219:235].isdigit()
                and raw[219] == 49
            ):
                raise ValueError(f"line {n} is not a good transaction")
            pad = None if len(raw.translate(None, ODD_WHITESPACE)) == 235 else " "
            s = raw.decode("latin-1")
            o = Transaction()
            o.line, o.raw, o.registro, o.estado = n, raw, "2", s[1]
            o.ticket_id, o.cus, o.codigo_entidad = s[2:22], s[22:30], s[30:38]
            o.codigo_servicio, o.entidad_credito = s[38:48], s[48:56]
            o.cuenta_credito = s[56:73].rstrip(pad)
            t = s[73:91]
            o.valor_transaccion = zero if t == "000000000000000000" else Decimal(t + "E-2")
            t = s[91:109]
            o.valor_iva = zero if t == "000000000000000000" else Decimal(t + "E-2")
            o.codigo_autorizacion = s[109:159].rstrip(pad)
            o.referencia_1, o.referencia_2 = s[159:179].rstrip(pad), s[179:199].rstrip(pad)
            o.referencia_3, o.canal_pago = s[199:219].rstrip(pad), "1"
            d = s[220:228]
            o.fecha_proceso = dates.get(d) or dates.setdefault(
                d, dt.date(int(d[:4]), int(d[4:6]), int(d[6:]))
            )
            h = s[228:234]
            o.hora_registro_pse = times.get(h) or times.setdefault(
                h, dt.time(int(h[:2]), int(h[2:4]), int(h[4:]))
            )
            o.ciclo_proceso = s[234]
            append(o)
    return out


def validate(path: Path, fmt: str) -> int:
    """(c) pse_recon.validate, streaming."""
    report = pse_recon.validate(path, fmt)
    if not report.valid or report.findings:
        raise AssertionError(f"{path}: {list(report.findings)[:3]}")
    return _lines(path)


def read(path: Path, fmt: str) -> pse_recon.File:
    """(d) pse_recon.read: every record typed, the file assembled."""
    return pse_recon.read(path, fmt)


def iterate(path: Path, fmt: str) -> int:
    """(d') pse_recon.iter_records: every record typed, one at a time."""
    n = 0
    for _ in pse_recon.iter_records(path, fmt):
        n += 1
    return n


def pandas_fwf(path: Path, fmt: str) -> int | None:
    """(f) pandas.read_fwf with the detail's columns, every column as text."""
    try:
        import pandas as pd
    except ImportError:
        return None
    rec = pse_recon.layout(fmt).detail
    colspecs = [(f.start - 1, f.end) for f in rec.fields]
    frame = pd.read_fwf(
        path, colspecs=colspecs, header=None, dtype=str, keep_default_na=False, encoding="latin-1"
    )
    return len(frame)


def table(path: Path, fmt: str) -> Any:
    """(g) pse_recon.read_table: every record as Arrow columns, read's guarantees."""
    from pse_recon.columnar import read_table

    return read_table(path, fmt)


def polars_details(path: Path, fmt: str) -> Any:
    """(g0) polars: the detail lines sliced into a typed DataFrame, no check at all
    (amounts Decimal, dates Date, times Time, numbers Int64, text stripped)."""
    try:
        import polars as pl
    except ImportError:
        return None
    layout = pse_recon.layout(fmt)
    rec, t = layout.detail, layout.type_length
    lines = pl.read_csv(path, has_header=False, separator="\x01", quote_char=None, encoding="utf8-lossy",
                        new_columns=["l"], schema_overrides={"l": pl.String})
    line = pl.col("l")
    columns = []
    for f in rec.fields:
        if not f.is_attribute:
            continue
        col = line.str.slice(f.start - 1, f.length)
        kind = f.kind.python_type
        if kind is int:
            col = col.cast(pl.Int64)
        elif kind is Decimal:
            d = f.decimals
            col = (line.str.slice(f.start - 1, f.length - d) + "." + line.str.slice(f.end - d, d)
                   ).cast(pl.Decimal(f.length, d)) if d else col.cast(pl.Decimal(f.length, 0))
        elif kind is dt.date:
            col = col.str.strptime(pl.Date, "%Y%m%d")
        elif kind is dt.time:
            col = col.str.strptime(pl.Time, "%H%M%S" if f.length == 6 else "%H%M", strict=False)
        elif f.kind.holds_text:
            col = col.str.strip_chars_end(" ")
        columns.append(col.alias(f.name))
    return lines.filter(line.str.slice(0, t) == rec.record_type).select(columns)


_LINE_COUNTS: dict[Path, int] = {}


def _lines(path: Path) -> int:
    if path not in _LINE_COUNTS:
        _LINE_COUNTS[path] = floor(path)
    return _LINE_COUNTS[path]


# -- measuring ----------------------------------------------------------------------
class Timing:
    def __init__(self, runs: list[float]) -> None:
        self.best = min(runs)
        self.median = statistics.median(runs)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[Timing, Any]:
    runs, result = [], None
    for _ in range(repeat):
        result = None
        gc.collect()
        t = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t)
    return Timing(runs), result


def timed_by_turns(first: Callable[[], Any], second: Callable[[], Any], repeat: int,
                   check_first: Callable[[Any], object]) -> tuple[Timing, Timing, Any]:
    """Two measures taken by turns (first, second, first, …), neither run with the
    other's result kept (``check_first`` looks at each of the first's, untimed): their
    ratio then meets the same moments of the machine. On this VM a million records
    kept cost 0.5-1.6 s of page faults depending on the moment, and two measures taken
    one after the other moved their ratio by 30 %. Returns the second's last result."""
    runs: tuple[list[float], list[float]] = ([], [])
    result: Any = None
    for _ in range(repeat):
        for i, fn in enumerate((first, second)):
            result = None
            gc.collect()
            t = time.perf_counter()
            result = fn()
            runs[i].append(time.perf_counter() - t)
            if i == 0:
                check_first(result)
    return Timing(runs[0]), Timing(runs[1]), result


_CHILD = r"""
import json, resource, sys, time, tracemalloc
import pse_recon
path, tiny, fmt, trace, op = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1", sys.argv[5]


def work(p):
    if op == "validate":
        report = pse_recon.validate(p, fmt)
        assert report.valid, list(report.findings)[:3]
    elif op.startswith("convert"):  # "convert-csv": the command, to /dev/null
        import os
        from pse_recon.cli import main

        status = main(["convert", p, "--to", op.split("-")[1], "-o", os.devnull])
        assert status == 0, status
    elif op == "show":
        import contextlib, os
        from pse_recon.cli import main

        with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
            status = main(["show", p])
        assert status == 0, status
    elif op in ("generate", "reconcile"):  # p: transactions CSV; writes, then reads, p + ".txt"
        import contextlib, os
        from pse_recon.cli import main

        argv = (["generate", "--format", fmt, "--input", p, "-o", p + ".txt"] if op == "generate"
                else ["reconcile", p + ".txt", "--expected", p + ".expected.csv"])
        with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
            status = main(argv)
        assert status == 0, status
    else:
        for _ in pse_recon.iter_records(p, fmt):
            pass


def rss():
    # Peak RSS of this process. VmHWM (Linux) is the high-water mark of this very
    # address space; ru_maxrss is not used where VmHWM exists, because Linux
    # carries it over from the parent through fork and exec (a child of a 2 GB
    # benchmark would report 2 GB).
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
start = rss()
work(tiny)  # imports, compiled plans and codecs: the library's own baseline
base = rss()
if trace:
    tracemalloc.start()
t = time.perf_counter()
work(path)
seconds = time.perf_counter() - t
traced = tracemalloc.get_traced_memory()[1] if trace else None
print(json.dumps({"start": start, "base": base, "peak": rss(), "traced": traced, "seconds": seconds}))
"""


def memory(path: Path, tiny: Path, fmt: str, trace: bool, op: str = "validate") -> dict[str, Any]:
    """Peak memory of (c) (``op`` "validate") or (d') ("iter_records") in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(tiny), fmt, "1" if trace else "0", op],
        check=True, capture_output=True, text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def cli_seconds(path: Path, repeat: int) -> tuple[Timing, list[str]] | None:
    exe = shutil.which("pse-recon")
    command = [exe] if exe else [sys.executable, "-m", "pse_recon"]
    command += ["validate", str(path)]
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        runs.append(time.perf_counter() - t)
        if done.returncode != 0:
            print(f"  pse-recon validate exited {done.returncode}: {done.stderr.strip()[:300]}")
            return None
    return Timing(runs), command


# -- reporting ----------------------------------------------------------------------
ROWS: list[tuple[str, str, int, Timing, str]] = []


def row(fmt: str, what: str, records: int, t: Timing, note: str = "") -> None:
    ROWS.append((fmt, what, records, t, note))
    rate = records / t.best
    print(
        f"  {what:<42} {records:>10,} rec  best {_s(t.best)}  median {_s(t.median)}"
        f"  {rate:>11,.0f} rec/s  {note}".rstrip(),
        flush=True,
    )


def _s(seconds: float) -> str:
    return f"{seconds:7.3f} s " if seconds >= 1 else f"{seconds * 1e3:7.1f} ms"


def rate_of(fmt: str, prefix: str) -> float:
    for f, what, records, t, _ in ROWS:
        if f == fmt and what.startswith(prefix):
            return records / t.best
    return 0.0


def seconds_of(fmt: str, prefix: str) -> float:
    for f, what, _, t, _ in ROWS:
        if f == fmt and what.startswith(prefix):
            return t.best
    return float("nan")


def mib(n: float) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 2**10:.0f} KiB"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", type=int, default=None, help="details per file (default 1,000,000)")
    parser.add_argument("--quick", action="store_true", help="100,000 details, 2 repetitions, no pandas")
    parser.add_argument("--repeat", type=int, default=None, help="runs per measure (default 3)")
    parser.add_argument(
        "--formats", default="asobancaria-2001,andesco,pse-detail,pse-summary,asobancaria-1998"
    )
    parser.add_argument("--out", type=Path, default=None, help="directory of the files (benchmarks/out)")
    parser.add_argument("--no-pandas", action="store_true")
    args = parser.parse_args(list(argv) if argv is not None else None)
    n = args.details or (100_000 if args.quick else 1_000_000)
    repeat = args.repeat or (2 if args.quick else 3)
    formats = [f for f in args.formats.split(",") if f]
    out = args.out or OUT
    out.mkdir(parents=True, exist_ok=True)

    print("pse_recon benchmark")
    print(f"  command   python {' '.join([os.path.relpath(__file__), *sys.argv[1:]])}")
    print(f"  machine   {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs"
          f" ({platform.processor() or _cpu_model()})")
    print(f"  python    {platform.python_implementation()} {platform.python_version()}")
    print(f"  pse_recon {pse_recon.__version__}; details per file {n:,}; best of {repeat}")
    with contextlib.suppress(OSError):
        print(f"  load      {os.getloadavg()[0]:.2f} (1-min average before starting)")

    files: dict[str, Path] = {}
    for fmt in formats:
        size = len(CATALOG_BANKS) * len(PSE_STATES) if fmt == "pse-summary" else n
        if fmt == "pse-detail" and size > PSE_DETAIL_MAX:
            print(f"\npse-detail: its type-3 counts have 6 digits, so a file holds at most"
                  f" {PSE_DETAIL_MAX:,} transactions: {PSE_DETAIL_MAX:,} lines instead of {size:,}")
            size = PSE_DETAIL_MAX
        path = out / f"{fmt}-{size}.txt"
        print(f"\n{fmt}: writing {size:,} {'type-2 lines' if fmt.startswith('pse') else 'details'}"
              f" to {os.path.relpath(path)}", flush=True)
        build_seconds = make_file(fmt, size, path)
        files[fmt] = path
        reps = repeat * 100 if fmt == "pse-summary" else repeat  # tiny file: more runs
        if fmt == "pse-summary":
            print("  (tiny by nature, one line per bank and state: each run is short, so it is"
                  " repeated 100 x more; what counts is the time per file)")
        bench_format(fmt, path, size, reps, build_seconds, pandas=not (args.quick or args.no_pandas))

    bench_reconcile(min(RECONCILE_PAYMENTS, n), repeat)
    generate_and_reconcile(n, out)
    for fmt, path in files.items():
        if fmt != "pse-summary":  # 84 lines: nothing to grow, nothing to wait for
            _memory_and_cli(fmt, path, out, repeat)
    _summary(n)
    return 0


def bench_format(fmt: str, path: Path, size: int, reps: int, build_seconds: float, pandas: bool) -> None:
    lines = _lines(path)
    t, _ = timed(lambda: floor(path), reps)
    row(fmt, "(a) bare line iteration (rb)", lines, t)
    if fmt == "asobancaria-2001":
        t, got = timed(lambda: handwritten_2001(path), reps)
        assert got == size
        row(fmt, "(b) hand-written 2001 validation loop", lines, t)
    t, _ = timed(lambda: validate(path, fmt), reps)
    row(fmt, "(c) pse_recon.validate", lines, t)
    t, _ = timed(lambda: iterate(path, fmt), reps)
    row(fmt, "(d') pse_recon.iter_records", lines, t)
    if fmt == "pse-detail":
        def check(got: list[Any]) -> None:
            assert len(got) == lines

        t0, t, whole = timed_by_turns(lambda: handwritten_pse_read(path), lambda: read(path, fmt),
                                      max(reps, 5), check)
        row(fmt, "(d0) hand-written typed read, same guarantees", lines, t0)
    else:
        t, whole = timed(lambda: read(path, fmt), reps)
    row(fmt, "(d) pse_recon.read", lines, t)
    t, data = timed(lambda: pse_recon.dumps(whole, canonical=True), reps)
    assert data == path.read_bytes(), "canonical dumps must give the built file"
    row(fmt, "(e) pse_recon.dumps(canonical=True)", lines, t)
    row(fmt, "(e') pse_recon.build (once)", lines, Timing([build_seconds]), "encode + decode each")
    bench_columnar(fmt, path, size, lines, reps)
    if fmt == "asobancaria-2001" and pandas:
        t, got = timed(lambda: pandas_fwf(path, fmt), 1)
        if got is None:
            print("  (f) pandas.read_fwf: skipped, pandas is not installed")
        else:
            row(fmt, "(f) pandas.read_fwf (detail columns, str)", lines, t, "parse only, 1 run")


def bench_columnar(fmt: str, path: Path, size: int, lines: int, reps: int) -> None:
    """(g) read_table and (g0) polars, when pyarrow, numpy (and polars) are installed."""
    if not _arrow():
        print("  (g) pse_recon.read_table: skipped, pyarrow or numpy is not installed")
        return
    table(path, fmt)  # the imports, once, outside the timing
    t, got = timed(lambda: table(path, fmt), reps)
    assert got.details.num_rows == size
    row(fmt, "(g) pse_recon.read_table (Arrow)", lines, t)
    t, frame = timed(lambda: polars_details(path, fmt), reps)
    if frame is None:
        print("  (g0) polars: skipped, polars is not installed")
    else:
        assert len(frame) == size
        row(fmt, "(g0) polars typed details, no checks", lines, t)


def bench_reconcile(n: int, reps: int) -> None:
    print(f"\nreconcile: {n:,} payments and {n:,} expectations, all of one reference", flush=True)
    f, expected = one_reference(n)
    t, result = timed(lambda: pse_recon.reconcile(f, expected), reps)
    s = result.summary
    row("reconcile", "(r) pse_recon.reconcile, one reference", n, t,
        f"{s.matched_count:,} matched, {s.amount_differs_count:,} differ")


#: format → (details, peak RSS child, tracemalloc child) of (c), smaller file first.
MEMORY: dict[str, list[tuple[int, dict[str, Any], dict[str, Any]]]] = {}
#: format → timing of ``pse-recon validate`` on its big file.
CLI: dict[str, Timing] = {}


#: (format, command) → peak RSS of ``pse-recon show`` or ``convert`` on the big file.
CONVERT_MEMORY: dict[tuple[str, str], dict[str, Any]] = {}
COMMANDS = ("show", "convert --to csv", "convert --to json", "convert --to jsonl",
            "convert --to parquet")


def convert_memory(fmt: str, big: Path, tiny: Path) -> None:
    """Peak RSS of ``pse-recon show`` and ``pse-recon convert --to X -o /dev/null``
    (in-process, a fresh interpreter each) on the big file: streaming, they must stay
    flat (issue 14)."""
    for command in COMMANDS:
        if command.endswith("parquet") and not _arrow():
            print("  convert --to parquet: skipped, pyarrow or numpy is not installed")
            continue
        got = memory(big, tiny, fmt, trace=False, op=command.replace(" --to ", "-"))
        CONVERT_MEMORY[(fmt, command)] = got
        print(f"  {command:<20} {_lines(big):>9,} lines: peak RSS {mib(got['peak'])},"
              f" {got['seconds']:.2f} s", flush=True)


#: (command, transactions) → peak RSS and seconds of ``pse-recon generate`` from a CSV
#: and of ``pse-recon reconcile`` of the file generated against every payment expected.
GENERATE_MEMORY: dict[str, dict[str, Any]] = {}


def generate_and_reconcile(n: int, out: Path) -> None:
    """``pse-recon generate`` of ``n`` transactions from CSV to Asobancaria 2001, then
    ``pse-recon reconcile`` of that file against every payment expected, each in a
    fresh interpreter (issue 14: under 15 s, and both under 100 MiB peak)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from transactions_csv import write

    print(f"\ngenerate and reconcile: {n:,} transactions from CSV, each in a fresh interpreter",
          flush=True)
    paths = {size: out / f"transactions-{size}.csv" for size in (10, n)}
    for size, path in paths.items():
        write(size, path, Path(f"{path}.expected.csv"))
    for command in ("generate", "reconcile"):
        got = memory(paths[n], paths[10], "asobancaria-2001", trace=False, op=command)
        GENERATE_MEMORY[command] = got
        print(f"  pse-recon {command:<9} {n:>9,} transactions: {got['seconds']:.2f} s,"
              f" peak RSS {mib(got['peak'])}", flush=True)


def _arrow() -> bool:
    try:
        import numpy  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _memory_and_cli(fmt: str, big: Path, out: Path, repeat: int) -> None:
    print(f"\n{fmt}: peak memory of (c) and (d'), each in a fresh interpreter", flush=True)
    tiny = out / f"{fmt}-10.txt"
    make_file(fmt, 10, tiny)
    n = _lines(big)
    for size in sorted({min(100_000, n), n}):
        path = big if size == n else out / f"{fmt}-{size}.txt"
        if not path.exists():
            make_file(fmt, size, path)
        for op in ("validate", "iter_records"):
            rss = memory(path, tiny, fmt, trace=False, op=op)
            traced = memory(path, tiny, fmt, trace=True, op=op)
            if op == "validate":
                MEMORY.setdefault(fmt, []).append((size, rss, traced))
            print(
                f"  {op:<12} {size:>9,} details: peak RSS {mib(rss['peak'])}, after import + tiny file"
                f" {mib(rss['base'])}, growth {mib(rss['peak'] - rss['base'])};"
                f" tracemalloc peak {mib(traced['traced'])}",
                flush=True,
            )
    convert_memory(fmt, big, tiny)
    print(f"\n{fmt}: pse-recon validate {os.path.relpath(big)} as a subprocess (wall)", flush=True)
    result = cli_seconds(big, repeat)
    if result is None:
        print("  skipped: the command failed")
    else:
        t, command = result
        CLI[fmt] = t
        print(f"  {' '.join(command[:2] if len(command) == 3 else command[:4])} …:"
              f" best {t.best:.3f} s, median {t.median:.3f} s")


def _summary(n: int) -> None:
    fmt = "asobancaria-2001"
    print("\nsummary")
    a, b, c = (seconds_of(fmt, p) for p in ("(a)", "(b)", "(c)"))
    if a == a and c == c:
        print(f"  (c)/(b) time ratio {c / b:.2f}   (c)/(a) time ratio {c / a:.2f}")
    checks: list[tuple[str, bool]] = []
    if c == c:
        details = n / c  # details per second (the file's other lines are a few dozen)
        checks.append((f"(c) {details:,.0f} details/s >= 1,000,000", details >= 1_000_000))
        checks.append((f"(c)/(b) {c / b:.2f} <= 1.2", c / b <= 1.2))
    for f in sorted({r[0] for r in ROWS}):
        rate = rate_of(f, "(c) ")
        if rate and f not in (fmt, "pse-summary"):  # issue 5: (c) holds for every format
            checks.append((f"{f} validate {rate:,.0f} rec/s >= 1,000,000", rate >= 1_000_000))
        d, d0 = seconds_of(f, "(d) "), seconds_of(f, "(d0)")
        for p, name in (("(d)", "read"), ("(e)", "dumps")):
            rate = rate_of(f, p + " ")
            if rate and f != "pse-summary" and not (p == "(d)" and d0 == d0):
                checks.append((f"{f} {name} {rate:,.0f} rec/s >= 400,000", rate >= 400_000))
        if d0 == d0:  # read against the hand-written reader with its guarantees
            print(f"  {f}: (d)/(d0) time ratio {d / d0:.2f}; (d0) hand-written"
                  f" {rate_of(f, '(d0)'):,.0f} rec/s")
            checks.append((f"{f} read (d)/(d0) {d / d0:.2f} <= 1.15", d / d0 <= 1.15))
    g, g0 = rate_of(fmt, "(g) "), seconds_of(fmt, "(g0)")
    if g:
        checks.append((f"{fmt} read_table {g:,.0f} rec/s >= 4,000,000", g >= 4_000_000))
    if g and g0 == g0:
        ratio = seconds_of(fmt, "(g) ") / g0
        print(f"  {fmt}: (g)/(g0) time ratio {ratio:.2f}")
        checks.append((f"{fmt} read_table (g)/(g0) {ratio:.2f} <= 1", ratio <= 1))
    for f, measured in MEMORY.items():
        if len(measured) == 2:
            (_, small, _), (_, large, _) = measured
            checks.append((f"{f} (c) peak RSS {mib(large['peak'])} < 60 MiB", large["peak"] < 60 * 2**20))
            ratio = large["peak"] / small["peak"]
            checks.append((f"{f} (c) peak RSS big / 100k = {ratio:.3f} (within 10 %)",
                           abs(ratio - 1) <= 0.10))
    for (f, command), got in CONVERT_MEMORY.items():
        if command.endswith("parquet"):  # importing pyarrow alone takes ~100 MB of RSS
            growth = got["peak"] - got["base"]
            checks.append((f"{f} {command} peak RSS growth {mib(growth)} < 100 MiB"
                           f" (peak {mib(got['peak'])}, pyarrow imported)", growth < 100 * 2**20))
        else:
            checks.append((f"{f} {command} peak RSS {mib(got['peak'])} < 100 MiB",
                           got["peak"] < 100 * 2**20))
    for f, t in CLI.items():
        checks.append((f"{f} pse-recon validate {t.best:.2f} s < 2 s", t.best < 2))
    for command, got in GENERATE_MEMORY.items():
        if command == "generate":
            checks.append((f"pse-recon generate {got['seconds']:.2f} s < 15 s", got["seconds"] < 15))
        checks.append((f"pse-recon {command} peak RSS {mib(got['peak'])} < 100 MiB",
                       got["peak"] < 100 * 2**20))
    for text, ok in checks:
        print(f"  {'PASS' if ok else 'MISS'}  {text}")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    sys.exit(main())
