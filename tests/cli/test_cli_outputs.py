"""The command line's outputs: ``-o`` checked before any work and never destroying,
``-o -``, standard output that fails loudly, text escaped for terminals.

What the writer does with each kind of target is tested in ``tests/test_output.py``;
here, what the commands make of it: one line, exit 2, nothing read in vain.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pse_recon
from process_support import EXAMPLES, pse, pse_closing
from pse_recon.generator.inputs import load_collection

TRANSACTIONS = EXAMPLES / "transactions.csv"


# -- -o OUT ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("out", "reason"),
    [
        ("", "cannot write '': the file name is empty"),
        ("newdir/", "cannot write newdir/: names a folder (ends with '/'); give a file name"),
        ("existing/", "cannot write existing/: names a folder (ends with '/'); give a file name"),
        ("existing", "cannot write existing: is a directory"),
    ],
)
@pytest.mark.parametrize("command", ["convert", "generate"])
def test_outputs_that_are_not_files_are_one_line_errors(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, out: str, reason: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "existing").mkdir()
    argv = (["convert", EXAMPLES / "recaudo-2001.txt", "--to", "csv"] if command == "convert"
            else ["generate", "--format", "andesco", "--input", TRANSACTIONS])
    r = run(*argv, "-o", out)
    assert (r.code, r.out, r.err) == (2, "", f"pse-recon: error: {reason}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing"]
    assert list((tmp_path / "existing").iterdir()) == []


def test_a_refused_output_is_refused_before_the_input_is_read(run: Any, tmp_path: Path) -> None:
    r = run("convert", tmp_path / "missing.txt", "--to", "csv", "-o", "")
    assert (r.code, r.err) == (2, "pse-recon: error: cannot write '': the file name is empty\n")


def test_the_input_is_never_overwritten_through_a_hard_link(run: Any, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes((EXAMPLES / "recaudo-2001.txt").read_bytes())
    os.link(source, tmp_path / "same.txt")
    r = run("convert", source, "--to", "json", "-o", tmp_path / "same.txt")
    assert (r.code, r.err) == (2, f"pse-recon: error: {tmp_path / 'same.txt'} is the input file; "
                                  "refusing to overwrite it\n")
    csv_input = tmp_path / "transactions.csv"
    csv_input.write_bytes(TRANSACTIONS.read_bytes())
    os.link(csv_input, tmp_path / "alias.csv")
    r = run("generate", "--format", "andesco", "--input", csv_input, "-o", tmp_path / "alias.csv")
    assert r.code == 2 and "is the input file" in r.err
    assert csv_input.read_bytes() == TRANSACTIONS.read_bytes()


def test_read_only_output_needs_force(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "details.csv"
    out.write_text("old")
    out.chmod(0o444)
    r = run("convert", EXAMPLES / "recaudo-2001.txt", "--to", "csv", "-o", out)
    assert (r.code, r.err) == (2, f"pse-recon: error: cannot write {out}: is read-only; "
                                  "--force writes over it\n")
    assert out.read_text() == "old"
    r = run("convert", EXAMPLES / "recaudo-2001.txt", "--to", "csv", "-o", out, "--force")
    assert (r.code, r.err) == (0, "")
    assert out.read_text().startswith("line,tipo_registro,")


def test_no_follow_refuses_a_link(run: Any, tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    argv = ["generate", "--format", "andesco", "--input", TRANSACTIONS, "-o", link]
    r = run(*argv, "--no-follow")
    assert (r.code, r.err) == (2, f"pse-recon: error: cannot write {link}: is a symbolic link, "
                                  "refused by --no-follow\n")
    assert target.read_bytes() == b"old"
    assert run(*argv).code == 0
    assert link.is_symlink() and target.read_bytes().startswith(b"01")


def test_generate_to_standard_output(run: Any) -> None:
    r = run("generate", "--format", "pse-detail", "--input", TRANSACTIONS, "-o", "-")
    expected = pse_recon.dumps(pse_recon.generate("pse-detail", load_collection(TRANSACTIONS)))
    assert r.out.encode("utf-8") == expected  # the file alone: an ASCII one
    assert r.err == "-: pse-detail, 7 details, total 678651.25\n"  # the summary apart


def test_convert_writes_the_same_bytes_to_a_file_and_to_standard_output(
    run: Any, tmp_path: Path, pse_detail_file: Path
) -> None:
    for to in ("csv", "json"):
        out = tmp_path / f"out.{to}"
        assert run("convert", pse_detail_file, "--to", to, "-o", out).code == 0
        assert run("convert", pse_detail_file, "--to", to).out.encode("utf-8") == out.read_bytes()


# -- standard output ---------------------------------------------------------------------------------
COMMANDS = {
    "validate": ["validate", EXAMPLES / "recaudo-2001.txt"],
    "show": ["show", EXAMPLES / "recaudo-2001.txt"],
    "describe": ["describe", "andesco"],
    "convert": ["convert", EXAMPLES / "recaudo-2001.txt", "--to", "json"],
    "generate": ["generate", "--format", "andesco", "--input", TRANSACTIONS, "-o", "-"],
    "reconcile": ["reconcile", EXAMPLES / "recaudo-2001.txt", "--expected", EXAMPLES / "expected.csv"],
    "help": ["--help"],
    "version": ["--version"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_closed_pipe_is_exit_141_in_every_command(command: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        p = pse(*COMMANDS[command], stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert (p.returncode, p.stderr) == (141, b"")


def test_closed_standard_output_matters_only_to_what_prints(tmp_path: Path) -> None:
    out = tmp_path / "details.csv"
    p = pse_closing(1, "convert", EXAMPLES / "recaudo-2001.txt", "--to", "csv", "-o", out)
    assert (p.returncode, p.stderr) == (0, b"")  # nothing to print: nothing wrong
    assert out.read_bytes().startswith(b"line,")


def test_closed_standard_error_is_no_crash(tmp_path: Path) -> None:
    p = pse_closing(2, "validate", tmp_path / "missing.txt")
    # nowhere to say why; the status and the closing line tell
    assert (p.returncode, p.stdout) == (2, b"1 file: 0 errors, 0 warnings (1 could not be read)\n")


# -- text escaped for terminals ---------------------------------------------------------------------
def overwrite(data: bytes, line: int, column: int, length: int, text: bytes) -> bytes:
    """``data`` with the field at ``line`` (1-based), columns ``column`` to
    ``column + length - 1`` holding ``text``, blank-padded."""
    lines = data.split(b"\n")
    old = lines[line - 1]
    lines[line - 1] = old[: column - 1] + text.ljust(length) + old[column - 1 + length :]
    return b"\n".join(lines)


def test_show_escapes_values(run: Any, tmp_path: Path) -> None:
    source = tmp_path / "esc.txt"  # numero_cuenta, columns 24-40 of the header
    source.write_bytes(overwrite((EXAMPLES / "recaudo-2001.txt").read_bytes(), 1, 24, 17,
                                 b"12\x1b]0;pwned\x07"))
    r = run("show", source)
    assert "\n  numero_cuenta: 12\\x1b]0;pwned\\x07\n" in r.out
    assert "\x1b" not in r.out and "\x07" not in r.out


@settings(max_examples=60, deadline=None)
@given(value=st.binary(min_size=1, max_size=17))
def test_every_line_printed_is_printable(value: bytes) -> None:
    """Whatever bytes a text field holds (numero_cuenta: latin-1 reads every byte),
    every line ``validate``, ``show`` and ``reconcile`` print is printable."""
    import contextlib
    import io
    import tempfile

    from pse_recon.cli import main

    data = overwrite((EXAMPLES / "recaudo-2001.txt").read_bytes(), 1, 24, 17, value)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "f.txt"
        source.write_bytes(data)
        for argv in (["validate", source], ["validate", "--strict", "--json", source],
                     ["show", source], ["reconcile", source, "--expected", EXAMPLES / "expected.csv"]):
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                main([str(a) for a in argv])
            for line in (out.getvalue() + err.getvalue()).split("\n"):
                assert line.isprintable(), (argv[0], line)


def test_json_keeps_values_and_stays_valid(run: Any, tmp_path: Path, pse_detail_file: Path) -> None:
    source = tmp_path / "esc.txt"  # codigo_autorizacion, columns 110-159 of a type-2 line
    source.write_bytes(overwrite(pse_detail_file.read_bytes(), 2, 110, 50, b"AUT\x1b[2J\x9b"))
    r = run("convert", source, "--to", "json")
    assert json.loads(r.out)["records"][1]["fields"]["codigo_autorizacion"] == "AUT\x1b[2J\x9b"
    assert '"AUT\\u001b[2J\\u009b"' in r.out


def test_json_escapes_what_json_leaves_raw(run: Any, tmp_path: Path) -> None:
    name = "csi\x9b2J\u202eevil.txt"  # a C1 control and a right-to-left override
    source = tmp_path / name
    source.write_bytes((EXAMPLES / "recaudo-2001.txt").read_bytes())
    r = run("validate", "--json", source)
    assert "\\u009b2J\\u202eevil.txt" in r.out
    assert "\x9b" not in r.out and "\u202e" not in r.out
    assert json.loads(r.out)["files"][0]["path"] == str(source)


def test_csv_to_a_terminal_is_escaped(tmp_path: Path, pse_detail_file: Path) -> None:
    import pty

    source = tmp_path / "esc.txt"
    source.write_bytes(overwrite(pse_detail_file.read_bytes(), 2, 110, 50, b"AUT\x1b[2J"))
    controller, terminal = pty.openpty()
    try:
        p = pse("convert", source, "--to", "csv", stdout=terminal, stderr=subprocess.PIPE)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the terminal's other end is closed, all read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    assert p.returncode == 1  # converted, and not valid: the control character is an error
    assert b"PR114 codigo_autorizacion: holds the control character 0x1b" in p.stderr
    assert b"\x1b" not in shown and b"AUT\\x1b[2J" in shown
    piped = pse("convert", source, "--to", "csv", capture_output=True).stdout
    assert b",AUT\x1b[2J," in piped  # to a pipe or a file, the data as it is


def test_a_text_only_standard_output_still_gets_the_bytes(example: Path) -> None:
    import contextlib
    import io

    from pse_recon.cli import main

    out = io.StringIO()  # what a program embedding main() may put in sys.stdout
    with contextlib.redirect_stdout(out):
        assert main(["convert", str(example), "--to", "csv"]) == 0
    assert out.getvalue().startswith("line,tipo_registro,")
