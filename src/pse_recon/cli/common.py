"""What the commands share: exit statuses, options, errors, values as JSON/CSV text, output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn

from pse_recon.cli.escaping import printable, printable_json
from pse_recon.cli.messages import LANGS, TEXTS, t, translate_argparse
from pse_recon.cli.style import PLAIN, Style

if TYPE_CHECKING:
    from decimal import Decimal

    from _typeshed import SupportsWrite

    from pse_recon.declaration import Field, FileLayout
    from pse_recon.findings import Finding
    from pse_recon.profiles import Rules
    from pse_recon.records.base import Record


def _formats() -> Mapping[str, FileLayout]:
    """The layouts, by name (imported when a command asks: ``--help`` does not)."""
    from pse_recon.layouts import FORMATS

    return FORMATS

PROG = "pse-recon"

#: Exit statuses, the same in every command: ``pse-recon --help`` lists them
#: (:data:`EXIT_STATUSES`, texts ``exit.N``), and so does docs/guide.md.
EXIT_OK = 0
EXIT_FINDINGS = 1  # a file has errors (validate: or cannot be read into records)
EXIT_USAGE = 2  # bad arguments, or a file that cannot be opened or written
EXIT_INTERNAL = 3  # a bug: an exception nobody expected
EXIT_UNREADABLE = 4  # a file cannot be read: into records, unpacked, as text, as CSV/JSON
EXIT_UNRECONCILED = 5  # reconcile: the payments do not match the expected ones
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
EXIT_STATUSES: Final = (
    EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL, EXIT_UNREADABLE, EXIT_UNRECONCILED,
    EXIT_INTERRUPTED, EXIT_BROKEN_PIPE,
)


class UsageError(Exception):
    """Bad arguments: print ``message``, a hint to ``--help`` and exit 2."""

    def __init__(self, message: str, prog: str = PROG) -> None:
        super().__init__(message)
        self.message = message
        self.prog = prog


# -- the parser ---------------------------------------------------------------------
class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with its headings and usage prefix in the current language."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, t("ap.usage") if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        key = f"ap.{heading}"
        super().start_section(t(key) if heading and key in TEXTS else heading)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        # paragraphs (blank-line separated) are filled one by one, not run together
        return "\n\n".join(super(HelpFormatter, self)._fill_text(p, width, indent)
                             for p in text.split("\n\n"))


class ArgumentParser(argparse.ArgumentParser):
    """Raises :class:`UsageError` instead of printing and exiting on a bad argument."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help=t("opt.help"))

    def error(self, message: str) -> NoReturn:
        raise UsageError(translate_argparse(message), self.prog)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse ignores a failure to write help: to a full or closed output it must fail
        if message:
            (file or sys.stderr).write(message)


def add_command(subparsers: Any, module: str) -> ArgumentParser:
    """The parser of the subcommand that the CLI module named ``module`` (its
    ``__name__``) implements: named after it, helped by its ``"<name>.help"`` text,
    run by its ``run``, with ``-h`` and ``--lang`` (also accepted before the
    command, hence no default here) in the CLI's languages."""
    name = module.rpartition(".")[2]
    help_text = t(f"{name}.help")
    parser: ArgumentParser = subparsers.add_parser(name, help=help_text, description=help_text)
    parser.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=t("opt.lang"))
    parser.set_defaults(command=sys.modules[module])
    return parser


def format_name(value: str) -> str:
    """argparse type of a format name: one of :data:`pse_recon.FORMATS`."""
    if value not in _formats():
        raise argparse.ArgumentTypeError(
            t("err.unknown_format", name=value, known=", ".join(_formats()))
        )
    return value


def positive_int(value: str) -> int:
    try:
        n = int(value, 10)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(t("err.positive", value=value))
    return n


def non_negative_int(value: str) -> int:
    try:
        n = int(value, 10)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(t("err.not_negative", value=value))
    return n


