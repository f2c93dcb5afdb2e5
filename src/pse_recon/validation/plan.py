"""What the validator knows about each record type, derived once from its layout,
and the generated fast path for good detail records.

Like :mod:`pse_recon.codec.compiler`, the detail check is Python source with every
slice inlined, compiled once per format and width: one ``bytes.isdigit()`` per
run of adjacent digit fields, one set lookup per run of adjacent coded fields
(catalog codes, constants, fillers), inline range tests for times, a set of known
good dates, the sequence compared with a counter and the summed fields added as
ints. A line that passes is counted and summed with no record object and no
finding; any other line goes to the exact, slow path of the engine.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from typing import Any, Final

import attrs

from pse_recon.computed import Count, LotNumber, Sequence, Sum
from pse_recon.fields import Field, Kind
from pse_recon.layouts.base import FileLayout, LotStructure, RecordLayout, StateStructure
from pse_recon.validation.catalogs import CatalogCheck, check_for

#: A group of adjacent coded fields is checked with one set lookup while the
#: product of their accepted values stays under this size.
GROUP_PRODUCT_CAP: Final = 4096


@attrs.frozen
class FieldPlan:
    field: Field
    check: CatalogCheck | None
    accepted: frozenset[str]


@attrs.frozen
class Group:
    """Adjacent coded fields checked as one slice ``[start:end]`` (0-based) of the
    line. A group that ends the record takes the line terminator with it (``end``
    then reaches past the record), so the terminator costs no test of its own."""

    start: int
    end: int
    fields: tuple[int, ...]  # indices into RecordPlan.fields
    initial: frozenset[bytes]
    learnable: bool

    def with_tail(self, tail: bytes) -> Group:
        return attrs.evolve(self, end=self.end + len(tail),
                            initial=frozenset(v + tail for v in self.initial))


@attrs.frozen
class RecordPlan:
    layout: RecordLayout
    role: str  # file_header, lot_header, detail, lot_control, file_control
    fields: tuple[FieldPlan, ...]
    #: Names of the fields whose values the structure needs (computed roles, sums, state).
    wanted: frozenset[str]

    @property
    def code(self) -> str:
        return self.layout.record_type

    @property
    def width(self) -> int:
        return self.layout.width


@attrs.frozen
class FormatPlan:
    fmt: FileLayout
    records: dict[bytes, RecordPlan]
    detail: RecordPlan
    #: Detail fields added up by some control (the detail's amount field first).
    summed: tuple[Field, ...]
    sequence: tuple[Field, Sequence] | None
    state_field: Field | None
    groups: tuple[Group, ...]
    dates: tuple[Field, ...]
    scanner: Callable[..., int] = attrs.field(repr=False)
    source: str = attrs.field(repr=False)

    def group_sets(self) -> list[set[bytes]]:
        """Fresh (learnable) copies of the groups' accepted slices, for one run."""
        return [set(g.initial) for g in self.groups]


def _roles(fmt: FileLayout) -> dict[str, str]:
    s = fmt.structure
    if isinstance(s, LotStructure):
        return {s.file_header: "file_header", s.lot_header: "lot_header", s.detail: "detail",
                s.lot_control: "lot_control", s.file_control: "file_control"}
    return {s.header: "file_header", s.detail: "detail", s.totals: "file_control"}


def _summed(fmt: FileLayout) -> tuple[Field, ...]:
    names = [fmt.amount_field]
    for rec in fmt:
        for f in rec.fields:
            if isinstance(f.computed, Sum) and f.computed.field not in names:
                names.append(f.computed.field)
    return tuple(fmt.detail.field(n) for n in names)


def _record_plan(rec: RecordLayout, role: str, summed: tuple[Field, ...], state: str | None) -> RecordPlan:
    plans = []
    for f in rec.fields:
        check = check_for(f)
        plans.append(FieldPlan(f, check, check.accepted(f) if check else frozenset()))
    wanted = {f.name for f in rec.fields if f.computed is not None}
    if role == "detail":
        wanted |= {f.name for f in summed}
    if state is not None and role in ("detail", "file_control"):
        wanted.add(state)
    return RecordPlan(rec, role, tuple(plans), frozenset(wanted))


