"""Print the source generated for a format: ``python -m pse_recon.compile FORMAT``.

    python -m pse_recon.compile asobancaria-2001 06          # the detail's decoder and encoder
    python -m pse_recon.compile asobancaria-2001 --scanner   # validation's line scanner
    python -m pse_recon.compile pse-detail 2 --crlf          # the decoder of CRLF lines

What is printed is what runs (the same text is in :mod:`linecache`, under the file
name a traceback shows).
"""

from __future__ import annotations

import argparse

from pse_recon.codec.options import check_format
from pse_recon.compile.codec import compile_record
from pse_recon.compile.plan import format_plan
from pse_recon.compile.scanner import scanner


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pse_recon.compile", description=__doc__.split("\n")[0])
    parser.add_argument("format")
    parser.add_argument("record", nargs="*", help="record types (default: every one)")
    parser.add_argument("--width", type=int)
    parser.add_argument("--crlf", action="store_true", help="for lines that end in CRLF")
    parser.add_argument("--scanner", action="store_true", help="the line scanner of the details")
    parser.add_argument("--ascii", action="store_true",
                        help="the scanner of an encoding whose lines must be ASCII (utf-8 …)")
    args = parser.parse_args(argv)
    try:
        fmt = check_format(args.format, args.width)
        if fmt is None:
            raise ValueError("a format is needed")
        newline = b"\r\n" if args.crlf else b"\n"
        if args.scanner:
            print(scanner(format_plan(fmt, args.ascii, newline)).source, end="")
            return 0
        for code in args.record or list(fmt.records):
            if code not in fmt.records:
                raise ValueError(f"{fmt.name} has no record {code!r}; records: {', '.join(fmt.records)}")
            compiled = compile_record(fmt, code, newline)
            print(f"# record {code} of {fmt.name} ({fmt.width} columns)")
            print(compiled.decoder_source)
            print(compiled.encoder_source)
    except ValueError as exc:
        parser.error(str(exc))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
