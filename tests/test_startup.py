"""Fast start, checked without timing (the times are benchmarks/startup.py's): what
``pse-recon --help``, ``--version`` and ``validate`` import, inspected in a child
process's ``sys.modules``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "recaudo-2001.txt"

#: What no command's help or version needs: the validator, the code generators, the
#: record classes and their layouts, the rule catalog, hypothesis, dates, process
#: pools, archives, TOML. (Printing takes pse_recon.output's stream writer, and with
#: the library's errors the decimal module: both light.)
HEAVY = ("pse_recon.validation", "pse_recon.compile", "pse_recon.codec", "pse_recon.records",
         "pse_recon.declaration", "pse_recon.layouts", "pse_recon.rules", "pse_recon.profiles",
         "pse_recon.reconciliation", "pse_recon.generator", "hypothesis", "dateutil",
         "concurrent.futures", "gzip", "tomllib")


def imported(code: str, cwd: Path) -> set[str]:
    """The modules a child process has imported after running ``code``."""
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=cwd, check=False)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def _main(*argv: str) -> str:
    return ("from pse_recon.cli import main\n"
            f"try:\n    main({list(argv)!r})\nexcept SystemExit:\n    pass")


@pytest.mark.parametrize("argv", [("--help",), ("--version",), ("--lang", "es", "--help")])
def test_help_and_version_import_none_of_the_library(argv: tuple[str, ...], tmp_path: Path) -> None:
    modules = imported(_main(*argv), tmp_path)
    assert "pse_recon.cli" in modules
    loaded = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert not loaded, loaded
    commands = {m for m in modules if m.startswith("pse_recon.cli.")} - {
        "pse_recon.cli.common", "pse_recon.cli.messages", "pse_recon.cli.escaping",
        "pse_recon.cli.style", "pse_recon.cli.outputs", "pse_recon.cli.about"}
    assert not commands, commands  # no command's module


def test_import_pse_recon_imports_its_api_on_first_use(tmp_path: Path) -> None:
    modules = imported("import pse_recon", tmp_path)
    assert not {m for m in modules if m.startswith("pse_recon.")}
    modules = imported("import pse_recon\npse_recon.Rules", tmp_path)
    assert "pse_recon.profiles" in modules and "pse_recon.validation" not in modules


def test_validate_imports_what_validation_needs_only(tmp_path: Path) -> None:
    modules = imported(_main("validate", str(EXAMPLE)), tmp_path)
    assert "pse_recon.validation" in modules
    for lazy in ("pse_recon.records", "pse_recon.compile.codec", "pse_recon.cli.show",
                 "pse_recon.cli.convert", "concurrent.futures", "hypothesis",
                 "tomllib", "gzip"):
        assert lazy not in modules, lazy


def test_the_lazy_api_is_the_whole_api() -> None:
    import pse_recon

    where = pse_recon._WHERE
    assert sorted(where) == sorted(pse_recon.__all__)
    for name in pse_recon.__all__:
        assert getattr(pse_recon, name) is getattr(sys.modules[where[name]], name)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        pse_recon.nope  # noqa: B018
    assert set(pse_recon.__all__) <= set(dir(pse_recon))