# -- the fast path ---------------------------------------------------------------
def _accepted_bytes(fp: FieldPlan) -> frozenset[bytes] | None:
    f = fp.field
    if fp.check is not None:
        return frozenset(v.encode("latin-1") for v in fp.accepted)
    if f.kind is Kind.FILLER:
        return frozenset({b" " * f.length})
    if f.kind is Kind.CONSTANT:
        return frozenset({(f.constant or "").encode("latin-1")})
    return None


def _groups(rec: RecordPlan) -> list[Group]:
    groups: list[Group] = []
    run: list[tuple[int, frozenset[bytes], bool]] = []

    def close() -> None:
        if run:
            first, last = rec.fields[run[0][0]].field, rec.fields[run[-1][0]].field
            product = {b"".join(p) for p in itertools.product(*(sorted(s) for _, s, _ in run))}
            groups.append(Group(first.start - 1, last.end, tuple(i for i, _, _ in run),
                                frozenset(product), any(x for _, _, x in run)))
            run.clear()

    size = 1
    for i, fp in enumerate(rec.fields[1:], 1):  # the type code is matched by dispatch
        accepted = _accepted_bytes(fp)
        if accepted is None:
            close()
            size = 1
            continue
        if run and size * len(accepted) > GROUP_PRODUCT_CAP:
            close()
            size = 1
        run.append((i, accepted, bool(fp.check and fp.check.learnable)))
        size *= len(accepted)
    close()
    return groups


def _time_test(f: Field) -> str:
    a = f.start - 1
    if f.length == 4:
        return (f"((raw[{a}:{a + 2}] < b'24' and raw[{a + 2}] < 54 and raw[{a}:{a + 4}] != b'0000')"
                f" or raw[{a}:{a + 4}] == b'2400')")
    return (f"((raw[{a}:{a + 2}] < b'24' and raw[{a + 2}] < 54 and raw[{a + 4}] < 54)"
            f" or raw[{a}:{a + 6}] == b'240000')")


def _scanner_source(plan: FormatPlan, ascii_only: bool, crlf: bool, keyed: bool) -> str:
    """The scanner's source. ``W1`` is the full line length with its terminator, or
    -1 while the structure sends every line to the slow path (so one comparison
    does both); the terminator is tested by its bytes at known positions."""
    rec = plan.detail.layout
    tl = len(rec.record_type)
    w = rec.width
    chain = ["len(raw) == W1", f"raw[:{tl}] == {rec.record_type.encode('latin-1')!r}"]
    if not any(g.end > w for g in plan.groups):
        chain.append(f"raw[{w}] == 13 and raw[{w + 1}] == 10" if crlf else f"raw[{w}] == 10")
    if ascii_only:
        chain.append("raw.isascii()")
    chain += [f"raw[{a}:{b}].isdigit()" for a, b in rec.digit_runs()]
    for i, g in enumerate(plan.groups):
        first = next(iter(g.initial)) if len(g.initial) == 1 else None
        if first is not None and not g.learnable:
            chain.append(f"raw[{g.start}:{g.end}] == {first!r}")
        elif first is not None:  # usually the one value: compare before hashing
            chain.append(f"((t{i} := raw[{g.start}:{g.end}]) == {first!r} or t{i} in g{i})")
        else:
            chain.append(f"raw[{g.start}:{g.end}] in g{i}")
    chain += [f"raw[{f.start - 1}:{f.end}] in d{i}" for i, f in enumerate(plan.dates)]
    chain += [_time_test(f) for f in rec.fields if f.kind is Kind.TIME]
    if has_free_text(rec):  # control characters (PR114): one deletion over the line
        chain.append(f"len(raw.translate(None, CTRL)) == {w}")
    body: list[str] = []
    if plan.sequence is not None:
        f = plan.sequence[0]
        chain.append(f"int(raw[{f.start - 1}:{f.end}]) == q")
        body.append("q += 1")
    sums = [f"int(raw[{f.start - 1}:{f.end}])" for f in plan.summed]
    if keyed:
        st = plan.state_field
        assert st is not None
        chain.append(f"(a := acc.get(raw[{st.start - 1}:{st.end}])) is not None")
        body += ["a[0] += 1", *(f"a[{i + 1}] += {s}" for i, s in enumerate(sums))]
        state = []
    else:
        body += ["c += 1", *(f"s{i} += {s}" for i, s in enumerate(sums))]
        state = ["c", *(f"s{i}" for i in range(len(sums)))]
    if plan.sequence is not None:
        state.append("q")

    def load(names: list[str]) -> str:
        parts = [f"{n} = m.{n}" if not n.startswith("s") else f"{n} = m.s[{n[1:]}]" for n in names]
        return "; ".join(parts) if parts else "pass"

    def store(names: list[str]) -> str:
        parts = [f"m.{n} = {n}" if not n.startswith("s") else f"m.s[{n[1:]}] = {n}" for n in names]
        return "; ".join(parts) if parts else "pass"

    sets = [f"g{i} = v.groups[{i}]" for i in range(len(plan.groups))]
    sets += [f"d{i} = v.dates[{i}]" for i in range(len(plan.dates))]
    lines = [
        "def scan(lines, v, m, start):",
        "    W1 = v.w1 if m.ok else -1; slow = v.slow",
        *(f"    {s}" for s in sets),
        "    acc = m.acc" if keyed else "    pass",
        f"    {load(state)}",
        "    n = start - 1",
        "    for n, raw in enumerate(lines, start):",
        f"        if {' and '.join(chain)}:",
        *(f"            {b}" for b in body),
        "        else:",
        f"            {store(state)}",
        "            slow(n, raw)",
        f"            {load(state)}",
        "            W1 = v.w1 if m.ok else -1",
        f"    {store(state)}",
        "    return n",
        "",
    ]
    return "\n".join(lines)


