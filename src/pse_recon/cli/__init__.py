"""The ``pse-recon`` command line.

One module per command; each exposes ``register(subparsers)`` (adds its
subparser, setting ``command=<module>``) and ``run(args, out) -> int`` (does the work,
writes results to ``out`` and problems to standard error, returns the exit status).
Add a command by writing such a module and listing it in :data:`COMMANDS`; its
texts go to :mod:`pse_recon.cli.messages`.

Exit statuses (:data:`~pse_recon.cli.common.EXIT_STATUSES`, the same in every
command, listed by ``--help`` and docs/guide.md): 0 ok; 1 a file has errors; 2 bad
arguments, or a file that cannot be opened or written (standard output too: closed,
full); 3 an internal error (a bug: one line on standard error, never a traceback);
4 a file cannot be read (into records, unpacked, as text); 5 payments do not
reconcile; 130 interrupted; 141 standard output's reader went away (a broken pipe).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from types import ModuleType

from pse_recon.cli import convert, describe, explain, generate, reconcile, rules, show, validate
from pse_recon.cli.common import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_STATUSES,
    EXIT_USAGE,
    PROG,
    ArgumentParser,
    UsageError,
    error,
    os_error_message,
)
from pse_recon.cli.messages import LANGS, choose_lang, reset_lang, set_lang, t
from pse_recon.cli.outputs import StandardOutputError, cannot_write, discard_stdout, standard_streams
from pse_recon.errors import PseReconError

#: The commands, in the order ``--help`` lists them.
COMMANDS: list[ModuleType] = [validate, show, describe, convert, generate, reconcile, rules, explain]


class _Program(ArgumentParser):
    """The top parser: its epilog (where the docs are, the exit statuses) is made when
    help is printed, the package metadata that says where the docs are read only then."""

    def format_help(self) -> str:
        from pse_recon.cli.about import docs_url

        statuses = "; ".join(t(f"exit.{status}") for status in EXIT_STATUSES)
        self.epilog = "\n\n".join(
            [t("prog.docs", url=docs_url()), t("prog.epilog", statuses=statuses)]
        )
        return super().format_help()


def build_parser() -> ArgumentParser:
    """The whole parser, its texts in the current language."""
    from pse_recon import __version__

    parser = _Program(prog=PROG, description=t("prog.description"))
    parser.add_argument(
        "-V", "--version", action="version", version=f"{PROG} {__version__}", help=t("opt.version")
    )
    parser.add_argument("--lang", choices=LANGS, help=t("opt.lang"))
    subparsers = parser.add_subparsers(
        title=t("commands"), dest="command_name", metavar="COMMAND", required=True,
        parser_class=ArgumentParser,
    )
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (``sys.argv[1:]`` by default); return the exit
    status. Never raises, never prints a traceback."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = choose_lang(args_list, os.environ)
    token = set_lang(lang)
    try:
        with standard_streams():
            return _main(args_list, lang)
    finally:
        reset_lang(token)


def _main(argv: list[str], lang: str) -> int:
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help and --version
            status = exc.code if isinstance(exc.code, int) else 0
        else:
            args.lang = lang
            try:
                status = args.command.run(args, sys.stdout)
            except UsageError as exc:
                exc.prog = f"{PROG} {args.command_name}"
                raise
        sys.stdout.flush()  # what is written but not yet out fails here, not unseen at exit
        return status
    except UsageError as exc:
        error(exc.message)
        print(t("err.try_help", prog=exc.prog), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        discard_stdout()
        return EXIT_BROKEN_PIPE
    except StandardOutputError as exc:
        discard_stdout()
        error(cannot_write(t("output.stdout"), exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        error(t("err.interrupted"))
        return EXIT_INTERRUPTED
    except OSError as exc:
        error(os_error_message(os.fsdecode(exc.filename), exc) if exc.filename else str(exc))
        return EXIT_USAGE
    except (PseReconError, ValueError) as exc:
        error(t("err.value", message=exc))
        return EXIT_USAGE
    except Exception as exc:
        error(t("err.internal", kind=type(exc).__name__, message=exc))
        return EXIT_INTERNAL


__all__ = ["COMMANDS", "build_parser", "main"]
