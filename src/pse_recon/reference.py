"""The reference pages of ``docs/``, generated from the code.

``docs/formats/*.md`` are rendered from the layouts (with :mod:`pse_recon.describe`),
``docs/rules.md`` from :data:`pse_recon.rules.RULES` and ``docs/catalogs.md`` from
:mod:`pse_recon.catalogs`. Nothing in those pages is typed by hand, so they cannot
drift from the code; ``tests/test_docs.py`` regenerates them in memory and fails
when a committed page differs.

Regenerate after changing a layout, a rule or a code table::

    python -m pse_recon.reference          # writes into ./docs
    python -m pse_recon.reference --check  # exit status 1 if a page is out of date

The module is longer than most: it renders every generated page, each section
(code tables, rules, format pages) short, and together because they share the
markdown helpers, the facts derived from the declarations and the stale check.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Final

import attrs

from pse_recon import catalogs, rule_help
from pse_recon import layouts as layouts_package
from pse_recon.declaration import (
    KINDS,
    Count,
    Field,
    FileLayout,
    FlatStructure,
    LotNumber,
    LotStructure,
    RecordLayout,
    Role,
    StateStructure,
    Sum,
)
from pse_recon.declaration import Sequence as SequenceRule
from pse_recon.describe import record_markdown
from pse_recon.layouts import FORMATS
from pse_recon.output import write_file
from pse_recon.records.factory import record_classes
from pse_recon.rules import RULES, Rule

#: The command that regenerates the pages; failure messages quote it verbatim.
COMMAND: Final = "python -m pse_recon.reference"

BANNER: Final = (
    f"<!-- Generated from the code by `{COMMAND}`; do not edit by hand, "
    "edit the declarations and regenerate. -->"
)


# -- small markdown helpers ---------------------------------------------------------
def _cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


_RST_ROLE = re.compile(r":[a-z]+:`~?([^`<]*?)(?:\s*<[^>]*>)?`")


def _markdown_from_rst(text: str) -> str:
    """The little reST our docstrings use (``code``, :role:`~a.b.name`), as markdown."""

    def role(m: re.Match[str]) -> str:
        target = m.group(1)
        return f"`{target.rsplit('.', 1)[-1]}`" if "`~" in m.group(0) else f"`{target}`"

    text = _RST_ROLE.sub(role, text)
    return text.replace("``", "`")


def _paragraphs(doc: str) -> str:
    """A docstring's paragraphs, each joined onto one line, reST turned to markdown."""
    paras = [" ".join(line.strip() for line in p.splitlines()) for p in inspect.cleandoc(doc).split("\n\n")]
    return "\n\n".join(_markdown_from_rst(p) for p in paras if p)


# -- facts derived from the declarations ---------------------------------------------
def _layout_module(fmt: FileLayout) -> ModuleType:
    """The module of ``pse_recon.layouts`` that declares ``fmt``: the one named after
    it, else the one holding it (``pse`` declares both PSE formats). A layout that
    builds on another imports it, so holding alone is not declaring."""
    holders = []
    for info in pkgutil.iter_modules(layouts_package.__path__):
        module = importlib.import_module(f"{layouts_package.__name__}.{info.name}")
        if any(value is fmt for value in vars(module).values()):
            if info.name == fmt.name.replace("-", "_"):
                return module
            holders.append(module)
    if holders:
        return holders[0]
    raise LookupError(f"no module of pse_recon.layouts declares {fmt.name}")


def _record_classes(fmt: FileLayout) -> tuple[str, dict[str, str]]:
    """The module exporting ``fmt``'s record classes and each class's exported name
    (``asobancaria-2001`` → ``pse_recon.records.asobancaria_2001``, ``{"06": "Detail", …}``)."""
    name = f"pse_recon.records.{fmt.name.replace('-', '_')}"
    exported = vars(importlib.import_module(name))
    names = {}
    for code, cls in record_classes(fmt).items():
        found = [n for n in exported.get("__all__", ()) if exported[n] is cls]
        if len(found) != 1:
            raise LookupError(f"{name} does not export the class of record {code} once")
        names[code] = found[0]
    return name, names


