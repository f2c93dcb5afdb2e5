"""The type stubs of the record modules (``records/<format>.pyi``), generated from the
layouts so that type checkers see every field of every record (ADR 0014).

The record classes are made at import from the declarations, which no type checker
runs; the stubs declare them as the classes they are: one read-only property per
field with its Python type, and a keyword-only ``__init__`` whose defaults are the
fields the caller may leave out. Each module also names its file type (``File``:
``LotFile`` of the format's records, which the ``Literal`` overloads of
:func:`pse_recon.read` return) and, for lot formats, its ``Lot``.

``python -m pse_recon.records.stubs`` rewrites them; ``tests/test_stubs.py`` fails
when one is stale, as ``tests/test_docs.py`` does for the reference pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import attrs

from pse_recon.declaration import FileLayout, FlatStructure, LotStructure, RecordLayout
from pse_recon.layouts import FORMATS
from pse_recon.records.factory import class_name, module_name

HERE = Path(__file__).parent


def _type(t: type) -> str:
    return {"date": "datetime.date", "time": "datetime.time"}.get(t.__name__, t.__name__)


def _record(rec: RecordLayout) -> list[str]:
    fields = rec.attributes
    params = [
        f"        {f.name}: {_type(f.python_type)}" + ("," if f.default is attrs.NOTHING else " = ...,")
        for f in fields
    ]
    lines = [f"class {class_name(rec)}(Record):",
             f'    """Record {rec.record_type}: {rec.name}."""', "",
             "    def __init__(", "        self,", "        *,", *params, "        line: int = ...,",
             "    ) -> None: ..."]
    for f in fields:
        lines += ["    @property", f"    def {f.name}(self) -> {_type(f.python_type)}: ..."]
    return lines


def _file_type(fmt: FileLayout) -> list[str]:
    s = fmt.structure
    names = {code: class_name(rec) for code, rec in fmt.records.items()}
    if isinstance(s, LotStructure):
        lot = f"_Lot[{names[s.lot_header]}, {names[s.detail]}, {names[s.lot_control]}]"
        return [f"Lot: TypeAlias = {lot}",
                f"File: TypeAlias = LotFile[{names[s.file_header]}, {names[s.lot_header]}, "
                f"{names[s.detail]}, {names[s.lot_control]}, {names[s.file_control]}]"]
    kind = "FlatFile" if isinstance(s, FlatStructure) else "PseFile"
    return [f"File: TypeAlias = {kind}[{names[s.header]}, {names[s.detail]}, {names[s.totals]}]"]


def stub(fmt: FileLayout) -> str:
    """The text of the stub of ``fmt``'s record module."""
    lot = isinstance(fmt.structure, LotStructure)
    files = ["Lot as _Lot", "LotFile"] if lot else [
        "FlatFile" if isinstance(fmt.structure, FlatStructure) else "PseFile"]
    lines = [f'"""Record classes of ``{fmt.name}``: generated from its layout, do not edit',
             '(``python -m pse_recon.records.stubs``)."""', "",
             "import datetime", "from decimal import Decimal", "from typing import TypeAlias", "",
             "from pse_recon.records.base import Record",
             *(f"from pse_recon.records.files import {name}" for name in files)]
    for rec in fmt.records.values():
        lines += ["", *_record(rec), ""]
    lines += ["", *_file_type(fmt), ""]
    names = sorted([*(class_name(r) for r in fmt.records.values()), "File", *(["Lot"] if lot else [])])
    lines += [f"__all__ = [{', '.join(repr(n) for n in names)}]", ""]
    return "\n".join(lines)


def stubs() -> dict[Path, str]:
    """Every stub by its path, for the built-in formats."""
    out = {}
    for fmt in FORMATS.values():
        module = module_name(fmt)
        assert module is not None
        out[HERE / (module.rsplit(".", 1)[1] + ".pyi")] = stub(fmt)
    return out


def main() -> int:
    for path, text in stubs().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
