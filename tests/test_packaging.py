"""The package is ready to publish: metadata, licence, changelog, links that work on a
package index page, and a source distribution whose own tests can run.

``.ci/run`` also builds the distributions, checks them with ``twine check --strict``
and runs the test suite inside the unpacked sdist; this module checks what can be
checked from the checkout.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

import pse_recon

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
PROJECT = PYPROJECT["project"]
REPOSITORY = PROJECT["urls"]["Repository"]
#: The folders the test suite reads besides the package itself.
SUITE_FOLDERS = ("tests", "docs", "examples", "benchmarks")


def test_metadata_is_complete() -> None:
    for key in ("description", "readme", "license", "authors", "keywords", "classifiers", "urls"):
        assert PROJECT.get(key), f"pyproject.toml [project] lacks {key}"
    assert set(PROJECT["urls"]) >= {"Homepage", "Documentation", "Repository", "Issues", "Changelog"}
    assert PROJECT["requires-python"] == ">=3.11"
    assert "Programming Language :: Python :: 3.11" in PROJECT["classifiers"]


def test_the_version_has_one_source() -> None:
    assert PROJECT["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "pse_recon.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", pse_recon.__version__)


def test_licence_and_changelog_are_there() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text("utf-8").startswith("MIT License")
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert "## [Unreleased]" in changelog
    assert f"## [{pse_recon.__version__}]" in changelog


def _links(markdown: str) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)\)", markdown)


def test_readme_links_are_absolute_and_resolve_in_the_repository() -> None:
    """A package index shows the README without the repository around it: relative
    links break there. Every link points into the repository, at a file it has."""
    links = _links((ROOT / "README.md").read_text("utf-8"))
    assert links, "the README links its docs"
    prefix = f"{REPOSITORY}/blob/main/"
    for link in links:
        assert link.startswith(("https://", "http://")), f"relative link in README: {link}"
        if link.startswith(prefix):
            path = link.removeprefix(prefix).split("#")[0]
            assert (ROOT / path).exists(), f"README links {link}, but {path} is not in the repository"


def _tracked(folder: str) -> set[str]:
    """Files of ``folder`` the repository tracks (every file when git cannot say)."""
    done = subprocess.run(
        ["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode == 0 and done.stdout.strip():
        return set(done.stdout.split())
    return {
        str(p.relative_to(ROOT))
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and "out" not in p.parts
    }


def test_the_sdist_carries_the_test_suite(tmp_path: Path) -> None:
    pytest.importorskip("build", reason="the 'build' package (test extra) builds the sdist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    wanted = {"LICENSE", "CHANGELOG.md", "README.md", "pyproject.toml"}
    for folder in SUITE_FOLDERS:
        wanted |= _tracked(folder)
    missing = sorted(wanted - names)
    assert not missing, f"the sdist lacks {missing}"
    assert not [n for n in names if "__pycache__" in n or n.startswith("benchmarks/out/")]
