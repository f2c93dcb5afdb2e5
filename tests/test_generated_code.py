"""Generated code can be debugged: its source is in linecache (a traceback through a
decoder, an encoder or a scanner shows the line), ``python -m pse_recon.compile``
prints it, and snapshots (``tests/snapshots/``) show in review what it became. No
blanket ``except`` swallows what fails in generated code or elsewhere in ``src/``.

Regenerate the snapshots after a deliberate change with ``python -m tests.snapshots``.
"""

from __future__ import annotations

import ast
import difflib
import inspect
import linecache
import re
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

import pse_recon
from golden_files import GOLDEN
from pse_recon.compile.codec import compile_format, compile_record
from pse_recon.compile.plan import Learned, format_plan
from pse_recon.compile.scanner import scanner
from pse_recon.validation.machines import Scope
from snapshots import HERE, SNAPSHOTS

FMT = pse_recon.layout("asobancaria-2001")
DETAIL = next(line for line in (GOLDEN / "asobancaria-2001-162.txt").read_bytes().splitlines(True)
              if line.startswith(b"06"))


def frames(exc: BaseException) -> list[traceback.FrameSummary]:
    return list(traceback.extract_tb(exc.__traceback__))


def generated(what: str, filename: str) -> bool:
    """Whether ``filename`` is the name of generated source ``what`` (made unique with
    a serial number when compiled again in the same process)."""
    return re.fullmatch(rf"<pse_recon {re.escape(what)}( #\d+)?>", filename) is not None


def test_a_traceback_through_a_decoder_shows_its_source_line() -> None:
    decode = compile_format(FMT)["06"].decode
    with pytest.raises(TypeError) as info:
        decode(DETAIL, None, 1)  # type: ignore[arg-type]  # the text is sliced: TypeError
    last = frames(info.value)[-1]
    assert generated("decoder asobancaria-2001 162 06 lf", last.filename)
    assert last.name == "decode"
    assert last.line == "o.referencia_principal = s[2:50]"
    rendered = "".join(traceback.format_exception(info.value))
    assert "o.referencia_principal = s[2:50]" in rendered


def test_a_traceback_through_an_encoder_shows_its_source_line() -> None:
    encode = compile_format(FMT)["06"].encode
    with pytest.raises(AttributeError) as info:
        encode(object())  # type: ignore[arg-type]
    last = frames(info.value)[-1]
    assert generated("encoder asobancaria-2001 162 06", last.filename)
    assert last.line == "v0 = r.tipo_registro"


def test_a_traceback_through_the_scanner_shows_its_source_line() -> None:
    plan = format_plan(FMT)
    scan = scanner(plan).scan

    def slow(n: int, raw: bytes) -> Scope | None:
        raise RuntimeError(f"line {n}")

    with pytest.raises(RuntimeError, match="line 7") as info:
        scan([b"01"], 7, None, slow, Learned(plan))
    scanner_frame = frames(info.value)[-2]
    assert generated("scanner asobancaria-2001 162 bytes lf", scanner_frame.filename)
    assert scanner_frame.line == "scope = slow(n, raw)"


def test_inspect_finds_the_source_of_generated_functions() -> None:
    compiled = compile_record(FMT, "06")
    assert inspect.getsource(compiled.decode) == compiled.decoder_source
    assert inspect.getsource(compiled.encode) == compiled.encoder_source
    plan = format_plan(FMT)
    assert inspect.getsource(scanner(plan).scan) == scanner(plan).source


def test_sources_survive_linecache_checks() -> None:
    """``linecache.checkcache`` (run by traceback printing and debuggers) drops
    entries whose file is gone; generated source has no file and must stay."""
    decode = compile_record(FMT, "05").decode
    filename = decode.__code__.co_filename
    linecache.checkcache()
    linecache.checkcache(filename)
    assert linecache.getline(filename, 1).startswith("def decode(")


def test_two_layouts_of_one_name_keep_apart_sources() -> None:
    other = FMT.with_width(150)
    wide, narrow = compile_record(FMT, "06"), compile_record(other, "06")
    renamed = compile_record(FMT, "06")  # compiled anew under a name already taken
    names = {c.decode.__code__.co_filename for c in (wide, narrow, renamed)}
    assert len(names) == 3
    for c in (wide, narrow, renamed):
        assert "".join(linecache.getlines(c.decode.__code__.co_filename)) == c.decoder_source


def test_python_m_pse_recon_compile_prints_what_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "pse_recon.compile", "asobancaria-2001", "06"],
                          capture_output=True, text=True, check=True)
    compiled = compile_record(FMT, "06")
    assert compiled.decoder_source in done.stdout and compiled.encoder_source in done.stdout
    done = subprocess.run([sys.executable, "-m", "pse_recon.compile", "asobancaria-2001", "--scanner"],
                          capture_output=True, text=True, check=True)
    assert done.stdout == scanner(format_plan(FMT)).source
    bad = subprocess.run([sys.executable, "-m", "pse_recon.compile", "asobancaria-2001", "07"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "has no record '07'" in bad.stderr


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_the_generated_code_is_its_snapshot(name: str) -> None:
    path: Path = HERE / name
    assert path.exists(), f"{name} is missing: run python -m tests.snapshots"
    committed = path.read_text(encoding="utf-8")
    generated = SNAPSHOTS[name]()
    diff = "".join(difflib.unified_diff(committed.splitlines(True), generated.splitlines(True),
                                        f"tests/snapshots/{name}", "generated"))
    assert not diff, f"the generated code changed (python -m tests.snapshots rewrites it):\n{diff}"


def test_no_stale_snapshot_is_left() -> None:
    assert {p.name for p in HERE.glob("*.txt")} == set(SNAPSHOTS)


#: The blanket handlers that stay, and why: the command's last resort (exit status
#: 3, "internal error"), and the probe of a registered codec, which may raise
#: anything for bytes it does not expect (codec/options.py says so).
BLANKET_ALLOWED = {("cli/__init__.py", "_main"), ("codec/options.py", "check_encoding")}


def blanket_handlers(source: str) -> list[tuple[str, int]]:
    """``(function, line)`` of each ``except:``, ``except Exception`` or ``except
    BaseException`` that swallows what it catches (no ``raise`` in it: one that
    re-raises, or raises its own error saying why, hides nothing)."""
    found = []
    for func in ast.walk(ast.parse(source)):
        if not isinstance(func, ast.FunctionDef):
            continue
        for node in ast.walk(func):
            if not isinstance(node, ast.ExceptHandler):
                continue
            blanket = node.type is None or (
                isinstance(node.type, ast.Name) and node.type.id in ("Exception", "BaseException")
            )
            reraises = any(isinstance(n, ast.Raise) for n in ast.walk(node))
            if blanket and not reraises:
                found.append((func.name, node.lineno))
    return found


def test_no_blanket_handler_hides_a_bug() -> None:
    src = Path(pse_recon.__file__).parent
    found = {(path.relative_to(src).as_posix(), name)
             for path in sorted(src.rglob("*.py"))
             for name, _ in blanket_handlers(path.read_text(encoding="utf-8"))}
    assert found == BLANKET_ALLOWED
    generated = compile_record(FMT, "06")
    assert blanket_handlers(generated.decoder_source + generated.encoder_source) == []
