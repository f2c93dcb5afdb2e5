"""CI integration, tested: the pre-commit hook (run with ``pre-commit try-repo`` when
pre-commit is installed), the composite GitHub Action (its validate step run with
bash), and the CI recipes of the docs (every YAML block parses, every ``pse-recon``
command in it parses with the real argument parser, every input it gives the action
exists)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from docs_support import markdown_blocks
from pse_recon.cli import build_parser
from pse_recon.cli.common import UsageError, rules_of
from pse_recon.profiles import PROFILES

yaml = pytest.importorskip("yaml", reason="pyyaml (test extra) parses the CI files")

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
EXAMPLE = ROOT / "examples" / "recaudo-2001.txt"
RECIPE_PAGES = [ROOT / "docs" / "ci.md", ROOT / "docs" / "guide.md"]
_SHELL = {">", ">>", "|", "||", "&&", ";", "2>&1"}


def _load(path: Path) -> Any:
    if not path.is_file():
        pytest.skip(f"{path.name} is not here (an unpacked sdist without it?)")
    return yaml.safe_load(path.read_text("utf-8"))


#: The keys whose values are shell commands: GitHub's steps, GitLab's jobs.
_SCRIPTS = {"run", "script", "before_script", "after_script"}


def _strings(value: Any, keys: set[str] | None = None, inside: bool = True) -> Iterator[str]:
    """Every string of ``value`` (only those under ``keys``, when given)."""
    if isinstance(value, str):
        if inside:
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, keys, inside or keys is None or key in keys)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, keys, inside)


def commands(value: Any) -> list[list[str]]:
    """The arguments of every ``pse-recon`` command in the scripts of ``value``."""
    found = []
    for text in _strings(value, _SCRIPTS, inside=False):
        for line in text.splitlines():
            words = shlex.split(line, comments=True) if "pse-recon" in line else []
            for i, word in enumerate(words):  # a command: first, or after an operator
                if word == "pse-recon" and (i == 0 or words[i - 1] in _SHELL):
                    argv = words[i + 1 :]
                    cut = next((j for j, w in enumerate(argv) if w in _SHELL), len(argv))
                    found.append(argv[:cut])
    return found


def check_parses(argv: list[str]) -> None:
    try:
        args = build_parser().parse_args(argv)
    except (UsageError, SystemExit) as exc:
        raise AssertionError(f"pse-recon {shlex.join(argv)}: {exc}") from None
    profile = getattr(args, "profile", None)
    assert profile is None or profile in PROFILES, f"no profile {profile!r}"
    if hasattr(args, "select"):  # the rule codes too, as a run checks them
        args.isolated = True
        try:
            rules_of(args)
        except UsageError as exc:
            raise AssertionError(f"pse-recon {shlex.join(argv)}: {exc}") from None


def recipes() -> list[Any]:
    return [yaml.safe_load(block) for page in RECIPE_PAGES for block in markdown_blocks(page, "yaml")]


# -- the docs' recipes -----------------------------------------------------------------
def test_every_recipe_parses_and_runs_pse_recon() -> None:
    found = recipes()
    assert len(found) >= 6
    for recipe in found:
        assert isinstance(recipe, dict)
        uses_action = any(s.startswith("pse-recon/pse-recon@") for s in _strings(recipe))
        hook = "pse-recon-validate" in _strings(recipe)
        assert commands(recipe) or uses_action or hook, recipe


def test_every_pse_recon_command_of_the_recipes_parses() -> None:
    argvs = [argv for recipe in recipes() for argv in commands(recipe)]
    assert len(argvs) >= 4
    for argv in argvs:
        check_parses(argv)


def _action_steps(recipe: Any) -> Iterator[dict[str, Any]]:
    for job in (recipe.get("jobs") or {}).values():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("pse-recon/pse-recon@"):
                yield step


def test_the_recipes_give_the_action_inputs_it_has() -> None:
    inputs = _load(ACTION)["inputs"]
    steps = [step for recipe in recipes() for step in _action_steps(recipe)]
    assert len(steps) >= 2
    for step in steps:
        given = step.get("with", {})
        assert set(given) <= set(inputs), set(given) - set(inputs)
        argv = ["validate", *shlex.split(given.get("args", "")), *shlex.split(given["paths"])]
        if given.get("profile"):
            argv += ["--profile", given["profile"]]
        if given.get("output-format"):
            argv += ["--output-format", given["output-format"]]
        check_parses(argv)


def test_the_pre_commit_recipe_names_the_hook_and_its_arguments_parse() -> None:
    hooks = {hook["id"]: hook for hook in _load(HOOKS)}
    configs = [r for r in recipes() if "repos" in r]
    assert configs
    for config in configs:
        for repo in config["repos"]:
            for hook in repo["hooks"]:
                entry = hooks[hook["id"]]["entry"].split()
                assert entry[0] == "pse-recon"
                check_parses([*entry[1:], *hook.get("args", []), "file.txt"])


# -- the hook and the action themselves ----------------------------------------------------
def test_the_hook_runs_pse_recon_validate() -> None:
    (hook,) = _load(HOOKS)
    assert hook["id"] == "pse-recon-validate" and hook["language"] == "python"
    check_parses([*hook["entry"].split()[1:], "file.txt"])


def test_the_action_is_a_composite_with_the_documented_inputs() -> None:
    action = _load(ACTION)
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "profile", "output-format", "output-file", "args",
                                     "python-version"}
    assert action["inputs"]["output-format"]["default"] == "github"
    assert all("shell" in step for step in action["runs"]["steps"] if "run" in step)


def _validate_step() -> dict[str, Any]:
    steps = _load(ACTION)["runs"]["steps"]
    return next(step for step in steps if step.get("id") == "validate")


def _run_step(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """The action's validate step, run by bash as GitHub runs it, with ``pse-recon`` the
    package under test."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "pse-recon"
    shim.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m pse_recon "$@"\n', "utf-8")
    shim.chmod(0o755)
    step = _validate_step()
    output = tmp_path / "github_output"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_OUTPUT": str(output), "LC_ALL": "C.UTF-8",
           "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    defaults = {name: str(spec.get("default", "")) for name, spec in _load(ACTION)["inputs"].items()}
    values = {**defaults, **inputs}
    for name, expression in step["env"].items():
        key = expression.removeprefix("${{ inputs.").removesuffix(" }}")
        env[name] = values[key]
    done = subprocess.run([bash, "-e", "-c", step["run"]], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False)
    return done, output.read_text("utf-8") if output.exists() else ""


