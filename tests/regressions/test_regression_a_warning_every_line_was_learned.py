"""Regression (issue 13, found while making PR108 a warning): a per-line warning was
reported on its first line only.

The fast paths learn the values the exact path found silent, and a catalog verdict
counted as silent whenever it was not an error: right for the rules reported once
(PR107 per value, PR110/PR111 per file), wrong for one reported on every line. With
PR108 (a PSE bank code not shaped 0000NNNN) turned into a warning, the second line of
the same bad code went the fast way unreported. A verdict reported every time is now
never learned.
"""

from __future__ import annotations

import pse_recon
from golden_files import golden
from pse_recon.validation import use_path


def test_pr108_is_reported_on_every_line_on_every_path() -> None:
    lines = golden("pse-detail.txt").split(b"\n")[:-1]
    f = pse_recon.layout("pse-detail")["2"].field("codigo_entidad")
    bad = lines[1][: f.start - 1] + b"10070000" + lines[1][f.end :]
    body = [bad] * 2100  # past two blocks of 1,024
    data = b"\n".join([lines[0], *body, *lines[-5:]]) + b"\n"
    expected = [("PR108", n, "codigo_entidad", "warning") for n in range(2, 2102)]
    for path in ("blocks", "lines", "exact"):
        with use_path(path):
            report = pse_recon.validate(data, max_findings=None, rules=pse_recon.Rules(ignore="PR3"))
        found = [(x.code, x.line, x.field, str(x.severity)) for x in report.findings]
        assert found == expected, path
