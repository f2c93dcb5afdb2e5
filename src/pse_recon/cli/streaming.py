"""One verdict in flat memory: a file validated and its records streamed, from one
opening, for the commands that use what a file holds (``show``, ``convert``,
``reconcile``).

:func:`stream_checked` holds no record. It makes three streaming passes over the
same opened input (rewound: a pipe or an unpacked member is spooled once, see
:mod:`.inputs`): ``validate`` for the report,
:func:`~pse_recon.codec.reader.check_readable` for ``read``'s verdict (its
``ReadError``, exit 4, with the same finding ``read`` would raise), then the records,
one at a time, for the caller to use as they come. So every command gives the
statuses and messages of ``read`` then ``validate``, at any size. On a terminal, one
progress line (:mod:`.progress`) follows the three passes, and :attr:`Streamed.progress`
carries it on for what the command does next.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import attrs

from pse_recon.cli.common import EXIT_UNREADABLE, check_width, print_findings
from pse_recon.cli.inputs import Input, Refused, one, print_errors, refused
from pse_recon.cli.messages import TEXTS, t
from pse_recon.cli.progress import Line
from pse_recon.codec.reader import check_readable
from pse_recon.declaration import FileLayout
from pse_recon.errors import ReadError
from pse_recon.records.base import Record
from pse_recon.validation.report import Report

TEXTS.update({
    "progress.validating": {"en": "pass 1/3, validating", "es": "pasada 1/3, validando"},
    "progress.checking": {"en": "pass 2/3, checking", "es": "pasada 2/3, comprobando"},
    "progress.reading": {"en": "pass 3/3, reading", "es": "pasada 3/3, leyendo"},
})


@attrs.frozen
class Streamed:
    """A readable file, validated, whose records :meth:`records` streams."""

    name: str
    path: str | None
    layout: FileLayout
    report: Report
    _input: Input
    _format: str | FileLayout | None
    _width: int | None
    _lang: str
    #: The command's progress line (:mod:`.progress`), for what it does next.
    progress: Line

    def records(self) -> Iterator[Record]:
        """Every record in file order, typed, from the start of the input (the third
        pass of the :attr:`progress` line, on a terminal)."""
        import pse_recon

        stream = self._input.rewound()
        with self.progress.watched(stream, t("progress.reading"), self._input.start):
            yield from pse_recon.iter_records(stream, self._format, width=self._width, lang=self._lang)

    def print_errors(self) -> None:
        print_errors(self.name, self.report)


@contextlib.contextmanager
def stream_checked(argument: str, format: str | FileLayout | None, width: int | None, lang: str
                   ) -> Iterator[Streamed | int]:
    """The file ``argument`` names, validated and found readable, open while the
    context lasts; or the exit status after saying why not on standard error (2 when
    it cannot be opened or names a zip of several files, 4 when it cannot be read into
    records: with the findings that stop reading, in ``validate``'s format)."""
    import pse_recon

    check_width(format, width)
    line = Line()
    try:
        with one(argument, twice=True) as inp:
            with line.watched(inp.rewound(), t("progress.validating"), inp.start):
                report = pse_recon.validate(inp.stream, format, width=width, lang=lang)
            try:
                with line.watched(inp.rewound(), t("progress.checking"), inp.start):
                    fmt, _ = check_readable(inp.stream, format, width=width, lang=lang)
            except ReadError as exc:
                print_findings(inp.name, exc.findings, sys.stderr)
                yield EXIT_UNREADABLE
                return
            yield Streamed(inp.name, inp.path, fmt, report, inp, format, width, lang, line)
    except Refused as exc:
        yield refused(exc)
