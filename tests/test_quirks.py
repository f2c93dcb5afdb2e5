"""Every producer quirk of docs/quirks.md, read: once per file in ``File.findings``
(validate's own findings of it), values unchanged, bytes given back, the manual's
form on request, and an error that stops reading when strict (ADR 0010)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import pse_recon
from golden_files import golden

G = golden("asobancaria-2001-162.txt")
LINES = G.splitlines(keepends=True)

QUIRKS: dict[str, tuple[Callable[[], bytes], str, int]] = {
    "crlf": (lambda: G.replace(b"\n", b"\r\n"), "PR006", 1),
    "no final line end": (lambda: G[:-1], "PR007", 10),
    "bom": (lambda: b"\xef\xbb\xbf" + G, "PR011", 1),
    "trailing empty lines": (lambda: G + b"\n\r\n", "PR012", 11),
    "eof byte": (lambda: G + b"\x1a", "PR013", 11),
    "eof byte on the last line": (lambda: G[:-1] + b"\x1a", "PR007", 10),
    "cr": (lambda: G.replace(b"\n", b"\r"), "PR014", 1),
    "cr cr lf": (lambda: G.replace(b"\n", b"\r\r\n"), "PR015", 1),
    "padded": (lambda: b"".join(ln[:-1] + b"   \n" for ln in LINES), "PR016", 1),
}


@pytest.mark.parametrize("name", sorted(QUIRKS))
def test_a_quirk_is_read_kept_and_reported_once(name: str) -> None:
    make, code, line = QUIRKS[name]
    data = make()
    f = pse_recon.read(data)
    assert f == pse_recon.read(G)  # the same values
    assert (f.findings[0].code, f.findings[0].line) == (code, line)
    assert len([x for x in f.findings if x.code == code]) == 1
    assert f.findings == pse_recon.validate(data).findings
    assert pse_recon.dumps(f) == data
    assert pse_recon.dumps(f, canonical=True) == G
    with pytest.raises(pse_recon.ReadError) as info:
        pse_recon.read(data, strict=True, lang="es")
    assert info.value.findings[0] == pse_recon.validate(data, strict=True, lang="es").findings[0]


def test_a_trimmed_file_is_detected_at_the_standard_width() -> None:
    # Issue 10: header 55 columns, details 97 (a 000 return cause), controls 29-33.
    data = b"".join(ln.rstrip(b"\n").rstrip(b" ").replace(b"0000002   ", b"0000002000") + b"\n"
                    for ln in LINES)
    trimmed = [ln.rstrip(b" ") for ln in data.split(b"\n")[:-1]]
    data = b"\n".join(trimmed) + b"\n"
    f = pse_recon.read(data)
    assert (f.format, f.width) == ("asobancaria-2001", 162)
    assert pse_recon.validate(data).format == "asobancaria-2001"
