"""The program as a whole: version, help, usage errors, language, no tracebacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import pse_recon
from pse_recon.cli import COMMANDS, main, show
from pse_recon.cli.messages import TEXTS, choose_lang


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version(run: Any, option: str) -> None:
    r = run(option)
    assert (r.code, r.out, r.err) == (0, f"pse-recon {pse_recon.__version__}\n", "")


def test_python_dash_m_version() -> None:
    p = subprocess.run(
        [sys.executable, "-m", "pse_recon", "--version"], capture_output=True, text=True, check=False
    )
    assert (p.returncode, p.stdout, p.stderr) == (0, f"pse-recon {pse_recon.__version__}\n", "")


def test_console_script(example: Path) -> None:
    script = shutil.which("pse-recon")
    if script is None:
        pytest.skip("the pse-recon console script is not on PATH")
    p = subprocess.run(
        [script, "describe", "nope"], capture_output=True, text=True, check=False,
        env={**os.environ, "LC_ALL": "C"},
    )
    assert p.returncode == 2
    assert p.stdout == ""
    assert p.stderr.startswith("pse-recon: error: argument FORMAT: unknown format 'nope'")
    assert "Traceback" not in p.stderr


def test_help_lists_every_command(run: Any) -> None:
    r = run("--help")
    assert r.code == 0
    assert r.out.startswith("usage: pse-recon [-h] [-V] [--lang {en,es}] COMMAND ...\n")
    for command in COMMANDS:
        assert f"\n    {command.__name__.rpartition('.')[2]} " in r.out
    assert "Exit status: 0 ok; 1 a file has errors; 2 bad arguments" in " ".join(r.out.split())


def test_help_says_where_the_docs_are_from_the_package_metadata(run: Any) -> None:
    """An installed user has no docs/ folder: help gives the repository's docs URL, as
    pyproject.toml's [project.urls] (through the package metadata) says, and the
    commands that explain the rules."""
    import tomllib

    from pse_recon.cli import about

    urls = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text("utf-8"))[
        "project"]["urls"]
    assert about.docs_url() == urls["Documentation"]
    assert about.rule_url("PR301") == urls["Documentation"].replace("index.md", "rules.md#pr301")
    assert {k: urls[k] for k in about.FALLBACK} == about.FALLBACK  # for a source tree
    for lang, words in (("en", "Documentation: "), ("es", "Documentación: ")):
        text = " ".join(run("--lang", lang, "--help").out.split())
        assert f"{words}{urls['Documentation']} " in text
        assert "'pse-recon rules'" in text and "'pse-recon explain" in text


def test_help_in_spanish(run: Any) -> None:
    r = run("--lang", "es", "describe", "--help")
    assert r.code == 0
    assert r.out.startswith(
        "uso: pse-recon describe [-h] [--lang {en,es}] [--layout SPEC] [--width N] [--json] [FORMAT]\n"
    )
    assert "\nargumentos posicionales:\n" in r.out
    assert "\nopciones:\n" in r.out
    assert "muestra esta ayuda y termina" in r.out


def test_no_command_is_a_usage_error(run: Any) -> None:
    r = run()
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "pse-recon: error: the following arguments are required: COMMAND\n"
        "Try 'pse-recon --help' for more information.\n"
    )


def test_unknown_command(run: Any) -> None:
    r = run("frobnicate")
    assert r.code == 2
    assert r.err.startswith("pse-recon: error: argument COMMAND: invalid choice: 'frobnicate'")


def test_unknown_option_of_a_command(run: Any, example: Path) -> None:
    r = run("show", example, "--frob")
    assert r.code == 2
    assert r.err == (
        "pse-recon: error: unrecognized arguments: --frob\n"
        "Try 'pse-recon --help' for more information.\n"
    )


def test_usage_error_in_spanish_by_flag(run: Any) -> None:
    r = run("--lang", "es")
    assert r.code == 2
    assert r.err == (
        "pse-recon: error: faltan los argumentos: COMMAND\n"
        "Pruebe 'pse-recon --help' para más información.\n"
    )


def test_lang_after_the_command(run: Any, tmp_path: Path) -> None:
    r = run("show", tmp_path / "missing.txt", "--lang", "es")
    assert (r.code, r.out) == (2, "")
    assert r.err == f"pse-recon: error: {tmp_path / 'missing.txt'}: no existe el archivo o directorio\n"


def test_spanish_from_the_environment(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "es_CO.UTF-8")
    r = run("describe", "nope")
    assert r.code == 2
    assert r.err == (
        "pse-recon: error: argumento FORMAT: formato desconocido 'nope'; formatos conocidos: "
        "asobancaria-1998, asobancaria-2001, andesco, pse-summary, pse-detail\n"
        "Pruebe 'pse-recon describe --help' para más información.\n"
    )


def test_the_flag_beats_the_environment(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "es_ES.UTF-8")
    r = run("--lang", "en", "describe", "nope")
    assert r.err.startswith("pse-recon: error: argument FORMAT: unknown format 'nope'")


@pytest.mark.parametrize(
    ("argv", "environ", "lang"),
    [
        ([], {}, "en"),
        ([], {"LANG": "es_CO.UTF-8"}, "es"),
        ([], {"LANG": "es"}, "es"),
        ([], {"LANG": "en_US.UTF-8", "LC_MESSAGES": "es_CO"}, "es"),
        ([], {"LANG": "es_CO", "LC_ALL": "C"}, "en"),  # LC_ALL wins over LANG
        ([], {"LC_ALL": "", "LANG": "es_CO"}, "es"),  # empty means unset
        (["--lang", "es"], {"LANG": "C"}, "es"),
        (["--lang=en"], {"LANG": "es_CO"}, "en"),
        (["--lang", "fr"], {"LANG": "es_CO"}, "es"),  # not a language: argparse says so
        (["show", "--", "--lang", "es"], {}, "en"),  # after --, a file name
    ],
)
def test_choose_lang(argv: list[str], environ: dict[str, str], lang: str) -> None:
    assert choose_lang(argv, environ) == lang


def test_bad_lang_value(run: Any) -> None:
    r = run("--lang", "fr", "describe", "andesco")
    assert r.code == 2
    assert r.err.startswith("pse-recon: error: argument --lang: invalid choice: 'fr'")


def test_every_text_has_both_languages_with_the_same_placeholders() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, texts in TEXTS.items():
        assert set(texts) == {"en", "es"}, key
        assert fields(texts["en"]) == fields(texts["es"]), key
        assert texts["en"].count("|") == texts["es"].count("|"), key


def test_unexpected_exception_is_one_line_exit_3(
    run: Any, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object) -> int:
        raise RuntimeError("something broke")

    monkeypatch.setattr(show, "run", boom)
    r = run("show", example)
    assert (r.code, r.out) == (3, "")
    assert r.err == "pse-recon: error: internal error: RuntimeError: something broke (please report it)\n"


def test_library_value_error_is_exit_2(run: Any, example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def bad(*args: object) -> int:
        raise ValueError("no good")

    monkeypatch.setattr(show, "run", bad)
    r = run("show", example)
    assert (r.code, r.out, r.err) == (2, "", "pse-recon: error: no good\n")


def test_interrupt(run: Any, example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(show, "run", interrupted)
    r = run("show", example)
    assert (r.code, r.out, r.err) == (130, "", "pse-recon: error: interrupted\n")


def test_commands_follow_the_module_protocol() -> None:
    for command in COMMANDS:
        assert callable(command.register) and callable(command.run), command.__name__


def test_main_reads_sys_argv(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["pse-recon", "--version"])
    assert main() == 0
    assert capsys.readouterr().out == f"pse-recon {pse_recon.__version__}\n"


def test_closed_output_pipe_is_quiet(run: Any, example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(*args: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(show, "run", closed)
    r = run("show", example)
    assert (r.code, r.out, r.err) == (141, "", "")


def test_undecodable_file_name_does_not_crash(tmp_path: Path) -> None:
    """The byte that does not decode is printed as its escape, ``\\xe9``."""
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as f:
        f.write(b"x")
    p = subprocess.run(
        [sys.executable, "-m", "pse_recon", "show", name], capture_output=True, check=False,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    assert p.returncode == 4
    assert p.stdout == b""
    assert p.stderr.startswith(os.fsencode(tmp_path) + b"/caf\\xe9.txt:1:0: error: PR002: ")


def test_exit_statuses_are_listed_by_help_and_the_guide(run: Any) -> None:
    """Defined once (EXIT_STATUSES), listed by --help in both languages, and by the
    guide's table, status for status."""
    import re

    from pse_recon.cli.common import EXIT_STATUSES

    for lang in ("en", "es"):
        epilog = " ".join(run("--lang", lang, "--help").out.split("\n\n")[-1].split())
        listed = [int(n) for n in re.findall(r"(?:: |; )(\d+) ", epilog)]
        assert listed == list(EXIT_STATUSES), epilog
    guide = (Path(__file__).parents[2] / "docs" / "guide.md").read_text("utf-8")
    section = guide.split("### Exit statuses\n", 1)[1].split("\n#", 1)[0]
    assert [int(n) for n in re.findall(r"^\| (\d+) \|", section, re.M)] == list(EXIT_STATUSES)
