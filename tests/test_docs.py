"""The docs stay true: generated pages match the code, guide examples run, links resolve.

* ``docs/formats/``, ``docs/rules.md`` and ``docs/catalogs.md`` are regenerated in
  memory by :mod:`pse_recon.reference`; a committed page that differs fails, naming
  the command that fixes it.
* Every ```` ```python ```` block of ``docs/guide.md`` runs, from a copy of the
  repository's ``examples/``. A block preceded by ``<!-- requires: dotted.name -->``
  is skipped while that name does not exist (an API being written), and runs once it
  does.
"""

from __future__ import annotations

import difflib
import importlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from docs_support import markdown_blocks
from pse_recon import catalogs, reference
from pse_recon.layouts import FORMATS
from pse_recon.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GUIDE = DOCS / "guide.md"

#: Pages other engineers write; links to them may dangle until they land.
PENDING_PAGES: set[str] = set()  # pages linked before they are written
#: Decision numbers given to records other engineers write: a gap until they land.
PENDING_DECISIONS: set[int] = set()


# -- generated reference pages ---------------------------------------------------------
def test_generated_pages_are_up_to_date() -> None:
    out_of_date = reference.stale(DOCS)
    if not out_of_date:
        return
    first = out_of_date[0].split(" ")[0]
    committed = (DOCS / first).read_text("utf-8").splitlines() if (DOCS / first).is_file() else []
    generated = reference.pages().get(first, "").splitlines()
    diff = "\n".join(
        list(difflib.unified_diff(committed, generated, f"docs/{first}", "generated", lineterm=""))[:40]
    )
    pytest.fail(
        "The generated docs differ from the code: "
        + ", ".join(f"docs/{name}" for name in out_of_date)
        + f".\nRun `{reference.COMMAND}` from the repository root and commit docs/.\n\n{diff}",
        pytrace=False,
    )


def test_generation_is_deterministic() -> None:
    assert reference.pages() == reference.pages()


def test_regenerate_command_writes_checks_and_removes_orphans(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    assert reference.main(["--docs", str(docs), "--check"]) == 1
    assert reference.main(["--docs", str(docs)]) == 0
    assert reference.main(["--docs", str(docs), "--check"]) == 0
    assert {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} == set(reference.pages())
    orphan = docs / "formats" / "gone.md"
    orphan.write_text(reference.BANNER + "\n", "utf-8")
    hand_written = docs / "formats" / "notes.md"
    hand_written.write_text("mine\n", "utf-8")
    assert reference.stale(docs) == ["formats/gone.md (no longer generated)"]
    reference.main(["--docs", str(docs)])
    assert not orphan.exists() and hand_written.exists()


def test_every_format_and_rule_is_in_the_reference() -> None:
    pages = reference.pages()
    for name in FORMATS:
        assert f"formats/{name}.md" in pages
    for code in RULES:
        assert f"`{code}`" in pages["rules.md"]


def test_the_catalog_registry_is_exactly_what_the_layouts_name() -> None:
    used = {f.catalog for fmt in FORMATS.values() for rec in fmt for f in rec.fields} - {None}
    assert set(catalogs.CATALOGS) == used, "pse_recon.catalogs.CATALOGS and the layouts disagree"


# -- runnable examples of the guide ---------------------------------------------------
_BLOCK = re.compile(
    r"(?:<!--\s*requires:\s*(?P<requires>[\w.]+)\s*-->\n)?```python\n(?P<code>.*?)\n```", re.S
)


#: The pages whose Python blocks run, as users would run them.
RUNNABLE = (GUIDE, DOCS / "custom-layouts.md")


def guide_blocks(page: Path = GUIDE) -> list[Any]:
    text = page.read_text("utf-8")
    params = []
    for m in _BLOCK.finditer(text):
        line = text.count("\n", 0, m.start("code")) + 1
        # at its own lines, so that tracebacks (and hypothesis, reading a test's
        # source through inspect) find the code where it is in the page
        code = "\n" * (line - 1) + m["code"]
        params.append(pytest.param(code, m["requires"], page, id=f"{page.name}:{line}"))
    return params


def _exists(dotted: str) -> bool:
    module, _, attr = dotted.rpartition(".")
    try:
        return hasattr(importlib.import_module(module), attr)
    except ImportError:
        return False


@pytest.mark.parametrize(("code", "requires", "page"), [b for p in RUNNABLE for b in guide_blocks(p)])
def test_guide_example_runs(
    code: str, requires: str | None, page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if requires is not None and not _exists(requires):
        pytest.skip(f"needs {requires}, not written yet")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, str(page), "exec"), {"__name__": "guide_example"})


def test_guide_has_runnable_examples() -> None:
    assert len(guide_blocks()) >= 8


def test_guide_yaml_blocks_parse() -> None:
    yaml = pytest.importorskip("yaml")
    blocks = markdown_blocks(GUIDE, "yaml")
    assert len(blocks) == 2  # GitHub Actions and GitLab CI
    for block in blocks:
        assert isinstance(yaml.safe_load(block), dict)
        assert "pse-recon validate" in block and "--strict --json" in block


# -- decision records and links ---------------------------------------------------------
def decision_records() -> list[Path]:
    return sorted((DOCS / "decisions").glob("[0-9][0-9][0-9][0-9]-*.md"))


def test_decision_records_are_numbered_and_complete() -> None:
    records = decision_records()
    numbers = [int(p.name[:4]) for p in records]
    assert numbers == [
        i for i in range(1, numbers[-1] + 1) if i in numbers or i not in PENDING_DECISIONS
    ]
    for path in records:
        text = path.read_text("utf-8")
        assert text.startswith(f"# {int(path.name[:4])}. "), path.name
        for section in ("## Context", "## Decision", "## Consequences"):
            assert section in text, f"{path.name} lacks {section}"


def test_index_maps_every_page() -> None:
    index = (DOCS / "index.md").read_text("utf-8")
    own = [*decision_records(), GUIDE, DOCS / "rules.md", DOCS / "catalogs.md", DOCS / "formats" / "index.md"]
    own += [DOCS / f"formats/{name}.md" for name in FORMATS]
    for path in own:
        assert f"({path.relative_to(DOCS).as_posix()}" in index, f"index.md does not link {path.name}"


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {_slug(h) for h in re.findall(r"^#+ (.*)$", path.read_text("utf-8"), re.M)}


def test_relative_links_resolve() -> None:
    broken = []
    for page in sorted(DOCS.rglob("*.md")):
        text = re.sub(r"```.*?```", "", page.read_text("utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            resolved = (page.parent / file).resolve() if file else page
            if not resolved.exists():
                if resolved.name not in PENDING_PAGES:
                    broken.append(f"{page.relative_to(DOCS)}: {target}")
            elif anchor and resolved.is_file() and anchor not in _anchors(resolved):
                broken.append(f"{page.relative_to(DOCS)}: {target} (no such heading)")
    assert not broken, "broken links:\n" + "\n".join(broken)
