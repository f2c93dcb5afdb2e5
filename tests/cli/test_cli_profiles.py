"""The command line's rule selection: the options, the configuration file found from
the current folder upwards, their precedence, and the usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run
from pse_recon.config import find, load

# The example: its header's modificador_archivo is A, where PSE writes 0 (PR115 in pse).


@pytest.fixture(autouse=True)
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test runs in a folder of its own (no configuration file above it but its own)."""
    here = tmp_path / "project" / "sub"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    return here


def test_profile_option(run: Run, example: Path) -> None:
    assert run("validate", example).code == 0
    result = run("validate", "--profile", "pse", example)
    assert result.code == 1
    assert f"{example}:1:53: error: PR115 modificador_archivo:" in result.out
    assert run("validate", "--profile", "pse", "--ignore", "PR115", example).code == 0
    assert run("validate", "--profile", "pse", "--warn", "PR11", example).code == 0


def test_repeated_and_comma_lists(run: Run, example: Path) -> None:
    result = run("validate", "--profile", "manual", "--ignore", "PR115,PR116", "--ignore", "PR117",
                 example)
    assert result.code == 0, result.out


def test_configuration_found_upwards(run: Run, example: Path, elsewhere: Path) -> None:
    (elsewhere.parent / "pyproject.toml").write_text(
        '[tool.pse-recon]\nprofile = "pse"\n', "utf-8")
    assert find() == elsewhere.parent / "pyproject.toml"
    assert run("validate", example).code == 1  # the file's profile
    assert run("validate", "--profile", "default", example).code == 0  # the command line's
    assert run("validate", "--isolated", example).code == 0  # no file
    # a pse-recon.toml nearer wins, its keys at the top level
    (elsewhere / "pse-recon.toml").write_text('ignore = ["PR115"]\nprofile = "pse"\n', "utf-8")
    assert find() == elsewhere / "pse-recon.toml"
    assert run("validate", example).code == 0


def test_a_pyproject_without_the_table_is_not_a_configuration(elsewhere: Path) -> None:
    (elsewhere / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    assert find() is None
    assert load(None).rules().name == "default"


def test_declared_profile(run: Run, example: Path, elsewhere: Path) -> None:
    config = elsewhere / "checks.toml"
    config.write_text(
        '[tool.pse-recon.profiles.mine]\nbase = "pse"\nwarn = ["PR115"]\n', "utf-8")
    result = run("validate", "--config", config, "--profile", "mine", example)
    assert result.code == 0 and "warning: PR115" in result.out


@pytest.mark.parametrize(("text", "message"), [
    ('[tool.pse-recon]\nignore = ["PR9"]\n', "unknown rule code or prefix 'PR9'"),
    ('[tool.pse-recon]\nignores = ["PR1"]\n', "unknown key 'ignores'"),
    ('[tool.pse-recon]\nprofile = "nope"\n', "unknown profile 'nope'"),
    ('[tool.pse-recon]\nignore = 3\n', "ignore must be a list"),
    ('[tool.pse-recon\n', "checks.toml"),
])
def test_bad_configuration_is_a_usage_error(run: Run, example: Path, elsewhere: Path, text: str,
                                            message: str) -> None:
    (elsewhere / "checks.toml").write_text(text, "utf-8")
    result = run("validate", "--config", "checks.toml", example)
    assert result.code == 2 and message in result.err, result.err


def test_usage_errors(run: Run, example: Path) -> None:
    result = run("validate", "--strict", "--profile", "pse", example)
    assert result.code == 2 and "not both" in result.err
    assert run("validate", "--select", "XX1", example).code == 2
    assert run("validate", "--config", "missing.toml", example).code == 2


def test_rules_travel_to_worker_processes(run: Run, example: Path) -> None:
    one = run("validate", "--profile", "pse", example, example)
    two = run("validate", "--profile", "pse", "--jobs", "2", example, example)
    assert one == two and one.code == 1


def test_sarif_says_which_rules_a_profile_turns_on(run: Run, example: Path) -> None:
    """SARIF's rules carry the default configuration (a rule off by default: not
    enabled), each result the severity the profile gave it; the document stays valid."""
    import json

    from test_cli_reports import SARIF_SCHEMA, schema_check

    sarif = json.loads(run("validate", "--profile", "pse", "--output-format", "sarif", example).out)
    schema_check(sarif, SARIF_SCHEMA)
    run_ = sarif["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["PR115"]["defaultConfiguration"] == {"enabled": False}
    assert rules["PR106"]["defaultConfiguration"] == {"level": "error"}
    assert [(r["ruleId"], r["level"]) for r in run_["results"]] == [("PR115", "error")]
