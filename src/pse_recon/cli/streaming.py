"""One verdict in flat memory: a file validated and its records streamed, from one
opening, for the commands that use what a file holds (``show``, ``convert``,
``reconcile``).

:func:`stream_checked` holds no record. It makes three streaming passes over the
same opened input (rewound: a pipe or an unpacked member is spooled once, see
:mod:`.inputs`): ``validate`` for the report,
:func:`~pse_recon.codec.reader.check_readable` for ``read``'s verdict (its
``ReadError``, exit 4, with the same finding ``read`` would raise), then the records,
one at a time, for the caller to use as they come. So every command gives the
statuses and messages of ``read`` then ``validate``, at any size.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import attrs

from pse_recon.cli.common import EXIT_UNREADABLE, check_width, print_findings
from pse_recon.cli.inputs import Input, Refused, one, print_errors, refused
from pse_recon.codec.reader import check_readable
from pse_recon.declaration import FileLayout
from pse_recon.errors import ReadError
from pse_recon.records.base import Record
from pse_recon.validation.report import Report


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

    def records(self) -> Iterator[Record]:
        """Every record in file order, typed, from the start of the input (counted on a
        progress line when standard error is a terminal: :mod:`.progress`)."""
        import pse_recon
        from pse_recon.cli.messages import t
        from pse_recon.cli.progress import tracked

        records = pse_recon.iter_records(self._input.rewound(), self._format, width=self._width,
                                         lang=self._lang)
        return tracked(records, t("progress.records"))

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
    try:
        with one(argument, twice=True) as inp:
            report = pse_recon.validate(inp.rewound(), format, width=width, lang=lang)
            try:
                fmt, _ = check_readable(inp.rewound(), format, width=width, lang=lang)
            except ReadError as exc:
                print_findings(inp.name, exc.findings, sys.stderr)
                yield EXIT_UNREADABLE
                return
            yield Streamed(inp.name, inp.path, fmt, report, inp, format, width, lang)
    except Refused as exc:
        yield refused(exc)
