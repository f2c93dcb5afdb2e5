"""What the command line does to text from a file, or a file's name, before a terminal
or a spreadsheet sees it.

A bank file is untrusted input, and so is a file name. Printed raw, an ESC in a field
(``\\x1b[2J``) clears the user's screen, and a name holding a newline fakes a finding
line; opened in a spreadsheet, a CSV cell ``=HYPERLINK(…)`` is run as a formula.

- :func:`printable`: every text line the command line prints goes through it. A
  character that is not printable (``str.isprintable``: controls, DEL, C1 controls,
  format characters such as bidirectional overrides, line separators, lone
  surrogates) is written as a Python escape: ``\\x1b``, ``\\t``, ``\\u202e``; a byte of
  a file name that does not decode (a surrogate of ``surrogateescape``) as that byte,
  ``\\xe9``. For display only: it is not meant to be reversed.
- :func:`printable_json`: the same characters in JSON text as ``\\uXXXX`` escapes
  (``json`` escapes only C0 controls), so the document stays valid JSON with the same
  values.
- :func:`spreadsheet_safe`: OWASP's guidance on CSV injection, a cell that starts
  with ``=``, ``+``, ``-``, ``@``, tab or carriage return (and NUL, as OWASP's ASVS
  adds) gets a leading ``'``, which spreadsheets read as "this is text".
"""

from __future__ import annotations

from typing import Final

_SHORT: Final = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "\0")


def printable(text: str) -> str:
    """``text`` with every character that is not printable written as an escape."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(c: str) -> str:
    short = _SHORT.get(c)
    if short is not None:
        return short
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable_json(text: str) -> str:
    """JSON ``text`` with every character that is not printable (but the newlines of
    its indentation: inside strings ``json`` already writes ``\\n``) as ``\\uXXXX``."""
    if text.replace("\n", "").isprintable():
        return text
    return "".join(c if c == "\n" or c.isprintable() else _json_escape(c) for c in text)


def _json_escape(c: str) -> str:
    code = ord(c)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP: a surrogate pair, as JSON writes it
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def spreadsheet_safe(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would take it for a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
