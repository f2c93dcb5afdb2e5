"""Fenced code blocks of the project's Markdown pages, for the tests that run them."""

from __future__ import annotations

import re
from pathlib import Path


def markdown_blocks(page: Path, language: str) -> list[str]:
    """The page's ``language`` blocks; Python ones padded with blank lines so that
    their line numbers are the page's (tracebacks and hypothesis point at the page)."""
    text = page.read_text("utf-8")
    found = []
    for m in re.finditer(rf"```{language}\n(.*?)\n```", text, re.S):
        pad = "\n" * text.count("\n", 0, m.start(1)) if language == "python" else ""
        found.append(pad + m[1])
    return found


def block_id(code: str) -> str:
    """A padded Python block's test id: the page line it starts on."""
    return f"line {len(code) - len(code.lstrip(chr(10)))}"
