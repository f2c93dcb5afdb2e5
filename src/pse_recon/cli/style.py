"""Colours on a terminal, and only there.

``--color auto`` (the default) colours when standard output is a terminal whose
``TERM`` is not ``dumb``; the environment then decides as https://no-color.org and
https://force-color.org say, in CPython's order: ``NO_COLOR`` set to anything but
the empty string turns colours off, else ``FORCE_COLOR`` so set turns them on even
into a pipe (a CI log that shows colours). ``--color always`` and ``--color never``
override both. Colours are ANSI SGR sequences around text already made printable
(:func:`~pse_recon.cli.escaping.printable`), so a file can never inject its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Final

import attrs

from pse_recon.findings import Severity

CHOICES: Final = ("auto", "always", "never")

_BOLD, _RED, _GREEN, _YELLOW, _CYAN = "1", "31", "32", "33", "36"


def wanted(choice: str, out: IO[str], environ: Mapping[str, str]) -> bool:
    """Whether to colour ``out`` for ``--color choice``."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    try:
        terminal = out.isatty()
    except (AttributeError, ValueError, OSError):
        terminal = False
    return terminal and environ.get("TERM") != "dumb"


@attrs.frozen
class Style:
    """How to colour each part of a line; :data:`PLAIN` leaves text as it is."""

    color: bool = False

    def paint(self, text: str, *codes: str) -> str:
        if not self.color or not text:
            return text
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"

    def path(self, text: str) -> str:
        return self.paint(text, _BOLD)

    def place(self, text: str) -> str:
        return self.paint(text, _CYAN)

    def severity(self, severity: Severity, text: str | None = None) -> str:
        colour = _RED if severity is Severity.ERROR else _YELLOW
        return self.paint(str(severity) if text is None else text, _BOLD, colour)

    def code(self, text: str) -> str:
        return self.paint(text, _BOLD)

    def verdict(self, valid: bool, text: str) -> str:
        return self.paint(text, _GREEN if valid else _RED)

    def strong(self, text: str) -> str:
        return self.paint(text, _BOLD)


PLAIN: Final = Style()
