"""The arguments ``read``, ``iter_records`` and ``validate`` share, checked one way.

Every entry point checks its arguments here, before any content is read, so that
the same bad argument raises the same ``ValueError`` from each (ADR 0011):

* ``format``: the name of one of :data:`pse_recon.FORMATS`, a
  :class:`~pse_recon.declaration.FileLayout` (a layout declared anywhere: it stands
  for its format as its name would, every width of it a candidate unless ``width``
  says which), or None to detect it;
* ``width``: one of the format's widths, or, when the format is detected, of some
  format's (detection then only considers the formats of that width);
* ``encoding``: a text encoding in which every byte is at most one character and
  the ASCII bytes are themselves (record types, digits, blanks and line ends are
  ASCII in every file of these formats): latin-1, cp1252, cp850, ASCII, UTF-8
  (a character of several bytes is then a finding, PR010, one byte a column).
  Not UTF-16 or UTF-32 (two or four bytes a character), not EBCDIC (``cp037``:
  its digits are not ASCII's), not codecs that are not text encodings (``rot13``,
  ``hex``, ``zlib`` …) nor stateful ones (``punycode``, ``utf-7``);
* ``lang``: one of :data:`pse_recon.rules.LANGUAGES`;
* ``max_findings`` (validation): None for no cap, or a non-negative int.
"""

from __future__ import annotations

import codecs
import functools

from pse_recon import layouts
from pse_recon.declaration import FileLayout
from pse_recon.rules import LANGUAGES

_ASCII = bytes(range(128))


def check_format(format: str | FileLayout | None, width: int | None) -> FileLayout | None:
    """The layout of ``format`` (a name or a layout) at ``width`` (None when the format is
    to be detected), or ValueError for an unknown format or a width it does not have."""
    if width is not None and (not isinstance(width, int) or isinstance(width, bool)):
        raise ValueError(f"width must be an int, not {type(width).__name__}")
    if format is None:
        widths = sorted({w for f in layouts.FORMATS.values() for w in f.widths})
        if width is not None and width not in widths:
            raise ValueError(
                f"no format is {width} columns wide (widths: {', '.join(map(str, widths))})"
            )
        return None
    if isinstance(format, FileLayout):
        fmt = format
    elif isinstance(format, str) and format in layouts.FORMATS:
        fmt = layouts.FORMATS[format]
    else:
        raise ValueError(f"unknown format {format!r}; use one of {', '.join(layouts.FORMATS)}")
    if width is not None and width not in fmt.widths:
        allowed = ", ".join(map(str, fmt.widths)) or "none: each record has its own"
        raise ValueError(f"{fmt.name} has no {width}-column variant (widths: {allowed})")
    return fmt.with_width(width) if width is not None else fmt


@functools.cache
def check_encoding(encoding: str) -> str:
    """``encoding``'s canonical name, or ValueError when it is not one the reader can
    use (see the module's docstring)."""
    if not isinstance(encoding, str):
        raise ValueError(f"encoding must be a str, not {type(encoding).__name__}")
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{encoding!r} is not a text encoding")
    try:
        ascii_ok = _ASCII.decode(info.name) == _ASCII.decode("ascii")
        each = all(len(bytes([b]).decode(info.name, "replace")) == 1 for b in range(256))
    except Exception:
        # Not a fast path: the encoding's probe, once per encoding (cached). A codec
        # registered with codecs.register is any callable, and may raise anything on
        # bytes it does not expect; that says it cannot be used here, which is what
        # the ValueError below tells the caller. A bug of ours cannot hide here: only
        # the codec's own decode runs inside.
        ascii_ok = each = False
    if not (ascii_ok and each):
        raise ValueError(
            f"encoding {encoding!r} cannot be used: the files' record types, digits, blanks "
            "and line ends are ASCII, one byte a column (use latin-1, cp1252, ascii or utf-8)"
        )
    return info.name


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return lang


def check_max_findings(max_findings: int | None) -> int | None:
    if max_findings is None:
        return None
    if not isinstance(max_findings, int) or isinstance(max_findings, bool):
        raise ValueError(f"max_findings must be an int or None, not {type(max_findings).__name__}")
    if max_findings < 0:
        raise ValueError("max_findings must not be negative")
    return max_findings


def check_arguments(
    format: str | FileLayout | None, width: int | None, encoding: str, lang: str
) -> tuple[FileLayout | None, str]:
    """Every shared argument checked: the layout (None to detect) and the encoding's
    canonical name."""
    fmt = check_format(format, width)
    name = check_encoding(encoding)
    check_lang(lang)
    return fmt, name