@functools.cache
def format_plan(fmt: FileLayout, ascii_only: bool = False, crlf: bool = False) -> FormatPlan:
    """The plan of layout ``fmt``, its scanner specialised for files that must be
    ASCII (a multi-byte ``encoding``) and for CRLF line endings; cached on the layout."""
    s = fmt.structure
    roles = _roles(fmt)
    summed = _summed(fmt)
    state = s.state_field if isinstance(s, StateStructure) else None
    records = {
        code.encode("latin-1"): _record_plan(rec, roles[code], summed, state)
        for code, rec in fmt.records.items()
    }
    detail = records[s.detail.encode("latin-1")]
    sequence = next(
        ((f, f.computed) for f in detail.layout.fields if isinstance(f.computed, Sequence)), None
    )
    plan = FormatPlan(
        fmt=fmt,
        records=records,
        detail=detail,
        summed=summed,
        sequence=sequence,
        state_field=fmt.detail.field(state) if state else None,
        groups=tuple(
            g.with_tail(b"\r\n" if crlf else b"\n") if g.end == detail.width else g
            for g in _groups(detail)
        ),
        dates=tuple(f for f in detail.layout.fields if f.kind is Kind.DATE),
        scanner=_unset,
        source="",
    )
    source = _scanner_source(plan, ascii_only, crlf, keyed=state is not None)
    namespace: dict[str, Any] = {"CTRL": control_bytes(ascii_only)}
    exec(compile(source, f"<pse_recon validate {fmt.name} {fmt.width}>", "exec"), namespace)
    return attrs.evolve(plan, scanner=namespace["scan"], source=source)


def has_free_text(rec: RecordLayout) -> bool:
    """Whether ``rec`` has alphanumeric fields no catalog checks: where control
    characters can pass the fast paths' other checks."""
    return any(f.kind is Kind.TEXT and f.catalog is None for f in rec.fields)


def control_bytes(ascii_only: bool) -> bytes:
    """The control bytes (C0 and DEL; C1 too where every byte is a character, as in
    latin-1) a line's terminator aside must not hold. In the other encodings the
    fast paths take ASCII lines only, and bytes from 0x80 go the slow way."""
    return bytes(range(32)) + b"\x7f" + (b"" if ascii_only else bytes(range(0x80, 0xA0)))


def _unset(*args: Any) -> int:
    raise AssertionError("scanner not compiled")


def computed_roles(rec: RecordLayout) -> Iterator[tuple[Field, Count | Sum | LotNumber]]:
    """The fields of a control or lot header whose value is computed from details."""
    for f in rec.fields:
        if isinstance(f.computed, Count | Sum | LotNumber):
            yield f, f.computed