def add_format_options(parser: argparse.ArgumentParser, *, required: bool = False,
                       help: str | None = None) -> None:
    """``--format NAME`` or ``--layout SPEC`` (:mod:`.custom_layout`), and ``--width N``;
    both store ``args.format``, a name or a layout."""
    from pse_recon.cli.custom_layout import load_layout

    which = parser.add_mutually_exclusive_group(required=required)
    which.add_argument(
        "--format", type=format_name, metavar="NAME",
        help=help or t("opt.format", formats=", ".join(_formats())),
    )
    which.add_argument("--layout", type=load_layout, dest="format", metavar="SPEC",
                       help=t("opt.layout"))
    parser.add_argument("--width", type=positive_int, metavar="N", help=t("opt.width"))


# -- rule selection (pse_recon.profiles, pse_recon.config) ---------------------------
def add_rules_options(parser: argparse.ArgumentParser) -> None:
    """``--strict``, ``--profile``, ``--select``/``--ignore``/``--warn``/``--error``
    (comma lists, repeatable), ``--config PATH`` and ``--isolated``."""
    group = parser.add_argument_group(t("rules.options"))
    group.add_argument("--strict", action="store_true", help=t("validate.strict"))
    group.add_argument("--profile", metavar="NAME", help=t("opt.profile"))
    for key in ("select", "ignore", "warn", "error"):
        group.add_argument(f"--{key}", action="append", default=[], metavar="CODES",
                           help=t(f"opt.{key}"))
    group.add_argument("--config", metavar="PATH", help=t("opt.config"))
    group.add_argument("--isolated", action="store_true", help=t("opt.isolated"))


def rules_of(args: argparse.Namespace) -> Rules:
    """The :class:`~pse_recon.profiles.Rules` the options ask for, over the configuration
    file's (command line, then file, then profile, then defaults); UsageError if they
    cannot be used."""
    from pathlib import Path

    from pse_recon import config
    from pse_recon.errors import ConfigError
    from pse_recon.profiles import Selection

    if args.strict and args.profile:
        raise UsageError(t("err.strict_profile"))
    try:
        path = None if args.isolated else Path(args.config) if args.config else config.find()
        if path is not None and not path.is_file():
            raise ConfigError(f"{path}: no such file")
        selection = Selection(args.select, args.ignore, args.warn, args.error)
        return config.load(path).rules("strict" if args.strict else args.profile, selection)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def all_widths() -> list[int]:
    return sorted({w for fmt in _formats().values() for w in fmt.widths})


def check_width(format: str | FileLayout | None, width: int | None) -> None:
    """Raise UsageError unless ``width`` is one of ``format``'s widths (any format's,
    when the format is to be detected)."""
    if width is None:
        return
    if format is None:
        widths = all_widths()
        if width not in widths:
            raise UsageError(t("err.width_unknown", width=width, widths=", ".join(map(str, widths))))
        return
    fmt = _formats()[format] if isinstance(format, str) else format
    if not fmt.widths:
        raise UsageError(t("err.no_widths", format=fmt.name))
    if width not in fmt.widths:
        raise UsageError(
            t("err.bad_width", format=fmt.name, width=width, widths=", ".join(map(str, fmt.widths)))
        )


def layout_of(format: str | FileLayout, width: int | None) -> FileLayout:
    check_width(format, width)
    return (_formats()[format] if isinstance(format, str) else format).with_width(width)


# -- messages -------------------------------------------------------------------------
def error(message: str) -> None:
    """Print ``message`` as the command line's error on standard error, one line
    whatever file names or values it holds (:func:`~pse_recon.cli.escaping.printable`)."""
    print(t("err.prefix") + printable(message), file=sys.stderr)


def os_reason(exc: OSError) -> str:
    """Why a path cannot be used, in a few translated words."""
    if isinstance(exc, FileNotFoundError):
        return t("err.not_found")
    if isinstance(exc, IsADirectoryError):
        return t("err.is_directory")
    if isinstance(exc, PermissionError):
        return t("err.permission")
    return str(exc.strerror or exc)