def _ref(fmt: FileLayout, code: str) -> str:
    return f"`{code}` ({fmt.records[code].name})"


def _scope(fmt: FileLayout, rec: RecordLayout) -> str:
    """Which detail records a control field of ``rec`` counts or sums."""
    s = fmt.structure
    details = f"`{s.detail}` ({fmt.records[s.detail].name}) records"
    if isinstance(s, LotStructure):
        return f"{details} of its lot" if rec.record_type == s.lot_control else f"{details} of the file"
    if isinstance(s, StateStructure):
        scope = f"{details} whose `{s.state_field}` is this line's"
        if s.grand_total is not None:
            scope += f" (all of them on the grand-total line, `{s.state_field}` = `{s.grand_total}`)"
        return scope
    return f"{details} of the file"


def computed_description(fmt: FileLayout, rec: RecordLayout, f: Field) -> str:
    """What a computed field holds, in words, from ``Field.computed`` and the structure."""
    match f.computed:
        case Count():
            return f"the number of {_scope(fmt, rec)}"
        case Sum(field=summed):
            return f"the sum of `{summed}` over the {_scope(fmt, rec)}"
        case LotNumber():
            return "the lot's position in the file, from 1"
        case SequenceRule(start=start, per_lot=per_lot):
            first = "of each lot" if per_lot else "of the file"
            return f"the recording sequence: {start} for the first detail {first}, then one more per detail"
    raise ValueError(f"field {f.name} is not computed")


# -- the code tables -----------------------------------------------------------------
#: Titles of the code tables that no field names (the model's cause codes).
_TABLE_TITLES: Final[Mapping[str, tuple[str, str]]] = {
    "REJECTION_CODES": ("Causales de rechazo", "spec decision 12"),
    "FAILURE_CODES": ("Causales de fallo", "spec decision 12"),
}


def _tables() -> dict[str, Mapping[str, str]]:
    """The public code tables of :mod:`pse_recon.catalogs`, by constant name."""
    return {
        name: value
        for name, value in vars(catalogs).items()
        if name.isupper() and isinstance(value, Mapping) and name != "CATALOGS"
    }


def _named_codes() -> dict[str, str]:
    """The public single codes of :mod:`pse_recon.catalogs` (``PROCEDENCIA_PSE``…)."""
    return {
        name: value for name, value in vars(catalogs).items() if name.isupper() and isinstance(value, str)
    }


def _catalog_users() -> dict[str, list[str]]:
    """Catalog name → ``format`` record ``field`` that draw from it, in declaration order."""
    users: dict[str, list[str]] = {}
    for fmt in FORMATS.values():
        for rec in fmt:
            for f in rec.fields:
                if f.catalog is not None:
                    users.setdefault(f.catalog, []).append(
                        f"[`{fmt.name}`](formats/{fmt.name}.md) `{rec.record_type}` `{f.name}`"
                    )
    return users


def _catalog_widths() -> dict[str, int]:
    """Catalog name → the width of the first field that draws from it (codes are
    shown as that field holds them)."""
    widths: dict[str, int] = {}
    for fmt in FORMATS.values():
        for rec in fmt:
            for f in rec.fields:
                if f.catalog is not None:
                    widths.setdefault(f.catalog, f.length)
    return widths


def _code_table(table: Mapping[str, str]) -> list[str]:
    out = ["| code | meaning |", "|---|---|"]
    out += [f"| `{code}` | {_cell(text)} |" for code, text in table.items()]
    return out


