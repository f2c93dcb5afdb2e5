"""Validating many inputs, in the order given: in this process, or in ``--jobs N``
worker processes.

Each argument is expanded (:func:`~pse_recon.cli.inputs.expand`: directories, glob
patterns) and each file it names validated once, from one opening, into an
:class:`~pse_recon.cli.reports.Outcome`. With ``jobs`` above 1 the files are shared
out among that many processes, each file opened by the process that validates it, and
the outcomes come back in the order given (a file's outcome waits for those before
it), so the output is the same whatever the number of processes. Standard input
(``-``, ``-!member``) is read by this process, in its turn. Outcomes travel between
processes pickled: :class:`~pse_recon.validation.Report` and its findings are frozen
attrs classes, and :class:`~pse_recon.cli.inputs.Refused` reduces to its fields.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

import attrs

from pse_recon.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from pse_recon.cli.inputs import Input, Refused, each, expand, file_of, unpacking_failed
from pse_recon.cli.messages import reset_lang, set_lang
from pse_recon.cli.reports import Outcome
from pse_recon.declaration import FileLayout
from pse_recon.errors import ArchiveError


@attrs.frozen
class Check:
    """How to validate every input of a run: what a worker process needs to know."""

    format: str | FileLayout | None  # a --layout travels to the workers by value
    width: int | None
    strict: bool
    lang: str
    max_findings: int | None
    recursive: bool = False

    def outcomes(self, argument: str) -> Iterator[Outcome]:
        """The outcome of every input ``argument`` names, in order."""
        with each(argument, several=True, recursive=self.recursive) as items:
            for item in items:
                yield self.outcome(item)

    def outcome(self, item: Input | Refused) -> Outcome:
        """Validate one input (a file, a member of a zip) or say why it cannot be."""
        from pse_recon.validation import validate

        if isinstance(item, Refused):
            status = EXIT_FINDINGS if item.content else EXIT_USAGE
            return Outcome(item.name, _path_of(item.name), None, item.message, status)
        try:
            report = validate(
                item.stream, self.format, strict=self.strict, width=self.width, lang=self.lang,
                max_findings=self.max_findings,
            )
        except ArchiveError as exc:  # what only unpacking to the end reveals: a bad checksum …
            return Outcome(item.name, item.path, None, unpacking_failed(item.name, exc), EXIT_FINDINGS)
        return Outcome(item.name, item.path, report, None, EXIT_OK if report.valid else EXIT_FINDINGS)


def outcomes(check: Check, arguments: Sequence[str], jobs: int = 1) -> Iterator[Outcome]:
    """Every input's outcome, in the order given, from ``jobs`` processes."""
    if jobs <= 1:
        for argument in arguments:
            yield from check.outcomes(argument)
        return
    names = [name for argument in arguments for name in expand(argument, check.recursive)]
    with ProcessPoolExecutor(jobs) as pool:
        try:
            pending: list[Future[list[Outcome]] | None] = [
                None if isinstance(name, Refused) or _stdin(name) else pool.submit(_work, check, name)
                for name in names
            ]
            for name, future in zip(names, pending, strict=True):
                if future is not None:
                    yield from future.result()
                elif isinstance(name, Refused):
                    yield check.outcome(name)
                else:
                    yield from check.outcomes(name)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)


def _work(check: Check, name: str) -> list[Outcome]:
    """What a worker process does with one file: its messages in the run's language."""
    token = set_lang(check.lang)
    try:
        return list(check.outcomes(name))
    finally:
        reset_lang(token)


def _stdin(name: str) -> bool:
    return name == "-" or (name.startswith("-!") and not os.path.lexists(name))


def _path_of(name: str) -> str | None:
    """The file a refused input's name is about: ``archive.zip`` of ``archive.zip!m``."""
    if _stdin(name):
        return None
    return file_of(name)
