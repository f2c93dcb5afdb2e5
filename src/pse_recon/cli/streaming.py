"""One verdict in flat memory: a file validated and its records streamed, from one
opening, for the commands that write what a file holds (``convert``).

:func:`read_checked` holds the whole file as records (``show`` and ``reconcile``
need it); :func:`stream_checked` holds none. It makes three streaming passes over
the same opened input (rewound, as ``read_checked`` rewinds it for its validation):
``validate`` for the report, :func:`~pse_recon.codec.reader.check_readable` for
``read``'s verdict (its ``ReadError``, exit 4, with the same finding ``read`` would
raise), then the records, one at a time, for the caller to write as they come. So
the statuses and messages are those of ``read_checked``, at any size.
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
    _format: str | None
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
def stream_checked(argument: str, format: str | None, width: int | None, lang: str
                   ) -> Iterator[Streamed | int]:
    """The file ``argument`` names, validated and found readable, open while the
    context lasts; or the exit status after saying why not on standard error (2 when
    it cannot be opened, 4 when it cannot be read into records), as
    :func:`~pse_recon.cli.inputs.read_checked` says it."""
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
