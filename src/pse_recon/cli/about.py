"""Where the project and its documentation live, for help texts and reports.

Read from the installed package's metadata (``[project.urls]`` of pyproject.toml), so
that a fork that changes them there changes them everywhere; :data:`FALLBACK` (the
same values, checked by the tests) serves a source tree run without installing.
The metadata is read only when asked for: importing it costs more than ``--help``
should.
"""

from __future__ import annotations

import functools
from typing import Final

#: ``[project.urls]`` of pyproject.toml, for when the package metadata is not there.
FALLBACK: Final = {
    "Homepage": "https://github.com/pse-recon/pse-recon",
    "Documentation": "https://github.com/pse-recon/pse-recon/blob/main/docs/index.md",
}


@functools.cache
def urls() -> dict[str, str]:
    """``label → URL`` of the package's project URLs."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        entries = metadata("pse-recon").get_all("Project-URL") or []
    except PackageNotFoundError:
        entries = []
    found = dict(FALLBACK)
    for entry in entries:
        label, _, url = entry.partition(",")
        found[label.strip()] = url.strip()
    return found


def homepage() -> str:
    return urls()["Homepage"]


def docs_url(page: str = "index.md") -> str:
    """The URL of ``page`` (a path under docs/) on the repository."""
    index = urls()["Documentation"]
    return f"{index.rpartition('/')[0]}/{page}"


def rule_url(code: str) -> str:
    """The URL of rule ``code``'s section of docs/rules.md."""
    return f"{docs_url('rules.md')}#{code.lower()}"