def catalogs_page() -> str:
    tables = _tables()
    users = _catalog_users()
    widths = _catalog_widths()
    out = [
        BANNER,
        "",
        "# Code tables",
        "",
        _paragraphs(catalogs.__doc__ or ""),
        "",
        "A field that must hold one of these codes names its catalog in the layout "
        "(`Field.catalog`); validation checks the code, reading does not. The Python "
        "constants live in `pse_recon.catalogs`.",
        "",
        "## Catalogs of coded fields",
        "",
    ]
    documented: set[str] = set()
    for name in sorted(users):
        cat = catalogs.catalog(name)
        out += [f"### `{name}`", "", f"{cat.title} ({cat.source}).", ""]
        if cat.note:
            out += [cat.note, ""]
        out += ["Used by: " + "; ".join(users[name]) + ".", ""]
        if cat.table is not None:
            documented.add(cat.table)
            out += [f"Python: `pse_recon.catalogs.{cat.table}`.", ""]
            out += [*_code_table(cat.codes(widths[name])), ""]
    others = [name for name in tables if name not in documented]
    if others:
        out += ["## Other code tables", ""]
        for name in others:
            title, source = _TABLE_TITLES.get(name, (name, "pse_recon.catalogs"))
            out += [f"### {title}", "", f"Python: `pse_recon.catalogs.{name}` ({source}).", ""]
            out += [*_code_table(tables[name]), ""]
    out += ["## Named codes", "", "Single codes the library writes or checks by name.", ""]
    out += ["| constant | code | meaning |", "|---|---|---|"]
    known = [*tables.values(), *(catalogs.catalog(name).codes(w) for name, w in widths.items())]
    for name, code in _named_codes().items():
        # The meaning when exactly one table knows the code; blank when it is ambiguous.
        meanings = {table[code] for table in known if code in table}
        meaning = meanings.pop() if len(meanings) == 1 else ""
        out.append(f"| `{name}` | `{code}` | {_cell(meaning)} |")
    out.append("")
    return "\n".join(out)


# -- the rule catalog ----------------------------------------------------------------
def _title_fields() -> list[tuple[str, str]]:
    """``(attribute, column heading)`` of the rule titles: ``title`` and any ``title_<lang>``."""
    names = [a.name for a in attrs.fields(Rule)]
    extra = sorted(n for n in names if n.startswith("title_"))
    return [("title", "title"), *((n, f"title ({n.removeprefix('title_')})") for n in extra)]


