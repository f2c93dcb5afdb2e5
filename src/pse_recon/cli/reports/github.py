"""``--output-format github``: GitHub Actions workflow commands, which the runner turns
into annotations on the files of a pull request.

One command a finding, ``::error file=F,line=L,col=C,endColumn=E,title=PR301::message``
(``::warning`` for a warning; no ``col``/``endColumn`` for a finding about a whole line,
column 0; columns 1-based and inclusive, as the finding's), one a file that cannot be
read (``title=pse-recon``, no line), then the closing line of the text format, which
the log shows as is. Findings left out by ``--max-findings`` are counted in a
``::notice``. A zip member is annotated on its archive (``file=`` must name a
file of the repository) and its message names the member; standard input has no
``file=``.

Escaping is GitHub's own (actions/toolkit's ``escapeData`` and ``escapeProperty``):
``%``, CR and LF as ``%25``, ``%0D``, ``%0A`` in the message, and ``:`` and ``,`` too
(``%3A``, ``%2C``) in properties. Any other character that is not printable is then
escaped for display (:func:`~pse_recon.cli.escaping.printable`), so a bank file can
neither end a command early, nor start one of its own, nor reach the log raw.
"""

from __future__ import annotations

from typing import IO, Any

from pse_recon.cli.escaping import printable
from pse_recon.cli.messages import t
from pse_recon.cli.reports import Outcome, Totals, ordered
from pse_recon.cli.reports import Renderer as Base
from pse_recon.cli.reports.text import Renderer as Text

_DATA = {"%": "%25", "\r": "%0D", "\n": "%0A"}
_PROPERTY = {**_DATA, ":": "%3A", ",": "%2C"}


def data(text: str) -> str:
    """A command's message, escaped."""
    return printable("".join(_DATA.get(c, c) for c in text))


def prop(text: str) -> str:
    """A property's value, escaped."""
    return printable("".join(_PROPERTY.get(c, c) for c in text))


def command(kind: str, message: str, **properties: str | int | None) -> str:
    """``::kind name=value,…::message``, the properties that are not None."""
    given = ",".join(f"{k}={prop(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{kind} {given}::{data(message)}" if given else f"::{kind}::{data(message)}"


class Renderer(Base):
    def __init__(self, out: IO[str], **options: Any) -> None:
        super().__init__(out)
        self.closing = Text(out)

    def add(self, outcome: Outcome) -> None:
        member = outcome.path is not None and outcome.name != outcome.path
        prefix = f"{outcome.name}: " if member else ""
        if outcome.report is None:
            print(command("error", outcome.problem or "", file=outcome.path, title="pse-recon"),
                  file=self.out)
            return
        for f in ordered(outcome.report.findings):
            whole = f.column == 0
            print(command(str(f.severity), prefix + f.message, file=outcome.path, line=f.line,
                          col=None if whole else f.column,
                          endColumn=None if whole else f.end_column or None, title=f.code),
                  file=self.out)
        if outcome.report.left_out:
            print(command("notice", t("report.left_out", path=outcome.name,
                                      n=outcome.report.left_out), file=outcome.path,
                          title="pse-recon"), file=self.out)

    def close(self, totals: Totals) -> None:
        self.closing.close(totals)
