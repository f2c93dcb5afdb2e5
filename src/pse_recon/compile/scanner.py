"""The line scanner: the generated fast path of validation for good details.

Like the decoders, the scanner is Python source with every slice inlined, generated
from a :class:`~pse_recon.compile.plan.FormatPlan` (one per layout, encoding class
and line ending): one ``bytes.isdigit()`` per run of digit columns, one set lookup
per group of coded fields (catalog codes, constants, fillers), the range test of
each time (its kind's), a set of known good dates, the sequence compared with a
counter, the summed fields added as ints. A line that passes is counted and summed
with no record object and no finding; any other line goes to ``slow``, the exact
path, which says what the next lines are counted in.

The scanner takes what it counts in as an argument: ``scope`` (a
:class:`~pse_recon.validation.machines.Scope`: ``tally`` is ``[count, sum 0, …]``,
``sequence`` the next number expected; in formats summed per state, ``keyed`` maps
the state's bytes to that state's tally), or None while the structure sends every
line to the exact path. ``slow(n, raw)`` returns the scope of the lines after line
``n`` (or None). What the run has learned comes as ``learned``
(:class:`~pse_recon.compile.plan.Learned`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from pse_recon.compile.codegen import indent, run
from pse_recon.compile.plan import FormatPlan, Learned


@attrs.frozen
class Scanner:
    """``scan(lines, start, scope, slow, learned)``: validate ``lines`` numbered from
    ``start``; returns the number of the last line (``start - 1`` for none)."""

    scan: Callable[[Iterable[bytes], int, Any, Callable[[int, bytes], Any], Learned], int]
    source: str = attrs.field(repr=False)


def _chain(plan: FormatPlan) -> list[str]:
    """The tests of a good detail line ``raw``, cheapest and likeliest to fail first."""
    detail = plan.detail
    rec = detail.layout
    w = rec.width
    chain = ["len(raw) == W1", f"raw[:{len(rec.record_type)}] == {rec.record_type.encode('latin-1')!r}"]
    if not any(g.end > w for g in plan.groups):  # else the last group holds the ending
        chain += [f"raw[{w + i}] == {byte}" for i, byte in enumerate(plan.newline)]
    if plan.ascii_only:
        chain.append("raw.isascii()")
    chain += [f"raw[{a}:{b}].isdigit()" for a, b in detail.digit_runs]
    for i, g in enumerate(plan.groups):
        first = next(iter(g.initial)) if len(g.initial) == 1 else None
        if first is not None and not g.learnable:
            chain.append(f"raw[{g.start}:{g.end}] == {first!r}")
        elif first is not None:  # usually the one value: compare before hashing
            chain.append(f"((t{i} := raw[{g.start}:{g.end}]) == {first!r} or t{i} in g{i})")
        else:
            chain.append(f"raw[{g.start}:{g.end}] in g{i}")
    fields = rec.fields
    chain += [f"raw[{fields[j].start - 1}:{fields[j].end}] in d{i}" for i, j in enumerate(detail.learned)]
    chain += [fields[j].kind.range_test(fields[j], "raw") for j in detail.ranged]
    if detail.free_text:  # control characters (PR114): one deletion over the line
        chain.append(f"len(raw.translate(None, CTRL)) == {w}")
    if plan.sequence is not None:
        f = plan.sequence[0]
        chain.append(f"int(raw[{f.start - 1}:{f.end}]) == q")
    if plan.state_field is not None:
        st = plan.state_field
        chain.append(f"(a := acc.get(raw[{st.start - 1}:{st.end}])) is not None")
    return chain


def scanner_source(plan: FormatPlan) -> str:
    """The scanner's source. ``W1`` is a good line's length with its ending, or -1
    while there is no scope (so one comparison does both)."""
    sums = [f"int(raw[{f.start - 1}:{f.end}])" for f in plan.summed]
    # The scope's values the loop keeps in locals: (local, where it is kept).
    kept: list[tuple[str, str]] = []
    if plan.state_field is not None:  # summed per state, in the state's own tally
        body = ["a[0] += 1", *(f"a[{i + 1}] += {s}" for i, s in enumerate(sums))]
        loads = ["acc = scope.keyed"]
    else:
        body = ["c += 1", *(f"s{i} += {s}" for i, s in enumerate(sums))]
        kept = [("c", "t[0]"), *((f"s{i}", f"t[{i + 1}]") for i in range(len(sums)))]
        loads = ["t = scope.tally"]
    if plan.sequence is not None:
        body.insert(0, "q += 1")
        kept.append(("q", "scope.sequence"))
    loads = [f"W1 = {plan.w1}", *loads, *(f"{name} = {where}" for name, where in kept)]
    stores = [f"{where} = {name}" for name, where in kept] or ["pass"]
    learned = [f"g{i} = learned.groups[{i}]" for i in range(len(plan.groups))]
    learned += [f"d{i} = learned.dates[{i}]" for i in range(len(plan.detail.learned))]
    lines = [
        "def scan(lines, start, scope, slow, learned):",
        *indent(learned, 1),
        "    n = start - 1",
        "    W1 = -1",
        "    if scope is not None:",
        *indent(loads, 2),
        "    for n, raw in enumerate(lines, start):",
        f"        if {' and '.join(_chain(plan))}:",
        *indent(body, 3),
        "        else:",
        "            if scope is not None:",
        *indent(stores, 4),
        "            scope = slow(n, raw)",
        "            if scope is None:",
        "                W1 = -1",
        "            else:",
        *indent(loads, 4),
        "    if scope is not None:",
        *indent(stores, 2),
        "    return n",
        "",
    ]
    return "\n".join(lines)


@functools.cache
def scanner(plan: FormatPlan) -> Scanner:
    """The compiled scanner of ``plan`` (cached: a plan is made once)."""
    source = scanner_source(plan)
    fmt = plan.fmt
    ending = "crlf" if plan.newline == b"\r\n" else "lf"
    what = f"scanner {fmt.name} {plan.detail.width} {'ascii' if plan.ascii_only else 'bytes'} {ending}"
    namespace = run(source, what, {"CTRL": plan.controls})
    return Scanner(namespace["scan"], source)
