"""Layouts as tables: the one rendering used by ``pse-recon describe`` and the docs.

Both read the declarations, so the documentation cannot drift from the code.
"""

from __future__ import annotations

from typing import Any

from pse_recon.declaration import Field, FileLayout, RecordLayout


def kind_label(f: Field) -> str:
    """``amount(2)`` for money with two implied decimals, ``time(HHMM)``, the kind's
    name otherwise (:attr:`~pse_recon.declaration.kinds.Kind.label`)."""
    return f.kind.label


def field_row(f: Field) -> dict[str, Any]:
    return {
        "name": f.name,
        "start": f.start,
        "end": f.end,
        "length": f.length,
        "kind": kind_label(f),
        "constant": f.constant,
        "role": f.role.value if f.role else None,
        "description": f.description,
    }


def layout_json(fmt: FileLayout) -> dict[str, Any]:
    """``{"format", "width", "records": [{"record_type", "name", "width", "fields": [...]}]}``."""
    return {
        "format": fmt.name,
        "width": fmt.width,
        "records": [
            {
                "record_type": rec.record_type,
                "name": rec.name,
                "width": rec.width,
                "fields": [field_row(f) for f in rec.fields],
            }
            for rec in fmt
        ],
    }


def record_markdown(rec: RecordLayout) -> str:
    """One record type as a heading and a markdown table, with computed columns."""
    out = [f"### Record `{rec.record_type}`: {rec.name} ({rec.width} columns)\n"]
    out.append("| # | field | from | to | len | kind | fixed | role | description |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for i, f in enumerate(rec.fields, 1):
        fixed = f.constant if f.constant is not None else ""
        role = f"`{f.role}`" if f.role else ""
        out.append(
            f"| {i} | `{f.name}` | {f.start} | {f.end} | {f.length} | {kind_label(f)} "
            f"| {fixed} | {role} | {f.description} |"
        )
    out.append("")
    return "\n".join(out)


def layout_markdown(fmt: FileLayout) -> str:
    """Markdown tables, one per record type, with computed columns."""
    return "\n".join(record_markdown(rec) for rec in fmt)


def layout_text(fmt: FileLayout) -> str:
    """Plain aligned columns for a terminal."""
    lines = []
    for rec in fmt:
        lines.append(f"record {rec.record_type}: {rec.name} ({rec.width} columns)")
        lines.append(f"  {'field':<28} {'from':>4} {'to':>4} {'len':>4}  kind")
        for f in rec.fields:
            extra = f" = {f.constant!r}" if f.constant is not None else ""
            role = f"  [{f.role}]" if f.role else ""
            lines.append(
                f"  {f.name:<28} {f.start:>4} {f.end:>4} {f.length:>4}  {kind_label(f)}{extra}{role}"
            )
        lines.append("")
    return "\n".join(lines)
