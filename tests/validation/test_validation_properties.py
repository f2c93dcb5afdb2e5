"""Properties over generated files (pse_recon.testing strategies, built by
pse_recon.build): every well-formed file is valid without a finding and its summary
is what the file object says; no input, however mangled, makes validate raise (but
compressed data that cannot be unpacked, refused as ArchiveError by read too)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pse_recon
from pse_recon.codec.sources import signature
from pse_recon.records import LotFile
from pse_recon.testing import files

SHAPES = [(name, w) for name, f in pse_recon.FORMATS.items() for w in (f.widths or (None,))]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(("name", "width"), SHAPES)
@SETTINGS
@given(data=st.data())
def test_generated_files_are_valid_without_findings(
    name: str, width: int | None, data: st.DataObject
) -> None:
    f = data.draw(files(name, width))
    raw = pse_recon.dumps(f)
    report = pse_recon.validate(raw)
    assert report.findings == ()
    assert (report.format, report.width, report.valid) == (name, f.width, True)
    lots = len(f.lots) if isinstance(f, LotFile) else 0
    assert report.summary == pse_recon.Summary(lots, len(f.details), f.total)


@pytest.mark.parametrize(("name", "width"), SHAPES)
@SETTINGS
@given(data=st.data())
def test_crlf_files_get_one_warning(name: str, width: int | None, data: st.DataObject) -> None:
    raw = pse_recon.dumps(data.draw(files(name, width, newline="\r\n")))
    report = pse_recon.validate(raw)
    assert [(f.code, f.line) for f in report.findings] == [("PR006", 1)]
    assert report.valid and not pse_recon.validate(raw, strict=True).valid


@pytest.mark.parametrize(("name", "width"), SHAPES)
@SETTINGS
@given(data=st.data())
def test_cut_or_mangled_files_never_raise(name: str, width: int | None, data: st.DataObject) -> None:
    raw = bytearray(pse_recon.dumps(data.draw(files(name, width))))
    cut = data.draw(st.integers(0, len(raw)))
    for _ in range(data.draw(st.integers(0, 4))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    for fmt in (None, name):
        report = pse_recon.validate(bytes(raw[:cut]), fmt)
        lines = [f.line for f in report.findings]
        assert lines == sorted(lines)
        assert all(f.message for f in report.findings)
        assert report.summary.total >= Decimal(0)


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=2000), fmt=st.sampled_from([None, *pse_recon.FORMATS]))
def test_any_bytes_never_raise(raw: bytes, fmt: str | None) -> None:
    try:
        report = pse_recon.validate(raw, fmt)
    except pse_recon.ArchiveError:  # compressed data that does not unpack: refused, as read does
        assert signature(raw) is not None
        with pytest.raises(pse_recon.ArchiveError):
            pse_recon.read(raw, fmt)
        return
    assert report.valid is (not report.errors and not report.left_out_errors)