def os_error_message(path: str, exc: OSError) -> str:
    """``PATH: reason``, one line."""
    return t("err.os", path=path, reason=os_reason(exc))


def finding_line(path: str, f: Finding, style: Style = PLAIN) -> str:
    """``FILE:LINE:COL: SEVERITY: CODE FIELD: message`` (``CODE: message`` without a field).

    COL is 0 when a finding concerns a whole line. Severity and code are not
    translated: scripts match on them. The field is named once: a message that opens
    with it (:func:`unnamed`) loses it here. A file name or message that holds a
    newline or another non-printable character is escaped, so it can neither fake a
    finding line nor reach the terminal raw; ``style`` colours the parts after that.
    """
    where = f"{f.code} {f.field}" if f.field else f.code
    place = style.place(f"{f.line}:{f.column}")
    return (
        f"{style.path(printable(path))}:{place}: {style.severity(f.severity)}: "
        f"{style.code(printable(where))}: {printable(unnamed(f))}"
    )


def unnamed(f: Finding) -> str:
    """The finding's message without the field name it opens with. The catalog's
    templates that name their field open with it (``{field} must hold digits only``),
    so that a line which names the field before the message need not repeat it; the
    message itself (JSON, SARIF, the API) stays a whole sentence."""
    from pse_recon.rules import RULES

    rule = RULES.get(f.code)
    opens = f"{f.field} "
    if f.field and rule is not None and rule.message.startswith("{field} ") \
            and f.message.startswith(opens):
        return f.message[len(opens):]
    return f.message


def print_findings(path: str, findings: Iterable[Finding], out: IO[str]) -> None:
    for f in findings:
        print(finding_line(path, f), file=out)


# -- values ---------------------------------------------------------------------------
def plain(f: Field, value: Any) -> Any:
    """A field value as JSON has it: its kind's rendering (money as an exact decimal
    string, dates ISO, times ``HH:MM[:SS]``, numbers as numbers, text as text)."""
    return f.kind.render(value)


def decimal_text(value: Decimal) -> str:
    """``Decimal`` as plain exact text (never exponent notation)."""
    return f"{value:f}"


def record_values(record: Record) -> dict[str, Any]:
    """The record's attribute fields by name, in column order, as :func:`plain` values."""
    return {f.name: plain(f, getattr(record, f.name)) for f in record.layout.attributes}


def dump_json(document: Any, out: IO[str]) -> None:
    """JSON, two-space indented, non-ASCII kept but what is not printable escaped
    (:func:`~pse_recon.cli.escaping.printable_json`), one trailing newline."""
    out.write(printable_json(json.dumps(document, indent=2, ensure_ascii=False)) + "\n")


# -- tables -----------------------------------------------------------------------------
def columns(rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    """Rows of cells aligned in columns (``right[i]``: right-align column i), every cell
    :func:`~pse_recon.cli.escaping.printable` (escaped before aligning)."""
    rows = [[printable(cell) for cell in row] for row in rows]
    widths = column_widths(rows, len(right))
    return [aligned(row, widths, right) for row in rows]


def column_widths(rows: Iterable[Sequence[str]], count: int) -> list[int]:
    """The width of each of the ``count`` columns of ``rows`` (cells already
    :func:`~pse_recon.cli.escaping.printable`), taken in one pass: a table too big to
    hold is measured, then printed by :func:`aligned` a row at a time."""
    widths = [0] * count
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    return widths


def aligned(row: Sequence[str], widths: Sequence[int], right: Sequence[bool]) -> str:
    """One row of :func:`columns`, its cells padded to ``widths``."""
    cells = [cell.rjust(w) if r else cell.ljust(w) for cell, w, r in zip(row, widths, right, strict=True)]
    return "  ".join(cells).rstrip()