def rules_page() -> str:
    titles = _title_fields()
    from pse_recon.profiles import PROFILES, Rules, level_name

    head = ["code", *PROFILES, *(h for _, h in titles), "source"]
    out = [
        BANNER,
        "",
        "# Rule catalog",
        "",
        _paragraphs(sys.modules[Rule.__module__].__doc__ or ""),
        "",
        "Every finding carries one of these codes. Each column after the code is its "
        "severity in a profile (`--profile NAME`, `rules=NAME`; **bold** where it differs from "
        "the default, *off* where it is not checked): **default**, files as they come; "
        "**strict** (`--strict`), producers' quirks as errors "
        "([ADR 0003](decisions/0003-lenient-and-strict.md)); **pse**, files as PSE writes "
        "them; **manual**, the manual to the letter; **bank**, files as banks write them "
        "(docs/guide.md, \"Rule selection and profiles\").",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for rule in sorted(RULES.values(), key=lambda r: r.code):
        default = Rules().levels()[rule.code]
        cells = [f"[`{rule.code}`](#{rule.code.lower()})"]
        for name in PROFILES:
            level = Rules(name).levels()[rule.code]
            text = f"*{level_name(level)}*" if level is None else level_name(level)
            cells.append(f"**{text}**" if level != default else text)
        cells += [_cell(str(getattr(rule, attr) or "")) for attr, _ in titles]
        cells.append(_cell(rule.source))
        out.append("| " + " | ".join(cells) + " |")
    out += [
        "",
        "## Each rule",
        "",
        "What each rule checks and why, the manual's words, an example and the fix, in "
        "English and Spanish: what `pse-recon explain CODE` prints "
        "(`pse_recon.rules.EXPLANATIONS`). Every example is a golden file "
        "(`tests/golden/`) with one change, and the test suite checks that it gives its "
        "rule's finding.",
        "",
    ]
    out += [rule_help.markdown(rule) for rule in sorted(RULES.values(), key=lambda r: r.code)]
    return "\n".join(out)


# -- the format pages ----------------------------------------------------------------
def _structure(fmt: FileLayout) -> list[str]:
    s = fmt.structure

    def r(code: str) -> str:
        return _ref(fmt, code)

    if isinstance(s, LotStructure):
        prose = (
            f"A file opens with {r(s.file_header)} and closes with {r(s.file_control)}; nothing "
            f"may follow it. In between come lots: each opens with {r(s.lot_header)}, holds "
            f"the {r(s.detail)} records and closes with {r(s.lot_control)}, which counts and "
            "sums them."
        )
        inner = [
            f"{s.lot_header}  {fmt.records[s.lot_header].name}",
            f"{s.detail}  {fmt.records[s.detail].name} × n",
            f"{s.lot_control}  {fmt.records[s.lot_control].name}",
        ]
        pad = max(map(len, inner)) + 2
        tree = [
            f"{s.file_header}  {fmt.records[s.file_header].name}",
            *(
                f"    {line.ljust(pad)}{mark}"
                for line, mark in zip(inner, ("┐", "│ a lot, × n", "┘"), strict=True)
            ),
            f"{s.file_control}  {fmt.records[s.file_control].name}",
        ]
    elif isinstance(s, FlatStructure):
        prose = (
            f"A file opens with {r(s.header)}, holds the {r(s.detail)} records and closes "
            f"with one {r(s.totals)} record, which counts and sums them; nothing may follow it."
        )
        tree = [
            f"{s.header}  {fmt.records[s.header].name}",
            f"{s.detail}  {fmt.records[s.detail].name} × n",
            f"{s.totals}  {fmt.records[s.totals].name}",
        ]
    else:
        states = ", ".join(f"`{code}`" for code in s.states)
        closing = f"one {r(s.totals)} line per state ({states}, in that order)"
        tree_totals = [f"{s.totals}  {fmt.records[s.totals].name}, {state_field_eq(s, c)}" for c in s.states]
        if s.grand_total is not None:
            closing += (
                f", then a grand-total line whose `{s.state_field}` is `{s.grand_total}` "
                "([ADR 0002](../decisions/0002-grand-total-state.md))"
            )
            tree_totals.append(f"{s.totals}  grand total, {state_field_eq(s, s.grand_total)}")
        prose = (
            f"A file opens with {r(s.header)}, then holds the {r(s.detail)} lines, each with its "
            f"`{s.state_field}`, and closes with {closing}. Each totals line counts and sums "
            "the lines of its state. The builder writes every state's line, even when no "
            "line has that state."
        )
        tree = [
            f"{s.header}  {fmt.records[s.header].name}",
            f"{s.detail}  {fmt.records[s.detail].name} × n",
            *tree_totals,
        ]
    return ["## Structure", "", prose, "", "```text", *tree, "```", ""]


def state_field_eq(s: StateStructure, code: str) -> str:
    return f"{s.state_field} = {code}"


def _widths(fmt: FileLayout) -> str:
    if fmt.width is None:
        each = ", ".join(f"`{rec.record_type}` {rec.width}" for rec in fmt)
        return f"per record type: {each} columns"
    text = f"{fmt.width} columns (the standard, and the default for writing)"
    if fmt.variants:
        text += "; also " + ", ".join(str(w) for w in fmt.variants) + " (see below)"
    return text


def _record_notes(fmt: FileLayout, rec: RecordLayout, module: str, cls: str) -> list[str]:
    out = [f"Class: `{module}.{cls}`.", ""]
    computed = [f for f in rec.fields if f.computed is not None]
    if computed:
        out += ["Computed fields (the builder writes them, validation checks them):", ""]
        out += [f"- `{f.name}`: {computed_description(fmt, rec, f)}." for f in computed]
        out.append("")
    coded = [f for f in rec.fields if f.catalog is not None]
    if coded:
        out += ["Coded fields:", ""]
        out += [
            f"- `{f.name}`: catalog [`{f.catalog}`](../catalogs.md#{f.catalog}) "
            f"({catalogs.catalog(f.catalog).title})."
            for f in coded
            if f.catalog is not None
        ]
        out.append("")
    optional = [f"`{f.name}`" for f in rec.fields if f.optional]
    if optional:
        out += [
            "Optional (written as zeros or blanks when not given): " + ", ".join(optional) + ".",
            "",
        ]
    return out + _profile_notes(rec)


def _profile_notes(rec: RecordLayout) -> list[str]:
    """What profiles check of the record's fields (docs/guide.md, "Rule selection and
    profiles"): PSE's fixed values (PR115), obligatory identifiers (PR116)."""
    out = []
    fixed = [f"`{f.name}` `{f.pse}`" for f in rec.fields if f.pse is not None]
    if fixed:
        out += [f"PSE writes ([PR115](../rules.md#pr115), profiles `pse` and `manual`): "
                f"{', '.join(fixed)}.", ""]
    obligatory = [f"`{f.name}`" for f in rec.fields if f.obligatory]
    if obligatory:
        out += ["Obligatory, never blank or all zeros ([PR116](../rules.md#pr116), profile "
                f"`manual`): {', '.join(obligatory)}.", ""]
    return out


def _variants(fmt: FileLayout) -> list[str]:
    out: list[str] = []
    for width in fmt.variants:
        other = fmt.with_width(width)
        out += [
            f"## The {width}-column variant",
            "",
            f"Same declaration, same record classes: only the trailing field of every record "
            f"is {abs(fmt.widths[0] - width)} columns {'shorter' if width < fmt.widths[0] else 'longer'} "
            f"(`{fmt.name}` at width {width}, "
            f"`pse_recon.layout({fmt.name!r}, {width})`). Reading tells the widths apart by "
            "the lines' width; writing takes the width as an option "
            "([ADR 0001](../decisions/0001-162-and-150-columns.md)).",
            "",
            "| record | field | columns at " + f"{fmt.width} | columns at {width} |",
            "|---|---|---|---|",
        ]
        for rec, short in zip(fmt, other, strict=True):
            a, b = rec.fields[-1], short.fields[-1]
            out.append(
                f"| `{rec.record_type}` | `{a.name}` | {a.start}-{a.end} ({a.length}) "
                f"| {b.start}-{b.end} ({b.length}) |"
            )
        out.append("")
    return out


def format_page(fmt: FileLayout) -> str:
    module, names = _record_classes(fmt)
    intro = fmt.description or _layout_module(fmt).__doc__ or ""
    classes = ", ".join(f"`{names[rec.record_type]}`" for rec in fmt)
    out = [
        BANNER,
        "",
        f"# {fmt.title} (`{fmt.name}`)",
        "",
        _paragraphs(intro),
        "",
        "| | |",
        "|---|---|",
        f"| format name | `{fmt.name}` |",
        f"| line width | {_widths(fmt)} |",
        "| record types | " + ", ".join(_ref(fmt, rec.record_type) for rec in fmt) + " |",
        f"| record classes | `{module}`: {classes} |",
        f"| declared in | `{_layout_module(fmt).__name__}` |",
        "",
        *_structure(fmt),
        "## Records",
        "",
        "Columns are 1-based and inclusive. Kinds and roles are explained in [the formats "
        "index](index.md#kinds).",
        "",
    ]
    for rec in fmt:
        out += [record_markdown(rec), *_record_notes(fmt, rec, module, names[rec.record_type])]
    out += _variants(fmt)
    return "\n".join(out).rstrip("\n") + "\n"


def _kinds() -> list[str]:
    out = ["| kind | Python type | what it is |", "|---|---|---|"]
    for kind in KINDS:
        python_type = kind.python_type
        py = f"`{python_type.__module__}.{python_type.__name__}`".replace("`builtins.", "`")
        summary = (kind.__doc__ or "").split("\n\n")[0]
        out.append(f"| {kind.doc_label} | {py} | {_cell(_paragraphs(summary))} |")
    return out


def formats_index() -> str:
    out = [
        BANNER,
        "",
        "# File formats",
        "",
        "One page per format, generated from its declaration in `src/pse_recon/layouts/`.",
        "`pse-recon describe FORMAT` prints the same tables in a terminal.",
        "",
        "| format | name | line width | record types |",
        "|---|---|---|---|",
    ]
    for fmt in FORMATS.values():
        types = ", ".join(f"`{rec.record_type}`" for rec in fmt)
        out.append(
            f"| [{fmt.title}]({fmt.name}.md) | `{fmt.name}` | {_widths(fmt).split(' (')[0]} | {types} |"
        )
    out += [
        "",
        "## Kinds",
        "",
        "The `kind` column of the record tables says how a field is read and written. "
        "Digits are ASCII `0`-`9`; numbers are right-aligned and zero-filled, text is "
        "left-aligned and space-filled. `amount(2)` has two implied decimals "
        "([ADR 0006](../decisions/0006-money-as-decimal.md)); `2400` in a HHMM time is "
        "`END_OF_DAY` ([ADR 0007](../decisions/0007-2400-end-of-day.md)).",
        "",
        *_kinds(),
        "",
        "## Roles",
        "",
        "The `role` column says what a field means, whatever it is called: reconciliation, "
        "the generator, `show` and the file objects ask a layout for a role instead of "
        "naming fields, so a layout declared outside the package works with all of them "
        "([custom layouts](../custom-layouts.md)).",
        "",
        "| role | what it is | fields |",
        "|---|---|---|",
        *_roles(),
        "",
    ]
    return "\n".join(out)


def _roles() -> list[str]:
    """One row per role: its meaning and the built-in fields that have it."""
    out = []
    for role in Role:
        users = [f"`{fmt.name}` {rec.record_type} `{f.name}`" for fmt in FORMATS.values()
                 for rec in fmt for f in rec.fields if f.role is role]
        out.append(f"| `{role}` | {_cell(role.description)} | {'; '.join(users)} |")
    return out


# -- the whole set -------------------------------------------------------------------
def pages() -> dict[str, str]:
    """Every generated page: path relative to ``docs/`` → content."""
    out = {"formats/index.md": formats_index()}
    out.update({f"formats/{fmt.name}.md": format_page(fmt) for fmt in FORMATS.values()})
    out["rules.md"] = rules_page()
    out["catalogs.md"] = catalogs_page()
    return out


def _orphans(docs: Path, generated: Mapping[str, str]) -> Iterator[Path]:
    """Generated pages on disk that the generator no longer makes (a removed format)."""
    for path in sorted((docs / "formats").glob("*.md")):
        if path.relative_to(docs).as_posix() not in generated and BANNER in path.read_text("utf-8"):
            yield path


def stale(docs: Path) -> list[str]:
    """The pages under ``docs`` that differ from what the generator makes now."""
    generated = pages()
    out = [
        name
        for name, text in generated.items()
        if not (docs / name).is_file() or (docs / name).read_text("utf-8") != text
    ]
    out += [
        f"{path.relative_to(docs).as_posix()} (no longer generated)" for path in _orphans(docs, generated)
    ]
    return out


def write(docs: Path) -> list[str]:
    """Write every page that changed under ``docs``; remove orphans. Returns what changed."""
    generated = pages()
    changed = []
    for path in _orphans(docs, generated):
        path.unlink()
        changed.append(path.relative_to(docs).as_posix())
    for name, text in generated.items():
        target = docs / name
        if target.is_file() and target.read_text("utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_file(target, text.encode("utf-8"))
        changed.append(name)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description="Regenerate the reference pages of docs/.")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the docs folder (default: ./docs)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if out of date")
    args = parser.parse_args(argv)
    if not args.docs.is_dir():
        parser.error(f"{args.docs} is not a folder; run from the repository root or give --docs")
    if args.check:
        out_of_date = stale(args.docs)
        for name in out_of_date:
            print(f"out of date: {args.docs / name}")
        if out_of_date:
            print(f"run `{COMMAND}` to regenerate")
        return 1 if out_of_date else 0
    for name in write(args.docs):
        print(f"wrote {args.docs / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