def test_the_action_annotates_findings(tmp_path: Path) -> None:
    bad = tmp_path / "files" / "bad.txt"
    bad.parent.mkdir()
    lines = EXAMPLE.read_bytes().split(b"\n")
    lines[2] = lines[2][:60] + b"X" + lines[2][61:]
    bad.write_bytes(b"\n".join(lines))
    shutil.copy(EXAMPLE, tmp_path / "files" / "good.txt")
    done, output = _run_step(tmp_path, paths="files/*.txt")
    assert done.returncode == 1, done.stderr
    assert "::error file=files/bad.txt,line=3," in done.stdout
    assert "status=1" in output
    done, _ = _run_step(tmp_path, paths="files/good.txt", profile="pse")
    assert done.returncode == 1 and "title=PR115" in done.stdout  # modificador A
    done, output = _run_step(tmp_path, paths="files/good.txt", args="--ignore PR115",
                             profile="pse")
    assert done.returncode == 0 and "status=0" in output


def test_the_action_writes_sarif_to_a_file(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "good.txt")
    done, output = _run_step(tmp_path, paths="good.txt", profile="pse",
                             **{"output-format": "sarif", "output-file": "out.sarif"})
    assert done.returncode == 1 and done.stdout == "" and "status=1" in output
    import json

    sarif = json.loads((tmp_path / "out.sarif").read_text("utf-8"))
    assert sarif["version"] == "2.1.0"
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["PR115"]


def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """The hook as pre-commit installs and runs it from this repository (its working
    copy, uncommitted changes included), in a throwaway repository of bank files."""
    pre_commit = shutil.which("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit (test extra) is not installed")
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("try-repo needs git and this repository's git checkout (not an sdist)")
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PIP_CACHE_DIR":
           str(tmp_path / "pip"), "HOME": str(tmp_path), "LC_ALL": "C.UTF-8",
           "GIT_CONFIG_NOSYSTEM": "1", "PRE_COMMIT_COLOR": "never"}
    env.pop("PYTHONPATH", None)  # the hook's own environment installs the package
    subprocess.run([git, "init", "-q", str(work)], check=True, env=env)
    shutil.copy(EXAMPLE, work / "good.txt")
    lines = EXAMPLE.read_bytes().split(b"\n")
    lines[2] = lines[2][:60] + b"X" + lines[2][61:]
    (work / "bad.txt").write_bytes(b"\n".join(lines))
    subprocess.run([git, "add", "."], cwd=work, check=True, env=env)

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [pre_commit, "try-repo", str(ROOT), "pse-recon-validate", "--files", *files],
            cwd=work, env=env, capture_output=True, text=True, check=False, timeout=600)

    good = try_repo("good.txt")
    if good.returncode != 0 and "An unexpected error has occurred" in good.stdout + good.stderr:
        pytest.skip(f"pre-commit cannot install the hook here: {good.stdout[-500:]}")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "pse-recon validate" in good.stdout and "Passed" in good.stdout
    bad = try_repo("bad.txt", "good.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "bad.txt:3:" in bad.stdout and "PR101" in bad.stdout


def test_the_guides_shell_examples_parse() -> None:
    """Every ``pse-recon`` line of docs/guide.md's sh blocks (the options of rule
    selection among them) parses with the real argument parser."""
    argvs = commands({"run": "\n".join(markdown_blocks(ROOT / "docs" / "guide.md", "sh"))})
    assert any("--profile" in argv for argv in argvs)
    for argv in argvs:
        check_parses([("examples/recaudo-2001.txt" if word == "FILE" else word) for word in argv])
